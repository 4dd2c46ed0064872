"""The incident export: a page showing what the dashboard filters select and how many rows
that makes, and the download itself (CSV streamed, or XLSX).

Both need ``patterns.export`` (404 otherwise). Personal columns come only when asked for by a
role in ``patterns.export_personal`` (``services/export.py`` decides per row). Each download
writes one audit event.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from awaz.core.exceptions import NotFound
from awaz.patterns.access import user_can
from awaz.patterns.forms import DashboardFilterForm, filters_query, filters_summary
from awaz.patterns.forms_export import INCLUDE, ExportForm, hidden_fields, wants_personal
from awaz.patterns.selectors.dashboard import Filters, area_rows
from awaz.patterns.services.export import (
    FORMATS,
    ExportPlan,
    csv_lines,
    export_audit,
    export_header,
    export_max_rows,
    export_plan,
    export_rows,
    personal_allowed,
    xlsx_file,
)

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# What a refusal names in the audit log (ACCESS_DENIED): the export, and the format asked for.
TARGET = "patterns.export"


def _require(request: HttpRequest, *, fmt: str = "") -> None:
    """A role without ``patterns.export`` gets ``NotFound`` (so the refusal is audited) and
    the same 404 page as an unknown format."""
    if not user_can(request.user, "patterns.export"):
        raise NotFound(target_type=TARGET, target_id=fmt)


def _filters(request: HttpRequest) -> tuple[Filters, DashboardFilterForm]:
    query = request.GET
    form = DashboardFilterForm(
        query if DashboardFilterForm.is_sent(query) else None,
        today=timezone.localdate(),
        areas=area_rows(),
    )
    if form.is_bound:
        form.is_valid()
    return form.filters(), form


def _page(request: HttpRequest, plan: ExportPlan, form: DashboardFilterForm) -> HttpResponse:
    query = filters_query(plan.filters, form)
    context: dict[str, Any] = {
        "plan": plan,
        "max_rows": export_max_rows(),
        "filters_summary": filters_summary(plan.filters, form),
        "filters_query": query,
        "hidden": hidden_fields(query),
        "form": ExportForm(initial={"personal": [INCLUDE] if plan.personal else []}),
        "may_personal": personal_allowed(request.user),
        "may_dashboard": user_can(request.user, "patterns.view"),
        "filter_form": form,
        "dashboard_url": f"{reverse('patterns:dashboard')}?{query}",
    }
    return render(request, "patterns/export.html", context)


@login_required
@require_GET
def export_start(request: HttpRequest) -> HttpResponse:
    _require(request)
    filters, form = _filters(request)
    plan = export_plan(user=request.user, filters=filters, want_personal=False)
    return _page(request, plan, form)


@login_required
@require_GET
def export_download(request: HttpRequest, fmt: str) -> HttpResponseBase:
    _require(request, fmt=fmt)
    if fmt not in FORMATS:
        raise NotFound(target_type=TARGET, target_id=fmt)
    filters, form = _filters(request)
    plan = export_plan(
        user=request.user, filters=filters, want_personal=wants_personal(request.GET)
    )
    if plan.too_many:
        return _page(request, plan, form)
    export_audit(user=request.user, plan=plan, fmt=fmt)
    header = export_header(personal=plan.personal)
    rows = export_rows(user=request.user, plan=plan)
    filename = f"awaz-incidents-{filters.start.isoformat()}-to-{filters.end.isoformat()}.{fmt}"
    response: HttpResponseBase
    if fmt == "csv":
        response = StreamingHttpResponse(
            csv_lines(header, rows), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    else:
        response = FileResponse(
            xlsx_file(header, rows), as_attachment=True, filename=filename, content_type=XLSX_TYPE
        )
    response["X-Content-Type-Options"] = "nosniff"
    return response
