"""Staff of the receiving organisation opening a report and its evidence.

Each open reads the report through ``access`` and writes its ``*_VIEWED`` audit row in the
same transaction as the read, so a view of personal data never goes unrecorded. Opening
changes nothing else: a report becomes "being looked at" (which the reporter sees) only by
an explicit action, "Start looking at this" (``report_review_start``) or a triage action,
so a crawler or a link preview cannot move it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from awaz.audit.events import AuditEventType
from awaz.audit.services import Actor, audit_record
from awaz.core.exceptions import NotFound
from awaz.partners.selectors import membership_for_user
from awaz.reporting.access import access_report_by_id, require
from awaz.reporting.models import (
    ConsentRecord,
    EntryKind,
    Evidence,
    Report,
    ReportEntry,
    ReportStatus,
)
from awaz.reporting.selectors import consent_current, evidence_list, report_timeline
from awaz.reporting.services.evidence import evidence_read


def staff_actor(user: Any) -> Actor:
    membership = membership_for_user(user)
    return Actor(user=user, organisation=membership.organisation if membership else None)


@dataclass(frozen=True)
class ReportDetail:
    """Everything a caseworker sees on the report page, read in one transaction."""

    report: Report
    strands: list[str]
    consents: dict[tuple[str, str], ConsentRecord]
    timeline: list[ReportEntry]
    evidence: list[Evidence]


@transaction.atomic
def report_status_change(
    *,
    report: Report,
    status: ReportStatus,
    actor: Actor,
    user: Any = None,
    at: datetime.datetime | None = None,
) -> None:
    """Change the status the reporter sees, with a timeline entry and an audit row.
    ``at`` (when it happened; default now) is for demo data and imports only."""
    previous = report.status
    if previous == status:
        return
    report.status = status
    report.modified_by = user
    report.save(update_fields=["status", "modified_at", "modified_by"])
    ReportEntry.objects.create(
        report=report,
        kind=EntryKind.STATUS_CHANGED,
        created_at=at or timezone.now(),
        created_by=user,
    )
    audit_record(
        event_type=AuditEventType.REPORT_STATUS_CHANGED,
        actor=actor,
        target_type="reporting.report",
        target_id=report.pk,
        details={"from": previous, "to": str(status)},
    )


@transaction.atomic(durable=True)
def report_open(*, report_id: int, user: Any) -> ReportDetail:
    """Open a report for a member of staff: authorise, read everything, audit the view.
    Nothing else is written (it serves a GET)."""
    report = access_report_by_id(user, report_id)
    report = Report.objects.select_related(
        "area", "recorded_by_organisation", "receiving_organisation"
    ).get(pk=report.pk)
    actor = staff_actor(user)
    audit_record(
        event_type=AuditEventType.REPORT_VIEWED,
        actor=actor,
        target_type="reporting.report",
        target_id=report.pk,
        details={"page": "triage_detail"},
    )
    return ReportDetail(
        report=report,
        strands=[strand.name for strand in report.strands.order_by("sort_order", "name")],
        consents=consent_current(report=report),
        timeline=report_timeline(report=report),
        evidence=evidence_list(report=report),
    )


def report_review_begin(
    *,
    report: Report,
    user: Any,
    actor: Actor | None = None,
    at: datetime.datetime | None = None,
) -> None:
    """A member of staff starts on a report: a report nobody has started on ("received")
    becomes "being looked at"; any later status stays as it is. For triage services that
    already hold the report's row; ``at`` is for demo data and imports only."""
    if report.status == ReportStatus.RECEIVED:
        report_status_change(
            report=report,
            status=ReportStatus.IN_REVIEW,
            actor=actor or staff_actor(user),
            user=user,
            at=at,
        )


@transaction.atomic(durable=True)
def report_review_start(*, report_id: int, user: Any) -> Report:
    """The report page's "Start looking at this" (a POST): authorise, lock the row and
    move a received report to "being looked at", with its timeline entry and audit row."""
    report = access_report_by_id(user, report_id)
    require(user, "report.review")
    report = Report.objects.select_for_update().get(pk=report.pk)
    report_review_begin(report=report, user=user)
    return report


@transaction.atomic(durable=True)
def evidence_open(*, report_id: int, evidence_id: int, user: Any) -> tuple[Evidence, bytes]:
    """An evidence file of a report the user may see, decrypted, with its audit row.

    A file of another report, or of a report the user may not see, is ``NotFound``."""
    report = access_report_by_id(user, report_id)
    require(user, "report.view_evidence")
    evidence = Evidence.objects.filter(report=report, pk=evidence_id).first()
    if evidence is None:
        raise NotFound()
    data = evidence_read(evidence=evidence)
    audit_record(
        event_type=AuditEventType.REPORT_EVIDENCE_VIEWED,
        actor=staff_actor(user),
        target_type="reporting.report",
        target_id=report.pk,
        details={"evidence_id": evidence.pk},
    )
    return evidence, data
