"""Demo only: give freshly seeded reports the statuses they went through in the past.

``report_submit`` stores every report as "received". A demonstration with two or three years
of reports needs the older ones closed, with timeline entries dated when each change
happened. This service does that in bulk, for demo reports only, with one audit row per
report saying it was demo history. Real reports change status through the triage services.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from awaz.audit.events import AuditEventType
from awaz.audit.services import Actor, audit_record
from awaz.core.exceptions import ApplicationError
from awaz.core.models import User
from awaz.reporting.models import EntryKind, Report, ReportEntry, ReportStatus


@dataclass(frozen=True)
class StatusHistory:
    report: Report
    changes: Sequence[tuple[str, datetime.datetime]]  # (status, when), oldest first
    by: User | None  # the member of staff shown as making the changes


@transaction.atomic(durable=True)
def demo_status_history_apply(*, histories: Sequence[StatusHistory], actor: Actor) -> int:
    """Set each report's status to its last change and add dated STATUS_CHANGED entries.

    Refuses reports that are not in a demo organisation's inbox. Returns how many reports
    changed."""
    histories = [h for h in histories if h.changes]
    reports = [h.report for h in histories]
    not_demo = Report.objects.filter(
        pk__in=[r.pk for r in reports], receiving_organisation__is_demo=False
    ).exists()
    if not_demo:
        raise ApplicationError(
            "demo status history is only for reports received by demo organisations"
        )
    entries: list[ReportEntry] = []
    by_status: dict[str, list[int]] = {}
    for history in histories:
        final = history.changes[-1][0]
        by_status.setdefault(final, []).append(history.report.pk)
        entries.extend(
            ReportEntry(
                report=history.report,
                kind=EntryKind.STATUS_CHANGED,
                created_at=when,
                created_by=history.by,
            )
            for _status, when in history.changes
        )
        audit_record(
            event_type=AuditEventType.REPORT_STATUS_CHANGED,
            actor=actor,
            target_type="reporting.report",
            target_id=history.report.pk,
            details={
                "from": str(ReportStatus.RECEIVED),
                "to": final,
                "demo_history": True,
            },
        )
    now = timezone.now()
    for status, ids in by_status.items():
        Report.objects.filter(pk__in=ids).update(status=status, modified_at=now)
    ReportEntry.objects.bulk_create(entries, batch_size=500)
    return len(histories)
