"""axe-core finds no WCAG 2.x A or AA violations on any public page, on every question page
of the reporting journey (empty and showing errors) and on the follow-up pages. The staff
pages, the partnership's response and the reporter's messages and survey are checked in
``test_accessibility_staff``.

Each test walks its pages in one browser session and collects what axe finds on every page,
so one failing run lists every page with a problem, not only the first.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.browser.walk import (
    MINIMAL,
    AxeAudit,
    choose,
    press,
    proceed,
    send_report,
    start_report,
    walk,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _error_first(page: Any, audit: AxeAudit, slug: str) -> None:
    """Continue without answering, so the page shows its error summary, and check that."""
    proceed(page)
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    audit(f"step {slug} with errors")


def test_information_and_follow_up_entry_pages(axe_page: Any) -> None:
    page = axe_page
    audit = AxeAudit(page)
    for what, url in (
        ("start page", "/"),
        ("urgent help", "/help-now/"),
        ("privacy notice", "/privacy/"),
        ("accessibility statement", "/accessibility/"),
        ("follow-up start", "/report/follow-up/"),
        ("lost code", "/report/follow-up/lost-code/"),
    ):
        page.goto(url)
        audit(what)

    page.goto("/report/follow-up/")
    page.get_by_label("Reference").fill("HC-AAAA-AAAA")
    page.get_by_label("Follow-up code").fill("AAAA AAAA AAAA AAAA AAAA")
    press(page, "Continue")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    audit("follow-up start with a wrong code")

    page.goto("/report/follow-up/lost-code/")
    page.get_by_label("E-mail address").fill("not an address")
    press(page, "Send a new code")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    audit("lost code with errors")
    page.get_by_label("Reference").fill("HC-AAAA-AAAA")
    page.get_by_label("E-mail address").fill("fictional.reporter@example.org")
    press(page, "Send a new code")
    audit("lost code sent")

    audit.assert_clean(
        expected=[
            "start page",
            "urgent help",
            "privacy notice",
            "accessibility statement",
            "follow-up start",
            "follow-up start with a wrong code",
            "lost code",
            "lost code with errors",
            "lost code sent",
        ]
    )


def test_every_journey_page_and_follow_up(axe_page: Any, default_hub: Any, tmp_path: Path) -> None:
    """Reporting for someone else, under 18, with contact details: every question page of
    the public journey is reached (the victim's own path skips two of them)."""
    page = axe_page
    audit = AxeAudit(page)
    photo = tmp_path / "fictional-screenshot.png"
    Image.new("RGB", (40, 30), (20, 90, 160)).save(photo, format="PNG")

    def on_each(page: Any, slug: str) -> None:
        audit(f"step {slug}")
        if slug in {"who", "when", "where", "why", "police", "contact-details"}:
            _error_first(page, audit, slug)

    def evidence(page: Any) -> None:
        page.get_by_label("Upload a file (optional)").set_input_files(str(photo))
        press(page, "Upload file")
        expect(page.locator(".govuk-summary-list")).to_contain_text(photo.name)
        audit("step evidence with a file")
        proceed(page)

    def selecting(*labels: str) -> Any:
        def answer(page: Any) -> None:
            for label in labels:
                choose(page, label)
            proceed(page)

        return answer

    def relationship(page: Any) -> None:
        page.get_by_label("What is your relationship to the person it happened to?").fill(
            "Fictional friend"
        )
        proceed(page)

    def when(page: Any) -> None:
        page.get_by_label("Day").fill("3")
        page.get_by_label("Month").fill("11")
        page.get_by_label("Year").fill("2025")
        proceed(page)

    def contact_details(page: Any) -> None:
        choose(page, "Email")
        page.get_by_label("Email address").fill("fictional.reporter@example.org")
        proceed(page)

    answers = {
        **MINIMAL,
        "who": selecting("I am reporting for someone else"),
        "relationship": relationship,
        "age": selecting("Yes"),
        "under-18": proceed,
        "evidence": evidence,
        "when": when,
        "why": selecting("Race or ethnicity"),
        "whose-view": selecting("Both of us"),
        "contact": selecting("Yes, you can contact me"),
        "contact-details": contact_details,
    }
    start_report(page)
    seen = walk(page, answers, on_each=on_each)
    assert len(seen) == 21, seen

    audit("check your answers")
    reference, code = send_report(page)
    audit("confirmation")

    page.goto("/report/follow-up/")
    page.get_by_label("Reference").fill(reference)
    page.get_by_label("Follow-up code").fill(code)
    press(page, "Continue")
    expect(page.locator("h1")).to_have_text("Your report")
    audit("follow-up status")
    page.get_by_role("link", name="Add information to your report").click()
    audit("add information")
    press(page, "Add to my report")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    audit("add information with errors")
    page.get_by_label("What do you want to add?").fill("Fictional: it happened again.")
    press(page, "Add to my report")
    expect(page.locator(".govuk-notification-banner")).to_be_visible()
    audit("follow-up status with a message")
    page.get_by_role("link", name="Change or withdraw your consent").click()
    audit("change consent")

    audit.assert_clean(
        expected=[
            *(f"step {slug}" for slug in seen),
            "step who with errors",
            "step when with errors",
            "step evidence with a file",
            "check your answers",
            "confirmation",
            "follow-up status",
            "add information",
            "add information with errors",
            "change consent",
        ]
    )
