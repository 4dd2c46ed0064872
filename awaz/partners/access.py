"""Who may manage staff and organisations: one table from action to roles. An unmapped
action raises, so a new view is closed until someone decides.

Only administrators manage staff. An administrator is a technical role: they invite,
change and deactivate users and look after organisations, but no table in any app gives
them access to reports or other personal data. A Django superuser (who has no
membership) may do the same, so a fresh installation can invite its first administrator.
"""

from __future__ import annotations

from typing import Any

from awaz.core.exceptions import PermissionDenied
from awaz.partners.models import Role
from awaz.partners.selectors import membership_for_user

ACTION_ROLES: dict[str, frozenset[Role]] = {
    # See the list of staff, their roles, MFA status and pending invitations.
    "staff.view": frozenset({Role.ADMINISTRATOR}),
    # Invite a new member of staff to an organisation with a role.
    "staff.invite": frozenset({Role.ADMINISTRATOR}),
    # Mark a member of staff as a leaver (ends their sessions).
    "staff.deactivate": frozenset({Role.ADMINISTRATOR}),
    # Change a member of staff's role.
    "staff.change_role": frozenset({Role.ADMINISTRATOR}),
    # Add organisations to the partnership.
    "organisation.manage": frozenset({Role.ADMINISTRATOR}),
}


def user_can(user: Any, action: str) -> bool:
    if action not in ACTION_ROLES:
        raise KeyError(f"unmapped action {action!r}: add it to partners.access.ACTION_ROLES")
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    membership = membership_for_user(user)
    return membership is not None and Role(membership.role) in ACTION_ROLES[action]


def require(user: Any, action: str) -> None:
    if not user_can(user, action):
        raise PermissionDenied()
