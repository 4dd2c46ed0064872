"""What the quarterly report says, against the hand-counted world of ``quarterly_world``:
the plan as it stood at the end of the quarter, incidents compared with the previous quarter
and the same quarter last year, measures, reporting centres, meetings and the issue log."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest

from awaz.core.quarters import Quarter
from awaz.strategy.models import RagStatus
from awaz.strategy.reports.content import (
    QuarterlyContent,
    change_percent,
    complete_quarters,
    quarterly_content,
)
from awaz.strategy.tests.conftest import TODAY, Plan
from awaz.strategy.tests.quarterly_world import QUARTER, World, build_world

D = datetime.date
pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def world(plan: Plan) -> World:
    return build_world(plan)


@pytest.fixture
def content(world: World) -> QuarterlyContent:
    return quarterly_content(strategy=world.plan.strategy, quarter=QUARTER, today=TODAY)


def test_the_plan_is_rated_as_it_stood_at_the_end_of_the_quarter(
    content: QuarterlyContent,
) -> None:
    assert content.plan_rating == RagStatus.RED
    # Strand, rating, red, amber, green, not started, complete, overdue, actions.
    assert content.tables["plan"].rows == [
        ("1 Prevention", RagStatus.RED, 1, 1, 0, 0, 0, 1, 2),
        ("2 Increased reporting", RagStatus.GREEN, 0, 0, 1, 1, 0, 0, 2),
        ("Whole plan", RagStatus.RED, 1, 1, 1, 1, 0, 1, 4),
    ]
    # 1.1 is green today but was red at the end of March; 1.2's milestone was done late.
    assert content.tables["red_overdue"].rows == [
        (
            "1.1",
            "Fictional talks",
            "Fictional Victim Hub A",
            RagStatus.RED,
            None,
            "",
            "Fictional: no venue yet",
        ),
        (
            "1.2",
            "Fictional leaflets",
            "Fictional Council B",
            RagStatus.AMBER,
            D(2026, 3, 20),
            "Fictional print run",
            "",
        ),
    ]


def test_incidents_are_compared_with_the_previous_quarter_and_a_year_before(
    content: QuarterlyContent,
) -> None:
    assert (content.incidents_total, content.incidents_previous) == (3, 2)
    assert (content.incidents_year_ago, content.incidents_date_unknown) == (1, 0)
    assert content.tables["incidents"].rows == [
        ("This quarter", "2025-26 Q4", "January to March 2026", 3, None, None),
        ("Previous quarter", "2025-26 Q3", "October to December 2025", 2, 1, 50.0),
        ("Same quarter last year", "2024-25 Q4", "January to March 2025", 1, 2, 200.0),
    ]
    months = content.tables["months"]
    assert months.column("Month") == [D(2025, m, 1) for m in range(4, 13)] + [
        D(2026, m, 1) for m in range(1, 4)
    ]
    assert months.column("Incidents") == [0, 0, 0, 0, 0, 0, 1, 0, 1, 1, 1, 1]
    assert months.column("A year earlier") == [0] * 11 + [1]
    strands = {row[0]: row[1:] for row in content.tables["strands"].rows}
    assert strands["Race or ethnicity"] == (2, 1, 1)
    assert strands["Religion or belief"] == (2, 0, 0)
    assert strands["Disability"] == (0, 1, 0)
    assert content.tables["local_authorities"].rows == [
        ("Fictional Borough", 2, 0, 0.1),
        ("Fictional District", 0, 1, None),
        ("Place not known", 1, 0, None),
    ]
    concern_months = content.tables["concern_months"]
    assert concern_months.column("Month") == [D(2026, 1, 1), D(2026, 2, 1), D(2026, 3, 1)]
    assert content.tables["concerns"].rows == []  # a handful of incidents is no spike


def test_measures_show_the_quarter_the_changes_and_eight_quarters(
    content: QuarterlyContent,
) -> None:
    (row,) = content.tables["measures"].rows
    assert row == (
        "1 Prevention",
        "Fictional sessions held",
        "Number",
        Decimal(12),  # the correction, not the first figure
        Decimal(8),
        Decimal(5),
        Decimal(4),
        Decimal(7),
        Decimal(10),
        True,
        True,
    )
    history = content.tables["measure_history"]
    assert [c.label for c in history.columns[1:]] == [QUARTER.shift(n).label for n in range(-7, 1)]
    assert history.rows == [
        (
            "Fictional sessions held",
            None,
            None,
            None,
            Decimal(5),
            None,
            None,
            Decimal(8),
            Decimal(12),
        )
    ]


def test_centres_meetings_and_the_issue_log(content: QuarterlyContent) -> None:
    # Centres, verified, needing action, attention only, reports this quarter.
    assert content.tables["centre_counts"].rows == [(1, 0, 1, 0, 0)]
    (centre,) = content.tables["centres"].rows
    assert centre[:6] == ("Fictional Reporting Point", "", 0, 0, 0, 0)
    assert "Details not recorded yet" in centre[6]
    assert content.tables["meetings"].rows == [
        (D(2026, 2, 15), "Fictional quarterly meeting", 0, True)
    ]
    # Raised, escalated, resolved, closed, open at the end.
    assert content.tables["issue_counts"].rows == [(2, 1, 1, 1, 2)]
    issues = content.tables["issues"]
    assert [row[1] for row in issues.rows] == [
        "Fictional signage in the park",
        "Fictional market stall dispute",
        "Fictional taxi licensing gap",
    ]
    assert issues.rows[2][3:6] == (D(2026, 1, 10), D(2026, 2, 20), None)


def test_nothing_in_the_report_names_a_person(world: World, content: QuarterlyContent) -> None:
    plan = world.plan
    words = " ".join(
        str(value)
        for table in content.ordered_tables()
        for row in [tuple(c.label for c in table.columns), *table.rows]
        for value in row
    )
    for person in (plan.chair, plan.lead_worker, plan.pcc):
        assert person.full_name not in words
        assert person.email not in words
    assert "shouted abuse" not in words  # the reporters' accounts


def test_complete_quarters_are_the_strategys_that_have_ended(plan: Plan) -> None:
    quarters = complete_quarters(plan.strategy, today=TODAY)
    assert [q.label for q in quarters] == ["2025-26 Q4", "2025-26 Q3", "2025-26 Q2", "2025-26 Q1"]
    assert complete_quarters(plan.strategy, today=D(2025, 6, 30)) == []
    assert complete_quarters(plan.strategy, today=D(2031, 1, 1))[0] == Quarter(D(2028, 1, 1))


@pytest.mark.parametrize(
    ("now", "before", "expected"),
    [(3, 2, 50.0), (1, 3, -66.7), (5, 0, None), (None, 4, None), (Decimal("2.5"), 2, 25.0)],
)
def test_change_percent(now: Any, before: Any, expected: float | None) -> None:
    assert change_percent(now, before) == expected
