"""The quarterly reports' pages as the chair and the PCC office use them: who may see and ask
for what (the same 404 for everything else), the form and its errors, progress, and the
downloads (attachments, audited)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awaz.strategy.models import QuarterlyReport, ReportStatus
from awaz.strategy.reports.pdf import RenderedPdf
from awaz.strategy.services import quarterly
from awaz.strategy.services.quarterly import quarterly_report_request
from awaz.strategy.tests.conftest import Plan, audit_names, last_audit
from awaz.strategy.tests.quarterly_world import QUARTER

pytestmark = pytest.mark.usefixtures("frozen")
FAKE_PDF = RenderedPdf(content=b"%PDF-1.7 fictional", pages=3)


@pytest.fixture
def fake_pdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """The PDF's layout is tested in ``test_quarterly_files``; here only its bytes matter."""
    monkeypatch.setattr(quarterly, "quarterly_pdf", lambda content: FAKE_PDF)


@pytest.fixture
def ready(plan: Plan, fake_pdf: None, django_capture_on_commit_callbacks: Any) -> QuarterlyReport:
    with django_capture_on_commit_callbacks(execute=True):
        report = quarterly_report_request(strategy=plan.strategy, quarter=QUARTER, actor=plan.chair)
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE
    return report


def _people(plan: Plan) -> dict[str, Any]:
    return {
        "chair": plan.chair,
        "pcc": plan.pcc,
        "partner": plan.lead_worker,
        "analyst": plan.analyst,
        "centre": plan.centre_worker,
        "administrator": plan.administrator,
    }


def test_who_may_see_and_ask_for_reports(
    plan: Plan, ready: QuarterlyReport, client: Client
) -> None:
    readers = {"chair", "pcc", "analyst"}
    urls = [
        reverse("strategy:quarterly_list"),
        reverse("strategy:quarterly_list_for", args=[plan.strategy.pk]),
        reverse("strategy:quarterly_detail", args=[ready.pk]),
        reverse("strategy:quarterly_pdf", args=[ready.pk]),
        reverse("strategy:quarterly_xlsx", args=[ready.pk]),
    ]
    generate = reverse("strategy:quarterly_generate", args=[plan.strategy.pk])
    for name, person in _people(plan).items():
        client.force_login(person)
        for url in urls:
            assert client.get(url).status_code == (200 if name in readers else 404), (name, url)
        answer = client.post(generate, {"quarter": QUARTER.shift(-1).start.isoformat()})
        assert answer.status_code == (302 if name == "chair" else 404), name
    assert QuarterlyReport.objects.count() == 2  # the chair's second, nobody else's
    client.force_login(plan.pcc)
    missing = reverse("strategy:quarterly_detail", args=[ready.pk + 100])
    assert client.get(missing).status_code == 404


def test_the_list_offers_the_chair_the_ended_quarters(
    plan: Plan, ready: QuarterlyReport, client: Client
) -> None:
    client.force_login(plan.chair)
    page = client.get(reverse("strategy:quarterly_list")).content.decode()
    assert "Generate the report for a quarter" in page
    # The four quarters of the strategy that have ended, the latest chosen.
    assert page.count('name="quarter" type="radio"') == 4
    assert 'value="2026-01-01" checked' in page
    assert "2025-26 Q4 (January to March 2026)" in page
    assert reverse("strategy:quarterly_pdf", args=[ready.pk]) in page
    assert "3 pages" in page and "Fictional Chair" in page
    client.force_login(plan.pcc)
    page = client.get(reverse("strategy:quarterly_list")).content.decode()
    assert "Generate the report for a quarter" not in page
    assert reverse("strategy:quarterly_xlsx", args=[ready.pk]) in page


def test_the_form_says_what_is_wrong(plan: Plan, client: Client) -> None:
    client.force_login(plan.chair)
    url = reverse("strategy:quarterly_generate", args=[plan.strategy.pk])
    empty = client.post(url, {})
    assert empty.status_code == 400
    page = empty.content.decode()
    assert "<title>Error: Quarterly reports" in page
    assert 'href="#id_quarter">Choose a quarter</a>' in page
    running = client.post(url, {"quarter": "2026-04-01"})  # has not ended
    assert "Choose one of the quarters listed" in running.content.decode()
    assert not QuarterlyReport.objects.exists()


def test_the_page_shows_progress_until_the_report_is_ready(
    plan: Plan, client: Client, django_capture_on_commit_callbacks: Any, fake_pdf: None
) -> None:
    client.force_login(plan.chair)
    url = reverse("strategy:quarterly_generate", args=[plan.strategy.pk])
    with django_capture_on_commit_callbacks(execute=False) as queued:
        answer = client.post(url, {"quarter": QUARTER.start.isoformat()})
    report = QuarterlyReport.objects.get()
    assert answer.url == reverse("strategy:quarterly_detail", args=[report.pk])
    waiting = client.get(answer.url).content.decode()
    assert '<meta http-equiv="refresh" content="3">' in waiting
    assert "Waiting to start" in waiting and "Waiting for the job to start" in waiting
    assert "0% done" in waiting
    for callback in queued:
        callback()  # the job, as the worker would run it
    done = client.get(answer.url).content.decode()
    assert 'http-equiv="refresh"' not in done
    assert "Ready" in done and "3 pages" in done
    assert reverse("strategy:quarterly_pdf", args=[report.pk]) in done


def test_a_failed_report_can_be_made_again(
    plan: Plan,
    client: Client,
    django_capture_on_commit_callbacks: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(content: Any) -> RenderedPdf:
        raise RuntimeError("Fictional: layout failed")

    monkeypatch.setattr(quarterly, "quarterly_pdf", broken)
    with django_capture_on_commit_callbacks(execute=True):
        report = quarterly_report_request(strategy=plan.strategy, quarter=QUARTER, actor=plan.chair)
    client.force_login(plan.chair)
    page = client.get(reverse("strategy:quarterly_detail", args=[report.pk])).content.decode()
    assert "could not be made because of a problem in Awaz" in page
    assert "layout failed" not in page
    button = '<button type="submit" class="govuk-button" data-module="govuk-button">Try again'
    assert button in page
    assert 'name="quarter" value="2026-01-01"' in page
    client.force_login(plan.pcc)
    page = client.get(reverse("strategy:quarterly_detail", args=[report.pk])).content.decode()
    assert button not in page


def test_downloads_are_attachments_and_audited(
    plan: Plan, ready: QuarterlyReport, client: Client
) -> None:
    client.force_login(plan.pcc)
    pdf = client.get(reverse("strategy:quarterly_pdf", args=[ready.pk]))
    assert pdf.content == FAKE_PDF.content
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"] == (
        f'attachment; filename="awaz-quarterly-report-2025-26-Q4-{ready.pk}.pdf"'
    )
    assert pdf["X-Content-Type-Options"] == "nosniff"
    event = last_audit()
    assert (event.event_name, event.actor_id) == ("QUARTERLY_REPORT_DOWNLOADED", plan.pcc.pk)
    assert event.details == {"format": "pdf", "quarter": "2025-26 Q4"}
    xlsx = client.get(reverse("strategy:quarterly_xlsx", args=[ready.pk]))
    assert xlsx.content.startswith(b"PK")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert audit_names(event_type=683) == [
        "QUARTERLY_REPORT_DOWNLOADED",
        "QUARTERLY_REPORT_DOWNLOADED",
    ]


def test_a_report_not_ready_has_no_download(
    plan: Plan, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=False):
        report = quarterly_report_request(strategy=plan.strategy, quarter=QUARTER, actor=plan.chair)
    client.force_login(plan.chair)
    assert client.get(reverse("strategy:quarterly_pdf", args=[report.pk])).status_code == 404


def test_the_list_takes_the_same_queries_for_any_number_of_reports(
    plan: Plan, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(plan.pcc)
    url = reverse("strategy:quarterly_list")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    with django_capture_on_commit_callbacks(execute=False):
        quarterly_report_request(strategy=plan.strategy, quarter=QUARTER, actor=plan.chair)
    count()  # the first request after signing in also updates the session
    one = count()
    with django_capture_on_commit_callbacks(execute=False):
        for n in (1, 2, 3):
            quarterly_report_request(
                strategy=plan.strategy, quarter=QUARTER.shift(-n), actor=plan.chair
            )
    assert count() == one


def test_the_plan_links_to_its_reports(plan: Plan, client: Client) -> None:
    client.force_login(plan.pcc)
    page = client.get(reverse("strategy:plan")).content.decode()
    assert reverse("strategy:quarterly_list_for", args=[plan.strategy.pk]) in page


def test_without_a_strategy_there_is_nothing_to_report_on(chair: Any, client: Client) -> None:
    client.force_login(chair)
    page = client.get(reverse("strategy:quarterly_list")).content.decode()
    assert "The partnership has no strategy in Awaz yet" in page
    assert "Generate the report" not in page
