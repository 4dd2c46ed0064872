"""One file: upload, preview (nothing saved), confirm, progress (the page refreshes itself
without JavaScript and has an "Update now" link), cancel, result with counts and errors,
and the errors as CSV."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from awaz.audit.events import AuditEventType
from awaz.audit.services import Actor, audit_record
from awaz.core.csvsafe import csv_response
from awaz.core.exceptions import ApplicationError
from awaz.imports import access
from awaz.imports.forms import UploadForm
from awaz.imports.models import RunStatus
from awaz.imports.models.runs import IN_PROGRESS
from awaz.imports.selectors import (
    import_preview,
    import_run_progress,
    run_error_count,
    run_errors,
)
from awaz.imports.services import import_cancel, import_confirm, import_upload
from awaz.imports.services.runs import failure_text
from awaz.imports.views.sources import add_service_error, source_page

REFRESH_SECONDS = 3


@login_required
@require_POST
def run_upload_view(request: HttpRequest, source_id: int) -> HttpResponse:
    source = access.access_source_by_id(request.user, source_id)
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            run = import_upload(
                source=source,
                file_name=PurePosixPath(upload.name).name,
                content=upload.read(),
                is_full_extract=bool(form.cleaned_data.get("is_full_extract")),
                actor=request.user,
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            return redirect("imports:run_detail", run_id=run.pk)
    return source_page(request, source.pk, upload=form, status=400)


@login_required
@require_GET
def run_detail_view(request: HttpRequest, run_id: int) -> HttpResponse:
    run = access.access_run_by_id(request.user, run_id)
    in_progress = run.status in IN_PROGRESS
    context: dict[str, Any] = {
        "run": run,
        "source": run.source,
        "in_progress": in_progress,
        "refresh_seconds": REFRESH_SECONDS if in_progress else None,
        "can_cancel": run.status in (RunStatus.UPLOADED, RunStatus.QUEUED, RunStatus.CHECKING)
        and not run.cancel_requested,
    }
    if run.status == RunStatus.UPLOADED:
        context["preview"] = import_preview(run)
    if in_progress:
        context["progress"] = import_run_progress(run)
    if run.status in (RunStatus.FAILED, RunStatus.DONE, RunStatus.CANCELLED):
        context["errors"] = run_errors(run)
        context["error_count"] = run_error_count(run)
    if run.status == RunStatus.FAILED:
        context["failure"] = failure_text(run)
    return render(request, "imports/run_detail.html", context)


@login_required
@require_POST
def run_confirm_view(request: HttpRequest, run_id: int) -> HttpResponse:
    run = access.access_run_by_id(request.user, run_id)
    try:
        import_confirm(run=run, actor=request.user)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    return redirect("imports:run_detail", run_id=run.pk)


@login_required
@require_POST
def run_cancel_view(request: HttpRequest, run_id: int) -> HttpResponse:
    run = access.access_run_by_id(request.user, run_id)
    try:
        import_cancel(run=run, actor=request.user)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The import is cancelled. Nothing from the file was saved."))
    return redirect("imports:run_detail", run_id=run.pk)


@login_required
@require_GET
def run_errors_csv_view(request: HttpRequest, run_id: int) -> HttpResponse:
    """Every error of the run as CSV (row, column, value, reason); the download is audited."""
    run = access.access_run_by_id(request.user, run_id)
    errors = run_errors(run, limit=None)
    audit_record(
        event_type=AuditEventType.IMPORT_ERRORS_DOWNLOADED,
        actor=Actor(user=request.user, organisation=run.source.organisation),
        target_type="imports.importrun",
        target_id=run.pk,
        details={"errors": len(errors)},
    )
    return csv_response(
        f"import-{run.pk}-errors.csv",
        [_("Row"), _("Column"), _("Value"), _("Reason")],
        ([e.row_number, e.column, e.value, e.reason] for e in errors),
    )
