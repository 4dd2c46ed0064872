"""Reading and verifying the audit log."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db.models import Max

from awaz.audit.models import AuditChainHead, AuditEvent
from awaz.audit.services import row_hash


@dataclass
class ChainReport:
    checked: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def audit_chain_verify(*, batch_size: int = 2000) -> ChainReport:
    """Recompute every row's hash and link; report edited, inserted or deleted rows."""
    report = ChainReport()
    previous = ""
    last_id = None
    for event in _iter_events(batch_size):
        report.checked += 1
        if event.prev_hash != previous:
            report.problems.append(
                f"event {event.pk}: chain broken (a row before it was deleted or changed)"
            )
        if row_hash(event) != event.row_hash:
            report.problems.append(f"event {event.pk}: content does not match its hash (edited)")
        previous = event.row_hash
        last_id = event.pk
    head = AuditChainHead.objects.filter(id=1).first()
    if head is not None and (head.last_hash != previous or head.last_event_id != last_id):
        report.problems.append("the newest events were deleted (chain head does not match)")
    return report


def _iter_events(batch_size: int) -> Iterator[AuditEvent]:
    last = 0
    while True:
        batch = list(AuditEvent.objects.filter(id__gt=last).order_by("id")[:batch_size])
        if not batch:
            return
        yield from batch
        last = batch[-1].pk


def audit_events_for_target(*, target_type: str, target_id: object) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(target_type=target_type, target_id=str(target_id)).order_by("id")
    )


def audit_events_about(
    *,
    event_type: int,
    target_type: str,
    target_ids: Iterable[object],
    since: datetime.datetime | None = None,
) -> list[AuditEvent]:
    """Events of one type about any of ``target_ids`` (of ``target_type``), oldest first;
    only those at or after ``since`` when given. For facts the log is the record of (that
    someone read something), so nothing else need be written when it happens."""
    events = AuditEvent.objects.filter(
        event_type=int(event_type),
        target_type=target_type,
        target_id__in=[str(target_id) for target_id in target_ids],
    )
    if since is not None:
        events = events.filter(occurred_at__gte=since)
    return list(events.order_by("occurred_at", "id"))


def audit_last_occurred(
    *, event_type: int, target_type: str, target_ids: list[str]
) -> dict[str, datetime.datetime]:
    """When each target last had an event of ``event_type`` (targets without one left out)."""
    rows = (
        AuditEvent.objects.filter(
            event_type=event_type, target_type=target_type, target_id__in=target_ids
        )
        .values("target_id")
        .annotate(last=Max("occurred_at"))
        .values_list("target_id", "last")
    )
    return dict(rows)
