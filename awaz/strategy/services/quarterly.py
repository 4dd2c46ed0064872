"""Quarterly performance reports: asking for one (the chair), making it (the background
job), the periodic job that makes each quarter's report once, and opening its files.

``quarterly_report_request`` stores a queued report and queues ``tasks.quarterly_report_make``
once the transaction commits; the job calls ``quarterly_report_make``, which gathers the
figures (``reports.content``), lays out the PDF (``reports.pdf``) and the XLSX
(``reports.xlsx``), stores both (``reports.storage``) and marks the report ready, writing its
progress as it goes: gathering 10 %, PDF 40 %, spreadsheet 80 %, saving 95 %, ready 100 %.

Safe to run twice: a ready or failed report is left as it is. Any error marks the report
failed with a generic message (the exception goes to the log only) and removes any file
already written. ``quarterly_reports_periodic`` (daily) asks, for every strategy whose
period covers the latest complete quarter, for that quarter's report if it has none yet, in
any state: each quarter is made once by the job (the chair can make another by hand).
"""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from awaz.audit.events import AuditEventType
from awaz.audit.services import Actor, audit_record
from awaz.core.exceptions import ApplicationError, NotFound
from awaz.core.quarters import Quarter
from awaz.strategy import access
from awaz.strategy.models import QuarterlyReport, ReportStatus, Strategy
from awaz.strategy.reports.content import complete_quarters, quarterly_content
from awaz.strategy.reports.pdf import quarterly_pdf
from awaz.strategy.reports.storage import (
    report_file_read,
    report_file_write,
    report_files_delete,
)
from awaz.strategy.reports.xlsx import quarterly_xlsx
from awaz.strategy.services.auditing import plan_audit

logger = logging.getLogger(__name__)

MSG_QUARTER = _("Choose a quarter of the strategy that has ended")

# What the job is doing (``progress_message``), as the progress page words it.
STAGE_GATHERING = "gathering"
STAGE_PDF = "pdf"
STAGE_XLSX = "xlsx"
STAGE_SAVING = "saving"
STAGE_DONE = "done"
STAGE_FAILED = "failed"
STAGES = {
    "": _("Waiting for the job to start"),
    STAGE_GATHERING: _("Gathering the figures"),
    STAGE_PDF: _("Laying out the PDF"),
    STAGE_XLSX: _("Writing the spreadsheet"),
    STAGE_SAVING: _("Saving the files"),
    STAGE_DONE: _("Ready"),
    STAGE_FAILED: _("Failed"),
}
# Why a report failed (``error``): only a code is stored, the page shows the words.
ERROR_INTERNAL = "internal"
ERRORS = {
    ERROR_INTERNAL: _(
        "The report could not be made because of a problem in Awaz. Try again; if it fails "
        "again, tell your administrator (the details are in the application's log)."
    ),
}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = {"pdf": "application/pdf", "xlsx": XLSX_TYPE}
SYSTEM = Actor()


def stage_text(report: QuarterlyReport) -> str:
    return str(STAGES.get(report.progress_message, report.progress_message))


def error_text(report: QuarterlyReport) -> str:
    return str(ERRORS.get(report.error, ERRORS[ERROR_INTERNAL]))


def report_quarter(report: QuarterlyReport) -> Quarter:
    return Quarter.of(report.quarter_start)


# Asking for a report ---------------------------------------------------------------------


def _enqueue(report_id: int) -> None:
    from awaz.strategy.tasks import quarterly_report_make as task

    task.delay(report_id)


def _create(*, strategy: Strategy, quarter: Quarter, actor: Any | None) -> QuarterlyReport:
    report = QuarterlyReport.objects.create(
        strategy=strategy,
        quarter_start=quarter.start,
        requested_by=actor,
        created_by=actor,
        modified_by=actor,
    )
    details = {"strategy_id": strategy.pk, "quarter": quarter.label, "periodic": actor is None}
    if actor is None:
        audit_record(
            event_type=AuditEventType.QUARTERLY_REPORT_REQUESTED,
            actor=SYSTEM,
            target_type=report._meta.label_lower,
            target_id=report.pk,
            details=details,
        )
    else:
        plan_audit(
            event_type=AuditEventType.QUARTERLY_REPORT_REQUESTED,
            actor=actor,
            target=report,
            details=details,
        )
    report_id = report.pk
    transaction.on_commit(lambda: _enqueue(report_id))
    return report


@transaction.atomic(durable=True)
def quarterly_report_request(
    *, strategy: Strategy, quarter: Quarter, actor: Any
) -> QuarterlyReport:
    """Queue the report on ``quarter`` (a complete quarter of the strategy) for the chair.
    While one for the same quarter is queued or running, that one is returned instead, so a
    second press of the button makes no second job."""
    access.require(actor, "report.generate")
    if quarter not in complete_quarters(strategy, today=timezone.localdate()):
        raise ApplicationError(MSG_QUARTER, extra={"field": "quarter"})
    # One request per strategy at a time decides whether one is already being made.
    Strategy.objects.select_for_update().get(pk=strategy.pk)
    in_progress = QuarterlyReport.objects.filter(
        strategy=strategy,
        quarter_start=quarter.start,
        status__in=[ReportStatus.QUEUED, ReportStatus.RUNNING],
    ).first()
    if in_progress is not None:
        return in_progress
    return _create(strategy=strategy, quarter=quarter, actor=actor)


@transaction.atomic(durable=True)
def _periodic_request(strategy: Strategy, quarter: Quarter) -> QuarterlyReport | None:
    Strategy.objects.select_for_update().get(pk=strategy.pk)
    if QuarterlyReport.objects.filter(strategy=strategy, quarter_start=quarter.start).exists():
        return None
    return _create(strategy=strategy, quarter=quarter, actor=None)


def quarterly_reports_periodic(*, today: datetime.date | None = None) -> list[QuarterlyReport]:
    """The daily job: queue the latest complete quarter's report for every strategy whose
    period covers that quarter and which has no report on it yet. Returns those queued."""
    today = today or timezone.localdate()
    quarter = Quarter.latest_complete(today)
    strategies = Strategy.objects.filter(
        starts_on__lte=quarter.end, ends_on__gte=quarter.start
    ).order_by("pk")
    made = []
    for strategy in strategies:
        report = _periodic_request(strategy, quarter)
        if report is not None:
            made.append(report)
    return made


# Making a report (the job) ---------------------------------------------------------------


def _progress(report_id: int, percent: int | None, stage: str, **fields: Any) -> None:
    """Write how far the job has got (``percent`` None keeps the figure as it is)."""
    if percent is not None:
        fields["progress_percent"] = percent
    QuarterlyReport.objects.filter(pk=report_id).update(
        progress_message=stage, modified_at=timezone.now(), **fields
    )


def _start(report_id: int) -> QuarterlyReport | str:
    """Mark the report running; the status to return instead if there is nothing to do."""
    with transaction.atomic():
        report = (
            QuarterlyReport.objects.select_for_update()
            .select_related("strategy")
            .filter(pk=report_id)
            .first()
        )
        if report is None:
            logger.warning("quarterly report %s does not exist", report_id)
            return "missing"
        if report.status in (ReportStatus.DONE, ReportStatus.FAILED):
            return str(report.status)
        report.status = ReportStatus.RUNNING
        report.started_at = timezone.now()
        report.progress_percent = 10
        report.progress_message = STAGE_GATHERING
        report.save(
            update_fields=[
                "status",
                "started_at",
                "progress_percent",
                "progress_message",
                "modified_at",
            ]
        )
    return report


def _system_audit(event_type: AuditEventType, report: QuarterlyReport, **details: Any) -> None:
    audit_record(
        event_type=event_type,
        actor=SYSTEM,
        target_type=report._meta.label_lower,
        target_id=report.pk,
        details=details,
    )


def quarterly_report_make(report_id: int) -> str:
    """Make a queued report (the background job). Returns its final status."""
    started = _start(report_id)
    if isinstance(started, str):
        return started
    report = started
    quarter = report_quarter(report)
    written: list[str] = []
    try:
        with translation.override(settings.LANGUAGE_CODE):
            content = quarterly_content(
                strategy=report.strategy, quarter=quarter, today=timezone.localdate()
            )
            _progress(report_id, 40, STAGE_PDF)
            pdf = quarterly_pdf(content)
            _progress(report_id, 80, STAGE_XLSX)
            xlsx = quarterly_xlsx(content)
        _progress(report_id, 95, STAGE_SAVING)
        pdf_name = report_file_write(pdf.content, extension="pdf")
        written.append(pdf_name)
        xlsx_name = report_file_write(xlsx, extension="xlsx")
        written.append(xlsx_name)
        with transaction.atomic():
            _progress(
                report_id,
                100,
                STAGE_DONE,
                status=ReportStatus.DONE,
                pdf_name=pdf_name,
                xlsx_name=xlsx_name,
                pages=pdf.pages,
                finished_at=timezone.now(),
            )
            _system_audit(
                AuditEventType.QUARTERLY_REPORT_MADE,
                report,
                quarter=quarter.label,
                pages=pdf.pages,
                pdf_bytes=len(pdf.content),
                xlsx_bytes=len(xlsx),
            )
    except Exception:
        logger.exception("quarterly report %s failed", report_id)
        report_files_delete(written)
        with transaction.atomic():
            _progress(
                report_id,
                None,
                STAGE_FAILED,
                status=ReportStatus.FAILED,
                error=ERROR_INTERNAL,
                finished_at=timezone.now(),
            )
            _system_audit(AuditEventType.QUARTERLY_REPORT_FAILED, report, quarter=quarter.label)
        return ReportStatus.FAILED.value
    return ReportStatus.DONE.value


# Opening a report's files ----------------------------------------------------------------


@transaction.atomic(durable=True)
def quarterly_report_file_open(
    *, report_id: int, file_format: str, user: Any
) -> tuple[QuarterlyReport, bytes]:
    """A ready report's PDF or XLSX for a user who may read reports, with its audit row."""
    report = access.access_quarterly_report_by_id(user, report_id)
    if report.status != ReportStatus.DONE or file_format not in FORMATS:
        raise NotFound()
    data = report_file_read(report.pdf_name if file_format == "pdf" else report.xlsx_name)
    plan_audit(
        event_type=AuditEventType.QUARTERLY_REPORT_DOWNLOADED,
        actor=user,
        target=report,
        details={"format": file_format, "quarter": report_quarter(report).label},
    )
    return report, data
