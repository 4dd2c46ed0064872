"""The chair's quarter in a real browser: opens the plan, opens an action and adds a progress
update with a link and a small file, sees the agenda of the next meeting (built from the
plan: the red action is on it), then generates the quarterly report, waits for "Ready" and
downloads the PDF. axe-core finds no WCAG 2.x A or AA violation on the way, the reports
pages included. The live server runs Celery eagerly (``config.settings.test``), so the job
runs as the request that asks for it commits."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.test_strategy_plan import _plan_world, _png
from tests.browser.walk import AxeAudit, press, staff_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _next_meeting(world: dict[str, Any]) -> Any:
    """A meeting in a fortnight with its agenda built from the plan, through the services."""
    from django.utils import timezone

    from awaz.strategy.services.meetings import meeting_agenda_build, meeting_create

    meeting = meeting_create(
        strategy=world["strategy"],
        title="Fictional group meeting",
        held_on=timezone.localdate() + datetime.timedelta(days=14),
        location="Fictional Town Hall",
        actor=world["chair"],
    )
    meeting_agenda_build(meeting=meeting, actor=world["chair"])
    return meeting


def test_the_chair_updates_the_plan_reads_the_agenda_and_makes_the_report(
    axe_page: Any,
) -> None:
    from django.urls import get_resolver

    from awaz.core.quarters import Quarter
    from awaz.strategy.models import QuarterlyReport

    # Import every app's views now (WeasyPrint and the analysis libraries take seconds to
    # import), so the first page, not the test's budget of 10 s per step, waits for them.
    assert get_resolver().url_patterns
    world = _plan_world()
    meeting = _next_meeting(world)
    page = axe_page
    page.set_viewport_size({"width": 1280, "height": 900})
    audit = AxeAudit(page)
    staff_sign_in(page, world["chair"], home="Fictional hate crime strategy 2025-2028")

    # The plan, an action, a progress update with a link and a file.
    page.get_by_role("link", name="Action plan").click()
    expect(page.locator("h1")).to_have_text("Fictional hate crime strategy 2025-2028")
    audit("plan overview")
    page.get_by_role("link", name="1.1 Fictional schools sessions").click()
    page.get_by_role("link", name="Add a progress update").click()
    page.get_by_label("What progress has been made?").fill(
        "Fictional: two more schools booked for next term."
    )
    page.get_by_label("Links to evidence (optional)").fill("https://example.org/fictional-bookings")
    page.get_by_label("Files as evidence (optional)").set_input_files(
        files=[{"name": "bookings.png", "mimeType": "image/png", "buffer": _png()}]
    )
    press(page, "Add the update")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Progress update added.")
    latest = page.locator("ol.govuk-list > li").first
    expect(latest).to_contain_text("Fictional: two more schools booked for next term.")
    expect(latest.get_by_role("link", name="bookings.png")).to_be_visible()
    expect(
        latest.get_by_role("link", name="https://example.org/fictional-bookings")
    ).to_be_visible()
    audit("action with the new update")

    # The next meeting's agenda, from the plan's panel.
    page.get_by_role("link", name="Back to the action plan").click()
    page.get_by_role("link", name="See the agenda for the next meeting").click()
    expect(page.locator("h1")).to_contain_text("Fictional group meeting")
    expect(page).to_have_url(f"{page.url.split('/plan/')[0]}/plan/meetings/{meeting.pk}/")
    agenda = page.locator("#agenda ~ ol")
    expect(agenda).to_contain_text("Fictional centres")  # rated red
    expect(agenda).to_contain_text("Fictional schools sessions")  # overdue
    audit("next meeting's agenda")

    # The quarterly report: asked for, made, downloaded.
    page.goto(f"/plan/{world['strategy'].pk}/")
    page.get_by_role("link", name="Quarterly reports").click()
    expect(page.locator("h1")).to_have_text("Quarterly reports")
    expect(page.get_by_text("No report has been made for this strategy yet.")).to_be_visible()
    audit("quarterly reports")
    latest_quarter = Quarter.latest_complete(datetime.date.today())
    choice = page.get_by_label(f"{latest_quarter.label} ({latest_quarter.months_label})")
    expect(choice).to_be_checked()
    press(page, "Generate the report")
    expect(page.locator("h1")).to_have_text(f"Quarterly report for {latest_quarter.label}")
    expect(page.locator("main .govuk-tag")).to_have_text("Ready", timeout=30_000)
    audit("quarterly report ready")
    with page.expect_download() as info:
        page.get_by_role("link", name="The report (PDF)").click()
    download = info.value
    assert download.suggested_filename.startswith(
        f"awaz-quarterly-report-{latest_quarter.label.replace(' ', '-')}"
    )
    assert Path(download.path()).read_bytes().startswith(b"%PDF-")
    report = QuarterlyReport.objects.get()
    assert report.pages >= 6
    page.get_by_role("link", name="Quarterly reports").click()
    expect(page.get_by_role("link", name="Spreadsheet (XLSX)")).to_be_visible()
    audit("quarterly reports with one ready")

    audit.assert_clean(
        expected=[
            "plan overview",
            "action with the new update",
            "next meeting's agenda",
            "quarterly reports",
            "quarterly report ready",
            "quarterly reports with one ready",
        ]
    )
