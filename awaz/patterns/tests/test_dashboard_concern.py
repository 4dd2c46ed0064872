"""Areas of concern and hot spots on the dashboard: an injected spike is shown with its
figures, why, and the trigger-event line; a cluster of busy areas is marked as a hot spot."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine

from awaz.geo.models import AreaLevel
from awaz.patterns.selectors.dashboard import add_months
from awaz.patterns.tests.test_dashboard import DASHBOARD, NOW, staff, strands
from awaz.reporting.tests.factories import make_area, make_report

pytestmark = pytest.mark.django_db

# Today is 15 March 2026: the latest complete month is February 2026.
SPIKE_MONTH = datetime.date(2026, 2, 1)


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def analyst_client(client: Any, org_a: Any) -> Any:
    client.force_login(staff(org_a, "analyst"))
    return client


def _reports(org: Any, area: Any, month: datetime.date, n: int, codes: tuple[str, ...]) -> None:
    for i in range(n):
        make_report(
            organisation=org,
            area=area,
            strands=strands(*codes),
            incident_date=month.replace(day=3 + i),
        )


@pytest.fixture
def spike(org_a: Any) -> dict[str, Any]:
    """One race incident a month in Abbey from January 2023 to January 2026 (three years,
    and the month before, which the baseline uses) and in Bridge and Castle in the baseline's
    months (January to March of 2023, 2024 and 2025), then February 2026: 8 in Abbey, 4 in
    Bridge and 4 in Castle, all race. Religion in Abbey: one in each baseline month and
    one in February, no rise."""
    la = make_area("TEST-LA", "Fictional Borough", size=0.5)
    wards = {
        name: make_area(
            f"TEST-W-{name[0]}",
            f"Fictional {name}",
            level=AreaLevel.WARD,
            parent=la,
            lon=-2.95 + 0.05 * i,
        )
        for i, name in enumerate(("Abbey", "Bridge", "Castle"))
    }
    for back in range(1, 38):
        _reports(org_a, wards["Abbey"], add_months(SPIKE_MONTH, -back), 1, ("race",))
    for year in (1, 2, 3):
        for shift in (-1, 0, 1):
            month = add_months(SPIKE_MONTH, -12 * year + shift)
            for name in ("Bridge", "Castle"):
                _reports(org_a, wards[name], month, 1, ("race",))
            _reports(org_a, wards["Abbey"], month, 1, ("religion",))
    _reports(org_a, wards["Abbey"], SPIKE_MONTH, 8, ("race",))
    _reports(org_a, wards["Bridge"], SPIKE_MONTH, 4, ("race",))
    _reports(org_a, wards["Castle"], SPIKE_MONTH, 4, ("race",))
    _reports(org_a, wards["Abbey"], SPIKE_MONTH, 1, ("religion",))
    return wards


def test_injected_spike_is_an_area_of_concern(analyst_client, spike):
    response = analyst_client.get(DASHBOARD)
    concern = response.context["concern"]
    assert concern.month == SPIKE_MONTH
    assert concern.cells_tested == 4  # Abbey, Bridge and Castle for race; Abbey for religion
    flagged = {(c.area.name, c.strand_code): c for c in concern.concerns}
    assert set(flagged) == {
        ("Fictional Abbey", "race"),
        ("Fictional Bridge", "race"),
        ("Fictional Castle", "race"),
    }
    abbey = flagged[("Fictional Abbey", "race")]
    assert (abbey.count, abbey.expected, abbey.method) == (8, 1.0, "seasonal")
    assert abbey.qvalue <= 0.05
    assert concern.trigger_event
    row = response.context["concern_rows"][0]
    assert row["area"] == "Fictional Abbey" and row["strand"] == "Race or ethnicity"
    assert row["why"].startswith(
        "8 incidents of Race or ethnicity in Fictional Abbey in February 2026 against 1 "
        "expected from the same month of the previous 3 years. A count this high would "
        "happen by chance with probability "
    )
    html = response.content.decode()
    assert "Areas of concern in February 2026" in html
    assert 'id="concern-table"' in html
    assert "Trigger event in February 2026: 17 incidents across the county against 4" in html
    assert 'href="#concern-method"' in html and 'id="concern-method"' in html


def test_concern_respects_the_strand_and_area_filters(analyst_client, spike):
    response = analyst_client.get(DASHBOARD, {"strand": "religion"})
    concern = response.context["concern"]
    assert (concern.cells_tested, concern.concerns) == (1, [])
    assert "No area and strand stood out in February 2026 (1 area and strand" in (
        response.content.decode()
    )
    response = analyst_client.get(DASHBOARD, {"area": "TEST-W-B"})
    concern = response.context["concern"]
    assert [(c.area.name, c.count) for c in concern.concerns] == [("Fictional Bridge", 4)]


def test_concern_month_is_the_last_complete_month_of_the_period(analyst_client, spike):
    query = {"end-day": "31", "end-month": "1", "end-year": "2026"}
    response = analyst_client.get(DASHBOARD, query)
    assert response.context["concern"].month == datetime.date(2026, 1, 1)
    assert response.context["concern"].concerns == []


def test_a_cluster_of_busy_areas_is_a_hot_spot(analyst_client, org_a):
    """A 4 x 4 grid of touching wards; the four in the north-west corner have 6 incidents
    each, the others none or one."""
    la = make_area("TEST-LA", "Fictional Borough", lon=-3.0, lat=54.6, size=0.2)
    day = datetime.date(2026, 2, 10)
    for row in range(4):
        for col in range(4):
            ward = make_area(
                f"TEST-W-{row}{col}",
                f"Fictional Ward {row}{col}",
                level=AreaLevel.WARD,
                parent=la,
                lon=-3.0 + 0.05 * col,
                lat=54.75 - 0.05 * row,
            )
            n = 6 if row < 2 and col < 2 else (row + col) % 2
            for _ in range(n):
                make_report(organisation=org_a, area=ward, incident_date=day)
    response = analyst_client.get(DASHBOARD)
    spots = {row[0]: row[-1] for row in response.context["tables"]["hot_spots"].rows}
    assert spots["Fictional Ward 00"] == "Hot spot"
    assert spots["Fictional Ward 33"] == "Not significant"
    areas = response.context["map"]["geojson"]["areas"]
    assert areas["TEST-W-00"]["spot"] == "hot"
    assert areas["TEST-W-00"]["label"].endswith(". Hot spot")
    html = response.content.decode()
    assert "areas are hot spots" in html
    assert '<td class="govuk-table__cell">Hot spot</td>' in html
