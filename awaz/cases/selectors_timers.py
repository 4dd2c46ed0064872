"""Reading clocks across cases: the "at risk of breaching" list, and breaches counted by
lead organisation and month (counts only, no personal data)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Avg, Count, Q, QuerySet
from django.utils import timezone

from awaz.cases import workdays
from awaz.cases.access import cases_visible_to
from awaz.cases.clocks import (
    Clock,
    ClockKind,
    ClockState,
    at_risk_horizon,
    clocks_for_cases,
    with_clock_data,
)
from awaz.cases.models import Case, CaseStatus, SatisfactionResponse

CHUNK = 500


@dataclass(frozen=True)
class CaseAtRisk:
    case: Case
    clocks: list[Clock]  # running clocks due by the horizon, soonest first

    @property
    def first_due(self) -> datetime.datetime:
        return self.clocks[0].due_at


def cases_at_risk(*, user: Any, now: datetime.datetime | None = None) -> list[CaseAtRisk]:
    """Open cases the user may see whose running clocks fall due by the end of the next
    working day (overdue ones included), soonest first. A fixed number of queries."""
    now = now or timezone.now()
    horizon = at_risk_horizon(now)
    cases = list(
        with_clock_data(cases_visible_to(user).exclude(status=CaseStatus.CLOSED)).order_by("pk")
    )
    clocks = clocks_for_cases(cases, now=now)
    rows = []
    for case in cases:
        due = sorted(
            (clock for clock in clocks[case.pk] if clock.running and clock.due_at <= horizon),
            key=lambda clock: clock.due_at,
        )
        if due:
            rows.append(CaseAtRisk(case=case, clocks=due))
    rows.sort(key=lambda row: (row.first_due, row.case.pk))
    return rows


def _chunks(cases: QuerySet[Case], size: int = CHUNK) -> Iterator[list[Case]]:
    """Cases in primary-key order, ``size`` at a time (each chunk prefetched whole)."""
    last = 0
    while True:
        chunk = list(with_clock_data(cases.filter(pk__gt=last)).order_by("pk")[:size])
        if not chunk:
            return
        yield chunk
        last = chunk[-1].pk


@dataclass
class BreachRow:
    organisation_id: int
    organisation: str
    month: datetime.date  # first day of the month the deadline fell in (Europe/London)
    by_kind: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.by_kind.values())

    def count(self, kind: str) -> int:
        return self.by_kind.get(kind, 0)


def breach_counts(*, now: datetime.datetime | None = None) -> list[BreachRow]:
    """Breached clocks (stopped late, or still running past the deadline) of every case,
    counted by lead organisation and the month the deadline fell in; newest month first,
    then organisation name. Counts only."""
    now = now or timezone.now()
    rows: dict[tuple[int, datetime.date], BreachRow] = {}
    for chunk in _chunks(Case.objects.all()):
        clocks = clocks_for_cases(chunk, now=now)
        for case in chunk:
            for clock in clocks[case.pk]:
                if clock.state != ClockState.BREACHED:
                    continue
                month = workdays.local_date(clock.due_at).replace(day=1)
                key = (case.lead_organisation_id, month)
                row = rows.get(key)
                if row is None:
                    row = rows[key] = BreachRow(
                        organisation_id=case.lead_organisation_id,
                        organisation=case.lead_organisation.name,
                        month=month,
                    )
                row.by_kind[clock.kind] = row.by_kind.get(clock.kind, 0) + 1
    return sorted(rows.values(), key=lambda row: (-row.month.toordinal(), row.organisation))


BREACH_KINDS = [
    ClockKind.SUPPORT_REFERRAL,
    ClockKind.KEY_DECISION,
    ClockKind.UPDATE,
    ClockKind.FIRST_CONTACT,
]


@dataclass(frozen=True)
class SatisfactionRow:
    organisation: str
    invited: int
    answered: int
    overall_average: float | None
    listened_average: float | None
    would_report_again: int


def satisfaction_summary() -> list[SatisfactionRow]:
    """Survey results by lead organisation, for the performance measures (one query)."""
    rows = (
        SatisfactionResponse.objects.values("case__lead_organisation__name")
        .annotate(
            invited=Count("id"),
            answered=Count("id", filter=Q(answered_at__isnull=False)),
            overall_average=Avg("overall"),
            listened_average=Avg("felt_listened_to"),
            again=Count("id", filter=Q(would_report_again=True)),
        )
        .order_by("case__lead_organisation__name")
    )
    return [
        SatisfactionRow(
            organisation=row["case__lead_organisation__name"],
            invited=row["invited"],
            answered=row["answered"],
            overall_average=row["overall_average"],
            listened_average=row["listened_average"],
            would_report_again=row["again"],
        )
        for row in rows
    ]
