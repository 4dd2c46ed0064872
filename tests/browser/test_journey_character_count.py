"""With JavaScript, under the real CSP: GOV.UK's character count counts a long account as
it is typed or pasted, cuts nothing off, and the postal address is revealed under
"Letter"."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.walk import MINIMAL, choose, proceed, send_report, start_report, walk

pytestmark = pytest.mark.browser

TOO_LONG = "Fictional words of a long account. " * 286  # 10,010 characters


def _account(page: Any) -> None:
    box = page.get_by_label("Tell us what happened")
    status = page.locator(".govuk-character-count__status")
    expect(status).to_have_text("You have 10,000 characters remaining")
    box.fill(TOO_LONG)
    expect(status).to_have_text("You have 10 characters too many")
    assert len(box.input_value()) == len(TOO_LONG)  # nothing cut off
    proceed(page)
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "What happened must be 10,000 characters or less"
    )
    assert page.get_by_label("Tell us what happened").input_value() == TOO_LONG
    page.get_by_label("Tell us what happened").fill(TOO_LONG[:10_000])
    expect(page.locator(".govuk-character-count__status")).to_have_text(
        "You have 0 characters remaining"
    )
    proceed(page)


def _contact_details(page: Any) -> None:
    address = page.get_by_label("Postal address")
    expect(address).to_be_hidden()
    choose(page, "Letter")
    expect(address).to_be_visible()
    address.fill("1 Imaginary Road\nCarlisle CA1 1AA")
    proceed(page)


@pytest.mark.django_db(transaction=True)
def test_character_count_and_the_address_under_letter(phone_page: Any, default_hub: Any) -> None:
    from awaz.reporting.models import Report

    page = phone_page
    start_report(page)
    answers = {
        **MINIMAL,
        "account": _account,
        "contact": lambda p: (choose(p, "Yes, you can contact me"), proceed(p)),
        "contact-details": _contact_details,
    }
    walk(page, answers)
    send_report(page)
    report = Report.objects.get()
    assert len(report.what_happened) == 10_000
    assert report.contact_address == "1 Imaginary Road\nCarlisle CA1 1AA"
