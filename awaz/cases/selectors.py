"""Reading cases. Lists go through ``access.cases_visible_to`` (and, for reports,
``reporting.access.reports_visible_to``), so a list never shows what a detail page refuses.

Other modules may append their selectors below, each in its own block.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from awaz.cases.access import cases_visible_to
from awaz.cases.models import (
    Case,
    CaseEvent,
    CaseReport,
    Classification,
    EventKind,
    ReferralStatus,
    ThresholdDecision,
    TriageRecord,
)
from awaz.partners.models import Membership, OrganisationKind, Role
from awaz.partners.selectors import membership_for_user
from awaz.reporting.access import reports_visible_to
from awaz.reporting.models import Report, Strand

# Triage and cases (helper: triage, case page, classification, search) ------------------

CASEWORKER_ROLES = (Role.CENTRE_CASEWORKER, Role.PARTNER_CASEWORKER)


def colleagues_for(*, user: Any) -> QuerySet[Membership]:
    """Active caseworkers of the user's organisation (who a report or case can go to)."""
    membership = membership_for_user(user)
    if membership is None:
        return Membership.objects.none()
    return (
        Membership.objects.filter(
            organisation_id=membership.organisation_id,
            role__in=CASEWORKER_ROLES,
            user__is_active=True,
        )
        .select_related("user")
        .order_by("user__full_name", "user_id")
    )


def triage_record_for(*, report: Report) -> TriageRecord | None:
    return TriageRecord.objects.select_related("claimed_by", "case").filter(report=report).first()


def triage_untriaged_reports(*, user: Any) -> QuerySet[Report]:
    """Reports the user may see that nobody has decided on yet, oldest first (bulk triage).

    Each row carries ``claimed_by_name`` (empty when unclaimed). No encrypted column is read.
    """
    decided = TriageRecord.objects.filter(report=OuterRef("pk")).exclude(decision="")
    claim = TriageRecord.objects.filter(report=OuterRef("pk"))
    return (
        reports_visible_to(user)
        .exclude(Exists(decided))
        .exclude(status="closed")
        .annotate(
            claimed_by_name=claim.values("claimed_by__full_name")[:1],
            claimed_at=claim.values("claimed_at")[:1],
        )
        .only("id", "reference", "submitted_at", "status", "area__name", "strand_not_sure")
        .select_related("area")
        .prefetch_related(Prefetch("strands", queryset=Strand.objects.order_by("sort_order")))
        .order_by("submitted_at", "id")
    )


def cases_led_by_user_org(*, user: Any) -> QuerySet[Case]:
    """Cases the user's organisation leads (a report can only join one of these)."""
    membership = membership_for_user(user)
    if membership is None:
        return Case.objects.none()
    return cases_visible_to(user).filter(lead_organisation_id=membership.organisation_id)


def case_link_options(*, user: Any, reference: str = "") -> QuerySet[Case]:
    """Open cases a report may be linked to, newest first, narrowed by a reference typed in
    part or whole (``CS-7KQ4`` finds ``CS-7KQ4-2M9X``)."""
    qs = cases_led_by_user_org(user=user).exclude(status="closed")
    typed = reference.strip().upper()
    if typed:
        qs = qs.filter(reference__icontains=typed)
    return qs.select_related("owner").order_by("-opened_at", "-id")


def case_list_for_user(*, user: Any, status: str = "", owner_is_me: bool = False) -> QuerySet[Case]:
    """The case list: cases visible to the user, newest first, with what the list shows
    (lead, owner, classification) in the same query."""
    qs = cases_visible_to(user)
    if status:
        qs = qs.filter(status=status)
    if owner_is_me:
        qs = qs.filter(owner_id=user.pk)
    return qs.select_related("lead_organisation", "owner", "classification").order_by(
        "-opened_at", "-id"
    )


def case_reports(*, case: Case) -> list[CaseReport]:
    """The reports in a case, the primary first, with their strands (the reporter's own)."""
    return list(
        CaseReport.objects.filter(case=case)
        .select_related("report")
        .prefetch_related(
            Prefetch("report__strands", queryset=Strand.objects.order_by("sort_order"))
        )
        .order_by("-is_primary", "linked_at", "id")
    )


def case_timeline(*, case: Case) -> list[CaseEvent]:
    """Everything that happened on the case, newest first, with who made each entry."""
    return list(
        CaseEvent.objects.filter(case=case)
        .select_related("created_by", "organisation")
        .order_by("-occurred_at", "-id")
    )


def case_staff_strands(*, case: Case) -> list[Strand]:
    return list(case.staff_strands.order_by("sort_order", "name"))


def case_date(case: Case) -> datetime.date:
    """The date a case's rules are read for: the day it was opened, in local time."""
    return timezone.localdate(case.opened_at)


def classification_options(*, on: datetime.date) -> QuerySet[Classification]:
    """Classification versions in force on a date (effective_from <= on <= effective_to)."""
    return Classification.objects.filter(effective_from__lte=on).filter(
        Q(effective_to__isnull=True) | Q(effective_to__gte=on)
    )


def classification_options_for(*, case: Case, user: Any) -> QuerySet[Classification]:
    """What this user may choose for this case: in force on the case's date, and a police
    record only for a police organisation (a partner's record is never a police record)."""
    qs = classification_options(on=case_date(case))
    membership = membership_for_user(user)
    if membership is None or membership.organisation.kind != OrganisationKind.POLICE:
        qs = qs.filter(is_police_record=False)
    return qs.order_by("name", "-version")


def classification_versions() -> QuerySet[Classification]:
    """Every version of every classification (the rules page)."""
    return Classification.objects.order_by("code", "-version")


def subject_data_allowed(case: Case) -> bool:
    """Whether the subject's personal data may be recorded on this case: always, unless its
    classification needs a threshold decision and none that meets it is recorded for it."""
    classification = case.classification
    if classification is None or not classification.requires_threshold_decision:
        return True
    return ThresholdDecision.objects.filter(
        case=case, classification=classification, meets_threshold=True
    ).exists()


def threshold_decisions_for(*, case: Case) -> list[ThresholdDecision]:
    return list(
        ThresholdDecision.objects.filter(case=case)
        .select_related("classification", "decided_by")
        .order_by("-decided_at", "-id")
    )


def reports_searchable_by(*, user: Any, personal: bool) -> QuerySet[Report]:
    """Reports a search may find: those the user's organisation received, and those in
    cases it may see. A search by name, phone or e-mail (``personal``) only reaches into a
    case the organisation leads or holds a live, non-anonymised referral for: matching an
    anonymised case on contact details would reveal who it is about."""
    visible_cases = cases_visible_to(user)
    if personal:
        membership = membership_for_user(user)
        org_id = membership.organisation_id if membership is not None else None
        visible_cases = visible_cases.filter(
            Q(lead_organisation_id=org_id)
            | Q(
                referrals__to_organisation_id=org_id,
                referrals__status__in=[ReferralStatus.PENDING, ReferralStatus.ACCEPTED],
                referrals__is_anonymised=False,
            )
        )
    in_cases = CaseReport.objects.filter(case__in=visible_cases.values("pk")).values("report_id")
    own = reports_visible_to(user).values("pk")
    if membership_for_user(user) is None:
        return Report.objects.none()
    return Report.objects.filter(Q(pk__in=own) | Q(pk__in=in_cases))


def decisions_not_yet_told(*, case: Case) -> list[CaseEvent]:
    """DECISION entries of the case with no VICTIM_INFORMED entry yet, oldest first."""
    told = {
        event.details.get("decision_event_id")
        for event in CaseEvent.objects.filter(case=case, kind=EventKind.VICTIM_INFORMED)
    }
    return [
        event
        for event in CaseEvent.objects.filter(case=case, kind=EventKind.DECISION).order_by(
            "occurred_at", "id"
        )
        if event.pk not in told
    ]


# (other selectors below) ---------------------------------------------------------------
