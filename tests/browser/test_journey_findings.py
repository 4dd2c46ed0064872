"""Issue 16's findings on the public journey (items 1 to 8), walked in one go by a victim on
a phone, with JavaScript and the site's real CSP: every one is checked in the browser, as the
person meets it, and the safeguarding warning on the staff side by a caseworker signing in."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.walk import (
    MINIMAL,
    choose,
    neutral_exit_site,
    press,
    proceed,
    send_report,
    staff_sign_in,
    start_report,
    walk,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASTED = ("Fictional pasted words of a very long account. " * 426)[:20_000]
ACCOUNT = "A fictional neighbour shouted abuse at me in the fictional car park."
CRIME_REFERENCE = "FICT/0000/26"
ADDRESS = "1 Imaginary Road\nCarlisle CA1 1AA"
PLACE = "The fictional car park behind a fictional shop"
CHILD_WARNING = "This report may involve a child. Follow your safeguarding procedure."


def errors(page: Any) -> Any:
    return page.locator(".govuk-error-summary")


def _account(page: Any) -> None:
    """Item 1: 20,000 pasted characters are all kept, counted, and kept after the error."""
    box = page.get_by_label("Tell us what happened")
    status = page.locator(".govuk-character-count__status")
    expect(status).to_have_text("You have 10,000 characters remaining")
    box.fill(PASTED)
    expect(status).to_have_text("You have 10,000 characters too many")
    assert len(box.input_value()) == 20_000  # no maxlength cuts it
    proceed(page)
    expect(errors(page)).to_contain_text("What happened must be 10,000 characters or less")
    expect(page).to_have_url(re.compile(r"/report/account/$"))
    assert page.get_by_label("Tell us what happened").input_value() == PASTED
    expect(page.locator(".govuk-character-count__status")).to_have_text(
        "You have 10,000 characters too many"
    )
    page.get_by_label("Tell us what happened").fill(ACCOUNT)
    proceed(page)


def _where(page: Any) -> None:
    """Item 5: a postcode missing from the lookup is said so, offering to describe the place."""
    page.get_by_label("Postcode (optional)").fill("CA1 1AA")
    proceed(page)
    expect(errors(page)).to_contain_text(
        "We could not find that postcode in our list. You can describe the place instead"
    )
    expect(page.get_by_label("Postcode (optional)")).to_have_value("CA1 1AA")
    page.get_by_label("Describe the place").fill(PLACE)
    proceed(page)


def _about_victim(page: Any) -> None:
    """Item 2: "Under 18" after "Are you under 18? No" is asked about once, politely."""
    choose(page, "Under 18", group="How old are you?")
    proceed(page)
    question = "You told us you are not under 18. Which is right?"
    expect(errors(page)).to_contain_text("Select if you are under 18 or 18 or over")
    expect(page.get_by_role("group", name=question, exact=True)).to_have_count(1)
    expect(page.locator("main")).to_contain_text(
        "Your answers about your age do not match. We ask so that we can make sure you get "
        "the right support."
    )
    expect(page.get_by_label("Under 18", exact=True)).to_be_checked()  # the choice is kept
    choose(page, "I am under 18", group=question)
    proceed(page)


def _police(page: Any) -> None:
    """Item 4: a crime reference typed after "No" is kept."""
    choose(page, "No", group="Have the police been told about it?")
    page.get_by_label("Crime reference number (optional)").fill(CRIME_REFERENCE)
    proceed(page)


def _contact(page: Any) -> None:
    choose(page, "Yes, you can contact me")
    proceed(page)


def _contact_details(page: Any) -> None:
    """Item 6: contact with no details is refused; item 3: Letter asks for a required
    postal address."""
    proceed(page)
    expect(errors(page)).to_contain_text("Select how we can contact you")
    expect(page).to_have_url(re.compile(r"/report/contact-details/$"))

    address = page.get_by_label("Postal address")
    expect(address).to_be_hidden()
    choose(page, "Letter")
    expect(address).to_be_visible()
    # Its label does not say "(optional)", and the page refuses a letter without it.
    expect(page.locator("label[for='id_contact_address']")).not_to_contain_text("optional")
    proceed(page)
    expect(errors(page)).to_contain_text("Enter the address to write to")
    expect(page.get_by_label("Letter", exact=True)).to_be_checked()
    page.get_by_label("Postal address").fill(ADDRESS)
    proceed(page)


def test_the_journey_findings_hold_in_the_browser(
    phone_page: Any, new_context: Any, default_hub: Any, settings: Any, live_server: Any
) -> None:
    from awaz.partners.tests.factories import StaffFactory
    from awaz.reporting.models import Report

    page = phone_page
    neutral = neutral_exit_site(settings, live_server)
    page.goto("/", timeout=30_000)  # a cold live server's first page takes a while
    start_report(page)
    answers = {
        **MINIMAL,
        "account": _account,
        "where": _where,
        "about-victim": _about_victim,
        "police": _police,
        "contact": _contact,
        "contact-details": _contact_details,
    }
    seen = walk(page, answers)
    assert seen[-2:] == ["contact", "contact-details"]

    check = page.locator("main")
    expect(check).to_contain_text(CRIME_REFERENCE)  # item 4: shown, not dropped
    expect(check).to_contain_text("CA1 1AA")
    expect(check).to_contain_text(PLACE)
    expect(check).to_contain_text("1 Imaginary Road")
    expect(check).to_contain_text("I am under 18")
    reference, _code = send_report(page)
    confirmation = page.url

    report = Report.objects.get()
    assert report.police_reference == CRIME_REFERENCE
    assert report.contact_address == ADDRESS
    assert report.what_happened == ACCOUNT

    # Item 7: "Exit this page" ends the session, so the confirmation cannot be opened again.
    page.get_by_role("button", name="Exit this page").click()
    page.wait_for_url(neutral)
    page.goto(confirmation)
    expect(page).not_to_have_url(confirmation)
    expect(page.locator("body")).not_to_contain_text(reference)

    # Item 8: "Clear my answers" asks first; "No" keeps the answers, "Yes" clears them.
    start_report(page)
    choose(page, "I am the victim")
    proceed(page)
    press(page, "Clear my answers")
    expect(page.locator("h1")).to_have_text("Are you sure you want to clear your answers?")
    choose(page, "No, go back to my answers")
    proceed(page)
    expect(page).to_have_url(re.compile(r"/report/age/$"))
    page.goto("/report/who/")
    expect(page.get_by_label("I am the victim")).to_be_checked()
    press(page, "Clear my answers")
    choose(page, "Yes, delete everything I have typed")
    proceed(page)
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Your answers have been cleared"
    )
    page.goto("/report/who/")
    expect(page.get_by_label("I am the victim")).not_to_be_checked()

    # Item 2, staff side: the receiving organisation's caseworker sees the warning.
    caseworker = StaffFactory(
        organisation=default_hub.organisation, role="partner_caseworker", mfa=True
    )
    staff = new_context().new_page()
    staff_sign_in(staff, caseworker)
    staff.locator("tbody tr", has_text=reference).get_by_role("link", name=reference).click()
    expect(staff.locator("h1")).to_have_text(reference)
    expect(staff.locator("#safeguarding")).to_contain_text(CHILD_WARNING)
    expect(staff.locator("main")).to_contain_text(
        "The person reporting first said they are not under 18, then, when asked which is "
        "right, that they are under 18."
    )
