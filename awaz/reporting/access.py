"""Who may do what with reports: one table from action to roles. An unmapped action raises,
so a new view is closed until someone decides.

At this stage only the receiving organisation sees a report (referrals and cases come with
the partnership-response work). ``access_report_by_id`` fetches and authorises at once and
raises the same ``NotFound`` whether the report is missing or not the user's.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from awaz.core.exceptions import NotFound, PermissionDenied
from awaz.partners.models import Role
from awaz.partners.selectors import membership_for_user
from awaz.reporting.models import Report

ACTION_ROLES: dict[str, frozenset[Role]] = {
    # See the triage inbox and open reports received by one's own organisation.
    "report.view_org": frozenset({Role.CENTRE_CASEWORKER, Role.PARTNER_CASEWORKER}),
    # Say one has started on a report ("Start looking at this": the reporter sees
    # "being looked at").
    "report.review": frozenset({Role.CENTRE_CASEWORKER, Role.PARTNER_CASEWORKER}),
    # Download evidence files of a report one may view.
    "report.view_evidence": frozenset({Role.CENTRE_CASEWORKER, Role.PARTNER_CASEWORKER}),
    # Record a report for someone (phone or walk-in) at a reporting centre.
    "report.record_assisted": frozenset({Role.CENTRE_CASEWORKER}),
}


def user_can(user: Any, action: str) -> bool:
    if action not in ACTION_ROLES:
        raise KeyError(f"unmapped action {action!r}: add it to reporting.access.ACTION_ROLES")
    membership = membership_for_user(user)
    return membership is not None and Role(membership.role) in ACTION_ROLES[action]


def require(user: Any, action: str) -> None:
    if not user_can(user, action):
        raise PermissionDenied()


def reports_visible_to(user: Any) -> QuerySet[Report]:
    """Reports the user may see: their organisation's received reports, or none."""
    membership = membership_for_user(user)
    if membership is None or not user_can(user, "report.view_org"):
        return Report.objects.none()
    return Report.objects.filter(receiving_organisation_id=membership.organisation_id)


def access_report_by_id(user: Any, report_id: int) -> Report:
    """The report if the user may see it; otherwise ``NotFound``, missing or not."""
    report = reports_visible_to(user).filter(pk=report_id).first()
    if report is None:
        raise NotFound(target_type="reporting.report", target_id=report_id)
    return report


def access_report_by_reference(user: Any, reference: str) -> Report:
    report = reports_visible_to(user).filter(reference=reference).first()
    if report is None:
        raise NotFound(target_type="reporting.report", target_id=reference)
    return report
