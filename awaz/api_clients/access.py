"""Who may manage API clients: one table from action to roles (an unmapped action raises,
so a new view is closed until someone decides). Only an organisation's administrators
make and revoke its clients; a client itself is authorised by its token's scopes."""

from __future__ import annotations

from typing import Any

from awaz.core.exceptions import PermissionDenied
from awaz.partners.models import Organisation, Role
from awaz.partners.selectors import membership_for_user

ACTION_ROLES: dict[str, frozenset[Role]] = {
    # List, add and revoke the organisation's API clients.
    "api_client.manage": frozenset({Role.ADMINISTRATOR}),
}


def user_can(user: Any, action: str) -> bool:
    if action not in ACTION_ROLES:
        raise KeyError(f"unmapped action {action!r}: add it to api_clients.access.ACTION_ROLES")
    membership = membership_for_user(user)
    return membership is not None and Role(membership.role) in ACTION_ROLES[action]


def organisation_for(user: Any, action: str) -> Organisation:
    """The organisation ``user`` may do ``action`` for; PermissionDenied otherwise."""
    if not user_can(user, action):
        raise PermissionDenied()
    membership = membership_for_user(user)
    assert membership is not None
    return membership.organisation
