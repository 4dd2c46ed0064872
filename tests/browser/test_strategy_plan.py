"""The chair at work on the action plan in a real browser: signs in, opens the plan, opens
an action, adds a progress update with a link and a small file (after a validation error),
and sees it at the top of the timeline; axe-core finds no WCAG 2.x A or AA violation on
any plan page on the way (overview, action, forms with and without errors, projects)."""

from __future__ import annotations

import datetime
import io
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.walk import AxeAudit, press, staff_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (20, 120, 60)).save(buffer, format="PNG")
    return buffer.getvalue()


def _plan_world() -> dict[str, Any]:
    """A small plan built through the services: two strands, three actions (one overdue,
    one red), milestones, a project and an earlier update with a link."""
    from django.utils import timezone

    from awaz.partners.tests.factories import OrganisationFactory, StaffFactory
    from awaz.strategy.services import (
        ProjectDetails,
        milestone_done_set,
        objective_add,
        progress_update_add,
        project_create,
        rag_change_record,
    )
    from awaz.strategy.tests.factories import (
        make_action,
        make_milestone,
        make_strand,
        make_strategy,
    )

    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    council = OrganisationFactory(name="Fictional County Council", kind="council")
    youth = OrganisationFactory(name="Fictional Youth Service", kind="youth")
    police = OrganisationFactory(name="Fictional Constabulary", kind="police")
    chair = StaffFactory(organisation=council, role="chair", full_name="Fictional Chair Person")
    strategy = make_strategy(chair=chair, name="Fictional hate crime strategy 2025-2028")
    prevention = make_strand(strategy=strategy, chair=chair, number=1, title="Prevention")
    reporting = make_strand(strategy=strategy, chair=chair, number=2, title="Increased reporting")
    objective_add(strategy=strategy, number=1, text="Fictional objective", actor=chair)
    schools = make_action(
        strand=prevention,
        chair=chair,
        lead=youth,
        supporting=(police,),
        title="Fictional schools sessions",
    )
    make_action(strand=prevention, chair=chair, lead=police, title="Fictional campaign")
    centres = make_action(strand=reporting, chair=chair, lead=council, title="Fictional centres")
    done = make_milestone(action=schools, chair=chair, target_on=today - 40 * day)
    milestone_done_set(milestone_id=done.pk, done_on=today - 41 * day, actor=chair)
    make_milestone(action=schools, chair=chair, target_on=today - 3 * day, title="Ten schools")
    rag_change_record(
        action=schools, rag_status="green", reason="", effective_on=today - 60 * day, actor=chair
    )
    rag_change_record(
        action=centres,
        rag_status="red",
        reason="Fictional: no funding yet",
        effective_on=today - 10 * day,
        actor=chair,
    )
    progress_update_add(
        action=schools,
        update_on=today - 30 * day,
        text="Fictional: first two schools visited.",
        links=["https://example.org/fictional-first-report"],
        actor=chair,
    )
    project_create(
        strategy=strategy,
        details=ProjectDetails(
            name="Fictional schools project",
            lead_organisation=youth,
            partners=(police,),
            actions=(schools,),
            sessions_held=4,
            people_reached=220,
        ),
        actor=chair,
    )
    return {"chair": chair, "strategy": strategy, "schools": schools}


def test_the_chair_updates_an_action_with_evidence(axe_page: Any) -> None:
    from django.urls import get_resolver

    # Import every app's views now (the analysis libraries take seconds to import), so the
    # first page, not the test's budget of 10 s per step, waits for them.
    assert get_resolver().url_patterns
    world = _plan_world()
    page = axe_page
    page.set_viewport_size({"width": 1280, "height": 900})
    audit = AxeAudit(page)
    staff_sign_in(page, world["chair"], home="Fictional hate crime strategy 2025-2028")

    page.get_by_role("link", name="Action plan").click()
    expect(page.locator("h1")).to_have_text("Fictional hate crime strategy 2025-2028")
    expect(page.get_by_text("Amber (overdue)")).to_be_visible()
    audit("plan overview")
    page.get_by_text("How the ratings work").click()
    audit("plan overview with the rules open")
    page.get_by_label("RAG status").select_option("red")
    press(page, "Apply filters")
    expect(page.get_by_text("1 action matches the filters.")).to_be_visible()
    audit("plan overview filtered")

    page.goto(f"/plan/{world['strategy'].pk}/")
    page.get_by_role("link", name="1.1 Fictional schools sessions").click()
    expect(page.locator("h1")).to_have_text("1.1 Fictional schools sessions")
    audit("action")

    page.get_by_role("link", name="Add a progress update").click()
    expect(page.locator("h1")).to_have_text("Add a progress update")
    audit("progress update form")
    page.get_by_label("Links to evidence (optional)").fill("not a web address")
    press(page, "Add the update")
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.get_by_label("Links to evidence (optional)")).to_have_value("not a web address")
    audit("progress update form with errors")

    page.get_by_label("What progress has been made?").fill(
        "Fictional: sessions held in four more schools."
    )
    page.get_by_label("Links to evidence (optional)").fill(
        "https://example.org/fictional-attendance"
    )
    page.get_by_label("Files as evidence (optional)").set_input_files(
        files=[{"name": "attendance.png", "mimeType": "image/png", "buffer": _png()}]
    )
    press(page, "Add the update")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Progress update added.")
    first = page.locator("ol.govuk-list > li").first
    expect(first).to_contain_text("Fictional: sessions held in four more schools.")
    link = first.get_by_role("link", name="https://example.org/fictional-attendance")
    expect(link).to_have_attribute("rel", "noopener noreferrer")
    file_link = first.get_by_role("link", name="attendance.png")
    download = page.request.get(file_link.get_attribute("href"))
    assert download.status == 200
    assert download.headers["content-disposition"].startswith("attachment;")
    audit("action with the new update")

    page.get_by_role("link", name="Record the RAG status").click()
    audit("RAG status form")
    page.get_by_label("Amber").check()
    press(page, "Record the status")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter why the action is red or amber"
    )
    audit("RAG status form with errors")

    page.goto(f"/plan/{world['strategy'].pk}/projects/")
    audit("delivery projects")
    page.get_by_role("link", name="Fictional schools project").click()
    audit("delivery project")
    page.goto(f"/plan/{world['strategy'].pk}/projects/new/")
    press(page, "Add the project")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    audit("project form with errors")
    page.goto(f"/plan/actions/{world['schools'].pk}/edit/")
    audit("action form")

    audit.assert_clean(
        expected=[
            "plan overview",
            "plan overview with the rules open",
            "plan overview filtered",
            "action",
            "progress update form",
            "progress update form with errors",
            "action with the new update",
            "RAG status form",
            "RAG status form with errors",
            "delivery projects",
            "delivery project",
            "project form with errors",
            "action form",
        ]
    )
