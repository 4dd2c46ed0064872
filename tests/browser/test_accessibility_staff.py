"""axe-core finds no WCAG 2.x A or AA violations on the staff sign-in pages and on the
triage inbox and report detail; on every page of the partnership's response (triage, the
case page with every panel filled, each case action form, empty and with errors, referrals,
tasks, search, time limits, notifications, the rules pages); and on the reporter's messages
and satisfaction survey. The public pages and the reporting journey are checked in
``test_accessibility_public``.

Each test walks its pages in one browser session and collects what axe finds on every page,
so one failing run lists every page with a problem, not only the first.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.partnership import SUPPORT, partnership_world
from tests.browser.walk import AxeAudit, choose, press, staff_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_sign_in_inbox_and_report(axe_page: Any, default_hub: Any) -> None:
    from awaz.partners.tests.factories import StaffFactory
    from awaz.reporting.models import EntryKind, ReportEntry, Strand
    from awaz.reporting.tests.factories import make_area, make_evidence, make_report

    org = default_hub.organisation
    area = make_area("E05000001", "Fictional Ward", lon=-2.95, lat=54.87)
    report, _code = make_report(
        organisation=org,
        strands=list(Strand.objects.filter(code__in=["race", "religion"])),
        area=area,
        email="fictional.reporter@example.org",
        contact_name="Fictional Reporter",
        consents={("share", "police"): True, ("share", "council"): False},
    )
    make_evidence(report=report)
    ReportEntry.objects.create(
        report=report,
        kind=EntryKind.INFORMATION_ADDED,
        by_reporter=True,
        text="Fictional: it happened again.",
        created_at=report.submitted_at,
    )
    make_report(organisation=org, is_anonymous=True, channel="phone")
    caseworker = StaffFactory(organisation=org, role="partner_caseworker", mfa=True)

    page = axe_page
    audit = AxeAudit(page)
    seen_sign_in: list[str] = []

    def on_sign_in_page(page: Any) -> None:
        what = "staff sign-in" if not seen_sign_in else "MFA code"
        seen_sign_in.append(what)
        audit(what)

    staff_sign_in(page, caseworker, on_page=on_sign_in_page)
    audit("triage inbox")
    page.get_by_text("Filter reports").click()
    audit("triage inbox with the filters open")
    page.get_by_role("link", name=report.reference).click()
    expect(page.locator("h1")).to_have_text(report.reference)
    audit("report detail")
    page.goto("/report/inbox/?received_from-day=40&received_from-month=1&received_from-year=2025")
    expect(page).to_have_title(re.compile(r"^Error: "))
    audit("triage inbox with a filter error")

    audit.assert_clean(
        expected=[
            "staff sign-in",
            "MFA code",
            "triage inbox",
            "triage inbox with the filters open",
            "report detail",
            "triage inbox with a filter error",
        ]
    )


# Cases: the partnership's response ----------------------------------------------------


def _errors(page: Any, button: str) -> None:
    """Send a form empty, so it comes back with its error summary."""
    press(page, button)
    expect(page.locator(".govuk-error-summary")).to_be_visible()


def test_case_work_staff_pages(axe_page: Any, case_rules: None) -> None:
    """Every staff page of the partnership's response, with data on it."""
    world = partnership_world()
    case = world["case"]
    page = axe_page
    page.set_viewport_size({"width": 1280, "height": 900})
    audit = AxeAudit(page)
    staff_sign_in(page, world["caseworker"])

    triage = world["untriaged"][0]
    page.goto(f"/cases/triage/{triage.pk}/")
    audit("triage a report")
    press(page, "Claim this report")
    expect(page.locator(".govuk-notification-banner")).to_be_visible()
    audit("triage a report, claimed")
    page.goto("/cases/triage/")
    audit("bulk triage")
    press(page, "Apply to selected reports")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    audit("bulk triage with errors")

    page.goto("/cases/")
    audit("case list")
    page.get_by_role("link", name=case.reference).click()
    expect(page.locator("h1")).to_have_text(case.reference)
    for panel, shown in (
        ("Risk", "High"),
        ("Tasks", "Fictional: check the CCTV request"),
        ("Referrals", "Fictional Borough Council"),
        ("Messages with the reporter", "2 messages"),
        ("Clocks", "Refer to victim support"),
        ("Consent", "Online"),
    ):
        expect(page.locator(f"section[aria-label='{panel}']")).to_contain_text(shown)
    audit("case page")

    base = f"/cases/{case.pk}"
    for what, path, button in (
        ("add a note", "note/", "Save"),
        ("record a contact", "contact/", "Save"),
        ("change the status", "status/", None),
        ("change the owner", "owner/", None),
        ("record a key decision", "decision/", "Save"),
        ("record that the victim was told", "victim-informed/", "Save"),
        ("when the police received it", "police-received/", None),
        ("staff assessment of strands", "strands/", None),
        ("record a correction", "correction/", "Save"),
        ("classify", "classification/", None),
        ("record consent", "consent/", None),
        ("write to the reporter", "messages/new/", "Send the message"),
        ("messages with the reporter", "messages/", None),
        ("risk assessment", "risk/", "Save the assessment"),
        ("new task", "tasks/new/", "Add the task"),
        ("close the case", "close/", "Close the case"),
        ("case clocks", "clocks/", None),
        ("refer the case", "referrals/new/", "Send the referral"),
    ):
        page.goto(f"{base}/{path}")
        audit(what)
        if button is not None:
            _errors(page, button)
            audit(f"{what} with errors")

    page.goto(f"{base}/referrals/new/")
    page.get_by_label("Which organisation are you referring the case to?").select_option(
        label=f"{SUPPORT} (Victim support)"
    )
    page.get_by_label("Why are you referring it?").fill("Fictional: please offer support.")
    press(page, "Send the referral")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Consent does not cover this referral"
    )
    audit("refer the case: no consent")

    page.goto(base + "/")
    page.locator("section[aria-label='Referrals']").get_by_role(
        "link", name="Fictional Borough Council"
    ).click()
    audit("referral sent, as the lead sees it")
    page.get_by_role("link", name="Referrals", exact=True).click()
    audit("referrals received")
    page.locator("tbody").get_by_role("link").first.click()
    audit("referral received")

    for what, path in (
        ("my tasks", "/cases/tasks/"),
        ("overdue tasks", "/cases/tasks/overdue/"),
        ("time limits at risk", "/cases/timers/at-risk/"),
        ("time limit breaches", "/cases/timers/breaches/"),
        ("notifications", "/cases/notifications/"),
        ("notification settings", "/cases/notifications/settings/"),
        ("search", "/cases/search/"),
    ):
        page.goto(path)
        audit(what)
    expect(page.locator("h1")).to_be_visible()
    choose(page, "E-mail address")
    page.get_by_label("Search for").fill("fictional.reporter@example.org")
    press(page, "Search")
    expect(page.locator("main")).to_contain_text(case.reference)
    audit("search with results")
    page.get_by_label("Search for").fill("")
    press(page, "Search")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    audit("search with errors")

    audit.assert_clean(
        expected=[
            "triage a report",
            "triage a report, claimed",
            "bulk triage",
            "bulk triage with errors",
            "case list",
            "case page",
            "add a note with errors",
            "record a contact with errors",
            "change the status",
            "change the owner",
            "record a key decision with errors",
            "record that the victim was told with errors",
            "when the police received it",
            "staff assessment of strands",
            "record a correction with errors",
            "classify",
            "record consent",
            "write to the reporter with errors",
            "messages with the reporter",
            "risk assessment with errors",
            "new task with errors",
            "close the case with errors",
            "case clocks",
            "refer the case with errors",
            "refer the case: no consent",
            "referral sent, as the lead sees it",
            "referrals received",
            "referral received",
            "my tasks",
            "overdue tasks",
            "time limits at risk",
            "time limit breaches",
            "notifications",
            "notification settings",
            "search with results",
            "search with errors",
        ]
    )


def test_rules_and_the_reporters_case_pages(axe_page: Any, case_rules: None) -> None:
    """The administrator's rules pages, and the reporter's messages and survey pages."""
    from awaz.partners.tests.factories import StaffFactory

    world = partnership_world()
    page = axe_page
    audit = AxeAudit(page)

    # The reporter, at phone width: messages about their report, then the survey.
    page.set_viewport_size({"width": 390, "height": 844})
    for reference, code in (
        (world["report"].reference, world["code"]),
        (world["closed_report"].reference, world["closed_code"]),
    ):
        page.context.clear_cookies()  # a new visit, signed in to no report
        page.goto("/report/follow-up/")
        page.get_by_label("Reference").fill(reference)
        page.get_by_label("Follow-up code").fill(code)
        press(page, "Continue")
        expect(page.locator("h1")).to_have_text("Your report")
        if reference == world["report"].reference:
            page.get_by_role("link", name="Read and answer messages about your report").click()
            expect(page.locator("main")).to_contain_text("Fictional: how are you?")
            audit("reporter's messages")
            _errors(page, "Send your reply")
            audit("reporter's messages with errors")
        else:
            page.get_by_role("link", name="Tell us how we did").click()
            audit("satisfaction survey")
            _errors(page, "Send my answers")
            audit("satisfaction survey with errors")

    # The administrator.
    page.set_viewport_size({"width": 1280, "height": 900})
    admin = StaffFactory(organisation=world["hub"], role="administrator")
    page.context.clear_cookies()
    staff_sign_in(page, admin, home="Staff")
    page.get_by_role("link", name="Rules", exact=True).click()
    expect(page.locator("h1")).to_have_text("Classification rules")
    audit("rules")
    page.get_by_role("link", name="Add a classification").click()
    audit("add a classification")
    press(page, "Add the version")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    audit("add a classification with errors")

    audit.assert_clean(
        expected=[
            "reporter's messages",
            "reporter's messages with errors",
            "satisfaction survey",
            "satisfaction survey with errors",
            "rules",
            "add a classification",
            "add a classification with errors",
        ]
    )
