"""Invitations: the only way a person gets a staff account with their own password.

The token is never stored or logged: an invitation keeps only its SHA-256. The e-mail
with the link is sent once the transaction has committed.
"""

import secrets
from datetime import timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awaz.audit.events import AuditEventType
from awaz.audit.services import Actor, audit_record
from awaz.core.exceptions import ApplicationError, ConflictError
from awaz.core.models import User
from awaz.partners.access import require
from awaz.partners.models import (
    Invitation,
    Organisation,
    Role,
)
from awaz.partners.selectors import invitation_token_hash, user_by_email
from awaz.partners.services.accounts import (
    MESSAGE_ACCOUNT_EXISTS,
    MESSAGE_NAME_REQUIRED,
    actor_for,
    password_check,
    role_parse,
    staff_email_normalise,
    user_with_membership_create,
)

INVITATION_LIFETIME = timedelta(days=7)

MESSAGE_INVITATION_INVALID = _(
    "This invitation link has expired or has already been used. Ask your administrator "
    "for a new one."
)
MESSAGE_ORGANISATION_INACTIVE = _("This organisation has left the partnership.")


class InvitationInvalid(ApplicationError):
    """Unknown, used or expired: one answer for all three."""

    default_message = MESSAGE_INVITATION_INVALID


# Invitations -----------------------------------------------------------------------------


def _send_invitation_email(
    *, email: str, accept_url: str, organisation_name: str, role_label: str, expires_at: Any
) -> None:
    context = {
        "accept_url": accept_url,
        "organisation_name": organisation_name,
        "role_label": role_label,
        "expires_at": expires_at,
        "service_name": settings.AWAZ_SERVICE_NAME,
        "partnership_name": settings.AWAZ_PARTNERSHIP_NAME,
    }
    subject = render_to_string("partners/email/invitation_subject.txt", context)
    message = render_to_string("partners/email/invitation_message.txt", context)
    send_mail(" ".join(subject.split()), message, None, [email])


@transaction.atomic(durable=True)
def staff_invite(
    *,
    email: str,
    organisation: Organisation,
    role: Role | str,
    actor: User,
    base_url: str = "",
) -> tuple[Invitation, str]:
    """Invite someone to join ``organisation`` with ``role``. Returns the invitation and
    its token; only the token's SHA-256 is stored. The e-mail with the link (``base_url``
    + the accept path) is sent once the transaction commits. An earlier pending invitation
    to the same address stops working."""
    require(actor, "staff.invite")
    email = staff_email_normalise(email)
    role = role_parse(role)
    if not organisation.is_active:
        raise ApplicationError(MESSAGE_ORGANISATION_INACTIVE, extra={"field": "organisation"})
    if user_by_email(email) is not None:
        raise ConflictError(MESSAGE_ACCOUNT_EXISTS, extra={"field": "email"})
    now = timezone.now()
    Invitation.objects.filter(email=email, accepted_at__isnull=True, expires_at__gt=now).update(
        expires_at=now, modified_at=now, modified_by=actor
    )
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        email=email,
        organisation=organisation,
        role=role,
        token_hash=invitation_token_hash(token),
        expires_at=now + INVITATION_LIFETIME,
        created_by=actor,
        modified_by=actor,
    )
    audit_record(
        event_type=AuditEventType.USER_INVITED,
        actor=actor_for(actor),
        target_type="partners.invitation",
        target_id=invitation.pk,
        details={"organisation_id": organisation.pk, "role": role.value},
    )
    accept_url = base_url.rstrip("/") + reverse("partners:invitation_accept", args=[token])
    transaction.on_commit(
        partial(
            _send_invitation_email,
            email=email,
            accept_url=accept_url,
            organisation_name=organisation.name,
            role_label=str(role.label),
            expires_at=invitation.expires_at,
        )
    )
    return invitation, token


@transaction.atomic(durable=True)
def invitation_accept(*, token: str, full_name: str, password: str) -> User:
    """Turn a valid invitation into an account with the invited role. The link works once
    and for ``INVITATION_LIFETIME``; unknown, used and expired tokens get the same error."""
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("organisation", "created_by")
        .filter(token_hash=invitation_token_hash(token))
        .first()
    )
    now = timezone.now()
    if invitation is None or invitation.accepted_at is not None or invitation.expires_at <= now:
        raise InvitationInvalid()
    full_name = " ".join(full_name.split())
    if not full_name:
        raise ApplicationError(MESSAGE_NAME_REQUIRED, extra={"field": "full_name"})
    password_check(password, email=invitation.email, full_name=full_name)
    user = user_with_membership_create(
        email=invitation.email,
        full_name=full_name,
        password=password,
        organisation=invitation.organisation,
        role=Role(invitation.role),
        created_by=invitation.created_by,
    )
    invitation.accepted_at = now
    invitation.modified_by = user
    invitation.save(update_fields=["accepted_at", "modified_at", "modified_by"])
    audit_record(
        event_type=AuditEventType.USER_INVITATION_ACCEPTED,
        actor=Actor(user=user, organisation=invitation.organisation),
        target_type="core.user",
        target_id=user.pk,
        details={"invitation_id": invitation.pk, "role": invitation.role},
    )
    return user
