"""allauth's authenticator-app pages, wrapped so that setting up or removing an
authenticator writes its audit row in the same transaction as the change.

allauth has no adapter hook for this (only the ``authenticator_added`` and
``authenticator_removed`` signals, sent after commit), so these subclasses take the place
of allauth's views at the same URLs and names (``partners/urls_accounts.py``).
"""

from __future__ import annotations

from allauth.mfa.totp import views as totp_views
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse

from awaz.core.models import User
from awaz.partners.services import user_mfa_change_record


class ActivateTOTPView(totp_views.ActivateTOTPView):
    def form_valid(self, form: object) -> HttpResponse:
        with transaction.atomic(durable=True):
            response = super().form_valid(form)
            assert isinstance(self.request.user, User)  # nosec: allauth requires sign-in
            user_mfa_change_record(user=self.request.user, enabled=True, authenticator_type="totp")
        return response


class DeactivateTOTPView(totp_views.DeactivateTOTPView):
    def form_valid(self, form: object) -> HttpResponse:
        with transaction.atomic(durable=True):
            response = super().form_valid(form)
            assert isinstance(self.request.user, User)  # nosec: allauth requires sign-in
            user_mfa_change_record(user=self.request.user, enabled=False, authenticator_type="totp")
        return response


activate_totp = ActivateTOTPView.as_view()
deactivate_totp = DeactivateTOTPView.as_view()


def email_management_closed(request: HttpRequest) -> HttpResponse:
    """Staff do not change their own sign-in address: it is the address an administrator
    invited, and allauth would let them add unverified ones."""
    raise Http404()
