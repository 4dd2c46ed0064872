"""The public journey works with JavaScript turned off: the fewest answers a report needs,
from the start page to the reference, using only links, forms and redirects."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE
from tests.browser.walk import MINIMAL, send_report, start_report, walk

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_minimal_report_without_javascript(
    new_context: Any, national_strands: None, default_hub: Any
) -> None:
    from awaz.reporting.models import Report

    page = new_context(java_script_enabled=False, viewport=PHONE).new_page()
    start_report(page)
    # GOV.UK Frontend's scripts did not run: the page is the no-JavaScript version.
    expect(page.locator("body")).not_to_contain_class("govuk-frontend-supported")

    seen = walk(page, MINIMAL)
    assert "whose-view" not in seen  # "I'm not sure" why: nobody's perception to ask about
    reference, _code = send_report(page)

    report = Report.objects.get()
    assert report.reference == reference
    assert report.is_anonymous
    assert report.is_ongoing
    assert report.strand_not_sure
    assert report.receiving_organisation_id == default_hub.organisation_id
