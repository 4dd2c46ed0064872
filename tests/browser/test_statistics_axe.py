"""axe-core finds no WCAG 2.x A or AA violations on the public statistics page (with hidden
cells, both recorders, a whole year's totals, and with nothing published), and the page
works on a phone under the site's real CSP."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import csp_messages
from tests.browser.walk import AxeAudit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def published_year(org_a: Any, case_rules: None, national_strands: None) -> None:
    """Fictional reports in every quarter of 2025-26 (all long complete), published as the
    daily job does: partner-recorded, and a few police-recorded."""
    from awaz.cases.models import Classification
    from awaz.cases.services.classification import case_classify
    from awaz.cases.services.triage import triage_make_case
    from awaz.partners.tests.factories import OrganisationFactory, StaffFactory
    from awaz.publishing.services import statistics_publish_due
    from awaz.reporting.models import Strand
    from awaz.reporting.tests.factories import make_area, make_report

    north = make_area("TEST-NORTH", "Fictional Northshire", lon=-3.0, lat=54.8)
    south = make_area("TEST-SOUTH", "Fictional Southdale", lon=-2.8, lat=54.3)
    race, religion = Strand.objects.get(code="race"), Strand.objects.get(code="religion")
    police = OrganisationFactory(name="Fictional Constabulary", kind="police")
    officer = StaffFactory(organisation=police, role="partner_caseworker")
    crime = Classification.objects.get(code="police_crime", version=1)
    for month in (4, 7, 10, 13):
        day = datetime.date(2025 + month // 13, (month - 1) % 12 + 1, 10)
        for _ in range(7):
            make_report(organisation=org_a, incident_date=day, strands=[race], area=north)
        for _ in range(2 + month % 3):
            make_report(organisation=org_a, incident_date=day, strands=[religion], area=south)
        report, _code = make_report(organisation=police, incident_date=day, strands=[race])
        case = triage_make_case(report_id=report.pk, actor=officer)
        case_classify(case=case, classification=crime, actor=officer)
    statistics_publish_due()


def test_statistics_pages(axe_page: Any, published_year: None) -> None:
    page = axe_page
    audit = AxeAudit(page)
    page.goto("/statistics/?year=2025")
    expect(page.locator("h3").first).to_contain_text("Police-recorded")
    expect(page.get_by_role("columnheader", name="Whole year").first).to_be_visible()
    expect(page.locator("td").filter(has_text="[c]").first).to_be_visible()
    audit("statistics, a whole year with hidden cells")
    page.goto("/statistics/")
    audit("statistics, the latest year")
    audit.assert_clean(
        expected=["statistics, a whole year with hidden cells", "statistics, the latest year"]
    )


def test_statistics_page_with_nothing_published(axe_page: Any) -> None:
    page = axe_page
    audit = AxeAudit(page)
    page.goto("/statistics/")
    expect(page.get_by_text("No statistics have been published yet.")).to_be_visible()
    audit("statistics, nothing published")
    audit.assert_clean(expected=["statistics, nothing published"])


def test_statistics_on_a_phone_under_csp(phone_page: Any, published_year: None) -> None:
    page = phone_page
    problems = csp_messages(page)
    page.goto("/statistics/?year=2025")
    region = page.get_by_role("region", name="Partner-recorded: reports by local authority")
    region.focus()
    expect(region).to_be_focused()
    link = page.get_by_role("link", name="Download every quarter of “Local authorities” (CSV)")
    expect(link).to_be_visible()
    assert problems == []
