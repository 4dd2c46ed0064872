"""Who may use the patterns pages: one table from action to roles. An unmapped action raises,
so a new view is closed until someone decides.

The dashboard shows counts, rates and 50 m grid squares, never a person. The incident export
adds personal columns (the account, where it happened in words, the contact name, and the
contact e-mail and phone where the reporter agrees to be contacted by the receiving
organisation) only for roles in ``patterns.export_personal`` (partner caseworkers), and even
then only for reports their organisation received or whose case it leads.
"""

from __future__ import annotations

from typing import Any

from awaz.core.exceptions import PermissionDenied
from awaz.partners.models import Role
from awaz.partners.selectors import membership_for_user

ACTION_ROLES: dict[str, frozenset[Role]] = {
    # Open the patterns dashboard: counts, charts, map, areas of concern, hot spots.
    "patterns.view": frozenset({Role.ANALYST, Role.CHAIR, Role.PCC_OFFICE}),
    # The dashboard's list of the busiest repeat places (50 m grid squares, no person).
    "patterns.repeat_places": frozenset({Role.ANALYST, Role.CHAIR}),
    # Run a near-repeat analysis (a background job).
    "patterns.near_repeat": frozenset({Role.ANALYST, Role.CHAIR}),
    # Download the filtered incident list (no personal data unless the next rule allows).
    "patterns.export": frozenset({Role.ANALYST, Role.CHAIR, Role.PARTNER_CASEWORKER}),
    # Personal columns in the export, only for the reports the user may open anyway (their
    # organisation received the report or leads its case). Analysts and the chair work
    # with counts and never see personal data.
    "patterns.export_personal": frozenset({Role.PARTNER_CASEWORKER}),
    # Import boundaries, postcodes and population (also possible from the admin).
    "geography.import": frozenset({Role.ADMINISTRATOR}),
}


def user_can(user: Any, action: str) -> bool:
    if action not in ACTION_ROLES:
        raise KeyError(f"unmapped action {action!r}: add it to patterns.access.ACTION_ROLES")
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    membership = membership_for_user(user)
    return membership is not None and Role(membership.role) in ACTION_ROLES[action]


def require(user: Any, action: str) -> None:
    if not user_can(user, action):
        raise PermissionDenied()
