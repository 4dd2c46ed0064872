"""Asking for a quarterly report and the job that makes it (Celery runs eagerly in tests):
the status moves queued -> running -> ready or failed, the files land outside the web root,
a failure is generic and logged, the job is safe to run twice, and the daily job makes each
quarter's report once."""

from __future__ import annotations

import datetime
import logging
import os
import re
import stat
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.conf import settings

from awaz.core.exceptions import ApplicationError, NotFound
from awaz.core.quarters import Quarter
from awaz.strategy.models import QuarterlyReport, ReportStatus
from awaz.strategy.reports import storage
from awaz.strategy.reports.pdf import RenderedPdf
from awaz.strategy.services import quarterly
from awaz.strategy.services.quarterly import (
    MSG_QUARTER,
    error_text,
    quarterly_report_make,
    quarterly_report_request,
    quarterly_reports_periodic,
)
from awaz.strategy.tests.conftest import Plan, audit_names
from awaz.strategy.tests.quarterly_world import QUARTER, build_world

D = datetime.date
pytestmark = pytest.mark.usefixtures("frozen")
FAKE_PDF = RenderedPdf(content=b"%PDF-1.7 fictional", pages=1)


def _report_dir() -> Path:
    return Path(settings.EVIDENCE_ROOT) / "quarterly-reports"


def _request(plan: Plan, capture: Any, quarter: Quarter = QUARTER) -> QuarterlyReport:
    with capture(execute=True):
        report = quarterly_report_request(strategy=plan.strategy, quarter=quarter, actor=plan.chair)
    report.refresh_from_db()
    return report


def test_the_chair_asks_and_the_job_makes_the_report(
    plan: Plan, django_capture_on_commit_callbacks: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The PDF's layout is tested in ``test_quarterly_files`` (and end to end in the browser
    test); here the job's steps around it."""
    build_world(plan)
    seen: list[tuple[str, int, str]] = []

    def watched(content: Any) -> RenderedPdf:
        row = QuarterlyReport.objects.get()
        seen.append((row.status, row.progress_percent, row.progress_message))
        assert content.incidents_total == 3  # the world's quarter, gathered first
        return FAKE_PDF

    monkeypatch.setattr(quarterly, "quarterly_pdf", watched)
    report = _request(plan, django_capture_on_commit_callbacks)
    assert seen == [("running", 40, "pdf")]
    assert (report.status, report.progress_percent, report.progress_message) == (
        ReportStatus.DONE,
        100,
        "done",
    )
    assert report.requested_by == plan.chair and report.started_at and report.finished_at
    assert (report.pages, report.error) == (1, "")
    assert re.fullmatch(r"[0-9a-f]{32}\.pdf", report.pdf_name)
    assert re.fullmatch(r"[0-9a-f]{32}\.xlsx", report.xlsx_name)
    pdf = _report_dir() / report.pdf_name
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert (_report_dir() / report.xlsx_name).read_bytes().startswith(b"PK")
    assert stat.S_IMODE(os.stat(pdf).st_mode) == 0o600
    assert audit_names(target_type="strategy.quarterlyreport") == [
        "QUARTERLY_REPORT_REQUESTED",
        "QUARTERLY_REPORT_MADE",
    ]


def test_a_failure_is_generic_logged_and_leaves_no_file(
    plan: Plan,
    django_capture_on_commit_callbacks: Any,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(quarterly, "quarterly_pdf", lambda content: FAKE_PDF)
    real_write = storage.report_file_write

    def write(content: bytes, *, extension: str) -> str:
        if extension == "xlsx":
            raise OSError("Fictional: the disk is full at /secret/path")
        return real_write(content, extension=extension)

    monkeypatch.setattr(quarterly, "report_file_write", write)
    with caplog.at_level(logging.ERROR, logger="awaz.strategy.services.quarterly"):
        report = _request(plan, django_capture_on_commit_callbacks)
    assert report.status == ReportStatus.FAILED
    assert (report.error, report.pdf_name, report.xlsx_name) == ("internal", "", "")
    assert report.finished_at is not None
    assert "could not be made because of a problem in Awaz" in error_text(report)
    assert "disk" not in error_text(report)
    assert list(_report_dir().iterdir()) == []  # the PDF already written was removed
    (record,) = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert record.getMessage() == f"quarterly report {report.pk} failed"
    assert record.exc_info is not None
    assert audit_names(target_type="strategy.quarterlyreport")[-1] == "QUARTERLY_REPORT_FAILED"


def test_the_job_is_safe_to_run_twice(
    plan: Plan, django_capture_on_commit_callbacks: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(quarterly, "quarterly_pdf", lambda content: FAKE_PDF)
    report = _request(plan, django_capture_on_commit_callbacks)
    assert report.status == ReportStatus.DONE
    events = audit_names(target_type="strategy.quarterlyreport")
    files = sorted(_report_dir().iterdir())
    assert quarterly_report_make(report.pk) == "done"
    assert audit_names(target_type="strategy.quarterlyreport") == events
    assert sorted(_report_dir().iterdir()) == files
    assert quarterly_report_make(report.pk + 1000) == "missing"


def test_a_second_request_while_one_is_waiting_gives_the_same_report(
    plan: Plan, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as queued:
        first = quarterly_report_request(strategy=plan.strategy, quarter=QUARTER, actor=plan.chair)
    with django_capture_on_commit_callbacks(execute=False) as again:
        second = quarterly_report_request(strategy=plan.strategy, quarter=QUARTER, actor=plan.chair)
    assert first.pk == second.pk and first.status == ReportStatus.QUEUED
    assert (len(queued), len(again)) == (1, 0)
    other = quarterly_report_request(
        strategy=plan.strategy, quarter=QUARTER.shift(-1), actor=plan.chair
    )
    assert other.pk != first.pk


def test_only_the_chair_asks_and_only_for_quarters_that_have_ended(plan: Plan) -> None:
    for person in (plan.pcc, plan.lead_worker, plan.analyst, plan.administrator):
        with pytest.raises(NotFound):
            quarterly_report_request(strategy=plan.strategy, quarter=QUARTER, actor=person)
    for quarter in (Quarter.of(D(2026, 6, 15)), Quarter(D(2025, 1, 1))):  # running; before
        with pytest.raises(ApplicationError) as raised:
            quarterly_report_request(strategy=plan.strategy, quarter=quarter, actor=plan.chair)
        assert raised.value.message == MSG_QUARTER
    assert not QuarterlyReport.objects.exists()


def test_the_daily_job_makes_each_quarters_report_once(
    plan: Plan, django_capture_on_commit_callbacks: Any
) -> None:
    from awaz.strategy.tasks import quarterly_reports_periodic_run

    with django_capture_on_commit_callbacks(execute=False) as first:
        made = quarterly_reports_periodic_run.delay().get()
    with django_capture_on_commit_callbacks(execute=False) as second:
        assert quarterly_reports_periodic_run.delay().get() == []
    (report,) = QuarterlyReport.objects.all()
    assert made == [report.pk] and (len(first), len(second)) == (1, 0)
    assert (report.quarter_start, report.requested_by) == (QUARTER.start, None)
    assert audit_names(target_type="strategy.quarterlyreport") == ["QUARTERLY_REPORT_REQUESTED"]
    # Whatever became of it (here: still waiting), the quarter has its report.
    july = datetime.datetime(2026, 7, 1, 7, tzinfo=datetime.UTC)
    with (
        time_machine.travel(july, tick=False),
        django_capture_on_commit_callbacks(execute=False),
    ):
        (next_one,) = quarterly_reports_periodic()
        assert quarterly_reports_periodic() == []
    assert next_one.quarter_start == D(2026, 4, 1)
    # Before the strategy's first quarter has ended there is nothing to make.
    assert quarterly_reports_periodic(today=D(2025, 5, 1)) == []


def test_the_daily_job_leaves_a_quarter_the_chair_has_reported_on(
    plan: Plan, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=False):
        quarterly_report_request(strategy=plan.strategy, quarter=QUARTER, actor=plan.chair)
        assert quarterly_reports_periodic() == []
    assert QuarterlyReport.objects.count() == 1


def test_the_daily_job_is_scheduled() -> None:
    import awaz.strategy.tasks  # noqa: F401 - registers the tasks
    from config.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["strategy-quarterly-reports"]
    assert entry["task"] in app.tasks
    assert entry["schedule"].hour == {6} and entry["schedule"].minute == {30}
