"""Driving the public reporting journey in a browser, as a person would: by the labels and
buttons they see, one page at a time.

``walk(page, answers)`` answers whichever question page the browser is on, until "Check your
answers". ``answers`` maps a step's slug (its URL, ``/report/<slug>/``) to a function that
fills that page and continues; ``MINIMAL`` has the fewest answers a report needs.
``AxeAudit`` runs axe-core on each page a test reaches and reports every violation at the end.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from typing import Any

from playwright.sync_api import expect

from tests.browser.conftest import axe_violations

Page = Any
Answer = Callable[[Page], None]

STEP_URL = re.compile(r"/report/([a-z0-9-]+)/(?:\?.*)?$")
CHECK_URL = re.compile(r"/report/check-your-answers/$")
CONFIRMATION_URL = re.compile(r"/report/confirmation/$")
REFERENCE = re.compile(r"^HC-[0-9A-Z]{4}-[0-9A-Z]{4}$")
FOLLOWUP_CODE = re.compile(r"^[0-9A-Z]{4}( [0-9A-Z]{4}){4,}$")


def press(page: Page, name: str) -> None:
    """Select a button by its visible name (the first, if a page has two)."""
    page.get_by_role("button", name=name, exact=True).first.click()


def proceed(page: Page) -> None:
    press(page, "Continue")


def choose(page: Page, label: str, *, group: str | None = None) -> None:
    """Select a radio button or checkbox by its label, within a question if given."""
    scope = page.get_by_role("group", name=group, exact=True) if group else page
    scope.get_by_label(label, exact=True).check()


def current_step(page: Page) -> str:
    match = STEP_URL.search(page.url)
    assert match, f"not on a question page: {page.url}"
    return match.group(1)


def _selecting(*labels: str) -> Answer:
    def answer(page: Page) -> None:
        for label in labels:
            choose(page, label)
        proceed(page)

    return answer


def _skipping(page: Page) -> None:
    proceed(page)


def _when_ongoing(page: Page) -> None:
    choose(page, "It is still happening")
    proceed(page)


def _where(page: Page) -> None:
    page.get_by_label("Describe the place").fill("Outside a fictional corner shop")
    proceed(page)


def _account(page: Page) -> None:
    page.get_by_label("Tell us what happened").fill("A fictional person shouted abuse at me.")
    proceed(page)


def _no_sharing(page: Page) -> None:
    for question in (
        "Can we share your report with the police?",
        "Can we share your report with victim support services?",
        "Can we share your report with the council?",
    ):
        choose(page, "No", group=question)
    proceed(page)


MINIMAL: dict[str, Answer] = {
    "who": _selecting("I am the victim"),
    "age": _selecting("No"),
    "what-happened": _selecting("Verbal abuse, insults or name-calling"),
    "account": _account,
    "evidence": _skipping,
    "when": _when_ongoing,
    "where": _where,
    "why": _selecting("I'm not sure"),
    "whose-view": _selecting("Me"),
    "about-victim": _skipping,
    "background": _skipping,
    "communication": _skipping,
    "offender": _skipping,
    "witnesses": _skipping,
    "police": _selecting("No"),
    "support": _selecting("No, I do not want support now"),
    "sharing": _no_sharing,
    "contact": _selecting("No, I want to stay anonymous"),
}


def walk(
    page: Page,
    answers: dict[str, Answer],
    *,
    on_each: Callable[[Page, str], None] | None = None,
) -> list[str]:
    """Answer question pages until "Check your answers"; return the steps seen, in order.
    ``on_each(page, slug)`` runs on each question page before it is answered."""
    seen: list[str] = []
    while not CHECK_URL.search(page.url):
        slug = current_step(page)
        assert slug not in seen, f"the journey came back to {slug!r} after {seen}"
        assert slug in answers, f"no answer for the step {slug!r} (after {seen})"
        expect(page.locator("h1")).to_be_visible()
        if on_each is not None:
            on_each(page, slug)
        before = page.url
        answers[slug](page)
        page.wait_for_load_state()
        if page.url == before:  # not accepted: the page came back with its errors
            errors = page.locator(".govuk-error-summary").all_inner_texts()
            raise AssertionError(f"the answer to {slug!r} was not accepted: {errors}")
        seen.append(slug)
    return seen


def start_report(page: Page) -> None:
    """From the start page, "Start now" to the first question."""
    page.goto("/")
    page.get_by_role("button", name="Start now").click()
    expect(page).to_have_url(re.compile(r"/report/who/$"))


def send_report(page: Page) -> tuple[str, str]:
    """On "Check your answers": send, and read the reference and follow-up code shown."""
    expect(page.locator("h1")).to_have_text("Check your answers before sending your report")
    press(page, "Send report")
    expect(page).to_have_url(CONFIRMATION_URL)
    expect(page.locator("h1")).to_have_text("Report sent")
    reference = page.locator("#reference").inner_text().strip()
    code = page.locator("#followup-code").inner_text().strip()
    assert REFERENCE.match(reference), reference
    assert FOLLOWUP_CODE.match(code), code
    return reference, code


def neutral_exit_site(settings: Any, live_server: Any) -> str:
    """Point "Exit this page" at a page of the live server and return its address: the real
    default is an outside weather page, which the closed test network cannot open."""
    settings.AWAZ_EXIT_URL = f"{live_server.url}/accessibility/"
    return str(settings.AWAZ_EXIT_URL)


def fresh_totp() -> str:
    """The code the caseworker's authenticator app shows, taken early enough in its 30-second
    period that it is still valid when the form arrives (allauth allows no drift)."""
    from allauth.mfa import app_settings

    from awaz.partners.tests.factories import totp_now

    period = app_settings.TOTP_PERIOD
    left = period - time.time() % period
    if left < 5:
        time.sleep(left + 0.1)
    return totp_now()


def staff_sign_in(
    page: Page,
    user: Any,
    *,
    on_page: Callable[[Page], None] | None = None,
    home: str = "Triage inbox",
) -> None:
    """Sign in through the staff pages (e-mail and password, then the app's code) and land
    on the page the role starts on (``home``, its heading: a caseworker's triage inbox).
    ``on_page(page)`` runs on the sign-in page and on the code page."""
    from awaz.partners.tests.factories import TEST_PASSWORD

    page.goto("/accounts/login/")
    expect(page.locator("h1")).to_have_text("Staff sign in")
    if on_page is not None:
        on_page(page)
    page.get_by_label("E-mail address").fill(user.email)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    press(page, "Sign in")
    expect(page.locator("h1")).to_have_text("Enter the code from your authenticator app")
    if on_page is not None:
        on_page(page)
    page.get_by_label("Enter the code from your authenticator app").fill(fresh_totp())
    press(page, "Sign in")
    expect(page.locator("h1")).to_have_text(home)


class AxeAudit:
    """Runs axe on pages as the test reaches them and remembers every violation."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.checked: list[str] = []
        self.found: dict[str, list[dict[str, Any]]] = {}

    def __call__(self, what: str) -> None:
        expect(self.page.locator("h1")).to_be_visible()
        label = f"{what} ({self.page.url})"
        self.checked.append(what)
        violations = axe_violations(self.page)
        if violations:
            self.found[label] = violations

    def assert_clean(self, *, expected: list[str]) -> None:
        missing = [what for what in expected if what not in self.checked]
        assert not missing, f"pages never reached: {missing}"
        assert not self.found, "axe-core found WCAG violations:\n" + json.dumps(
            self.found, indent=2
        )
