"""The dashboard's counts: every query reads the analysis facts (``reporting.IncidentFact``,
``IncidentStrand``, ``MonthlyCount``), written in the same transaction as each report, so no
number is ever behind the reports and nothing needs refreshing.

Each function takes a ``Filters`` and returns plain data (dicts, lists, NumPy arrays) for the
views, the CSV downloads and the API. ``benchmarks/dashboard.py`` times every one of them on
a million incidents; the README gives the figures. ``Filters`` and the area tree live in
``filters.py`` (imported here too, so callers may import them from either). How they stay
fast:

- Counts over whole calendar months come from ``MonthlyCount`` (a few thousand rows) when
  the filters allow it (no incident type, channel or source chosen, at most one strand);
  only the days of part-covered months are counted from the facts (``months.Ledger``). Both
  tables are written in the report's transaction, so the sum is the same as counting the
  facts.
- Every other count is one ``GROUP BY`` over an index that holds every column the filters
  and the grouping need (``IncidentFact.Meta.indexes``), so no table row is read; SQLite
  walks the index in group order (skip-scan), with no sort.
- With one strand chosen, every count reads that strand's rows (``IncidentStrand``: one
  per report and strand, copying the report's facts) instead of the facts, so there is no
  join; several strands read the facts, each report once (``rows_in``). Strand mentions
  always read the strand rows.
- On PostgreSQL an incident-type filter lists the ``type_mask`` values it matches
  (``type_mask IN``), which it looks up in an index, instead of a bit test on every row.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.db import connection
from django.db.models import Count, F, QuerySet, Sum
from django.db.models.lookups import GreaterThan
from numpy.typing import NDArray

from awaz.geo.models import AreaLevel
from awaz.patterns.selectors.filters import (
    AreaRow,
    Filters,
    area_rows,
    area_scope,
    year_earlier,
)
from awaz.patterns.selectors.months import Ledger, Range, add_months, whole_months
from awaz.reporting.models import IncidentFact, IncidentStrand, MonthlyCount, Strand
from awaz.reporting.models.facts import ALL_STRANDS
from awaz.reporting.services.facts import INCIDENT_TYPE_BITS, type_mask

# --- the base query ---------------------------------------------------------------------------


def _scope(filters: Filters) -> tuple[int, ...]:
    assert filters.area is not None
    return filters.area_ids or tuple(area_scope(filters.area))


# On PostgreSQL, with up to this many incident types, a type filter lists the matching masks
# (2 ** bits at most): PostgreSQL then reads only those masks from ``fact_type_mask`` (a
# third of the rows of a bit test for threats online). SQLite keeps the bit test: given
# the list it picks that index for every count and sorts, slower than its date-order scans.
_MASK_LIST_BITS = 10


def _type_masks(codes: tuple[str, ...]) -> list[int]:
    """Every ``type_mask`` value naming at least one of ``codes`` (at most 255 of them with
    eight types), so the test is a list an index can look up rather than a bit test."""
    wanted = type_mask(codes)
    return [m for m in range(1 << len(INCIDENT_TYPE_BITS)) if m & wanted]


def _matching(qs: QuerySet[Any], filters: Filters, start: datetime.date, end: datetime.date) -> Any:
    """``qs`` (facts, or strand rows, which copy the same columns) narrowed to ``start`` ..
    ``end`` and every filter but the strands."""
    qs = qs.filter(occurred_on__gte=start, occurred_on__lte=end)
    if filters.area is not None:
        ids = _scope(filters)
        qs = qs.filter(area_id__in=ids) if len(ids) > 1 else qs.filter(area_id=ids[0])
    if filters.incident_types:
        if connection.vendor == "postgresql" and len(INCIDENT_TYPE_BITS) <= _MASK_LIST_BITS:
            qs = qs.filter(type_mask__in=_type_masks(filters.incident_types))
        else:
            mask = type_mask(filters.incident_types)
            qs = qs.filter(GreaterThan(F("type_mask").bitand(mask), 0))
    if filters.channels:
        qs = qs.filter(channel__in=filters.channels)
    if filters.sources:
        qs = qs.filter(source__in=filters.sources)
    return qs


def facts_in(
    filters: Filters, *, start: datetime.date | None = None, end: datetime.date | None = None
) -> QuerySet[IncidentFact]:
    """Facts matching every filter, in ``start``..``end`` (default: the filters' period)."""
    start = start or filters.start
    end = end or filters.end
    qs: QuerySet[IncidentFact] = _matching(IncidentFact.objects.all(), filters, start, end)
    if len(filters.strands) == 1:
        # A join: a report names a strand at most once (``incident_strand_once``). The strand
        # row's copy of the date lets either side's date index drive the join.
        qs = qs.filter(
            strand_rows__strand_id=filters.strands[0],
            strand_rows__occurred_on__gte=start,
            strand_rows__occurred_on__lte=end,
            strand_rows__occurred_on=F("occurred_on"),
        )
    elif filters.strands:
        mentions = IncidentStrand.objects.filter(
            strand_id__in=filters.strands, occurred_on__gte=start, occurred_on__lte=end
        ).values("fact_id")
        qs = qs.filter(report_id__in=mentions)
    return qs


def _one_strand(filters: Filters) -> bool:
    """Whether the counts read the chosen strand's rows instead of the facts: with exactly
    one strand chosen. Each strand row copies its report's facts, and a report names a
    strand at most once, so the strand's rows count the same reports as the facts naming
    it, without a join. Several strands need the facts, to count each report once."""
    return len(filters.strands) == 1


def rows_in(
    filters: Filters, *, start: datetime.date | None = None, end: datetime.date | None = None
) -> QuerySet[Any]:
    """What every count counts, one row per matching report: the one chosen strand's rows
    (``IncidentStrand``), or else the facts (``facts_in``). Both have the columns the
    counts group by (``occurred_on``, ``area_id``, ``type_mask``, ``channel``, ``source``,
    ``date_known``, ``weekday``, ``hour``)."""
    start = start or filters.start
    end = end or filters.end
    if _one_strand(filters):
        strand_rows = IncidentStrand.objects.filter(strand_id=filters.strands[0])
        return _matching(strand_rows, filters, start, end)
    return facts_in(filters, start=start, end=end)


# --- counting whole months from MonthlyCount (``months.Ledger``) ------------------------------


def _monthly_allowed(filters: Filters) -> bool:
    """Whether ``MonthlyCount`` can answer: it is kept per month, area and strand only."""
    return not (
        filters.incident_types or filters.channels or filters.sources or len(filters.strands) > 1
    )


def _monthly(filters: Filters, months: list[datetime.date]) -> QuerySet[MonthlyCount]:
    """``MonthlyCount`` rows for ``months`` under the filters' area and strand (every report
    once when no strand is chosen)."""
    qs = MonthlyCount.objects.filter(
        month__in=months, strand_key=filters.strands[0] if filters.strands else ALL_STRANDS
    )
    if filters.area is not None:
        qs = qs.filter(area_key__in=_scope(filters))
    return qs


def _ledger(filters: Filters, ranges: list[Range], *, months: bool = True) -> Ledger:
    """Counts of the facts matching ``filters`` in each of ``ranges``: whole months from
    ``MonthlyCount`` (when ``months`` and the filters allow), other days from the facts
    with one ``GROUP BY`` day per stretch of days."""

    def by_month(wanted: list[datetime.date]) -> dict[datetime.date, int]:
        rows = _monthly(filters, wanted).values_list("month").annotate(n=Sum("count"))
        return dict(rows.values_list("month", "n").order_by())

    def by_day(first: datetime.date, last: datetime.date) -> dict[datetime.date, int]:
        rows = rows_in(filters, start=first, end=last).values_list("occurred_on")
        return dict(rows.annotate(n=Count("*")).values_list("occurred_on", "n").order_by())

    whole = months and _monthly_allowed(filters)
    return Ledger(ranges, whole=whole, by_month=by_month, by_day=by_day)


# --- headline numbers -------------------------------------------------------------------------


@dataclass(frozen=True)
class Headline:
    total: int
    last_year: int
    change: int
    pct_change: float | None  # None when last year had none
    monthly_average: float  # over the 12 months before the period's last month
    date_unknown: int  # in the total, counted on the day reported


def headline(filters: Filters) -> Headline:
    before = filters.last_year()
    end_month = filters.end.replace(day=1)
    twelve = (add_months(end_month, -12), end_month - datetime.timedelta(days=1))
    ledger = _ledger(filters, [(filters.start, filters.end), (before.start, before.end), twelve])
    total = ledger.total(filters.start, filters.end)
    last_year = ledger.total(before.start, before.end)
    unknown = rows_in(filters).filter(date_known=False).count()
    change = total - last_year
    return Headline(
        total=total,
        last_year=last_year,
        change=change,
        pct_change=round(100 * change / last_year, 1) if last_year else None,
        monthly_average=round(ledger.total(*twelve) / 12, 1),
        date_unknown=unknown,
    )


# --- trend ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Trend:
    """Counts per week (periods up to 26 weeks) or month, this period and a year before."""

    unit: str  # "week" or "month"
    starts: list[datetime.date]
    counts: list[int]
    last_year: list[int]  # same weeks (52 weeks earlier) or months a year earlier


def _period_starts(start: datetime.date, end: datetime.date, weekly: bool) -> list[datetime.date]:
    if weekly:
        first = start - datetime.timedelta(days=start.weekday())
        return [first + datetime.timedelta(weeks=i) for i in range((end - first).days // 7 + 1)]
    first = start.replace(day=1)
    months = (end.year - first.year) * 12 + end.month - first.month + 1
    return [add_months(first, i) for i in range(months)]


def trend(filters: Filters) -> Trend:
    starts = _period_starts(filters.start, filters.end, filters.weekly)
    if filters.weekly:
        back = datetime.timedelta(weeks=52)
        earlier = [s - back for s in starts]
        lo, hi = filters.start - back, filters.end - back
    else:
        earlier = [year_earlier(s) for s in starts]
        lo, hi = year_earlier(filters.start), year_earlier(filters.end)
    # Each series counts only its own days: with a period of a year or more, the first
    # (partial) month of the period and last year's month for its last month are the same
    # calendar month, holding days of both periods.
    ledger = _ledger(filters, [(filters.start, filters.end), (lo, hi)], months=not filters.weekly)
    if filters.weekly:
        now, before = ledger.by_week(filters.start, filters.end), ledger.by_week(lo, hi)
    else:
        now, before = ledger.by_month(filters.start, filters.end), ledger.by_month(lo, hi)
    return Trend(
        unit="week" if filters.weekly else "month",
        starts=starts,
        counts=[now.get(s, 0) for s in starts],
        last_year=[before.get(s, 0) for s in earlier],
    )


# --- strands, incident types, channels and sources --------------------------------------------


@dataclass(frozen=True)
class Tally:
    code: str
    label: str
    count: int


def strand_mentions(filters: Filters) -> list[Tally]:
    """Mentions of each strand in the period (a report naming two strands counts in both)."""
    counts: dict[int, int] = defaultdict(int)
    months, rest = whole_months(filters.start, filters.end)
    if filters.incident_types or filters.channels or filters.sources:
        # ``MonthlyCount`` does not know these: count the strand rows of the whole period.
        months, rest = [], [(filters.start, filters.end)]
    if months:
        monthly = MonthlyCount.objects.filter(month__in=months).exclude(strand_key=ALL_STRANDS)
        if filters.strands:
            monthly = monthly.filter(strand_key__in=filters.strands)
        if filters.area is not None:
            monthly = monthly.filter(area_key__in=_scope(filters))
        for strand_id, n in (
            monthly.values_list("strand_key")
            .annotate(n=Sum("count"))
            .values_list("strand_key", "n")
            .order_by()
        ):
            counts[strand_id] += n
    for lo, hi in rest:
        # Each strand row copies its report's facts: no join, whatever the filters.
        qs = _matching(IncidentStrand.objects.all(), filters, lo, hi)
        if filters.strands:
            qs = qs.filter(strand_id__in=filters.strands)
        for strand_id, n in (
            qs.values_list("strand_id")
            .annotate(n=Count("*"))
            .values_list("strand_id", "n")
            .order_by()
        ):
            counts[strand_id] += n
    strands = Strand.objects.order_by("sort_order", "name").values_list("id", "code", "name")
    return [Tally(code, str(name), counts.get(sid, 0)) for sid, code, name in strands]


def incident_type_counts(filters: Filters) -> list[Tally]:
    """Reports naming each incident type (a report may name several)."""
    from awaz.reporting.models import IncidentType

    by_mask = rows_in(filters).values_list("type_mask").annotate(n=Count("*")).order_by()
    totals = np.zeros(len(INCIDENT_TYPE_BITS), dtype=np.int64)
    for mask, n in by_mask.values_list("type_mask", "n"):
        for bit in range(len(INCIDENT_TYPE_BITS)):
            if mask & (1 << bit):
                totals[bit] += n
    labels = dict(IncidentType.choices)
    return [
        Tally(code, str(labels[code]), int(totals[i])) for i, code in enumerate(INCIDENT_TYPE_BITS)
    ]


def channel_source_counts(filters: Filters) -> dict[str, dict[str, int]]:
    """``{"channel": {code: n}, "source": {code: n}}`` in the period."""
    result: dict[str, dict[str, int]] = {"channel": defaultdict(int), "source": defaultdict(int)}
    rows = (
        rows_in(filters)
        .values_list("channel", "source")
        .annotate(n=Count("*"))
        .values_list("channel", "source", "n")
        .order_by()
    )
    for channel, source, n in sorted(rows):
        result["channel"][channel] += n
        result["source"][source] += n
    return {k: dict(v) for k, v in result.items()}


# --- areas ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AreaCount:
    area: AreaRow
    count: int
    rate_per_1000: float | None  # None when the population is unknown


def area_counts(filters: Filters, *, level: str | None = None) -> list[AreaCount]:
    """Incidents per area at ``level`` (default: the deepest level with areas), counting
    each incident in the area of that level containing it; unplaced incidents are left out."""
    rows = area_rows()
    by_area: dict[int, int] = defaultdict(int)
    if _monthly_allowed(filters):
        months, rest = whole_months(filters.start, filters.end)
    else:
        months, rest = [], [(filters.start, filters.end)]
    if months:
        for area_id, n in (
            _monthly(filters, months)
            .exclude(area_key=0)
            .values_list("area_key")
            .annotate(n=Sum("count"))
            .values_list("area_key", "n")
            .order_by()
        ):
            by_area[area_id] += n
    for lo, hi in rest:
        for area_id, n in (
            rows_in(filters, start=lo, end=hi)
            .filter(area_id__isnull=False)
            .values_list("area_id")
            .annotate(n=Count("*"))
            .values_list("area_id", "n")
            .order_by()
        ):
            by_area[area_id] += n
    if level is None:
        level = deepest_level(rows)
    totals: dict[int, int] = defaultdict(int)
    for area_id, n in by_area.items():
        if area_id not in rows:  # a monthly count can outlive its area; the facts cannot
            continue
        current: int | None = area_id
        while current is not None and rows[current].level != level:
            current = rows[current].parent_id
        if current is not None:
            totals[current] += n
    wanted = [r for r in rows.values() if r.level == level]
    if filters.area is not None:
        scope = set(filters.area_ids or area_scope(filters.area, rows))
        wanted = [r for r in wanted if r.id in scope]
    return [
        AreaCount(
            area=r,
            count=totals.get(r.id, 0),
            rate_per_1000=round(1000 * totals.get(r.id, 0) / r.population, 3)
            if r.population
            else None,
        )
        for r in sorted(wanted, key=lambda r: r.name)
    ]


def deepest_level(rows: dict[int, AreaRow]) -> str:
    """The deepest level that has areas (ward or neighbourhood for the map)."""
    from awaz.geo.models import LEVEL_DEPTH

    present = {r.level for r in rows.values()}
    return max(present, key=lambda lv: LEVEL_DEPTH[AreaLevel(lv)]) if present else AreaLevel.COUNTY


# --- day of week x hour -----------------------------------------------------------------------


@dataclass(frozen=True)
class DayHour:
    table: NDArray[np.int64]  # 7 x 24, Monday first
    time_unknown: int


def day_hour(filters: Filters) -> DayHour:
    table = np.zeros((7, 24), dtype=np.int64)
    unknown = 0
    rows = (
        rows_in(filters)
        .values_list("weekday", "hour")
        .annotate(n=Count("*"))
        .values_list("weekday", "hour", "n")
        .order_by()
    )
    for weekday, hour, n in rows:
        if hour is None:
            unknown += n
        else:
            table[weekday, hour] += n
    return DayHour(table=table, time_unknown=unknown)


def dashboard_queries() -> dict[str, Any]:
    """Every query the dashboard runs, by name (for ``benchmarks/dashboard.py``)."""
    return {
        "headline": headline,
        "trend": trend,
        "strand_mentions": strand_mentions,
        "incident_types": incident_type_counts,
        "channels_sources": channel_source_counts,
        "area_counts": area_counts,
        "day_hour": day_hour,
    }
