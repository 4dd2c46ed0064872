"""The triage inbox (and its bulk triage page) at phone width (375 px): the page never
scrolls sideways; the table of reports scrolls inside its own labelled region, which the
keyboard can reach."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.walk import staff_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NARROW = {"width": 375, "height": 812}


def assert_fits(page: Any) -> None:
    """The document is no wider than the phone. (A mobile browser widens its layout
    viewport to fit wide content, so ``innerWidth`` alone would grow with the overflow.)"""
    sizes = page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})"
    )
    assert sizes["scroll"] <= NARROW["width"], sizes
    assert sizes["inner"] <= NARROW["width"], sizes


def test_the_inbox_fits_a_phone(new_context: Any, national_strands: None, default_hub: Any) -> None:
    from awaz.partners.tests.factories import StaffFactory
    from awaz.reporting.models import Strand
    from awaz.reporting.tests.factories import make_area, make_report

    org = default_hub.organisation
    area = make_area("E05000002", "Fictional Upperby and Botcherby Ward", lon=-2.92, lat=54.88)
    strands = list(Strand.objects.filter(code__in=["race", "religion", "disability"]))
    for channel in ("online", "phone", "in_person"):
        make_report(organisation=org, strands=strands, area=area, channel=channel)
    caseworker = StaffFactory(organisation=org, role="partner_caseworker", mfa=True)

    page = new_context(viewport=NARROW, is_mobile=True, has_touch=True).new_page()
    # A cold live server takes seconds over its first page (every URL module is imported):
    # pay that here, not inside the sign-in's 10 second waits.
    page.request.get("/accounts/login/", timeout=60_000)
    staff_sign_in(page, caseworker)
    expect(page.get_by_role("link", name=re.compile(r"^HC-"))).to_have_count(3)
    assert_fits(page)
    region = page.get_by_role("region", name="3 reports")
    # The table is wider than the phone: it scrolls within its region, reachable by keyboard.
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")
    region.focus()
    expect(region).to_be_focused()
    page.get_by_text("Filter reports").click()
    assert_fits(page)
    # The bulk triage page it links to has the same kind of table.
    page.get_by_role("link", name="Triage several reports at once").click()
    expect(page.get_by_role("region", name="3 reports to triage")).to_be_visible()
    assert_fits(page)
