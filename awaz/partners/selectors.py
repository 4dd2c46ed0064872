"""Reading organisations and staff."""

from __future__ import annotations

import hashlib
from typing import Any

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from awaz.core.exceptions import NotFound
from awaz.core.models import User
from awaz.partners.models import Invitation, Membership, Organisation, OrganisationKind, Role
from awaz.partners.roles import MFA_ROLES


def membership_for_user(user: Any) -> Membership | None:
    """The active user's membership, or None (anonymous, inactive, or no organisation)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    try:
        return user.membership
    except Membership.DoesNotExist:
        return None


def role_of(user: Any) -> Role | None:
    membership = membership_for_user(user)
    return Role(membership.role) if membership is not None else None


def organisation_list(*, kind: OrganisationKind | None = None) -> QuerySet[Organisation]:
    qs = Organisation.objects.filter(is_active=True)
    if kind is not None:
        qs = qs.filter(kind=kind)
    return qs.order_by("name")


def staff_list_for_organisation(*, organisation: Organisation) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user", "organisation")
        .order_by("user__full_name")
    )


def staff_list_all() -> QuerySet[Membership]:
    return Membership.objects.select_related("user", "organisation").order_by(
        "organisation__name", "user__full_name"
    )


def staff_list_with_status() -> QuerySet[Membership]:
    """Every membership with ``has_totp`` (an authenticator app is set up), for the staff
    page: active members first, then leavers. One query, whatever the number of staff."""
    totp = Authenticator.objects.filter(user_id=OuterRef("user_id"), type=Authenticator.Type.TOTP)
    return (
        staff_list_all()
        .annotate(has_totp=Exists(totp))
        .order_by("-user__is_active", "organisation__name", "user__full_name")
    )


def staff_member_by_user_id(user_id: int) -> Membership:
    """A member of staff by user id, or ``NotFound``."""
    found = (
        Membership.objects.select_related("user", "organisation").filter(user_id=user_id).first()
    )
    if found is None:
        raise NotFound()
    return found


def invitation_list_pending() -> QuerySet[Invitation]:
    """Invitations not yet used and not expired, newest first."""
    return (
        Invitation.objects.filter(accepted_at__isnull=True, expires_at__gt=timezone.now())
        .select_related("organisation")
        .order_by("-created_at")
    )


def invitation_token_hash(token: str) -> str:
    """Invitations store only the SHA-256 of their token (hex)."""
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_pending_by_token(token: str) -> Invitation | None:
    """The invitation this token opens, if it is still usable; None otherwise (unknown,
    used or expired look the same)."""
    if not token or len(token) > 100:
        return None
    return (
        invitation_list_pending()
        .filter(token_hash=invitation_token_hash(token))
        .select_related("organisation")
        .first()
    )


def user_has_totp(user: Any) -> bool:
    return Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).exists()


def user_must_use_mfa(user: Any) -> bool:
    """Whether this signed-in user must have an authenticator app before doing anything.

    Only when ``AWAZ_MFA_REQUIRED`` is on (always in production and tests). Then every role
    in ``MFA_ROLES`` must, and so must anyone who can use the Django admin (superusers and
    ``is_staff`` users, who usually have no membership): the admin can change anything.
    """
    if not settings.AWAZ_MFA_REQUIRED:
        return False
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or user.is_staff:
        return True
    membership = membership_for_user(user)
    return membership is not None and Role(membership.role) in MFA_ROLES


def user_needs_mfa_setup(user: Any) -> bool:
    """A user who must use MFA but has no authenticator app yet."""
    return user_must_use_mfa(user) and not user_has_totp(user)


def user_by_email(email: str) -> User | None:
    return User.objects.filter(email__iexact=email.strip()).first()
