"""The public "Where to report" page in a browser: axe-core finds no WCAG 2.x A or AA
violation with the map drawn, without it (Leaflet not loaded), and with no centre listed;
under the site's real CSP on a phone the map draws with no violation and a dot leads to the
centre's entry; without JavaScript the list is all there and the map stays hidden. The
chair's register pages (the list, a centre's page, the details form with errors) are
checked with axe too."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, csp_messages
from tests.browser.walk import AxeAudit, press, staff_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

URL = "/where-to-report/"


@pytest.fixture
def centres() -> dict[str, Any]:
    """Three listed, recently verified centres (two with a map position, in two fictional
    areas inside a fictional authority) and one never verified, which must not appear."""
    from django.utils import timezone

    from awaz.geo.models import AreaLevel
    from awaz.partners.tests.factories import OrganisationFactory, StaffFactory
    from awaz.reporting.tests.factories import make_area
    from awaz.strategy.services.centres import CentreDetails, centre_details_save, centre_verify

    borough = make_area("TEST-LA", "Fictional Borough", lon=-3.1, lat=54.5, size=0.4)
    north = make_area(
        "TEST-N", "Fictional Northby", level=AreaLevel.WARD, parent=borough, lon=-3.1, lat=54.7
    )
    south = make_area(
        "TEST-S", "Fictional Southby", level=AreaLevel.WARD, parent=borough, lon=-3.1, lat=54.5
    )
    council = OrganisationFactory(name="Fictional Council", kind="council")
    chair = StaffFactory(organisation=council, role="chair", full_name="Fictional Chair")
    today = timezone.localdate()
    made = {}
    for name, area, position, verified in (
        ("Fictional Library Point", north, (54.72, -3.08), True),
        ("Fictional Advice Room", south, (54.52, -3.05), True),
        ("Fictional Corner Cafe", None, None, True),
        ("Fictional Unchecked Hall", south, (54.53, -3.06), False),
    ):
        org = OrganisationFactory(name=name, kind="reporting_centre")
        centre = centre_details_save(
            organisation=org,
            details=CentreDetails(
                address="1 Fictional Street\nFictional Town",
                opening_hours="Monday to Friday, 9am to 5pm",
                area=area,
                lat=position[0] if position else None,
                lon=position[1] if position else None,
                phone="01632 960000",
                website="https://centre.example.org/",
                languages="English, Polish",
                accessibility="Step-free entrance.",
                has_private_space=True,
                trained_staff=2,
            ),
            actor=chair,
        )
        if verified:
            centre_verify(centre=centre, actor=chair, verified_on=today - datetime.timedelta(30))
        made[name] = centre
    return {"chair": chair, **made}


def test_where_to_report_with_and_without_the_map(axe_page: Any, centres: dict[str, Any]) -> None:
    page = axe_page
    audit = AxeAudit(page)
    page.goto(URL)
    expect(page.locator("#centres-map")).to_be_visible()
    expect(page.locator("#centres-map path.leaflet-interactive")).to_have_count(2)
    expect(page.get_by_role("heading", name="Fictional Library Point")).to_be_visible()
    expect(page.get_by_text("Fictional Unchecked Hall")).to_have_count(0)
    audit("where to report, with the map")

    page.route("**/leaflet/leaflet.js", lambda route: route.abort())
    page.goto(URL)
    expect(page.locator("#centres-map")).to_be_hidden()
    expect(page.get_by_role("heading", name="Fictional Corner Cafe")).to_be_visible()
    audit("where to report, without the map")
    audit.assert_clean(
        expected=["where to report, with the map", "where to report, without the map"]
    )


def test_where_to_report_with_no_centre_listed(axe_page: Any) -> None:
    page = axe_page
    audit = AxeAudit(page)
    page.goto(URL)
    expect(page.get_by_text("No reporting centres are listed at the moment.")).to_be_visible()
    audit("where to report, no centres")
    audit.assert_clean(expected=["where to report, no centres"])


def test_the_map_under_csp_on_a_phone(phone_page: Any, centres: dict[str, Any]) -> None:
    page = phone_page
    problems = csp_messages(page)
    page.goto(URL)
    dots = page.locator("#centres-map path.leaflet-interactive")
    expect(dots).to_have_count(2)
    # Selecting a centre's dot goes to its entry in the list (Northby's comes first).
    dots.first.dispatch_event("click")
    anchor = f"centre-{centres['Fictional Library Point'].pk}"
    expect(page).to_have_url(re.compile(rf"#{anchor}$"))
    expect(page.locator(f"#{anchor}")).to_be_focused()
    assert problems == []


def test_without_javascript_the_list_is_all_there(
    new_context: Any, national_strands: None, centres: dict[str, Any]
) -> None:
    page = new_context(java_script_enabled=False, viewport=PHONE).new_page()
    page.goto(URL)
    expect(page.locator("#centres-map")).to_be_hidden()
    for name in ("Fictional Library Point", "Fictional Advice Room", "Fictional Corner Cafe"):
        expect(page.get_by_role("heading", name=name)).to_be_visible()
    expect(page.get_by_role("heading", name="Fictional Northby")).to_be_visible()
    expect(page.get_by_role("heading", name="Other places")).to_be_visible()
    expect(page.get_by_role("link", name="Report online")).to_be_visible()


def test_the_register_pages(axe_page: Any, centres: dict[str, Any]) -> None:
    page = axe_page
    audit = AxeAudit(page)
    staff_sign_in(page, centres["chair"], home="Action plan")  # no strategy in this world
    page.goto("/plan/centres/")
    expect(page.locator("h1")).to_have_text("Reporting centres")
    audit("the register")
    page.get_by_role("link", name="Fictional Unchecked Hall").click()
    expect(page.get_by_text("Never verified")).to_be_visible()
    audit("a centre's page")
    page.get_by_role("link", name="Change the details").click()
    page.get_by_label("Opening hours").fill("")
    press(page, "Save the details")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    audit("the details form with an error")
    audit.assert_clean(
        expected=["the register", "a centre's page", "the details form with an error"]
    )
