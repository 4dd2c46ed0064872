"""Cases for the timers, notifications and outcome tests, built directly (plainly fictional).

``make_case(organisation=org, code="police_crime", ...)`` returns a case with a primary
report; timeline events go through ``case_event_record`` as everywhere else.
"""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from awaz.cases.codes import new_case_reference
from awaz.cases.models import Case, CaseReport, Classification, EventKind, Referral
from awaz.cases.services.timeline import case_event_record
from awaz.partners.models import Organisation
from awaz.reporting.tests.factories import make_report

LONDON = ZoneInfo("Europe/London")
CONTACT_OK = {("contact", "receiving"): True}


def london(*args: int) -> datetime.datetime:
    """An aware datetime in Europe/London: ``london(2024, 3, 1, 18, 30)``."""
    return datetime.datetime(*args, tzinfo=LONDON)  # type: ignore[misc]


def classification(code: str) -> Classification:
    return Classification.objects.filter(code=code).order_by("-version").first()  # type: ignore[return-value]


def make_case(
    *,
    organisation: Organisation,
    code: str | None = None,
    opened_at: datetime.datetime | None = None,
    police_received_at: datetime.datetime | None = None,
    consents: dict[tuple[str, str], bool] | None = None,
    owner: Any = None,
    **fields: Any,
) -> Case:
    opened_at = opened_at or timezone.now()
    report, _code = make_report(
        organisation=organisation,
        consents=consents,
        submitted_at=opened_at,
        email="fictional.reporter@example.org",
    )
    case = Case.objects.create(
        reference=new_case_reference(),
        lead_organisation=organisation,
        owner=owner,
        opened_at=opened_at,
        classification=classification(code) if code else None,
        classified_at=opened_at if code else None,
        police_received_at=police_received_at,
        **fields,
    )
    CaseReport.objects.create(case=case, report=report, is_primary=True, linked_at=opened_at)
    case.report_code = _code  # type: ignore[attr-defined]
    return case


def event(case: Case, kind: EventKind, at: datetime.datetime, **kwargs: Any) -> Any:
    return case_event_record(case=case, kind=kind, occurred_at=at, **kwargs)


def refer(case: Case, to: Organisation, at: datetime.datetime, status: str = "pending") -> Referral:
    return Referral.objects.create(
        case=case,
        from_organisation=case.lead_organisation,
        to_organisation=to,
        recipient_kind="victim_support",
        reason="Fictional reason for referral.",
        status=status,
        sent_at=at,
    )


def decide_and_tell(
    case: Case, decision: str, decided_at: datetime.datetime, told_at: datetime.datetime
) -> Any:
    """A key decision and the "victim told" entry that stops its clock."""
    decided = event(case, EventKind.DECISION, decided_at, details={"decision": decision})
    event(
        case,
        EventKind.VICTIM_INFORMED,
        told_at,
        details={"decision": decision, "decision_event_id": decided.pk},
    )
    return decided


def busy_case(lead: Organisation, support: Organisation, code: str) -> Case:
    """A case received on Friday 1 March 2024 with a referral, a decision told, a contact."""
    received = london(2024, 3, 1, 19)
    case = make_case(
        organisation=lead,
        code=code,
        opened_at=received,
        police_received_at=received,
        consents=CONTACT_OK,
    )
    refer(case, support, london(2024, 3, 4, 10))
    decide_and_tell(case, "arrest", london(2024, 3, 4, 9), london(2024, 3, 4, 11))
    event(case, EventKind.CONTACT, london(2024, 3, 4, 12), details={"method": "phone"})
    return case
