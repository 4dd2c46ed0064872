"""The demo's measures: ten across the four strands with targets, computed ones working on
the demo data, entered ones with two years of values (one corrected), all audited."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from awaz.audit.models import AuditEvent
from awaz.core.quarters import Quarter
from awaz.partners.models import Membership
from awaz.reporting.demo.partners import demo_partners_create
from awaz.strategy.demo import content
from awaz.strategy.demo.measures import MEASURES, demo_measures_seed
from awaz.strategy.models import Measure, MeasureSource, MeasureValue, Strategy
from awaz.strategy.selectors_measures import measure_history, measure_rows
from awaz.strategy.services import strand_add, strategy_create
from awaz.strategy.tests.conftest import TODAY

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def demo_strategy(db: None) -> Strategy:
    """The demo partners and the demo strategy's four strands (without its actions)."""
    demo_partners_create(password="fictional-demo-password")
    chair = Membership.objects.get(role="chair", organisation__is_demo=True).user
    strategy = strategy_create(
        name=content.NAME,
        starts_on=TODAY.replace(year=2025, month=4, day=1),
        ends_on=TODAY.replace(year=2028, month=3, day=31),
        is_demo=True,
        actor=chair,
    )
    for number, title, focus in content.STRANDS:
        strand_add(strategy=strategy, number=number, title=title, focus=focus, actor=chair)
    return strategy


def test_the_demo_measures(demo_strategy: Strategy) -> None:
    assert demo_measures_seed(today=TODAY) == len(MEASURES) == 10
    measures = list(Measure.objects.select_related("strand", "entered_by_organisation"))
    assert sorted(Counter(m.strand.number for m in measures).items()) == [
        (1, 2),
        (2, 5),
        (3, 1),
        (4, 2),
    ]
    assert all(m.target is not None for m in measures)
    entered = [m for m in measures if m.source == MeasureSource.ENTERED]
    assert {m.entered_by_organisation.name for m in entered} == {  # type: ignore[union-attr]
        "Cumberland Council (demo)",
        "Cumbria Constabulary (demo)",
        "Probation Service (demo)",
        "Community Safety Partnership Managers (demo)",
    }
    assert {m.name for m in entered} >= {
        "Schools sessions delivered",
        "Offenders completing a values, attitudes and behaviour programme",
    }
    latest = Quarter.latest_complete(TODAY)
    for measure in entered:
        current = [h for h in measure_history(measure) if h.is_current]
        assert [h.quarter for h in current] == [latest.shift(-k) for k in range(8)]
    corrected = [h for m in entered for h in measure_history(m) if not h.is_current]
    assert len(corrected) == 1
    assert MeasureValue.objects.count() == 4 * 8 + 1
    assert AuditEvent.objects.filter(event_type=642).count() == 33  # MEASURE_VALUE_ENTERED

    rows = measure_rows(strategy=demo_strategy, quarter=latest)
    by_name: dict[str, Any] = {row.measure.name: row for row in rows}
    sessions = by_name["Schools sessions delivered"]
    assert sessions.current is not None and sessions.on_target is not None
    assert all(point.value is not None for point in sessions.series)
    # No demo reports in this test: a count of none, and no share of nothing.
    assert by_name["Reports received"].current == 0
    assert by_name["Share of reports through reporting centres"].current is None


def test_runs_once(demo_strategy: Strategy) -> None:
    demo_measures_seed(today=TODAY)
    assert demo_measures_seed(today=TODAY) == 0
    assert Measure.objects.count() == 10


def test_without_the_demo_strategy(db: None) -> None:
    assert demo_measures_seed(today=TODAY) == 0
    assert not Measure.objects.exists()
