"""Multi-factor authentication for staff.

When ``AWAZ_MFA_REQUIRED`` is on (always in production), a signed-in user whose role must
use MFA and who has no TOTP authenticator yet is sent to set one up before anything else.
allauth itself asks for the code at each sign-in once an authenticator exists.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from awaz.partners.models import Role
from awaz.partners.roles import MFA_ROLES
from awaz.partners.selectors import membership_for_user

# Pages a user without MFA may still open: setting up MFA, signing out, static files.
_ALLOWED_PREFIXES = ("/accounts/", "/static/", "/api/health")


class StaffAccessMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._needs_mfa_setup(request):
            return redirect(reverse("mfa_activate_totp") + "?next=" + request.path)
        return self.get_response(request)

    @staticmethod
    def _needs_mfa_setup(request: HttpRequest) -> bool:
        if not settings.AWAZ_MFA_REQUIRED or request.path.startswith(_ALLOWED_PREFIXES):
            return False
        user = getattr(request, "user", None)
        membership = membership_for_user(user)
        if membership is None or Role(membership.role) not in MFA_ROLES:
            return False
        from allauth.mfa.models import Authenticator

        return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
