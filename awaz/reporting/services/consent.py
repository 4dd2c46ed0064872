"""Recording consent decisions. Each decision is a new row; the newest is in force."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from awaz.audit.events import AuditEventType
from awaz.audit.services import Actor, audit_record
from awaz.reporting.models import (
    ConsentMethod,
    ConsentPurpose,
    ConsentRecord,
    EntryKind,
    RecipientKind,
    Report,
    ReportEntry,
    ReporterRole,
)
from awaz.reporting.selectors import consent_current


def _unchanged(
    previous: ConsentRecord,
    granted: bool,
    expires_at: datetime.datetime | None,
    now: datetime.datetime,
) -> bool:
    """Whether a decision repeats the one in force. Giving consent again renews a grant
    that has expired, or sets a new expiry when one is given."""
    if previous.granted != granted:
        return False
    if not granted:
        return True
    lapsed = previous.expires_at is not None and previous.expires_at <= now
    return not lapsed and (expires_at is None or expires_at == previous.expires_at)


@transaction.atomic
def consent_record(
    *,
    report: Report,
    decisions: dict[tuple[ConsentPurpose, RecipientKind], bool],
    method: ConsentMethod,
    given_by: ReporterRole,
    actor: Actor,
    recorded_by: Any = None,
    expires_at: datetime.datetime | None = None,
    timeline: bool = True,
    at: datetime.datetime | None = None,
) -> list[ConsentRecord]:
    """Record the decisions that differ from those in force; return the new rows.

    A ``False`` where consent was in force is a withdrawal: further sharing stops at once
    (every share checks ``consent_current`` at that moment). ``at`` (when the decisions
    were made; default now) is for demo data and imports only.
    """
    now = at or timezone.now()
    current = consent_current(report=report)
    rows = []
    for (purpose, kind), granted in decisions.items():
        previous = current.get((purpose, kind))
        if previous is not None and _unchanged(previous, granted, expires_at, now):
            continue
        rows.append(
            ConsentRecord(
                report=report,
                purpose=purpose,
                recipient_kind=kind,
                granted=granted,
                method=method,
                given_by=given_by,
                recorded_at=now,
                recorded_by=recorded_by,
                expires_at=expires_at if granted else None,
                is_withdrawal=bool(previous is not None and previous.granted and not granted),
            )
        )
    if not rows:
        return []
    ConsentRecord.objects.bulk_create(rows)
    if timeline:
        ReportEntry.objects.create(
            report=report,
            kind=EntryKind.CONSENT_CHANGED,
            by_reporter=recorded_by is None,
            created_at=now,
            created_by=recorded_by,
        )
    audit_record(
        event_type=AuditEventType.REPORT_CONSENT_CHANGED,
        actor=actor,
        target_type="reporting.report",
        target_id=report.pk,
        details={
            "changes": [
                {"purpose": r.purpose, "recipient": r.recipient_kind, "granted": r.granted}
                for r in rows
            ],
            "method": method,
        },
    )
    return rows
