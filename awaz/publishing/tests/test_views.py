"""The public statistics page and its CSV files."""

from __future__ import annotations

import csv
import datetime
import io
import re

import pytest
from django.urls import reverse

from awaz.core.tests.db_writes import tables_written
from awaz.publishing import services
from awaz.publishing.models import Release, ReleaseCell

D = datetime.date
URL = "/statistics/"
CSV_HEADER = [
    "table",
    "recorded_by",
    "period_type",
    "period",
    "period_start",
    "period_end",
    "category_code",
    "category",
    "count",
    "marker",
    "published_on",
]


@pytest.fixture
def published(reports, time_machine):
    """2025-26 Q1 (April to June 2025), partner-recorded: seven reports in Northshire,
    two in Southdale (hidden: 2), six with no place (hidden too, or 2 = 15 - 7 - 6); one
    police report. Seen on 1 September 2025."""
    for day in range(1, 8):
        reports.partner(D(2025, 4, day), area=reports.north)
    for day in range(1, 7):
        reports.partner(D(2025, 5, day))
    reports.partner(D(2025, 5, 1), strands=("religion",), area=reports.south)
    reports.partner(D(2025, 5, 2), strands=("religion",), area=reports.south)
    reports.police(D(2025, 6, 1), area=reports.north)
    time_machine.move_to(datetime.datetime(2025, 9, 1, 12, tzinfo=datetime.UTC))
    services.statistics_publish_due()  # what the daily job does
    return reports


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_no_statistics_yet(client, db):
    response = client.get(URL)
    assert response.status_code == 200
    assert "No statistics have been published yet." in text(response)
    assert "How we protect people" in text(response)


def test_viewing_publishes_nothing_even_when_a_quarter_is_due(client, reports, time_machine):
    # A crawler's visit must not be what freezes a release: the daily job publishes.
    for day in range(1, 8):
        reports.partner(D(2025, 4, day), area=reports.north)
    time_machine.move_to(datetime.datetime(2025, 9, 1, 12, tzinfo=datetime.UTC))
    with tables_written() as written:
        assert "No statistics have been published yet." in text(client.get(URL))
        assert client.get(reverse("publishing:table_csv", args=["strand"])).status_code == 200
    assert written == set()
    assert not Release.objects.exists()
    services.statistics_publish_due()
    assert "No statistics have been published yet." not in text(client.get(URL))


def test_page_shows_the_published_tables(client, published):
    response = client.get(URL)
    assert response.status_code == 200
    assert Release.objects.count() == 1
    page = text(response)
    for caption in (
        "Police-recorded: strands mentioned, April 2025 to March 2026",
        "Partner-recorded: strands mentioned, April 2025 to March 2026",
        "Partner-recorded: reports by local authority, April 2025 to March 2026",
        "Police-recorded: types of incident mentioned, April 2025 to March 2026",
    ):
        assert caption in page
    assert "Q1: April to June" in page and "Q2: July to September" not in page
    assert "[c] means the number is hidden to protect the people involved" in page
    assert "Every number from 1 to 4 is hidden and shown as [c], totals included." in page
    assert "counted as mentions" in page
    assert "Police-recorded and partner-recorded counts are separate tables" in page
    assert (
        "The next quarter, July to September 2025, will be published from 30 November 2025." in page
    )
    html = response.content.decode()
    hidden = '<span aria-hidden="true">[c]</span><span class="govuk-visually-hidden">hidden</span>'
    # Northshire's 7 is shown; Southdale's 2 is hidden, and so is a partner for it.
    partner = html[html.index('id="local-authority-partner-title"') :]
    cells = re.findall(r"Fictional (\w+)</th>\s*<td[^>]*>(.*?)</td>", partner)[:2]
    assert cells == [("Northshire", "7"), ("Southdale", hidden)]
    assert (
        '<span aria-hidden="true">[c]</span><span class="govuk-visually-hidden">hidden</span>'
        in html
    )


def test_page_has_no_inline_code_and_a_public_navigation_link(client, published):
    html = client.get(URL).content.decode()
    assert "style=" not in html
    assert re.search(r"\son[a-z]+=", html) is None
    for script in re.findall(r"<script[^>]*>", html):
        assert "src=" in script
    assert f'href="{URL}" aria-current="page"' in html
    start = client.get(reverse("public:start")).content.decode()
    assert f'href="{URL}"' in start and "Statistics" in start


def test_financial_years(client, reports, time_machine):
    reports.partner(D(2024, 5, 1))
    reports.partner(D(2025, 5, 1))
    time_machine.move_to(datetime.datetime(2025, 9, 1, 12, tzinfo=datetime.UTC))
    services.statistics_publish_due()
    page = text(client.get(URL))
    assert "Financial year April 2025 to March 2026" in page
    assert "April 2024 to March 2025" in page  # a link to the earlier year
    earlier = client.get(URL, {"year": "2024"})
    assert "Financial year April 2024 to March 2025" in text(earlier)
    # The fourth quarter of 2024-25 brought the year's totals.
    assert "Whole year" in text(earlier)
    assert client.get(URL, {"year": "1999"}).status_code == 404
    assert client.get(URL, {"year": "last"}).status_code == 404


def test_csv_layout(client, published):
    response = client.get(reverse("publishing:table_csv", args=["local-authority"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="awaz-statistics-local-authority.csv"' in response["Content-Disposition"]
    header, *body = rows(response)
    assert header == CSV_HEADER
    found = {(r[1], r[6]): r for r in body}
    assert found[("partner", "TEST-NORTH")] == [
        "local-authority",
        "partner",
        "quarter",
        "2025-26 Q1",
        "2025-04-01",
        "2025-06-30",
        "TEST-NORTH",
        "Fictional Northshire",
        "7",
        "",
        "2025-09-01",
    ]
    assert found[("partner", "TEST-SOUTH")][8:10] == ["", "[c]"]
    assert found[("partner", "not-known")][8:10] == ["", "[c]"]
    assert found[("partner", "total")][8:10] == ["15", ""]
    assert [r[1] for r in body] == ["police"] * 4 + ["partner"] * 4
    assert [r[6] for r in body][-1] == "total"


def test_csv_never_holds_a_hidden_count(client, published):
    client.get(URL)
    hidden = set(ReleaseCell.objects.exclude(suppression="").values_list("table", "category"))
    assert hidden
    for slug in ("strand", "local-authority", "incident-type"):
        for row in rows(client.get(reverse("publishing:table_csv", args=[slug])))[1:]:
            if row[9]:
                assert row[8] == ""
            else:
                assert row[8].isdigit()


def test_unknown_csv(client, db):
    assert client.get("/statistics/people.csv").status_code == 404


def test_query_count_does_not_grow_with_quarters(client, published, django_assert_max_num_queries):
    client.get(URL)
    with django_assert_max_num_queries(12):
        client.get(URL)


def test_how_we_count_names_the_police_classifications(client, published):
    page = text(client.get(URL))
    assert (
        "as a police record (Intelligence, Police non-crime hate incident, Police-recorded "
        "crime), when the quarter was published" in page
    )
    assert "Reports closed as a duplicate, a test or not hate-related are not counted." in page
    assert "counted in the quarter the incident happened" in page
