"""Who may see and do what with cases: one table from action to roles (an unmapped action
raises), and fetch-and-authorise helpers that give the same ``NotFound`` for "missing" and
"not yours".

An organisation sees a case it leads, or one referred to it (pending or accepted: a pending
referral shows only what consent covers, so the receiver can decide). Consent is checked
again at the moment of every share (``awaz.reporting.selectors.consent_allows``).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from awaz.cases.models import Case, ReferralStatus
from awaz.core.exceptions import NotFound, PermissionDenied
from awaz.partners.models import Role
from awaz.partners.selectors import membership_for_user

CASEWORKERS = frozenset({Role.CENTRE_CASEWORKER, Role.PARTNER_CASEWORKER})

ACTION_ROLES: dict[str, frozenset[Role]] = {
    "case.view": CASEWORKERS,  # cases led by or referred to one's organisation
    "case.triage": CASEWORKERS,  # claim, make a case, link, close a report
    "case.edit": CASEWORKERS,  # notes, status, classification, strands, outcome
    "case.refer": CASEWORKERS,  # send and answer referrals
    "case.message": CASEWORKERS,  # write to the reporter
    "case.consent": CASEWORKERS,  # record consent given by phone or in person
    "case.risk": CASEWORKERS,  # risk assessments and case reviews
    "task.view": CASEWORKERS,
    "task.edit": CASEWORKERS,
    # Configuration without a deploy: classifications and time limits.
    "rules.manage": frozenset({Role.ADMINISTRATOR}),
    # Counts and timer breaches by organisation (no personal data).
    "timers.overview": frozenset({Role.CHAIR, Role.ANALYST, Role.PCC_OFFICE}) | CASEWORKERS,
}


def user_can(user: Any, action: str) -> bool:
    if action not in ACTION_ROLES:
        raise KeyError(f"unmapped action {action!r}: add it to cases.access.ACTION_ROLES")
    membership = membership_for_user(user)
    return membership is not None and Role(membership.role) in ACTION_ROLES[action]


def require(user: Any, action: str) -> None:
    if not user_can(user, action):
        raise PermissionDenied()


def cases_visible_to(user: Any) -> QuerySet[Case]:
    """Cases the user's organisation leads or has a live referral for; none otherwise."""
    membership = membership_for_user(user)
    if membership is None or not user_can(user, "case.view"):
        return Case.objects.none()
    org_id = membership.organisation_id
    return Case.objects.filter(
        Q(lead_organisation_id=org_id)
        | Q(
            referrals__to_organisation_id=org_id,
            referrals__status__in=[ReferralStatus.PENDING, ReferralStatus.ACCEPTED],
        )
    ).distinct()


def access_case_by_id(user: Any, case_id: int) -> Case:
    case = cases_visible_to(user).filter(pk=case_id).first()
    if case is None:
        raise NotFound(target_type="cases.case", target_id=case_id)
    return case


def is_lead(user: Any, case: Case) -> bool:
    membership = membership_for_user(user)
    return membership is not None and membership.organisation_id == case.lead_organisation_id
