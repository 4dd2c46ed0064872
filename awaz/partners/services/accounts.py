"""Accounts, organisations, roles and leavers, and the sign-in and MFA audit records.

Every entry service is keyword-only, checks the actor's permission (``partners.access``)
and writes its audit row in its own transaction.
"""

from importlib import import_module

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import SESSION_KEY, password_validation
from django.contrib.auth.models import Permission
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awaz.audit.events import AuditEventType
from awaz.audit.services import PUBLIC, Actor, audit_record
from awaz.core.exceptions import ApplicationError, ConflictError, NotFound, PermissionDenied
from awaz.core.models import User
from awaz.partners.access import require
from awaz.partners.models import (
    LeaverReason,
    Membership,
    Organisation,
    OrganisationKind,
    Role,
)
from awaz.partners.roles import ADMIN_SITE_PERMISSIONS
from awaz.partners.selectors import membership_for_user, user_by_email

MESSAGE_ACCOUNT_EXISTS = _("There is already an account with this e-mail address.")
MESSAGE_EMAIL_INVALID = _("Enter an e-mail address in the correct format, like name@example.org")
MESSAGE_NAME_REQUIRED = _("Enter your full name")
MESSAGE_ORGANISATION_EXISTS = _("There is already an organisation with this name.")
MESSAGE_ORGANISATION_NAME_REQUIRED = _("Enter the organisation's name")
MESSAGE_KIND_INVALID = _("Select the kind of organisation")
MESSAGE_ROLE_INVALID = _("Select a role")
MESSAGE_REASON_INVALID = _("Select why this account is being deactivated")
MESSAGE_DEACTIVATE_SELF = _("You cannot deactivate your own account.")
MESSAGE_ALREADY_DEACTIVATED = _("This account has already been deactivated.")


class PasswordRejected(ApplicationError):
    """The password failed a validator; ``extra["messages"]`` lists why."""


def actor_for(user: User | None) -> Actor:
    """The audit actor for a staff user: the user and the organisation they act for."""
    if user is None:
        return PUBLIC
    membership = membership_for_user(user)
    return Actor(user=user, organisation=membership.organisation if membership else None)


def staff_email_normalise(email: str) -> str:
    email = User.objects.normalize_email(email.strip()).lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ApplicationError(MESSAGE_EMAIL_INVALID, extra={"field": "email"}) from exc
    return email


def role_parse(role: Role | str) -> Role:
    try:
        return Role(role)
    except ValueError as exc:
        raise ApplicationError(MESSAGE_ROLE_INVALID, extra={"field": "role"}) from exc


def password_check(password: str, *, email: str, full_name: str) -> None:
    try:
        password_validation.validate_password(password, user=User(email=email, full_name=full_name))
    except ValidationError as exc:
        raise PasswordRejected(
            " ".join(exc.messages), extra={"field": "password", "messages": exc.messages}
        ) from exc


# Organisations ---------------------------------------------------------------------------


@transaction.atomic(durable=True)
def organisation_create(
    *,
    name: str,
    kind: OrganisationKind | str,
    is_demo: bool = False,
    actor: User | None,
) -> Organisation:
    """Add a partner organisation. ``actor`` None means the system (the demo seed)."""
    if actor is not None:
        require(actor, "organisation.manage")
    name = " ".join(name.split())
    if not name:
        raise ApplicationError(MESSAGE_ORGANISATION_NAME_REQUIRED, extra={"field": "name"})
    if kind not in OrganisationKind.values:
        raise ApplicationError(MESSAGE_KIND_INVALID, extra={"field": "kind"})
    if Organisation.objects.filter(name__iexact=name).exists():
        raise ConflictError(MESSAGE_ORGANISATION_EXISTS, extra={"field": "name"})
    organisation = Organisation.objects.create(
        name=name,
        kind=OrganisationKind(kind),
        is_demo=is_demo,
        created_by=actor,
        modified_by=actor,
    )
    audit_record(
        event_type=AuditEventType.ORGANISATION_CREATED,
        actor=actor_for(actor),
        target_type="partners.organisation",
        target_id=organisation.pk,
        details={"kind": organisation.kind, "is_demo": is_demo},
    )
    return organisation


# Accounts --------------------------------------------------------------------------------


def _admin_site_permissions() -> list[Permission]:
    wanted = Q(pk__in=[])
    for name in ADMIN_SITE_PERMISSIONS:
        app_label, codename = name.split(".")
        wanted |= Q(content_type__app_label=app_label, codename=codename)
    return list(Permission.objects.filter(wanted))


@transaction.atomic
def admin_site_access_sync(*, user: User, role: Role) -> None:
    """Keep the user's Django admin access in step with their role: an administrator is
    ``is_staff`` with ``ADMIN_SITE_PERMISSIONS`` (so the boundary import the README
    describes works); any other role has neither. A superuser keeps its own flags."""
    permissions = _admin_site_permissions()
    if role == Role.ADMINISTRATOR:
        if not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
        user.user_permissions.add(*permissions)
        return
    if user.is_superuser:
        return
    if user.is_staff:
        user.is_staff = False
        user.save(update_fields=["is_staff"])
    user.user_permissions.remove(*permissions)


def user_with_membership_create(
    *,
    email: str,
    full_name: str,
    password: str | None,
    organisation: Organisation,
    role: Role,
    created_by: User | None,
) -> User:
    """The user, their (verified) e-mail address for allauth, and their membership.

    The address counts as verified: an invitation proves the person reads that mailbox, and
    an account made by an administrator or the seed is vouched for. allauth will not let a
    user with an unverified address add an authenticator app.
    """
    if user_by_email(email) is not None:
        raise ConflictError(MESSAGE_ACCOUNT_EXISTS, extra={"field": "email"})
    user = User.objects.create_user(email, password, full_name=full_name)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    Membership.objects.create(
        user=user,
        organisation=organisation,
        role=role,
        created_by=created_by,
        modified_by=created_by,
    )
    admin_site_access_sync(user=user, role=role)
    return user


@transaction.atomic(durable=True)
def staff_create(
    *,
    email: str,
    full_name: str,
    organisation: Organisation,
    role: Role | str,
    password: str | None = None,
    actor: User | None,
) -> User:
    """Make a staff account directly (the demo seed, a setup command). People are normally
    invited instead, so they choose their own password. Without ``password`` the account
    has none until its owner resets it. ``actor`` None means the system."""
    if actor is not None:
        require(actor, "staff.invite")
    email = staff_email_normalise(email)
    full_name = " ".join(full_name.split())
    if not full_name:
        raise ApplicationError(MESSAGE_NAME_REQUIRED, extra={"field": "full_name"})
    role = role_parse(role)
    if password is not None:
        password_check(password, email=email, full_name=full_name)
    user = user_with_membership_create(
        email=email,
        full_name=full_name,
        password=password,
        organisation=organisation,
        role=role,
        created_by=actor,
    )
    audit_record(
        event_type=AuditEventType.USER_CREATED,
        actor=actor_for(actor),
        target_type="core.user",
        target_id=user.pk,
        details={"organisation_id": organisation.pk, "role": role.value},
    )
    return user


# Roles and leavers -----------------------------------------------------------------------


@transaction.atomic(durable=True)
def membership_change(*, user: User, role: Role | str, actor: User) -> Membership:
    """Give a member of staff another role in their organisation."""
    require(actor, "staff.change_role")
    role = role_parse(role)
    membership = Membership.objects.select_for_update().filter(user_id=user.pk).first()
    if membership is None:
        raise NotFound()
    previous = membership.role
    if previous == role:
        return membership
    membership.role = role
    membership.modified_by = actor
    membership.save(update_fields=["role", "modified_at", "modified_by"])
    admin_site_access_sync(user=user, role=role)
    audit_record(
        event_type=AuditEventType.MEMBERSHIP_CHANGED,
        actor=actor_for(actor),
        target_type="partners.membership",
        target_id=membership.pk,
        details={"user_id": user.pk, "from": previous, "to": role.value},
    )
    return membership


def _sessions_end(user: User) -> int:
    """End every session of ``user``: the ones allauth tracks (``UserSession``), then any
    other row in the session table that belongs to them (e.g. the Django admin's sign-in).
    Returns how many were ended."""
    from allauth.usersessions.models import UserSession

    ended = 0
    for user_session in UserSession.objects.filter(user_id=user.pk):
        user_session.end()
        ended += 1
    engine = import_module(settings.SESSION_ENGINE)
    if settings.SESSION_ENGINE.endswith((".db", ".cached_db")):
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
            if session.get_decoded().get(SESSION_KEY) == str(user.pk):
                engine.SessionStore(session_key=session.session_key).delete()
                ended += 1
    return ended


@transaction.atomic(durable=True)
def staff_deactivate(*, user: User, actor: User, reason: LeaverReason | str) -> User:
    """Mark a leaver: they can no longer sign in, and every session they have ends now.
    Their membership stays, so history still says who did what."""
    require(actor, "staff.deactivate")
    if user.pk == actor.pk:
        raise ApplicationError(MESSAGE_DEACTIVATE_SELF)
    try:
        reason = LeaverReason(reason)
    except ValueError as exc:
        raise ApplicationError(MESSAGE_REASON_INVALID, extra={"field": "reason"}) from exc
    leaver = User.objects.select_for_update().get(pk=user.pk)
    if leaver.is_superuser and not actor.is_superuser:
        raise PermissionDenied()
    if not leaver.is_active:
        raise ConflictError(MESSAGE_ALREADY_DEACTIVATED)
    leaver.is_active = False
    leaver.deactivated_at = timezone.now()
    leaver.save(update_fields=["is_active", "deactivated_at"])
    sessions_ended = _sessions_end(leaver)
    audit_record(
        event_type=AuditEventType.USER_DEACTIVATED,
        actor=actor_for(actor),
        target_type="core.user",
        target_id=leaver.pk,
        details={"reason": reason.value, "sessions_ended": sessions_ended},
    )
    return leaver


# Sign-in and multi-factor authentication records ----------------------------------------


@transaction.atomic(durable=True)
def user_sign_in_record(*, user: User, methods: list[str]) -> None:
    """Record a completed sign-in (after every step, MFA included) with how it was made
    (``password``, ``mfa``), called by the account adapter."""
    audit_record(
        event_type=AuditEventType.USER_SIGNED_IN,
        actor=actor_for(user),
        target_type="core.user",
        target_id=user.pk,
        details={"methods": sorted(set(methods))},
    )


def user_mfa_change_record(*, user: User, enabled: bool, authenticator_type: str) -> None:
    """Record that a user set up or removed an authenticator. Called inside the
    transaction that made the change (see ``partners.views.mfa``)."""
    with transaction.atomic():
        audit_record(
            event_type=(
                AuditEventType.USER_MFA_ENABLED if enabled else AuditEventType.USER_MFA_DISABLED
            ),
            actor=actor_for(user),
            target_type="core.user",
            target_id=user.pk,
            details={"type": authenticator_type},
        )
