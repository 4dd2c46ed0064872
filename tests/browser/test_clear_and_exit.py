"""In a real browser, with JavaScript: "Exit this page" (the GOV.UK component, by its button
or Shift pressed three times) goes through the server, which ends the session, and "Clear my
answers" asks first (issue 16 items 7 and 8)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.walk import (
    MINIMAL,
    AxeAudit,
    choose,
    neutral_exit_site,
    proceed,
    send_report,
    start_report,
    walk,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_exit_by_shift_three_times_ends_the_session(
    phone_page: Any, default_hub: Any, settings: Any, live_server: Any
) -> None:
    page = phone_page
    neutral = neutral_exit_site(settings, live_server)
    page.goto("/", timeout=30_000)
    start_report(page)
    walk(page, MINIMAL)
    reference, _code = send_report(page)
    confirmation = page.url

    with page.expect_request(f"{live_server.url}/exit/"):
        for _ in range(3):
            page.keyboard.press("Shift")
    page.wait_for_url(neutral)

    page.goto(confirmation)
    expect(page.locator("body")).not_to_contain_text(reference)
    expect(page).not_to_have_url(confirmation)


def test_exit_button_ends_the_session_of_answers_in_progress(
    phone_page: Any, settings: Any, live_server: Any
) -> None:
    page = phone_page
    neutral = neutral_exit_site(settings, live_server)
    page.goto("/", timeout=30_000)
    start_report(page)
    choose(page, "I am the victim")
    proceed(page)
    page.get_by_role("button", name="Exit this page").click()
    page.wait_for_url(neutral)
    page.goto("/report/who/")
    expect(page.get_by_label("I am the victim")).not_to_be_checked()


def test_clear_my_answers_asks_first(axe_page: Any) -> None:
    page = axe_page
    audit = AxeAudit(page)
    page.goto("/", timeout=30_000)
    start_report(page)
    choose(page, "I am the victim")
    proceed(page)
    page.get_by_role("button", name="Clear my answers").click()
    expect(page.locator("h1")).to_have_text("Are you sure you want to clear your answers?")
    audit("are you sure")
    proceed(page)  # nothing chosen: asks again, nothing deleted
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    audit("are you sure, with an error")
    choose(page, "No, go back to my answers")
    proceed(page)
    expect(page).to_have_url(f"{page.url.split('/report/')[0]}/report/age/")
    page.get_by_role("button", name="Clear my answers").click()
    choose(page, "Yes, delete everything I have typed")
    proceed(page)
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Your answers have been cleared"
    )
    audit.assert_clean(expected=["are you sure", "are you sure, with an error"])
