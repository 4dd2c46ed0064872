"""The patterns dashboard in a browser: an analyst signs in, opens it from the navigation,
sees the charts and the map drawn (with the site's real CSP, and no violation), filters by a
strand, sees the headline change and downloads a chart's data as CSV. axe-core finds no
WCAG 2.x A or AA violation with and without filters, nor with a filter error; without
JavaScript the tables and CSV links are all there.

``open_dashboard(page, live_server, user)`` signs a member of staff in and opens the
dashboard, for other browser tests of the patterns pages to start from.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import csp_messages
from tests.browser.walk import AxeAudit, press, staff_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}


def open_dashboard(page: Any, live_server: Any, user: Any) -> None:
    """Sign ``user`` (a role allowed ``patterns.view``) in through the staff pages and open
    the patterns dashboard from the navigation."""
    staff_sign_in(page, user, home="Patterns")  # the analyst starts on the dashboard
    page.get_by_role("link", name="Patterns", exact=True).click()
    expect(page).to_have_url(re.compile(re.escape(live_server.url) + r"/patterns/$"))
    expect(page.locator("h1")).to_have_text("Patterns")


def dashboard_world() -> dict[str, Any]:
    """An analyst and seven fictional reports in the last few weeks, in three touching wards:
    race four times, religion twice (one of them also race), disability once."""
    from django.utils import timezone

    from awaz.geo.models import AreaLevel
    from awaz.partners.tests.factories import OrganisationFactory, StaffFactory
    from awaz.reporting.models import ReportingHub, Strand
    from awaz.reporting.tests.factories import make_area, make_report

    hub = OrganisationFactory(name="Fictional Partnership Analysis Team", kind="council")
    ReportingHub.objects.create(organisation=hub, is_default=True)
    analyst = StaffFactory(organisation=hub, role="analyst", full_name="Fictional Ana Lyst")
    borough = make_area("TEST-LA", "Fictional Borough", lon=-3.0, lat=54.8, size=0.15)
    wards = [
        make_area(
            f"TEST-W-{i}",
            name,
            level=AreaLevel.WARD,
            parent=borough,
            lon=-3.0 + 0.05 * i,
            lat=54.8,
        )
        for i, name in enumerate(("Fictional Abbey", "Fictional Bridge", "Fictional Castle"))
    ]
    strand = {s.code: s for s in Strand.objects.all()}
    today = timezone.localdate()
    # 50 m grid squares a few hundred metres apart, for the near-repeat analysis.
    for days_ago, codes, ward, hour, (east, north) in (
        (3, ["race"], 0, 10, (340025, 555025)),
        (9, ["race", "religion"], 0, 22, (340075, 555025)),
        (16, ["race"], 1, 10, (340125, 555175)),
        (23, ["religion"], 1, 18, (340425, 555475)),
        (30, ["race"], 2, 22, (340475, 555475)),
        (37, ["disability"], 2, 9, (341025, 556025)),
        (44, [], 0, 13, (340025, 555075)),
    ):
        make_report(
            organisation=hub,
            strands=[strand[c] for c in codes],
            area=wards[ward],
            incident_date=today - datetime.timedelta(days=days_ago),
            incident_time=datetime.time(hour, 15),
            grid_easting=east,
            grid_northing=north,
        )
    _warm_up(today)
    return {"analyst": analyst}


def _warm_up(today: datetime.date) -> None:
    """Import the URLs and views and compile the analysis kernels in this process (the live
    server's), so the first page the browser asks for answers within its timeout."""
    from django.urls import reverse

    from awaz.patterns.selectors.dashboard import Filters
    from awaz.patterns.views.dashboard_data import TABLES, DashboardData

    reverse("patterns:dashboard")
    data = DashboardData(filters=Filters.default(today), today=today)
    for slug in TABLES:
        data.table(slug)


def _headline(page: Any) -> Any:
    return page.locator("#headline-total")


def test_analyst_filters_the_dashboard_and_downloads_a_chart(
    new_context: Any, national_strands: None, live_server: Any
) -> None:
    world = dashboard_world()
    page = new_context(viewport=DESKTOP, accept_downloads=True).new_page()
    problems = csp_messages(page)
    open_dashboard(page, live_server, world["analyst"])

    expect(_headline(page)).to_have_text("7")
    # With JavaScript the charts and the map are drawn, their tables one click away.
    for slug in ("trend", "strands", "incident-types", "channels", "sources"):
        holder = page.locator(f"[data-chart='chart-data-{slug}']")
        expect(holder).to_be_visible()
        expect(holder.locator("canvas")).to_have_attribute("width", re.compile(r"^[1-9]"))
    expect(page.locator("details[data-chart-table]").first).not_to_have_attribute("open", "")
    expect(page.locator("#dashboard-map")).to_be_visible()
    expect(page.locator("#dashboard-map path.awaz-choropleth")).to_have_count(3)
    expect(page.locator("#dashboard-map-legend")).to_be_visible()

    page.get_by_text("Change the filters").click()
    page.get_by_label("Religion or belief", exact=True).check()
    press(page, "Apply filters")
    expect(_headline(page)).to_have_text("2")
    expect(page.locator("#filters-summary")).to_contain_text("Religion or belief")

    with page.expect_download() as info:
        page.get_by_role("link", name="Download this data (CSV) for Strands named").click()
    download = info.value
    assert re.fullmatch(
        r"awaz-strands-\d{4}-\d\d-\d\d-to-\d{4}-\d\d-\d\d\.csv", download.suggested_filename
    )
    with open(download.path(), encoding="utf-8") as handle:
        rows = list(csv.reader(io.StringIO(handle.read())))
    assert rows[0] == ["Strand", "Mentions"]
    assert ["Religion or belief", "2"] in rows
    assert ["Race or ethnicity", "0"] in rows

    with page.expect_download() as info:
        page.get_by_role("link", name="Download this data (CSV) for Headline numbers").click()
    with open(info.value.path(), encoding="utf-8") as handle:
        rows = list(csv.reader(io.StringIO(handle.read())))
    assert rows[:2] == [["Measure", "Value"], ["Incidents in the period", "2"]]

    page.get_by_role("link", name="Clear filters").first.click()
    expect(_headline(page)).to_have_text("7")

    # A near-repeat analysis of the same incidents runs as a job and shows its band table.
    page.get_by_role("link", name="Run a near-repeat analysis of these incidents").click()
    expect(page.locator("h1")).to_have_text("Start a near-repeat analysis")
    page.get_by_label("Distance bands (metres)").fill("0, 100, 200, 400")
    page.get_by_label("Time bands (days)").fill("0, 7, 14, 28")
    page.get_by_label("Number of random shuffles").fill("99")
    press(page, "Start the analysis")
    expect(page.get_by_role("heading", name="Result")).to_be_visible()
    table = page.locator("table").first
    expect(table).to_contain_text("0\u2013100 m")
    expect(table).to_contain_text("0\u20137 days")
    with page.expect_download() as info:
        page.get_by_role("link", name="Download this table (CSV)").click()
    with open(info.value.path(), encoding="utf-8") as handle:
        rows = list(csv.reader(io.StringIO(handle.read())))
    assert len(rows) > 3
    assert problems == []


def test_dashboard_accessibility(axe_page: Any, live_server: Any) -> None:
    world = dashboard_world()
    page = axe_page
    page.set_viewport_size(DESKTOP)
    audit = AxeAudit(page)
    open_dashboard(page, live_server, world["analyst"])
    expect(page.locator("#dashboard-map")).to_be_visible()
    audit("dashboard")
    page.get_by_text("Change the filters").click()
    page.get_by_label("Race or ethnicity", exact=True).check()
    page.get_by_label("Area", exact=True).select_option(label="\u2003\u2003Fictional Bridge")
    press(page, "Apply filters")
    expect(page.locator("#filters-summary")).to_contain_text("Fictional Bridge")
    audit("dashboard with filters")
    page.goto("/patterns/?start-day=40&start-month=1&start-year=2026")
    expect(page).to_have_title(re.compile(r"^Error: "))
    audit("dashboard with a filter error")
    audit.assert_clean(
        expected=["dashboard", "dashboard with filters", "dashboard with a filter error"]
    )


def test_dashboard_without_javascript(
    new_context: Any, national_strands: None, live_server: Any
) -> None:
    world = dashboard_world()
    page = new_context(viewport=DESKTOP, java_script_enabled=False).new_page()
    open_dashboard(page, live_server, world["analyst"])
    expect(_headline(page)).to_have_text("7")
    # No chart or map: every table is open, each with its CSV link.
    expect(page.locator("[data-chart]").first).to_be_hidden()
    expect(page.locator("#dashboard-map")).to_be_hidden()
    expect(page.get_by_role("table", name="Strands named")).to_be_visible()
    expect(page.get_by_role("table", name="Incidents by area")).to_be_visible()
    expect(page.locator("#day-hour-table")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(r"^Download this data \(CSV\)"))).to_have_count(
        11
    )
