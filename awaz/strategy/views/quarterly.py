"""Quarterly reports: the strategy's reports with the form that asks for one (the chair), a
report's progress and downloads, and the files themselves (as attachments, audited).

Every page needs ``report.view`` (the PCC office included); asking for a report needs
``report.generate`` (the chair). While a report is being made its page refreshes itself
every few seconds (a ``<meta>`` refresh: no JavaScript needed).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from awaz.core.exceptions import ApplicationError
from awaz.strategy import access
from awaz.strategy.forms.quarterly import QuarterForm
from awaz.strategy.models import QuarterlyReport, ReportStatus, Strategy
from awaz.strategy.reports.content import complete_quarters
from awaz.strategy.reports.selectors import quarterly_report_list, quarterly_report_next
from awaz.strategy.selectors import strategy_current
from awaz.strategy.services.quarterly import (
    FORMATS,
    error_text,
    quarterly_report_file_open,
    quarterly_report_request,
    report_quarter,
    stage_text,
)
from awaz.strategy.views.pages import add_service_error

REFRESH_SECONDS = 3


def _list_page(
    request: HttpRequest,
    strategy: Strategy | None,
    *,
    form: QuarterForm | None = None,
    status: int = 200,
) -> HttpResponse:
    can_generate = access.user_can(request.user, "report.generate")
    context: dict[str, Any] = {"strategy": strategy, "can_generate": can_generate}
    if strategy is not None:
        quarters = complete_quarters(strategy, today=timezone.localdate())
        context["rows"] = [(r, report_quarter(r)) for r in quarterly_report_list(strategy)]
        context["quarters"] = quarters
        context["next_report"] = quarterly_report_next(strategy, now=timezone.now())
        context["strategy_ended"] = strategy.ends_on < timezone.localdate()
        if can_generate and quarters:
            context["form"] = form or QuarterForm(quarters=quarters)
    return render(request, "strategy/quarterly_list.html", context, status=status)


@login_required
@require_GET
def quarterly_list(request: HttpRequest) -> HttpResponse:
    """The current strategy's reports."""
    access.require(request.user, "report.view")
    return _list_page(request, strategy_current(today=timezone.localdate()))


@login_required
@require_GET
def quarterly_list_for(request: HttpRequest, strategy_id: int) -> HttpResponse:
    access.require(request.user, "report.view")
    return _list_page(request, access.access_strategy_by_id(request.user, strategy_id))


@login_required
@require_POST
def quarterly_generate(request: HttpRequest, strategy_id: int) -> HttpResponse:
    access.require(request.user, "report.generate")
    strategy = access.access_strategy_by_id(request.user, strategy_id)
    quarters = complete_quarters(strategy, today=timezone.localdate())
    form = QuarterForm(request.POST, quarters=quarters)
    if form.is_valid():
        try:
            report = quarterly_report_request(
                strategy=strategy, quarter=form.chosen(), actor=request.user
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            return redirect("strategy:quarterly_detail", report_id=report.pk)
    return _list_page(request, strategy, form=form, status=400)


@login_required
@require_GET
def quarterly_detail(request: HttpRequest, report_id: int) -> HttpResponse:
    report = access.access_quarterly_report_by_id(request.user, report_id)
    in_progress = report.status in (ReportStatus.QUEUED, ReportStatus.RUNNING)
    quarter = report_quarter(report)
    context: dict[str, Any] = {
        "report": report,
        "quarter": quarter,
        "in_progress": in_progress,
        "refresh_seconds": REFRESH_SECONDS if in_progress else None,
        "stage": stage_text(report),
        "error": error_text(report) if report.status == ReportStatus.FAILED else "",
        "can_generate": access.user_can(request.user, "report.generate"),
    }
    return render(request, "strategy/quarterly_detail.html", context)


def _filename(report: QuarterlyReport, file_format: str) -> str:
    label = report_quarter(report).label.replace(" ", "-")  # 2025-26-Q2: safe in a header
    return f"awaz-quarterly-report-{label}-{report.pk}.{file_format}"


@login_required
@require_GET
def quarterly_download(request: HttpRequest, report_id: int, file_format: str) -> HttpResponse:
    report, data = quarterly_report_file_open(
        report_id=report_id, file_format=file_format, user=request.user
    )
    response = HttpResponse(data, content_type=FORMATS[file_format])
    response["Content-Disposition"] = f'attachment; filename="{_filename(report, file_format)}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Length"] = str(len(data))
    response["Cache-Control"] = "private, no-store"
    return response
