"""``manage.py seed_demo_strategy``: the demo plan loads once, through the services, with
the ratings its stories were written to give; a second run with ``--if-empty`` does
nothing; without the demo partners it says so."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from awaz.audit.models import AuditEvent
from awaz.audit.selectors import audit_chain_verify
from awaz.core.quarters import Quarter
from awaz.reporting.demo.partners import demo_partners_create
from awaz.strategy.demo import content, demo_strategy_seed
from awaz.strategy.models import (
    Action,
    Milestone,
    ProgressUpdate,
    Project,
    QuarterlyReport,
    RagStatus,
    ReportStatus,
    Strategy,
    UpdateFile,
)
from awaz.strategy.reports.pdf import RenderedPdf
from awaz.strategy.reports.storage import report_file_read
from awaz.strategy.selectors import PlanFilters, plan_overview
from awaz.strategy.services import quarterly
from awaz.strategy.services.evidence import plan_evidence_read

pytestmark = pytest.mark.usefixtures("frozen")


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("seed_demo_strategy", *args, stdout=out)
    return out.getvalue()


def test_without_demo_partners(db: None) -> None:
    assert "No demo partners: demo plan not loaded." in _run("--if-empty")
    with pytest.raises(CommandError, match=r"run `manage\.py seed_demo` first"):
        _run()
    assert not Strategy.objects.exists()


def test_the_demo_plan(db: None) -> None:
    demo_partners_create(password="fictional-demo-password")
    output = _run("--if-empty")
    assert "Demo plan loaded" in output
    strategy = Strategy.objects.get()
    assert (strategy.name, strategy.is_demo) == ("Cumbria hate crime strategy 2025-2028", True)
    assert list(strategy.strands.values_list("number", "title")) == [
        (1, "Prevention"),
        (2, "Increased reporting and access to support"),
        (3, "Offender management and reducing re-offending"),
        (4, "Performance management on delivering actions"),
    ]
    assert list(strategy.objectives.values_list("text", flat=True)) == list(content.OBJECTIVES)
    # The plan's 30, and one action arising from each of the three past meetings (on track).
    assert Action.objects.filter(arising_from=None).count() == len(content.ACTIONS) == 30
    assert Action.objects.exclude(arising_from=None).count() == 3
    assert Project.objects.count() == 5
    assert Milestone.objects.count() > 60
    updates = ProgressUpdate.objects.all()
    today = timezone.localdate()
    first, last = min(u.update_on for u in updates), max(u.update_on for u in updates)
    assert updates.count() > 150
    assert (today - first).days > 300 and last <= today  # a year of progress updates
    assert UpdateFile.objects.count() > 5
    evidence = UpdateFile.objects.first()
    assert evidence is not None and plan_evidence_read(evidence).startswith(b"%PDF-")
    # Updates come from the lead organisations' staff where the demo has them.
    assert updates.exclude(organisation__name="Cumberland Council (demo)").exists()

    overview = plan_overview(strategy=strategy, filters=PlanFilters(), today=today)
    ratings = [summary.tally.rating for summary in overview.strands]
    assert ratings == [RagStatus.GREEN, RagStatus.AMBER, RagStatus.RED, RagStatus.AMBER]
    assert overview.tally.rating == RagStatus.AMBER
    assert overview.tally.counts == {
        RagStatus.GREEN: 17 + 3,
        RagStatus.AMBER: 4,
        RagStatus.RED: 3,
        RagStatus.COMPLETE: 4,
        RagStatus.NOT_STARTED: 2,
    }
    assert overview.tally.overdue == 8  # 3 amber, 3 red, one raised, one explained

    # The reports the daily job would have made on the four quarters ended by 15 June 2026,
    # made by the job's own service, ready to download.
    reports = QuarterlyReport.objects.order_by("quarter_start")
    assert [Quarter.of(r.quarter_start).label for r in reports] == [
        "2025-26 Q1",
        "2025-26 Q2",
        "2025-26 Q3",
        "2025-26 Q4",
    ]
    assert {(r.status, r.requested_by_id, r.progress_percent) for r in reports} == {
        (ReportStatus.DONE, None, 100)
    }
    assert all(r.pages >= 6 for r in reports)
    assert report_file_read(reports[0].pdf_name).startswith(b"%PDF-")
    assert "4 quarterly reports" in output
    assert audit_chain_verify().problems == []

    events = AuditEvent.objects.count()
    assert "already has a strategy: demo plan not loaded" in _run("--if-empty")
    with pytest.raises(CommandError, match="already has a strategy"):
        _run()
    assert (Strategy.objects.count(), AuditEvent.objects.count()) == (1, events)


def test_a_demo_loaded_before_its_reports_gets_them(
    db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`make run` on a database whose demo plan predates the reports: ``--if-empty`` loads no
    plan, but makes the ended quarters' reports the job would have made."""
    # The PDF itself is checked above; here only that each report is made.
    monkeypatch.setattr(quarterly, "quarterly_pdf", lambda content: RenderedPdf(b"%PDF-", 6))
    demo_partners_create(password="fictional-demo-password")
    demo_strategy_seed(today=timezone.localdate())
    assert not QuarterlyReport.objects.exists()
    output = _run("--if-empty")
    assert "demo plan not loaded" in output and "Demo quarterly reports made: 4." in output
    assert QuarterlyReport.objects.filter(status=ReportStatus.DONE).count() == 4
    assert "Demo quarterly reports" not in _run("--if-empty")  # each quarter once
    assert QuarterlyReport.objects.count() == 4
