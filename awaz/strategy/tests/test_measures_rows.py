"""A measure's row: the value in the quarter, the change on the quarter before and on a year
before, on or off target and improving or not by the direction that is good, and the series
to chart (oldest first, gaps kept); the changes in words."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
import time_machine

from awaz.cases.tests.timers_support import london
from awaz.core.quarters import Quarter
from awaz.strategy.measure_words import change_words, series_csv_rows, value_text
from awaz.strategy.models import GoodDirection, Measure, MeasureSource, Unit
from awaz.strategy.selectors_measures import (
    MeasurePoint,
    is_better,
    measure_chart,
    measure_rows,
    measures_by_strand,
    on_target,
)
from awaz.strategy.services.measures import MeasureDetails, measure_create, measure_value_enter
from awaz.strategy.tests.factories import make_strand, make_strategy

QUARTER = Quarter(datetime.date(2026, 1, 1))  # 2025-26 Q4


@pytest.fixture
def strategy(chair: Any) -> Any:
    strategy = make_strategy(chair=chair)
    make_strand(strategy=strategy, chair=chair, number=1, title="Prevention")
    make_strand(strategy=strategy, chair=chair, number=3, title="Offenders")
    return strategy


def entered(
    chair: Any,
    strategy: Any,
    org: Any,
    *,
    name: str,
    direction: GoodDirection = GoodDirection.UP,
    target: Decimal | None = None,
    unit: Unit = Unit.COUNT,
    strand_number: int = 1,
    values: dict[Quarter, Decimal] | None = None,
) -> Measure:
    measure = measure_create(
        strategy=strategy,
        details=MeasureDetails(
            name=name,
            strand=strategy.strands.get(number=strand_number),
            source=MeasureSource.ENTERED,
            entered_by_organisation=org,
            good_direction=direction,
            target=target,
            unit=unit,
        ),
        actor=chair,
    )
    with time_machine.travel(london(2026, 4, 10, 9), tick=False):
        for quarter, value in (values or {}).items():
            measure_value_enter(measure=measure, quarter=quarter, value=value, actor=chair)
    return measure


def q(n: int) -> Quarter:
    return QUARTER.shift(n)


def test_changes_and_target_higher_is_better(chair: Any, strategy: Any, org_b: Any) -> None:
    entered(
        chair,
        strategy,
        org_b,
        name="Sessions",
        target=Decimal(10),
        values={q(-4): Decimal(5), q(-1): Decimal(8), q(0): Decimal(12)},
    )
    (row,) = measure_rows(strategy=strategy, quarter=QUARTER, quarters=8)
    assert (row.current, row.previous_quarter, row.year_ago) == (12, 8, 5)
    assert (row.qoq_change, row.yoy_change) == (Decimal(4), Decimal(7))
    assert (row.target, row.on_target, row.improving, row.year_improving) == (10, True, True, True)
    assert change_words(row.measure, row.qoq_change) == "up 4 from last quarter; better"
    assert change_words(row.measure, row.yoy_change, year=True) == (
        "up 7 from a year before; better"
    )
    # The series: eight quarters, oldest first, ending at the quarter; gaps are None.
    assert [p.quarter for p in row.series] == [q(k) for k in range(-7, 1)]
    assert [p.value for p in row.series] == [None, None, None, 5, None, None, 8, 12]
    assert row.series[-1] == MeasurePoint(quarter=QUARTER, value=Decimal(12))


def test_changes_and_target_lower_is_better(chair: Any, strategy: Any, org_b: Any) -> None:
    entered(
        chair,
        strategy,
        org_b,
        name="Waiting days",
        direction=GoodDirection.DOWN,
        target=Decimal("2.5"),
        unit=Unit.DAYS,
        values={q(-4): Decimal(2), q(-1): Decimal("3.5"), q(0): Decimal(3)},
    )
    (row,) = measure_rows(strategy=strategy, quarter=QUARTER)
    assert (row.qoq_change, row.yoy_change) == (Decimal("-0.5"), Decimal(1))
    assert (row.on_target, row.improving, row.year_improving) == (False, True, False)
    assert value_text(row.measure, row.current) == "3 days"
    assert value_text(row.measure, Decimal(1)) == "1 day"
    assert change_words(row.measure, row.qoq_change) == "down 0.5 days from last quarter; better"
    assert change_words(row.measure, row.yoy_change, year=True) == (
        "up 1 day from a year before; worse"
    )


def test_on_target_at_exactly_the_target(chair: Any, strategy: Any, org_b: Any) -> None:
    up = entered(chair, strategy, org_b, name="Up", target=Decimal(10))
    down = entered(
        chair, strategy, org_b, name="Down", target=Decimal(10), direction=GoodDirection.DOWN
    )
    assert on_target(up, Decimal(10)) is True and on_target(down, Decimal(10)) is True
    assert on_target(up, Decimal("9.99")) is False and on_target(down, Decimal("9.99")) is True
    assert on_target(up, None) is None
    up.target = None
    assert on_target(up, Decimal(100)) is None


def test_no_change_and_missing_figures(chair: Any, strategy: Any, org_b: Any) -> None:
    entered(
        chair,
        strategy,
        org_b,
        name="Share",
        unit=Unit.PERCENT,
        values={q(-1): Decimal("40"), q(0): Decimal("40")},
    )
    (row,) = measure_rows(strategy=strategy, quarter=QUARTER)
    assert row.qoq_change == 0 and row.improving is False  # no change is not an improvement
    assert row.yoy_change is None and row.year_improving is None
    assert row.on_target is None  # no target
    assert change_words(row.measure, row.qoq_change) == "the same as last quarter"
    assert change_words(row.measure, row.yoy_change, year=True) == (
        "no figure to compare from a year before"
    )
    assert change_words(row.measure, Decimal("-2.5")) == (
        "down 2.5 percentage points from last quarter; worse"
    )
    assert (
        change_words(row.measure, Decimal(1)) == "up 1 percentage point from last quarter; better"
    )
    assert value_text(row.measure, row.current) == "40%"
    assert value_text(row.measure, None) == "no data"


def test_no_values_at_all(chair: Any, strategy: Any, org_b: Any) -> None:
    entered(chair, strategy, org_b, name="Nothing yet", target=Decimal(5))
    (row,) = measure_rows(strategy=strategy, quarter=QUARTER, quarters=4)
    assert row.current is None and row.qoq_change is None and row.on_target is None
    assert len(row.series) == 4 and all(p.value is None for p in row.series)
    assert "No data yet" in measure_chart(row)


def test_fewer_quarters_still_compare_with_a_year_before(
    chair: Any, strategy: Any, org_b: Any
) -> None:
    entered(chair, strategy, org_b, name="Short", values={q(-4): Decimal(1), q(0): Decimal(3)})
    (row,) = measure_rows(strategy=strategy, quarter=QUARTER, quarters=2)
    assert [p.quarter for p in row.series] == [q(-1), q(0)]
    assert (row.year_ago, row.yoy_change) == (Decimal(1), Decimal(2))


def test_is_better() -> None:
    up = Measure(good_direction=GoodDirection.UP)
    down = Measure(good_direction=GoodDirection.DOWN)
    assert is_better(up, Decimal(1)) and not is_better(up, Decimal(-1))
    assert is_better(down, Decimal(-1)) and not is_better(down, Decimal(1))
    assert is_better(up, None) is None


def test_order_groups_chart_and_csv(chair: Any, strategy: Any, org_b: Any) -> None:
    later = entered(chair, strategy, org_b, name="B offenders", strand_number=3)
    first = entered(
        chair,
        strategy,
        org_b,
        name="A sessions",
        target=Decimal(10),
        values={q(0): Decimal("12.50")},
    )
    rows = measure_rows(strategy=strategy, quarter=QUARTER)
    assert [row.measure for row in rows] == [first, later]  # strand 1 before strand 3
    groups = measures_by_strand(strategy, rows)
    assert [(g.strand.number, [r.measure for r in g.rows]) for g in groups] == [
        (1, [first]),
        (3, [later]),
    ]
    chart = measure_chart(rows[0])
    assert "<title" in chart and "A sessions by quarter" in chart and "Target 10" in chart
    csv_rows = list(series_csv_rows(rows[:1]))
    assert len(csv_rows) == 8
    assert csv_rows[-1][:8] == [
        first.code,
        "A sessions",
        1,
        "2025-26 Q4",
        "2026-01-01",
        "2026-03-31",
        "12.5",
        "Number",
    ]
    assert csv_rows[-1][8] == "10"
    assert csv_rows[0][6] == ""  # no value: an empty cell
