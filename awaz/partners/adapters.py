"""django-allauth adapter: staff join by invitation only; nobody signs up.

Audit records are written from the adapter's hooks, not from allauth's signals (Awaz keeps
logic out of signals, see STYLE.md): ``login`` runs once every sign-in step is done
(password and, when set up, the authenticator code), so that is where ``USER_SIGNED_IN``
is recorded.

allauth 65 asks for the password again before any change to multi-factor authentication,
and counts only a separate "confirm it is you" step, not the sign-in itself. A person who
has just signed in would have to type their password twice to set up their app; here a
sign-in within ``ACCOUNT_REAUTHENTICATION_TIMEOUT`` (5 minutes) counts as confirmation.

Failed sign-ins are limited three ways, so guessing is stopped but one office address is
not a denial of service for everyone behind it: per account and per address (allauth's
``login_failed`` rate limit, ``ACCOUNT_RATE_LIMITS``: loose per account, a high ceiling per
address) and, here, tightly per address and account together
(``AWAZ_SIGN_IN_FAILURES_PER_ADDRESS_AND_ACCOUNT``).
"""

from __future__ import annotations

import time
from typing import Any

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records
from allauth.core import context
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest
from django.urls import reverse

from awaz.core.crypto import blind_index
from awaz.core.models import User
from awaz.core.throttle import Counter, throttle_address, throttle_exceeded, throttle_hit
from awaz.partners.models import Role
from awaz.partners.selectors import membership_for_user
from awaz.partners.services import user_sign_in_record


class StaffAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        """Refuse before the password is checked once this address has failed too often
        for this account; then allauth's own per-account and per-address limits."""
        if throttle_exceeded(self._address_and_account(request, credentials)):
            raise self.validation_error("too_many_login_attempts")
        super().pre_authenticate(request, **credentials)

    def authentication_failed(self, request: HttpRequest, **credentials: Any) -> None:
        super().authentication_failed(request, **credentials)
        throttle_hit(self._address_and_account(request, credentials))

    def _address_and_account(
        self, request: HttpRequest, credentials: dict[str, Any]
    ) -> list[Counter]:
        """The counter for this address and the account typed (a keyed hash of both, so
        the cache holds neither the address nor the e-mail address)."""
        limit, window = settings.AWAZ_SIGN_IN_FAILURES_PER_ADDRESS_AND_ACCOUNT
        address = throttle_address(self.get_client_ip(request))
        account = str(credentials.get("email") or credentials.get("username") or "").lower()
        key = blind_index("throttle-sign-in", f"{address}\0{account}")
        return [Counter(f"awaz:sign-in:failed:{key}", limit, window)]

    def login(self, request: HttpRequest, user: AbstractBaseUser) -> None:
        super().login(request, user)
        assert isinstance(user, User)  # nosec: AUTH_USER_MODEL is core.User
        methods = [
            str(record.get("method", ""))
            for record in get_authentication_records(request, user)
            if record.get("method")
        ]
        user_sign_in_record(user=user, methods=methods)

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        """Staff go to ``LOGIN_REDIRECT_URL`` (their home, which sends caseworkers to the
        triage inbox); administrators, who see
        no reports, to the staff list; an account with no organisation (a Django superuser
        for technical administration) can use only the Django admin."""
        user = request.user
        membership = membership_for_user(user)
        if membership is None and user.is_staff:
            return reverse("admin:index")
        if membership is not None and membership.role == Role.ADMINISTRATOR:
            return reverse("partners:staff_list")
        return super().get_login_redirect_url(request)

    def is_reauthentication_required(self, *, app: str, **kwargs: Any) -> bool:
        required: bool = super().is_reauthentication_required(app=app, **kwargs)
        return required and not _signed_in_recently(context.request)


def _signed_in_recently(request: HttpRequest | None) -> bool:
    """Whether this session's user proved who they are (with their password) in the last
    ``ACCOUNT_REAUTHENTICATION_TIMEOUT`` seconds."""
    if request is None or not request.user.is_authenticated:
        return False
    cutoff = time.time() - account_settings.REAUTHENTICATION_TIMEOUT
    return any(
        record.get("method") == "password" and float(record.get("at", 0)) >= cutoff
        for record in get_authentication_records(request, request.user)
    )
