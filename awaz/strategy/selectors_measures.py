"""Reading the performance measures: each measure's value per financial-year quarter,
computed from Awaz's own records or entered by a partner, with its target, the change on
the quarter before and on a year before, and a series to chart.

Computed measures, per quarter (``Computation``):

- ``reports_total``, ``reports_online``, ``reports_phone``, ``reports_in_person``: reports
  received in the quarter (``IncidentFact.reported_on``, Europe/London), all or by channel.
- ``third_party_share``: reports by phone or in person (through a reporting centre) as a
  share of all reports received in the quarter, in per cent to one decimal place; no value
  in a quarter without reports.
- ``support_referral_in_limit``: of police-recorded crimes (the Victims' Code applies) whose
  support-referral clock started in the quarter (when the police received the crime, else
  when the case opened), the share whose clock was met within the Code's limit, in per
  cent. The clocks are derived by ``awaz.cases.clocks`` exactly as the case pages show them:
  met (a referral to victim support in time, or a case led by victim support) counts for,
  breached (a referral made late, or none made and the deadline passed) against; a clock not
  needed (the victim opted out, or the case closed in time) or still running inside its
  limit is left out, as it is neither.
- ``support_referral_median_days``: for the same crimes, the median of the working days
  from the clock's start to the referral to victim support (referrals only; a case led by
  victim support makes no referral), to one decimal place.
- ``repeat_victim_rate``: the share of victims with two or more incidents among those with
  one or more in the 12 months to the end of the quarter (``awaz.patterns`` repeat
  victimisation), in per cent.
- ``satisfaction``: of victims' survey answers received in the quarter that rate the
  service overall, the share satisfied or very satisfied (4 or 5 out of 5), in per cent.

An entered measure's value for a quarter is the newest value entered for it (corrections are
newer rows; the older ones stay as history).

Every computation is worked out once for all the quarters asked for, in a fixed number of
grouped queries whatever the number of measures, reports or cases (pinned in the tests):
one for reports, two or three for the clocks per 500 cases, one for the survey, one per
quarter for repeat victims, one for the entered values.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from awaz.core.quarters import Quarter
from awaz.strategy.charts import line_chart_svg
from awaz.strategy.measure_computations import (
    CLOCK_COMPUTATIONS,
    REPORT_COMPUTATIONS,
    repeat_victim_rates,
    report_counts,
    report_value,
    satisfaction_shares,
    span,
    support_referrals,
)
from awaz.strategy.models import (
    Computation,
    GoodDirection,
    Measure,
    MeasureSource,
    MeasureValue,
    Strand,
    Strategy,
    Unit,
)

# The unit each computation is counted in (the chair cannot choose another).
COMPUTATION_UNITS: dict[str, Unit] = {
    Computation.REPORTS_TOTAL: Unit.COUNT,
    Computation.REPORTS_ONLINE: Unit.COUNT,
    Computation.REPORTS_PHONE: Unit.COUNT,
    Computation.REPORTS_IN_PERSON: Unit.COUNT,
    Computation.THIRD_PARTY_SHARE: Unit.PERCENT,
    Computation.SUPPORT_REFERRAL_IN_LIMIT: Unit.PERCENT,
    Computation.SUPPORT_REFERRAL_MEDIAN_DAYS: Unit.DAYS,
    Computation.REPEAT_VICTIM_RATE: Unit.PERCENT,
    Computation.SATISFACTION: Unit.PERCENT,
}

Values = dict[int, dict[Quarter, Decimal | None]]  # by measure id, then quarter


@dataclass(frozen=True)
class MeasurePoint:
    quarter: Quarter
    value: Decimal | None  # None: no data for that quarter


@dataclass(frozen=True)
class MeasureRow:
    measure: Measure
    current: Decimal | None
    previous_quarter: Decimal | None
    year_ago: Decimal | None
    qoq_change: Decimal | None  # current - previous_quarter
    yoy_change: Decimal | None  # current - year_ago
    target: Decimal | None
    on_target: bool | None  # by good_direction; None without target or value
    improving: bool | None  # qoq change in the good direction
    series: list[MeasurePoint]  # oldest first, `quarters` long, ending at `quarter`

    @property
    def year_improving(self) -> bool | None:
        return is_better(self.measure, self.yoy_change)


def is_better(measure: Measure, change: Decimal | None) -> bool | None:
    """Whether a change goes the way that is good for the measure (None without a change)."""
    if change is None:
        return None
    if measure.good_direction == GoodDirection.DOWN:
        return change < 0
    return change > 0


def on_target(measure: Measure, value: Decimal | None) -> bool | None:
    """Whether ``value`` meets the measure's target, as the good direction reads it (at or
    above for "higher is better", at or below for "lower is better")."""
    if value is None or measure.target is None:
        return None
    if measure.good_direction == GoodDirection.DOWN:
        return value <= measure.target
    return value >= measure.target


def _entered_values(measures: Sequence[Measure], quarters: Sequence[Quarter]) -> Values:
    """The newest entered value per measure and quarter: one query."""
    if not measures:
        return {}
    first, last = span(quarters)
    rows = (
        MeasureValue.objects.filter(
            measure__in=[m.pk for m in measures],
            quarter_start__gte=first.start,
            quarter_start__lte=last.start,
        )
        .order_by("entered_at", "id")
        .values_list("measure_id", "quarter_start", "value")
    )
    values: Values = defaultdict(dict)
    for measure_id, quarter_start, value in rows:
        values[measure_id][Quarter.of(quarter_start)] = value  # newer rows win
    return values


def measure_values(
    measures: Sequence[Measure],
    quarters: Sequence[Quarter],
    *,
    today: datetime.date | None = None,
    now: datetime.datetime | None = None,
) -> Values:
    """Each measure's value in each quarter (None: no data, or a quarter not yet begun).
    Every computation runs once for all the measures that use it."""
    today = today or timezone.localdate()
    quarters = sorted(set(quarters))
    result: Values = {m.pk: dict.fromkeys(quarters) for m in measures}
    begun = [q for q in quarters if q.start <= today]
    if not measures or not begun:
        return result
    computations = {m.computation for m in measures if m.source == MeasureSource.COMPUTED}
    computed: dict[str, dict[Quarter, Decimal | None]] = {}
    if computations & REPORT_COMPUTATIONS:
        counts = report_counts(begun)
        for name in computations & REPORT_COMPUTATIONS:
            computed[name] = {q: report_value(name, counts.get(q, Counter())) for q in begun}
    if computations & CLOCK_COMPUTATIONS:
        tallies = support_referrals(begun, now=now)
        computed[Computation.SUPPORT_REFERRAL_IN_LIMIT] = {
            q: tallies[q].share_in_limit for q in begun
        }
        computed[Computation.SUPPORT_REFERRAL_MEDIAN_DAYS] = {
            q: tallies[q].median_days for q in begun
        }
    if Computation.REPEAT_VICTIM_RATE in computations:
        computed[Computation.REPEAT_VICTIM_RATE] = repeat_victim_rates(begun)
    if Computation.SATISFACTION in computations:
        computed[Computation.SATISFACTION] = satisfaction_shares(begun)
    entered = _entered_values([m for m in measures if m.source == MeasureSource.ENTERED], begun)
    for measure in measures:
        found = (
            computed.get(measure.computation, {})
            if measure.source == MeasureSource.COMPUTED
            else entered.get(measure.pk, {})
        )
        for quarter in begun:
            result[measure.pk][quarter] = found.get(quarter)
    return result


def measure_value(measure: Measure, quarter: Quarter) -> Decimal | None:
    """One measure's value in one quarter."""
    return measure_values([measure], [quarter])[measure.pk][quarter]


# Rows ------------------------------------------------------------------------------------


def measure_list(strategy: Strategy) -> list[Measure]:
    return list(
        Measure.objects.filter(strategy=strategy)
        .select_related("strand", "entered_by_organisation")
        .order_by("strand__number", "sort_order", "name")
    )


def measure_row(
    measure: Measure, quarter: Quarter, values: dict[Quarter, Decimal | None], quarters: int
) -> MeasureRow:
    current = values.get(quarter)
    previous = values.get(quarter.shift(-1))
    year_ago = values.get(quarter.shift(-4))
    qoq = None if current is None or previous is None else current - previous
    yoy = None if current is None or year_ago is None else current - year_ago
    return MeasureRow(
        measure=measure,
        current=current,
        previous_quarter=previous,
        year_ago=year_ago,
        qoq_change=qoq,
        yoy_change=yoy,
        target=measure.target,
        on_target=on_target(measure, current),
        improving=is_better(measure, qoq),
        series=[
            MeasurePoint(quarter=q, value=values.get(q))
            for q in (quarter.shift(k - quarters + 1) for k in range(quarters))
        ],
    )


def _quarters_needed(quarter: Quarter, quarters: int) -> list[Quarter]:
    # At least five, so the quarter a year before is always worked out.
    span = max(quarters, 5)
    return [quarter.shift(-k) for k in range(span)]


def measure_rows_for(
    measures: Sequence[Measure],
    *,
    quarter: Quarter,
    quarters: int = 8,
    today: datetime.date | None = None,
) -> list[MeasureRow]:
    values = measure_values(measures, _quarters_needed(quarter, quarters), today=today)
    return [measure_row(m, quarter, values[m.pk], quarters) for m in measures]


def measure_rows(*, strategy: Strategy, quarter: Quarter, quarters: int = 8) -> list[MeasureRow]:
    """Every measure of the strategy in plan order (strand, then sort order, then name),
    with its value in ``quarter``, the changes, the target and a ``quarters``-long series."""
    return measure_rows_for(measure_list(strategy), quarter=quarter, quarters=quarters)


@dataclass
class StrandMeasures:
    strand: Strand
    rows: list[MeasureRow]


def measures_by_strand(strategy: Strategy, rows: Sequence[MeasureRow]) -> list[StrandMeasures]:
    """Every strand of the strategy with its measures' rows (a strand may have none)."""
    groups = [StrandMeasures(strand=s, rows=[]) for s in Strand.objects.filter(strategy=strategy)]
    by_id = {group.strand.pk: group for group in groups}
    for row in rows:
        by_id[row.measure.strand_id].rows.append(row)
    return sorted(groups, key=lambda group: group.strand.number)


# History of entered values -----------------------------------------------------------------


@dataclass(frozen=True)
class HistoryEntry:
    item: MeasureValue
    quarter: Quarter
    is_current: bool  # the newest value for its quarter (the one that counts)


def measure_history(measure: Measure) -> list[HistoryEntry]:
    """Every value entered for the measure, newest quarter first, the newest entry for each
    quarter first and marked current; the others were corrected since."""
    entries = (
        MeasureValue.objects.filter(measure=measure)
        .select_related("entered_by", "organisation")
        .order_by("-quarter_start", "-entered_at", "-id")
    )
    history = []
    seen: set[datetime.date] = set()
    for entry in entries:
        history.append(
            HistoryEntry(
                item=entry,
                quarter=Quarter.of(entry.quarter_start),
                is_current=entry.quarter_start not in seen,
            )
        )
        seen.add(entry.quarter_start)
    return history


def entry_quarters(*, today: datetime.date, count: int = 12) -> list[Quarter]:
    """The completed quarters a value may be entered for, newest first."""
    latest = Quarter.latest_complete(today)
    return [latest.shift(-k) for k in range(count)]


# Charts ------------------------------------------------------------------------------------


def unit_symbol(unit: str) -> str:
    """How a value's unit is written after it: "%" for per cent, nothing for a number. Days
    are written out in words by ``value_text`` (one day, two days)."""
    return "%" if unit == Unit.PERCENT else ""


def measure_chart(row: MeasureRow, *, width: int = 640, height: int = 240) -> str:
    """The row's series as an SVG line chart with its target line (markup to ``mark_safe``)."""
    measure = row.measure
    if measure.unit == Unit.DAYS:
        title = _("%(measure)s by quarter, in days") % {"measure": measure.name}
    else:
        title = _("%(measure)s by quarter") % {"measure": measure.name}
    return line_chart_svg(
        [(point.quarter.label, point.value) for point in row.series],
        title=title,
        target=None if row.target is None else float(row.target),
        unit=unit_symbol(measure.unit),
        width=width,
        height=height,
    )
