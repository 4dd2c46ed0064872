"""Changing organisations and staff. Split by subject; import from here."""

from awaz.partners.services.accounts import (
    PasswordRejected,
    actor_for,
    membership_change,
    organisation_create,
    staff_create,
    staff_deactivate,
    user_mfa_change_record,
    user_sign_in_record,
)
from awaz.partners.services.denials import access_denied_audit
from awaz.partners.services.invitations import (
    INVITATION_LIFETIME,
    InvitationInvalid,
    invitation_accept,
    staff_invite,
)

__all__ = [
    "INVITATION_LIFETIME",
    "InvitationInvalid",
    "PasswordRejected",
    "access_denied_audit",
    "actor_for",
    "invitation_accept",
    "membership_change",
    "organisation_create",
    "staff_create",
    "staff_deactivate",
    "staff_invite",
    "user_mfa_change_record",
    "user_sign_in_record",
]
