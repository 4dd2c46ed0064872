"""The patterns dashboard: who may open it, and what it shows for a small world counted by
hand (``dashboard_world``), with and without filters.

Today is Sunday 15 March 2026, so the default period is 16 March 2025 to 15 March 2026 and
"the same period last year" is 16 March 2024 to 15 March 2025. Every figure asserted below
is counted from the table in ``dashboard_world``'s docstring.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from awaz.core.crypto import blind_index
from awaz.geo.models import AreaLevel
from awaz.geo.services import area_populations_set
from awaz.partners.models import Organisation
from awaz.partners.tests.factories import StaffFactory
from awaz.reporting.models import Strand
from awaz.reporting.tests.factories import make_area, make_report

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 15, 12, 0, tzinfo=datetime.UTC)
DASHBOARD = reverse("patterns:dashboard")
GRID = (330025, 555025)  # the centre of a 50 m square four incidents share
NEXT_SQUARE = (330075, 555025)


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


def staff(org: Organisation, role: str) -> Any:
    return StaffFactory(organisation=org, role=role)


def strands(*codes: str) -> list[Strand]:
    return list(Strand.objects.filter(code__in=codes))


def dashboard_world(org: Organisation) -> dict[str, Any]:
    """Eleven reports, plainly fictional, in three wards of two boroughs.

    ===  ==========  =====  ===================  =====  ================  =========  =========
    #    date        time   strands              ward   types             channel    who
    ===  ==========  =====  ===================  =====  ================  =========  =========
    1    2025-04-07  10:30  race                 Abbey  verbal_abuse      online     victim A
    2    2025-06-14  22:15  race, religion       Abbey  verbal, threats   online     victim A
    3    2025-09-01  10:05  religion             Bridge physical_assault  phone      witness
    4    2025-12-25  -      disability           Castle criminal_damage   in_person  behalf B
    5    2026-01-10  22:40  race                 Bridge graffiti          online     victim ?
    6    2026-02-02  10:59  race                 Abbey  verbal_abuse      online     victim A
    7    2026-03-01  09:00  sexual-orientation   Castle online_abuse      online     witness
    8    (none: reported 2026-03-10) race        Bridge other             online     victim P
    9    2024-06-01  -      race                 Abbey  verbal_abuse      online     victim
    10   2025-01-20  -      religion             Bridge threats           phone      witness
    11   2025-03-05  -      race                 Castle verbal_abuse      online     victim
    ===  ==========  =====  ===================  =====  ================  =========  =========

    Victim A gives the same e-mail address three times, B another, P only a phone number;
    5 is anonymous. Reports 1, 2, 5 and 6 share one 50 m grid square, 3 is next to it.
    Abbey and Bridge are in the North borough, Castle in the South; residents 2,000, 4,000
    and 1,000.
    """
    north = make_area("TEST-LA-N", "Fictional North Borough", lon=-3.0, lat=54.8, size=0.2)
    south = make_area("TEST-LA-S", "Fictional South Borough", lon=-2.8, lat=54.8, size=0.2)
    abbey = make_area(
        "TEST-W-A", "Fictional Abbey", level=AreaLevel.WARD, parent=north, lon=-3.0, lat=54.8
    )
    bridge = make_area(
        "TEST-W-B", "Fictional Bridge", level=AreaLevel.WARD, parent=north, lon=-2.95, lat=54.8
    )
    castle = make_area(
        "TEST-W-C", "Fictional Castle", level=AreaLevel.WARD, parent=south, lon=-2.8, lat=54.8
    )
    area_populations_set(
        values={"TEST-W-A": (2000, 2024), "TEST-W-B": (4000, 2024), "TEST-W-C": (1000, 2024)}
    )
    victim_a = "victim.a@example.org"
    phone_p = blind_index("phone", "07700900456")

    def report(day: str | None, time: str | None, codes: tuple[str, ...], area: Any, **kw: Any):
        fields: dict[str, Any] = {
            "incident_date": datetime.date.fromisoformat(day) if day else None,
            "incident_time": datetime.time.fromisoformat(time) if time else None,
        }
        fields.update(kw)
        return make_report(organisation=org, strands=strands(*codes), area=area, **fields)[0]

    g = {"grid_easting": GRID[0], "grid_northing": GRID[1]}
    report("2025-04-07", "10:30", ("race",), abbey, email=victim_a, **g)
    report(
        "2025-06-14",
        "22:15",
        ("race", "religion"),
        abbey,
        email=victim_a,
        incident_types=["verbal_abuse", "threats"],
        **g,
    )
    report(
        "2025-09-01",
        "10:05",
        ("religion",),
        bridge,
        channel="phone",
        reporter_role="witness",
        incident_types=["physical_assault"],
        grid_easting=NEXT_SQUARE[0],
        grid_northing=NEXT_SQUARE[1],
    )
    report(
        "2025-12-25",
        None,
        ("disability",),
        castle,
        channel="in_person",
        reporter_role="on_behalf",
        email="victim.b@example.org",
        incident_types=["criminal_damage"],
    )
    report(
        "2026-01-10",
        "22:40",
        ("race",),
        bridge,
        is_anonymous=True,
        incident_types=["graffiti"],
        **g,
    )
    report("2026-02-02", "10:59", ("race",), abbey, email=victim_a, **g)
    report(
        "2026-03-01",
        "09:00",
        ("sexual-orientation",),
        castle,
        reporter_role="witness",
        incident_types=["online_abuse"],
    )
    report(
        None,
        None,
        ("race",),
        bridge,
        phone_index=phone_p,
        incident_types=["other"],
        submitted_at=datetime.datetime(2026, 3, 10, 14, 0, tzinfo=datetime.UTC),
    )
    report("2024-06-01", None, ("race",), abbey)
    report(
        "2025-01-20",
        None,
        ("religion",),
        bridge,
        channel="phone",
        reporter_role="witness",
        incident_types=["threats"],
    )
    report("2025-03-05", None, ("race",), castle)
    return {"north": north, "south": south, "abbey": abbey, "bridge": bridge, "castle": castle}


@pytest.fixture
def world(org_a: Organisation) -> dict[str, Any]:
    return dashboard_world(org_a)


@pytest.fixture
def analyst(org_a: Organisation) -> Any:
    return staff(org_a, "analyst")


@pytest.fixture
def analyst_client(client: Any, analyst: Any) -> Any:
    client.force_login(analyst)
    return client


def context_of(response: Any) -> dict[str, Any]:
    return response.context


# --- who may open it --------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["analyst", "chair", "pcc_office"])
def test_dashboard_roles_allowed(client, org_a, role):
    client.force_login(staff(org_a, role))
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-l">Patterns</h1>' in response.content.decode()
    csv = client.get(reverse("patterns:chart_csv", args=["headline"]))
    assert csv.status_code == 200


@pytest.mark.parametrize("role", ["partner_caseworker", "centre_caseworker", "administrator"])
def test_dashboard_refused_to_other_roles(client, org_a, role):
    """The same refusal as every role-gated page (``access.require`` -> 403 page)."""
    client.force_login(staff(org_a, role))
    assert client.get(DASHBOARD).status_code == 403
    assert client.get(reverse("patterns:chart_csv", args=["headline"])).status_code == 403


def test_dashboard_refused_without_an_organisation(client, django_user_model):
    user = django_user_model.objects.create_user(email="nobody@example.org", password="x" * 20)
    client.force_login(user)
    assert client.get(DASHBOARD).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client):
    for url in (DASHBOARD, reverse("patterns:chart_csv", args=["trend"])):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_unknown_chart_is_not_found(analyst_client):
    assert analyst_client.get("/patterns/data/secrets.csv").status_code == 404


def test_navigation_links_to_patterns_only_for_roles_that_may_open_it(client, org_a):
    client.force_login(staff(org_a, "chair"))
    assert f'href="{DASHBOARD}"' in client.get(reverse("mfa_index")).content.decode()
    client.force_login(staff(org_a, "partner_caseworker"))
    assert f'href="{DASHBOARD}"' not in client.get(reverse("mfa_index")).content.decode()


def test_links_to_near_repeat_and_export_follow_the_role(client, org_a):
    near, export = reverse("patterns:near_repeat_start"), reverse("patterns:export")
    earlier = reverse("patterns:near_repeat_list")
    client.force_login(staff(org_a, "analyst"))
    html = client.get(DASHBOARD, {"strand": "race"}).content.decode()
    # The links carry the filters the analyst is looking at.
    assert re.search(rf'href="{near}\?[^"]*strand=race', html)
    assert re.search(rf'href="{export}\?[^"]*strand=race', html)
    assert f'href="{earlier}"' in html
    client.force_login(staff(org_a, "pcc_office"))
    html = client.get(DASHBOARD).content.decode()
    assert f'href="{near}' not in html and f'href="{export}' not in html


# --- the hand-counted figures -----------------------------------------------------------------


def test_headline_for_the_default_period(analyst_client, world):
    response = analyst_client.get(DASHBOARD)
    headline = response.context["headline"]
    # Reports 1-8 in the period, 9-11 a year earlier; 1-6 and 11 in the 12 months before
    # March 2026 (March 2025 to February 2026); 8 had no date.
    assert (headline.total, headline.last_year, headline.change) == (8, 3, 5)
    assert headline.pct_change == pytest.approx(166.7)
    assert headline.monthly_average == pytest.approx(0.6)
    assert headline.date_unknown == 1
    html = response.content.decode()
    assert "Up 5 (167%) on the same period last year (3)." in html
    assert 'id="headline-total">8<' in html
    summary = dict(response.context["summary"])
    assert summary == {"Period": "16 March 2025 to 15 March 2026"}


def test_charts_for_the_default_period(analyst_client, world):
    response = analyst_client.get(DASHBOARD)
    tables = response.context["tables"]
    assert tables["strands"].rows == [
        ["Race or ethnicity", 5],
        ["Religion or belief", 2],
        ["Sexual orientation", 1],
        ["Disability", 1],
        ["Transgender identity", 0],
    ]
    assert dict(tables["incident_types"].rows) == {
        "Verbal abuse, insults or name-calling": 3,
        "Threats": 1,
        "Physical assault": 1,
        "Harassment or intimidation": 0,
        "Damage to property": 1,
        "Graffiti": 1,
        "Online abuse": 1,
        "Something else": 1,
    }
    assert dict(tables["channels"].rows) == {
        "Online": 6,
        "Phone, through a reporting centre": 1,
        "In person, at a reporting centre": 1,
        "From a partner's own records (imported)": 0,
    }
    assert dict(tables["sources"].rows) == {
        "The victim": 5,
        "A witness": 2,
        "Someone reporting for the victim": 1,
    }
    trend = tables["trend"]
    assert trend.header == ["Month", "Incidents", "Same month a year earlier"]
    assert [row[0] for row in trend.rows][:2] == [
        datetime.date(2025, 3, 1),
        datetime.date(2025, 4, 1),
    ]
    # Thirteen months, March 2025 (from the 16th) to March 2026 (to the 15th); report 11
    # (5 March 2025) is last year's, never this period's March.
    assert [row[1] for row in trend.rows] == [0, 1, 0, 1, 0, 0, 1, 0, 0, 1, 1, 1, 2]
    assert [row[2] for row in trend.rows] == [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1]
    html = response.content.decode()
    assert "Strands are counted as mentions: one incident can name several" in html
    # Each chart has its data for Chart.js, its table and its CSV link.
    for slug in ("trend", "strands", "incident-types", "channels", "sources"):
        assert f'id="chart-data-{slug}"' in html
        assert f'href="/patterns/data/{slug}.csv?' in html
    assert html.count("Show the data as a table") == 6  # five charts and the map


def test_day_hour_heat_map(analyst_client, world):
    response = analyst_client.get(DASHBOARD)
    rows = {row["day"]: row for row in response.context["day_hour_rows"]}
    # Monday 10:00-10:59 (1, 3, 6), Saturday 22:00-22:59 (2, 5), Sunday 09:00 (7).
    assert rows["Monday"]["cells"][10] == (3, 5)
    assert rows["Saturday"]["cells"][22] == (2, 4)
    assert rows["Sunday"]["cells"][9] == (1, 2)
    assert sum(count for row in rows.values() for count, _shade in row["cells"]) == 6
    assert response.context["time_unknown"] == 2  # 4 had no time, 8 no date
    html = response.content.decode()
    assert (
        '<td class="govuk-table__cell govuk-table__cell--numeric awaz-heat awaz-heat--5">3</td>'
        in html
    )
    assert "2 incidents had no time or date and are not in the table." in html
    # Shading steps of 0.6 from 0 to 3: whole numbers fall in classes 2, 4 and 5.
    assert response.context["day_hour_legend"] == [(0, "None"), (2, "1"), (4, "2"), (5, "3")]


def test_areas_and_map(analyst_client, world):
    response = analyst_client.get(DASHBOARD)
    assert response.context["tables"]["areas"].rows == [
        ["Fictional Abbey", "TEST-W-A", 3, 2000, 1.5],
        ["Fictional Bridge", "TEST-W-B", 3, 4000, 0.75],
        ["Fictional Castle", "TEST-W-C", 2, 1000, 2.0],
    ]
    map_ = response.context["map"]
    assert map_["measure"] == "rate"
    areas = map_["geojson"]["areas"]
    assert {code: a["shade"] for code, a in areas.items()} == {
        "TEST-W-A": 4,
        "TEST-W-B": 2,
        "TEST-W-C": 5,
    }
    assert areas["TEST-W-A"]["label"] == "Fictional Abbey: 3 incidents, 1.5 per 1,000 residents"
    assert [f["id"] for f in map_["geojson"]["boundaries"]["features"]] == [
        "TEST-W-A",
        "TEST-W-B",
        "TEST-W-C",
    ]
    html = response.content.decode()
    data = json.loads(re.search(r'id="dashboard-map-data"[^>]*>(.*?)</script>', html).group(1))
    assert data["areas"]["TEST-W-C"]["shade"] == 5
    assert "Areas are shaded by incidents per 1,000 residents" in html


def test_map_says_counts_when_a_population_is_unknown(analyst_client, world):
    make_area("TEST-W-D", "Fictional Dale", level=AreaLevel.WARD, parent=world["south"])
    response = analyst_client.get(DASHBOARD)
    assert response.context["map"]["measure"] == "count"
    html = response.content.decode()
    assert "shaded by the number of incidents, not by a rate, because the population" in html


def test_repeat_rates_for_every_role_and_places_only_for_analyst_and_chair(client, org_a, world):
    client.force_login(staff(org_a, "pcc_office"))
    response = client.get(DASHBOARD)
    # Victims: A (3 reports), B, P known; 5 anonymous. Places: the shared square (4) and
    # the next one (1); 4, 7 and 8 have no place.
    assert response.context["tables"]["repeat_rates"].rows == [
        ["Victims", datetime.date(2025, 3, 16), datetime.date(2026, 3, 15), 3, 1, 33.3, 1],
        ["Places", datetime.date(2025, 3, 16), datetime.date(2026, 3, 15), 2, 1, 50.0, 3],
    ]
    html = response.content.decode()
    assert "Places with most incidents" not in html
    assert "330025" not in html
    for role in ("analyst", "chair"):
        client.force_login(staff(org_a, role))
        html = client.get(DASHBOARD).content.decode()
        assert "Places with most incidents" in html
        assert (
            '<th scope="row" class="govuk-table__header">330025, 555025</th>\n'
            '        <td class="govuk-table__cell">Fictional Abbey</td>\n'
            '        <td class="govuk-table__cell govuk-table__cell--numeric">4</td>'
        ) in html
    # No victim's key is ever on the page.
    assert blind_index("email", "victim.a@example.org") not in html


# --- filters ----------------------------------------------------------------------------------


def test_strand_filter(analyst_client, world):
    response = analyst_client.get(DASHBOARD, {"strand": "religion"})
    headline = response.context["headline"]
    assert (headline.total, headline.last_year) == (2, 1)  # 2 and 3; 10
    strand_rows = dict(response.context["tables"]["strands"].rows)
    assert strand_rows["Religion or belief"] == 2
    assert strand_rows["Race or ethnicity"] == 0
    assert dict(response.context["summary"])["Strands"] == "Religion or belief"
    html = response.content.decode()
    assert 'value="religion" checked' in html
    assert f'href="{DASHBOARD}">Clear filters</a>' in html
    # The CSV links repeat the filters.
    assert "/patterns/data/headline.csv?start-day=16&amp;start-month=3&amp;start-year=2025" in html
    assert "strand=religion" in html


def test_area_filter_takes_the_areas_inside(analyst_client, world):
    response = analyst_client.get(DASHBOARD, {"area": "TEST-LA-N"})
    assert response.context["headline"].total == 6  # 1, 2, 3, 5, 6, 8
    assert [row[0] for row in response.context["tables"]["areas"].rows] == [
        "Fictional Abbey",
        "Fictional Bridge",
    ]
    assert dict(response.context["summary"])["Area"] == "Fictional North Borough"
    html = response.content.decode()
    # The area list is a tree: each level indented by an em space.
    assert '<option value="TEST-LA-N" selected>\u2003Fictional North Borough</option>' in html
    assert '<option value="TEST-W-A">\u2003\u2003Fictional Abbey</option>' in html


def test_type_channel_and_source_filters(analyst_client, world):
    def total(**query: Any) -> int:
        return analyst_client.get(DASHBOARD, query).context["headline"].total

    assert total(type="verbal_abuse") == 3
    assert total(type=["graffiti", "threats"]) == 2
    assert total(channel="phone") == 1
    assert total(source="witness") == 2
    assert total(source="victim", channel="online", strand="race") == 5  # 1, 2, 5, 6, 8


def test_invalid_dates_keep_what_was_typed_and_say_what_is_wrong(analyst_client, world):
    query = {
        "start-day": "31",
        "start-month": "2",
        "start-year": "2026",
        "end-day": "1",
        "end-month": "",
        "end-year": "2026",
        "strand": "race",
    }
    response = analyst_client.get(DASHBOARD, query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: Patterns" in html
    assert "govuk-error-summary" in html
    assert '<a href="#id_start">The start date must be a real date</a>' in html
    assert '<a href="#id_end">The end date must include a month</a>' in html
    assert 'name="start-day" type="text" inputmode="numeric" value="31"' in html
    assert 'name="end-month" type="text" inputmode="numeric" value=""' in html
    # The figures fall back to the default period, with the valid filters still applied.
    filters = response.context["filters"]
    assert (filters.start, filters.end) == (datetime.date(2025, 3, 16), NOW.date())
    assert response.context["headline"].total == 5  # race: 1, 2, 5, 6, 8


def test_end_before_start_and_future_dates_are_errors(analyst_client, world):
    html = analyst_client.get(
        DASHBOARD,
        {
            "start-day": "1",
            "start-month": "3",
            "start-year": "2026",
            "end-day": "1",
            "end-month": "2",
            "end-year": "2026",
        },
    ).content.decode()
    assert "The end date must be on or after the start date" in html
    html = analyst_client.get(
        DASHBOARD, {"end-day": "1", "end-month": "4", "end-year": "2026"}
    ).content.decode()
    assert "The end date must be today or in the past" in html


def test_only_a_start_date_runs_to_today(analyst_client, world):
    response = analyst_client.get(
        DASHBOARD, {"start-day": "1", "start-month": "1", "start-year": "2026"}
    )
    filters = response.context["filters"]
    assert (filters.start, filters.end) == (datetime.date(2026, 1, 1), NOW.date())
    assert response.context["headline"].total == 4  # 5, 6, 7, 8
    # Ten weeks: the trend is weekly.
    assert response.context["tables"]["trend"].header[0] == "Week beginning"


def test_quick_period_links_keep_the_other_filters(analyst_client, world):
    response = analyst_client.get(DASHBOARD, {"strand": "race"})
    links = {link["text"]: link for link in response.context["period_links"]}
    assert links["Last 3 months"]["href"] == (
        "/patterns/?start-day=16&start-month=12&start-year=2025"
        "&end-day=15&end-month=3&end-year=2026&strand=race"
    )
    assert "start-day=1&start-month=4&start-year=2025" in links["This financial year"]["href"]
    assert links["Last 12 months"]["current"] and not links["Last 3 months"]["current"]
    followed = analyst_client.get(links["Last 3 months"]["href"])
    assert followed.context["headline"].total == 3  # race since 16 December 2025: 5, 6, 8


def test_the_page_runs_only_the_selectors_queries(
    analyst_client, world, org_a, django_assert_max_num_queries
):
    """A fixed number of queries (the selectors', plus signing in), whatever the data: no
    query per area, strand or row."""
    # The first request of a session also records the session, and the first in the process
    # reads the areas' boundaries for the hot-spot neighbours.
    analyst_client.get(DASHBOARD)

    def data_queries(query: dict[str, Any]) -> int:
        # 9 to read the session and the user, record the visit and check role and MFA; the
        # rest are the filter form's areas and strands, the selectors (whole months from
        # MonthlyCount, the days of part-covered months from the facts) and the boundaries.
        with django_assert_max_num_queries(40) as queries:
            assert analyst_client.get(DASHBOARD, query).status_code == 200
        return sum(1 for q in queries if "reporting_" in q["sql"] or "geo_area" in q["sql"])

    filtered = {"strand": ["race", "religion"], "type": "threats", "channel": ["online", "phone"]}
    before = (data_queries({}), data_queries(filtered))
    assert before[0] <= 31 and before[1] <= 31
    for i in range(4):
        ward = make_area(
            f"TEST-W-X{i}", f"Fictional Extra {i}", level=AreaLevel.WARD, parent=world["north"]
        )
        make_report(
            organisation=org_a,
            area=ward,
            strands=strands("race", "religion"),
            incident_date=datetime.date(2026, 1, 5 + i),
            grid_easting=GRID[0],
            grid_northing=GRID[1],
        )
    # The hot-spot neighbours are cached per process until an area changes: read them once.
    analyst_client.get(DASHBOARD)
    assert (data_queries({}), data_queries(filtered)) == before
