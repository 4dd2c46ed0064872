"""The dashboard's CSV downloads: exactly the figures the page shows, for the same filters,
as attachments a spreadsheet cannot turn into formulas."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from awaz.patterns.csvsafe import csv_response, safe_cell
from awaz.patterns.tests.test_dashboard import NOW, dashboard_world, staff
from awaz.reporting.tests.factories import make_area, make_report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def world(org_a: Any) -> dict[str, Any]:
    return dashboard_world(org_a)


@pytest.fixture
def analyst_client(client: Any, org_a: Any) -> Any:
    client.force_login(staff(org_a, "analyst"))
    return client


def download(client: Any, slug: str, query: dict[str, Any] | None = None) -> list[list[str]]:
    response = client.get(reverse("patterns:chart_csv", args=[slug]), query or {})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="awaz-')
    return list(csv.reader(io.StringIO(response.content.decode())))


# --- the helper -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://example.org")', '\'=HYPERLINK("http://example.org")'),
        ("+44 1234", "'+44 1234"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTAB", "'\tTAB"),
        ("\rCR", "'\rCR"),
        ("Fictional Abbey", "Fictional Abbey"),
        ("a=b", "a=b"),
        ("", ""),
        (None, ""),
        (-3, "-3"),
        (-1.5, "-1.5"),
        (Decimal("-0.25"), "-0.25"),
        (True, "True"),
    ],
)
def test_safe_cell(value, written):
    assert safe_cell(value) == written


def test_csv_response_neutralises_every_cell_and_is_an_attachment():
    response = csv_response("awaz-test.csv", ["=Header", "n"], [["@cmd", -2], ["plain", 3]])
    assert response["Content-Disposition"] == 'attachment; filename="awaz-test.csv"'
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.decode().splitlines() == ["'=Header,n", "'@cmd,-2", "plain,3"]


@pytest.mark.parametrize("name", ['a".csv', "a\r\nb.csv", "../a.csv", ""])
def test_csv_response_refuses_unsafe_filenames(name):
    with pytest.raises(ValueError):
        csv_response(name, ["a"], [])


# --- each chart's data ------------------------------------------------------------------------


def test_headline_csv(analyst_client, world):
    response = analyst_client.get(reverse("patterns:chart_csv", args=["headline"]))
    assert response["Content-Disposition"] == (
        'attachment; filename="awaz-headline-2025-03-16-to-2026-03-15.csv"'
    )
    assert download(analyst_client, "headline") == [
        ["Measure", "Value"],
        ["Incidents in the period", "8"],
        ["Incidents in the same period last year", "3"],
        ["Change", "5"],
        ["Change (%)", "166.7"],
        ["Monthly average over the previous 12 months", "0.6"],
        ["Counted on the day reported because no date was given", "1"],
    ]


def test_headline_csv_follows_the_filters(analyst_client, world):
    rows = download(analyst_client, "headline", {"strand": "religion", "channel": "phone"})
    assert rows[1:5] == [
        ["Incidents in the period", "1"],
        ["Incidents in the same period last year", "1"],
        ["Change", "0"],
        ["Change (%)", "0.0"],
    ]


def test_strands_and_sources_csv(analyst_client, world):
    assert download(analyst_client, "strands") == [
        ["Strand", "Mentions"],
        ["Race or ethnicity", "5"],
        ["Religion or belief", "2"],
        ["Sexual orientation", "1"],
        ["Disability", "1"],
        ["Transgender identity", "0"],
    ]
    assert download(analyst_client, "sources") == [
        ["Who reported it", "Incidents"],
        ["The victim", "5"],
        ["A witness", "2"],
        ["Someone reporting for the victim", "1"],
    ]


def test_trend_csv_weekly_for_a_short_period(analyst_client, world):
    query = {
        **{f"start-{k}": v for k, v in (("day", "1"), ("month", "1"), ("year", "2026"))},
        **{f"end-{k}": v for k, v in (("day", "15"), ("month", "2"), ("year", "2026"))},
    }
    rows = download(analyst_client, "trend", query)
    assert rows[0] == ["Week beginning", "Incidents", "Same week a year earlier"]
    # 1 January 2026 is a Thursday: the first week begins on Monday 29 December 2025.
    assert rows[1] == ["2025-12-29", "0", "0"]
    assert ["2026-01-05", "1", "0"] in rows  # report 5, Saturday 10 January
    assert ["2026-02-02", "1", "0"] in rows  # report 6
    # Report 10 (Monday 20 January 2025) is 52 weeks before Monday 19 January 2026.
    assert ["2026-01-19", "0", "1"] in rows
    assert len(rows) == 1 + 7


def test_areas_and_day_hour_csv(analyst_client, world):
    assert download(analyst_client, "areas") == [
        ["Area", "Code", "Incidents", "Residents", "Per 1,000 residents"],
        ["Fictional Abbey", "TEST-W-A", "3", "2000", "1.5"],
        ["Fictional Bridge", "TEST-W-B", "3", "4000", "0.75"],
        ["Fictional Castle", "TEST-W-C", "2", "1000", "2.0"],
    ]
    rows = download(analyst_client, "day-hour")
    assert rows[0][:3] == ["Day", "00:00", "01:00"] and rows[0][-1] == "Total"
    monday = rows[1]
    assert monday[0] == "Monday" and monday[1 + 10] == "3" and monday[-1] == "3"
    assert rows[6][0] == "Saturday" and rows[6][1 + 22] == "2"
    assert rows[7][0] == "Sunday" and rows[7][1 + 9] == "1"
    assert sum(int(n) for row in rows[1:] for n in row[1:-1]) == 6


def test_repeat_rates_csv(analyst_client, world):
    assert download(analyst_client, "repeat-rates") == [
        [
            "Who or where",
            "From",
            "To",
            "Known",
            "With 2 or more incidents",
            "Repeat rate (%)",
            "Incidents that could not be matched",
        ],
        ["Victims", "2025-03-16", "2026-03-15", "3", "1", "33.3", "1"],
        ["Places", "2025-03-16", "2026-03-15", "2", "1", "50.0", "3"],
    ]


def test_every_chart_downloads(analyst_client, world):
    for slug in (
        "incident-types",
        "channels",
        "areas-of-concern",
        "hot-spots",
    ):
        rows = download(analyst_client, slug)
        assert rows[0], slug


def test_area_names_cannot_become_formulas(analyst_client, org_a):
    ward = make_area("TEST-W-EVIL", '=HYPERLINK("http://example.org","Fictional")')
    make_report(organisation=org_a, area=ward, incident_date=datetime.date(2026, 3, 1))
    rows = download(analyst_client, "areas")
    assert rows[1][0] == '\'=HYPERLINK("http://example.org","Fictional")'
    assert rows[1][2] == "1"
