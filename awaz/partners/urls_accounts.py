"""allauth URLs Awaz replaces. Included under ``accounts/`` before ``allauth.urls`` (see
``config/urls.py``), so these win and keep allauth's names."""

from django.urls import path

from awaz.partners.views import mfa

urlpatterns = [
    path("2fa/totp/activate/", mfa.activate_totp, name="mfa_activate_totp"),
    path("2fa/totp/deactivate/", mfa.deactivate_totp, name="mfa_deactivate_totp"),
    path("email/", mfa.email_management_closed, name="account_email"),
]
