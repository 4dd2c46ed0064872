"""Reading organisations and staff."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from awaz.partners.models import Membership, Organisation, OrganisationKind, Role


def membership_for_user(user: Any) -> Membership | None:
    """The active user's membership, or None (anonymous, inactive, or no organisation)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    try:
        return user.membership  # type: ignore[no-any-return]
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
