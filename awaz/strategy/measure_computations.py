"""The computations behind the computed measures (see ``selectors_measures`` for what each
one counts), each for many quarters at once in a fixed number of grouped queries: reports
by quarter and channel (one query), Victims' Code support-referral clocks (five queries per
500 cases, and one to find there are no more), survey answers (one), repeat victims (one per
quarter)."""

from __future__ import annotations

import datetime
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.db.models import Count, QuerySet
from django.db.models.functions import Coalesce, TruncQuarter
from django.utils import timezone

from awaz.cases import workdays
from awaz.cases.clocks import (
    ClockKind,
    ClockState,
    StopReason,
    clocks_for_cases,
    holidays_from,
    with_clock_data,
)
from awaz.cases.models import Case, SatisfactionResponse
from awaz.core.quarters import Quarter
from awaz.patterns.selectors.dashboard import Filters
from awaz.patterns.selectors.repeats import repeat_victims
from awaz.reporting.models import Channel, IncidentFact
from awaz.strategy.models import Computation

LONDON = ZoneInfo(workdays.LONDON)
ONE_PLACE = Decimal("0.1")
CHUNK = 500
# Scores of the survey's overall question that mean "satisfied" or "very satisfied".
SATISFIED = (4, 5)

REPORT_COMPUTATIONS = {
    Computation.REPORTS_TOTAL,
    Computation.REPORTS_ONLINE,
    Computation.REPORTS_PHONE,
    Computation.REPORTS_IN_PERSON,
    Computation.THIRD_PARTY_SHARE,
}
CLOCK_COMPUTATIONS = {
    Computation.SUPPORT_REFERRAL_IN_LIMIT,
    Computation.SUPPORT_REFERRAL_MEDIAN_DAYS,
}


def share(part: int, whole: int) -> Decimal | None:
    """``part`` as a percentage of ``whole``, to one decimal place; None of nothing."""
    if whole == 0:
        return None
    return (Decimal(100) * part / whole).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


def one_place(value: float | Decimal) -> Decimal:
    """Rounded to one decimal place, halves away from zero."""
    return Decimal(str(value)).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


def local_start(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of ``day`` in Europe/London."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=LONDON)


def span(quarters: Sequence[Quarter]) -> tuple[Quarter, Quarter]:
    """The first and last of ``quarters``."""
    return min(quarters), max(quarters)


def report_counts(quarters: Sequence[Quarter]) -> dict[Quarter, Counter[str]]:
    """Reports received per quarter and channel: one grouped query. Records imported from
    partners' own systems were not received by Awaz, so they are not counted here (they
    are in the patterns and statistics)."""
    first, last = span(quarters)
    rows = (
        IncidentFact.objects.filter(reported_on__gte=first.start, reported_on__lte=last.end)
        .exclude(channel=Channel.IMPORTED)
        .annotate(quarter=TruncQuarter("reported_on"))
        .values("quarter", "channel")
        .annotate(n=Count("report"))
        .order_by()
    )
    counts: dict[Quarter, Counter[str]] = defaultdict(Counter)
    for row in rows:
        day = row["quarter"]
        if isinstance(day, datetime.datetime):
            day = day.date()
        counts[Quarter.of(day)][row["channel"]] += row["n"]
    return counts


def report_value(computation: str, counts: Counter[str]) -> Decimal | None:
    total = sum(counts.values())
    if computation == Computation.REPORTS_TOTAL:
        return Decimal(total)
    if computation == Computation.REPORTS_ONLINE:
        return Decimal(counts[Channel.ONLINE])
    if computation == Computation.REPORTS_PHONE:
        return Decimal(counts[Channel.PHONE])
    if computation == Computation.REPORTS_IN_PERSON:
        return Decimal(counts[Channel.IN_PERSON])
    return share(counts[Channel.PHONE] + counts[Channel.IN_PERSON], total)


@dataclass
class ReferralTally:
    """Support-referral clocks that started in one quarter."""

    met: int = 0
    breached: int = 0
    working_days: list[int] = field(default_factory=list)  # of each referral made

    @property
    def share_in_limit(self) -> Decimal | None:
        return share(self.met, self.met + self.breached)

    @property
    def median_days(self) -> Decimal | None:
        if not self.working_days:
            return None
        return one_place(statistics.median(self.working_days))


def _crime_cases_started(quarters: Sequence[Quarter]) -> QuerySet[Case]:
    first, last = span(quarters)
    return Case.objects.annotate(clock_start=Coalesce("police_received_at", "opened_at")).filter(
        classification__victims_code_applies=True,
        clock_start__gte=local_start(first.start),
        clock_start__lt=local_start(last.end + datetime.timedelta(days=1)),
    )


def _chunks(cases: QuerySet[Case]) -> Iterator[list[Case]]:
    """Cases in primary-key order, ``CHUNK`` at a time, each chunk with its clock data."""
    after = 0
    while True:
        chunk = list(with_clock_data(cases.filter(pk__gt=after)).order_by("pk")[:CHUNK])
        if not chunk:
            return
        yield chunk
        after = chunk[-1].pk


def support_referrals(
    quarters: Sequence[Quarter], *, now: datetime.datetime | None = None
) -> dict[Quarter, ReferralTally]:
    """Support-referral clocks of police-recorded crimes, by the quarter they started in
    (Europe/London): met, breached, and the working days each referral took."""
    now = now or timezone.now()
    wanted = set(quarters)
    tallies: dict[Quarter, ReferralTally] = {q: ReferralTally() for q in quarters}
    for chunk in _chunks(_crime_cases_started(quarters)):
        clocks = clocks_for_cases(chunk, now=now)
        for case in chunk:
            for clock in clocks[case.pk]:
                if clock.kind != ClockKind.SUPPORT_REFERRAL:
                    continue
                started = workdays.local_date(clock.started_at)
                quarter = Quarter.of(started)
                if quarter not in wanted:
                    continue
                tally = tallies[quarter]
                if clock.state == ClockState.MET:
                    tally.met += 1
                elif clock.state == ClockState.BREACHED:
                    tally.breached += 1
                if clock.stop_reason == StopReason.REFERRAL and clock.stopped_at is not None:
                    stopped = workdays.local_date(clock.stopped_at)
                    holidays = holidays_from(started, now=now)
                    tally.working_days.append(
                        workdays.working_days_between(started, stopped, holidays)
                    )
    return tallies


def satisfaction_shares(quarters: Sequence[Quarter]) -> dict[Quarter, Decimal | None]:
    """Per quarter, the share of survey answers received then that rate the service
    satisfied or very satisfied overall: one query."""
    first, last = span(quarters)
    rows = SatisfactionResponse.objects.filter(
        answered_at__gte=local_start(first.start),
        answered_at__lt=local_start(last.end + datetime.timedelta(days=1)),
        overall__isnull=False,
    ).values_list("answered_at", "overall")
    answered: Counter[Quarter] = Counter()
    satisfied: Counter[Quarter] = Counter()
    for answered_at, overall in rows:
        if answered_at is None:  # excluded by the filter; for the type checker
            continue
        quarter = Quarter.of(workdays.local_date(answered_at))
        answered[quarter] += 1
        if overall in SATISFIED:
            satisfied[quarter] += 1
    return {q: share(satisfied[q], answered[q]) for q in quarters}


def repeat_victim_rates(quarters: Sequence[Quarter]) -> dict[Quarter, Decimal | None]:
    """Per quarter, the repeat-victim rate over the 12 months to its last day (per cent)."""
    rates: dict[Quarter, Decimal | None] = {}
    for quarter in quarters:
        summary = repeat_victims(Filters(start=quarter.start, end=quarter.end))
        rates[quarter] = None if summary.rate is None else one_place(summary.rate * 100)
    return rates
