"""The partner API, ``/api/v1/``: partner systems submit reports, read their status, and
upload extracts for their organisation's import sources, with a client's bearer token.

Every answer is documented in ``/api/openapi.json``: 401 for a missing, unknown, expired or
revoked token; 403 for a scope the token lacks; 404 for what is missing or not the
client's own (the same answer); 409 for an ``Idempotency-Key`` reused with another body;
413 for a body over the limit; 422 with the errors by field; 429 with ``Retry-After``.
"""

from __future__ import annotations

import re
from typing import Any

from django.http import HttpRequest
from ninja import File, Form, Header, Path, Router
from ninja.files import UploadedFile
from ninja.responses import Status

from awaz.api_clients.auth import ClientToken, require_scope
from awaz.api_clients.models import Scope
from awaz.api_clients.schemas import (
    ImportJobOut,
    Message,
    ReportCreated,
    ReportIn,
    ReportStatusOut,
    ValidationErrors,
)
from awaz.api_clients.selectors import access_import_by_id, access_report_by_reference
from awaz.api_clients.services import api_import_upload, api_report_submit
from awaz.imports.models import ImportRun
from awaz.imports.selectors import import_run_progress, run_errors
from awaz.imports.services.runs import failure_text

router = Router(tags=["partner systems"], auth=ClientToken())

# 400: a body that is not JSON (or a file the source cannot read).
REFUSALS: dict[int, Any] = {
    401: Message,
    403: Message,
    413: Message,
    422: ValidationErrors,
    429: Message,
}
MAX_ID = 2**31 - 1


@router.post(
    "/reports",
    response={200: ReportCreated, 201: ReportCreated, 400: Message, 409: Message, **REFUSALS},
    summary="Submit a report",
    description=(
        "Checked exactly as the reporting journey checks it. `Idempotency-Key` is required: "
        "the same key and body return the first response (200); the same key with another "
        "body is 409."
    ),
    operation_id="report_submit",
)
def report_submit(
    request: HttpRequest,
    payload: ReportIn,
    idempotency_key: str = Header(
        ..., alias="Idempotency-Key", min_length=1, max_length=100, pattern=r"^[!-~]+$"
    ),
) -> Status[dict[str, Any]]:
    client = require_scope(request, Scope.REPORTS_SUBMIT)
    submitted = api_report_submit(
        client=client,
        idempotency_key=idempotency_key,
        body=request.body,
        fields=payload.model_dump(),
    )
    return Status(200 if submitted.replayed else 201, submitted.response)


@router.get(
    "/reports/{reference}",
    response={200: ReportStatusOut, 404: Message, **REFUSALS},
    summary="The status of a report this client submitted",
    operation_id="report_status",
)
def report_status(
    request: HttpRequest, reference: str = Path(..., max_length=20, pattern=r"^[A-Za-z0-9-]+$")
) -> dict[str, Any]:
    client = require_scope(request, Scope.REPORTS_READ)
    report = access_report_by_reference(client=client, reference=reference)
    return {
        "reference": report.reference,
        "status": report.status,
        "submitted_at": report.submitted_at,
    }


def _clean_name(name: str) -> str:
    """The uploaded file's name without control characters (PostgreSQL refuses NUL)."""
    return re.sub(r"[\x00-\x1f\x7f]", "", name)[:200]


def _job(run: ImportRun) -> dict[str, Any]:
    progress = import_run_progress(run)
    return {
        "id": run.pk,
        "source": run.source_id,
        "file_name": run.file_name,
        "status": run.status,
        "failure": failure_text(run) if run.failure else "",
        "rows_checked": progress.checked,
        "rows_saved": run.rows_saved,
        "rows_updated": run.rows_updated,
        "rows_unchanged": run.rows_unchanged,
        "rows_error": run.rows_error,
        "records_missing": run.records_missing,
        "errors": [
            {"row": e.row_number, "column": e.column, "reason": e.reason} for e in run_errors(run)
        ],
    }


@router.post(
    "/imports",
    response={202: ImportJobOut, 400: Message, 404: Message, **REFUSALS},
    summary="Upload an extract for one of your organisation's sources",
    description=(
        "Multipart form: `source` (the source's id), `file` (CSV or XLSX, as the source "
        "reads) and `full_extract` (the file holds every record of the source). The file "
        "is checked and imported in the background, whole or not at all: follow the job "
        "with GET /api/v1/imports/{id}."
    ),
    operation_id="import_upload",
)
def import_upload(
    request: HttpRequest,
    file: File[UploadedFile],
    source: int = Form(..., ge=1, le=MAX_ID, description="The source's id"),
    full_extract: bool = Form(False, description="The file holds every record of the source"),
) -> Status[dict[str, Any]]:
    client = require_scope(request, Scope.IMPORTS_UPLOAD)
    run = api_import_upload(
        client=client,
        source_id=source,
        file_name=_clean_name(file.name or "") or "extract",
        content=file.read(),
        is_full_extract=full_extract,
    )
    return Status(202, _job(run))


@router.get(
    "/imports/{job_id}",
    response={200: ImportJobOut, 404: Message, **REFUSALS},
    summary="Progress, counts and errors of an extract this client uploaded",
    operation_id="import_status",
)
def import_status(request: HttpRequest, job_id: int = Path(..., ge=1, le=MAX_ID)) -> dict[str, Any]:
    client = require_scope(request, Scope.IMPORTS_UPLOAD)
    return _job(access_import_by_id(client=client, run_id=job_id))
