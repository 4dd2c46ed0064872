"""Staff requests: multi-factor authentication, and refused access in the audit log.

``StaffAccessMiddleware``: when ``AWAZ_MFA_REQUIRED`` is on (always in production and
tests), a signed-in user who must use MFA (every role in ``MFA_ROLES``, and anyone who can
open the Django admin) and has no authenticator app yet can open only the pages needed to
set one up or to sign out; every other request is sent to the set-up page. Anonymous
visitors and users who already have an authenticator are not affected. allauth itself asks
for the code at each sign-in once an authenticator exists.

``AccessDeniedAuditMiddleware`` records every ``NotFound`` an ``access_*`` helper raises
for a signed-in user (``ACCESS_DENIED``, rate-limited per user), then lets
``awaz.core.middleware.ApplicationErrorMiddleware`` turn it into the ordinary 404 page, so
the person refused sees exactly what a missing record shows. It must come after that
middleware in ``MIDDLEWARE`` (exceptions pass through middleware in reverse order).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve

from awaz.core.exceptions import NotFound
from awaz.partners.selectors import user_needs_mfa_setup
from awaz.partners.services import access_denied_audit

# URL names a user without MFA may still open: the set-up page itself, the password
# confirmation allauth may ask for before it, and signing out. (Once the app is set up the
# user has MFA, so the recovery codes page allauth shows next is no longer restricted.)
MFA_SETUP_ALLOWED = frozenset(
    {
        "mfa_activate_totp",
        "account_reauthenticate",
        "account_logout",
    }
)


class StaffAccessMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._needs_mfa_setup(request):
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _needs_mfa_setup(request: HttpRequest) -> bool:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return False
        try:
            url_name = resolve(request.path_info).url_name
        except Resolver404:
            url_name = None
        if url_name in MFA_SETUP_ALLOWED:
            return False
        return user_needs_mfa_setup(user)


class AccessDeniedAuditMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        if isinstance(exception, NotFound):
            access_denied_audit(request=request, exception=exception)
