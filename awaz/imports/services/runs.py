"""Importing one file: upload (kept encrypted), preview (``selectors.import_preview``),
confirm (the job is queued), the job itself, cancel, and the purge of old files.

The job (``tasks.import_run``, ``import_run_execute``) works in two passes over the file:

1. **Check** every row, outside any long transaction: the run's ``rows_checked`` and the
   errors found are committed as it goes, so the progress page shows them, and a cancel
   asked for meanwhile stops it at the next batch.
2. If no row has an error, **save** every record in one transaction (``durable``): the file
   goes in whole or not at all, with the facts and dashboard (written by the reporting
   service in the same transaction) and the run's counts and audit event. Progress while
   saving is reported through the job's state (``selectors.import_run_progress``), since
   nothing the transaction writes shows before it commits; it can no longer be cancelled.

Every step is audited with who, the file's SHA-256 and the counts.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import logging
from collections.abc import Callable, Iterator
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awaz.audit.events import AuditEventType
from awaz.audit.services import Actor, audit_record
from awaz.core.exceptions import ApplicationError
from awaz.imports import access
from awaz.imports.mapping import MappedRecord, Problem
from awaz.imports.models import FileFormat, ImportRowError, ImportRun, ImportSource, RunStatus
from awaz.imports.models.runs import IN_PROGRESS
from awaz.imports.reading import FileUnreadable, table_open
from awaz.imports.selectors import required_headings, row_mapper_for, source_is_police
from awaz.imports.services.saving import Counts, records_flag_missing, records_save
from awaz.imports.storage import import_file_delete, import_file_read, import_file_write

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 50 * 1024 * 1024
PROGRESS_EVERY = 250
SAVE_CHUNK = 2000
MAX_STORED_ERRORS = 10_000
UPLOAD_KEEP = datetime.timedelta(days=1)

# Why nothing was imported (``ImportRun.failure``).
FAILURE_ROW_ERRORS = "row_errors"
FAILURE_UNREADABLE = "unreadable"
FAILURE_NO_ROWS = "no_rows"
FAILURE_MISSING_COLUMNS = "missing_columns"
FAILURE_INTERNAL = "internal"
FAILURE_CHANGED = "changed"
FAILURES = {
    FAILURE_ROW_ERRORS: _(
        "Some rows have errors, so nothing was imported. Correct them and upload the file again."
    ),
    FAILURE_UNREADABLE: _("The file could not be read, so nothing was imported."),
    FAILURE_NO_ROWS: _("The file has no rows under its headings, so nothing was imported."),
    FAILURE_MISSING_COLUMNS: _(
        "The file does not have every column the source's mapping names, so nothing was "
        "imported. Correct the file or the source's column mapping."
    ),
    FAILURE_INTERNAL: _(
        "The file could not be imported because of a problem in Awaz. Nothing was saved. Try "
        "again; if it fails again, tell the people who run Awaz (the details are in its log)."
    ),
    FAILURE_CHANGED: _(
        "Something changed while the file was being imported (for example an area or a strand "
        "was removed), so nothing was saved. Upload the file again."
    ),
}

MSG_EMPTY = _("The selected file is empty")
MSG_TOO_BIG = _("The selected file must be smaller than %(size)s MB")
MSG_NOT_XLSX = _("The selected file is not an Excel workbook (XLSX), but this source reads XLSX")
MSG_NOT_CSV = _("The selected file is an Excel workbook, but this source reads CSV")
MSG_INACTIVE = _("This source no longer accepts files")
MSG_TOO_LATE = _("The import can no longer be cancelled: it is being saved, all or nothing")
MSG_NOT_UPLOADED = _("This file has already been imported or cancelled")


class _RowsChanged(Exception):
    """A row that passed the check failed when saved: roll the whole file back."""


def _actor(user: Any, source: ImportSource) -> Actor:
    return Actor(user=user, organisation=source.organisation)


def _audit(event: AuditEventType, run: ImportRun, actor: Actor, **details: Any) -> None:
    audit_record(
        event_type=event,
        actor=actor,
        target_type="imports.importrun",
        target_id=run.pk,
        details={"source_id": run.source_id, "file_hash": run.file_hash, **details},
    )


def _counts(run: ImportRun) -> dict[str, int]:
    return {
        "rows_checked": run.rows_checked,
        "rows_saved": run.rows_saved,
        "rows_updated": run.rows_updated,
        "rows_unchanged": run.rows_unchanged,
        "rows_error": run.rows_error,
        "records_missing": run.records_missing,
    }


def failure_text(run: ImportRun) -> str:
    return str(FAILURES.get(run.failure, FAILURES[FAILURE_INTERNAL]))


# Upload, confirm, cancel --------------------------------------------------------------


def _check_content(source: ImportSource, content: bytes) -> None:
    if not content:
        raise ApplicationError(MSG_EMPTY, extra={"field": "file"})
    if len(content) > MAX_FILE_BYTES:
        raise ApplicationError(
            MSG_TOO_BIG % {"size": MAX_FILE_BYTES // (1024 * 1024)}, extra={"field": "file"}
        )
    is_zip = content.startswith(b"PK\x03\x04")
    if source.file_format == FileFormat.XLSX and not is_zip:
        raise ApplicationError(MSG_NOT_XLSX, extra={"field": "file"})
    if source.file_format == FileFormat.CSV and is_zip:
        raise ApplicationError(MSG_NOT_CSV, extra={"field": "file"})


@transaction.atomic(durable=True)
def import_upload(
    *, source: ImportSource, file_name: str, content: bytes, is_full_extract: bool, actor: Any
) -> ImportRun:
    """Keep the file (encrypted) as a new run waiting for its preview to be confirmed.
    Nothing is read into records yet."""
    access.require(actor, "import.manage")
    if not source.is_active:
        raise ApplicationError(MSG_INACTIVE, extra={"field": "file"})
    _check_content(source, content)
    stored = import_file_write(content)
    try:
        run = ImportRun.objects.create(
            source=source,
            uploaded_by=actor,
            file_name=file_name[:200],
            file_hash=hashlib.sha256(content).hexdigest(),
            file_size=len(content),
            stored_name=stored,
            file_expires_at=timezone.now() + datetime.timedelta(days=source.file_retention_days),
            is_full_extract=is_full_extract,
            created_by=actor,
            modified_by=actor,
        )
        earlier = (
            ImportRun.objects.filter(source=source, file_hash=run.file_hash, status=RunStatus.DONE)
            .exclude(pk=run.pk)
            .exists()
        )
        _audit(
            AuditEventType.IMPORT_FILE_UPLOADED,
            run,
            _actor(actor, source),
            file_size=run.file_size,
            full_extract=is_full_extract,
            imported_before=earlier,
        )
    except BaseException:
        import_file_delete(stored)
        raise
    return run


def _enqueue(run_id: int) -> None:
    from awaz.imports.tasks import import_run

    result = import_run.delay(run_id)
    ImportRun.objects.filter(pk=run_id, task_id="").update(task_id=result.id or "")


@transaction.atomic(durable=True)
def import_confirm(*, run: ImportRun, actor: Any, queue: bool = True) -> ImportRun:
    """Queue the job that checks and saves the file (after this commits). ``queue`` False
    leaves the run queued for the caller to run itself (``import_run_execute``: a command
    such as the demo loader, which has no worker to wait for)."""
    access.require(actor, "import.manage")
    run = (
        ImportRun.objects.select_for_update(of=("self",))
        .select_related("source__organisation")
        .get(pk=run.pk)
    )
    if run.status != RunStatus.UPLOADED:
        raise ApplicationError(MSG_NOT_UPLOADED)
    run.status = RunStatus.QUEUED
    run.modified_by = actor
    run.save(update_fields=["status", "modified_by", "modified_at"])
    _audit(AuditEventType.IMPORT_STARTED, run, _actor(actor, run.source))
    run_id = run.pk
    if queue:
        transaction.on_commit(lambda: _enqueue(run_id))
    return run


@transaction.atomic(durable=True)
def import_cancel(*, run: ImportRun, actor: Any) -> ImportRun:
    """Cancel before saving starts: an upload or a queued job at once (its file deleted),
    a job checking rows at its next batch. Once saving has started it runs to the end, all
    or nothing."""
    access.require(actor, "import.manage")
    run = (
        ImportRun.objects.select_for_update(of=("self",))
        .select_related("source__organisation")
        .get(pk=run.pk)
    )
    if run.status in (RunStatus.UPLOADED, RunStatus.QUEUED):
        run.status = RunStatus.CANCELLED
        run.finished_at = timezone.now()
        stored, run.stored_name = run.stored_name, ""
        transaction.on_commit(lambda: import_file_delete(stored))
    elif run.status == RunStatus.CHECKING:
        run.cancel_requested = True
    else:
        raise ApplicationError(MSG_TOO_LATE)
    run.modified_by = actor
    run.save()
    _audit(AuditEventType.IMPORT_CANCELLED, run, _actor(actor, run.source), **_counts(run))
    return run


# The job ------------------------------------------------------------------------------


@transaction.atomic(durable=True)
def _claim(run_id: int, task_id: str) -> ImportRun | None:
    """Take a queued run. The same job delivered again (its worker died: jobs are
    acknowledged late) starts its run again from the first row: nothing was saved, since
    the save is one transaction, and the errors found so far are found again."""
    run = ImportRun.objects.select_for_update().filter(pk=run_id).first()
    if run is None:
        return None
    again = bool(task_id) and run.task_id == task_id and run.status in IN_PROGRESS
    if run.status != RunStatus.QUEUED and not again:
        return None  # cancelled, finished, or another job's
    if again:
        ImportRowError.objects.filter(run=run).delete()
        run.rows_checked = run.rows_error = 0
        if run.cancel_requested:
            run.status = RunStatus.CANCELLED
            run.finished_at = timezone.now()
            run.save()
            return None
    run.status = RunStatus.CHECKING
    run.started_at = timezone.now()
    run.task_id = task_id or run.task_id
    run.save()
    return run


def _store_errors(run: ImportRun, row_number: int, problems: list[Problem]) -> list[ImportRowError]:
    return [
        ImportRowError(
            run=run,
            row_number=row_number,
            column=p.column[:200],
            field=p.field,
            value=p.value,
            code=p.code,
            params={
                k: (str(val) if not isinstance(val, int) else val) for k, val in p.params.items()
            },
        )
        for p in problems
    ]


@transaction.atomic(durable=True)
def _record_progress(run: ImportRun, errors: list[ImportRowError]) -> bool:
    """Commit the counts and errors so far; whether a cancel was asked for."""
    ImportRowError.objects.bulk_create(errors)
    ImportRun.objects.filter(pk=run.pk).update(
        rows_checked=run.rows_checked, rows_error=run.rows_error, modified_at=timezone.now()
    )
    return bool(ImportRun.objects.filter(pk=run.pk, cancel_requested=True).exists())


@transaction.atomic(durable=True)
def _finish(run: ImportRun, *, status: RunStatus, failure: str = "") -> None:
    run.status = status
    run.failure = failure
    run.finished_at = timezone.now()
    run.save()
    event = {
        RunStatus.DONE: AuditEventType.IMPORT_COMPLETED,
        RunStatus.CANCELLED: AuditEventType.IMPORT_CANCELLED,
    }.get(status, AuditEventType.IMPORT_FAILED)
    _audit(event, run, Actor(), failure=failure, **_counts(run))


def _check(run: ImportRun, content: bytes) -> str:
    """Check every row; the failure code, "" if every row is good, or "cancelled"."""
    source = run.source
    with table_open(
        content,
        file_format=source.file_format,
        required_headings=required_headings(source),
        sheet_name=source.sheet_name,
    ) as table:
        mapper = row_mapper_for(source, table)
        if mapper.missing:
            _record_progress(run, _store_errors(run, table.header_row, mapper.missing))
            return FAILURE_MISSING_COLUMNS
        stored = 0
        pending: list[ImportRowError] = []
        for row in table.rows:
            run.rows_checked += 1
            _record, problems = mapper.map(row)
            if problems:
                run.rows_error += 1
                if stored < MAX_STORED_ERRORS:
                    errors = _store_errors(run, row.number, problems)[: MAX_STORED_ERRORS - stored]
                    pending.extend(errors)
                    stored += len(errors)
            if run.rows_checked % PROGRESS_EVERY == 0:
                if _record_progress(run, pending):
                    return "cancelled"
                pending = []
        if _record_progress(run, pending):
            return "cancelled"
    if run.rows_checked == 0:
        return FAILURE_NO_ROWS
    return FAILURE_ROW_ERRORS if run.rows_error else ""


@transaction.atomic(durable=True)
def _mark_saving(run: ImportRun) -> bool:
    """Start saving unless a cancel came in since the last batch."""
    fresh = ImportRun.objects.select_for_update().get(pk=run.pk)
    if fresh.cancel_requested:
        return False
    ImportRun.objects.filter(pk=run.pk).update(status=RunStatus.SAVING, modified_at=timezone.now())
    run.status = RunStatus.SAVING
    return True


SQLITE_SAVE_CACHE_KIB = 96 * 1024


@contextlib.contextmanager
def _cache_for_large_writes() -> Iterator[None]:
    """On SQLite, a page cache of about 96 MB for this connection while a file is saved
    (the default is 2 MB, given back after):
    one transaction adds up to hundreds of thousands of rows to indexes keyed by random
    values (references, blind indexes), and with the default cache each insert re-reads
    index pages the transaction itself wrote, from the write-ahead log: the 100,000-row
    benchmark slowed from the first batch to the last. PostgreSQL sizes its own."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        before = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA cache_size = -{SQLITE_SAVE_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(before)}")


@transaction.atomic(durable=True)
def _save(run: ImportRun, content: bytes, progress: Callable[[int, int], None]) -> None:
    """Every record of the checked file, its counts and audit event, in one transaction."""
    run = (
        ImportRun.objects.select_for_update(of=("self",))
        .select_related("source__organisation", "uploaded_by")
        .get(pk=run.pk)
    )
    source = ImportSource.objects.select_for_update().get(pk=run.source_id)  # one at a time
    police = source_is_police(run.source)
    actor = _actor(run.uploaded_by, run.source)
    counts = Counts()
    with table_open(
        content,
        file_format=source.file_format,
        required_headings=required_headings(source),
        sheet_name=source.sheet_name,
    ) as table:
        mapper = row_mapper_for(run.source, table)
        chunk: list[MappedRecord] = []
        for row in table.rows:
            record, problems = mapper.map(row)
            if record is None or problems:
                raise _RowsChanged(row.number)
            chunk.append(record)
            if len(chunk) >= SAVE_CHUNK:
                records_save(
                    records=chunk, run=run, police_source=police, actor=actor, counts=counts
                )
                chunk = []
                progress(run.rows_checked, counts.total)
        if chunk:
            records_save(records=chunk, run=run, police_source=police, actor=actor, counts=counts)
    run.rows_saved, run.rows_updated, run.rows_unchanged = (
        counts.saved,
        counts.updated,
        counts.unchanged,
    )
    run.records_missing = records_flag_missing(run=run) if run.is_full_extract else 0
    run.status = RunStatus.DONE
    run.finished_at = timezone.now()
    run.save()
    progress(run.rows_checked, counts.total)
    _audit(AuditEventType.IMPORT_COMPLETED, run, actor, **_counts(run))


def import_run_execute(
    run_id: int, *, task_id: str = "", progress: Callable[[int, int], None] | None = None
) -> str:
    """The job: check every row, then save the whole file or nothing. Returns the run's
    final status. Safe to run twice: only a queued run is taken."""
    run = _claim(run_id, task_id)
    if run is None:
        found = ImportRun.objects.filter(pk=run_id).values_list("status", flat=True).first()
        return str(found or "")
    report = progress or (lambda checked, saved: None)
    try:
        content = import_file_read(run.stored_name)
        outcome = _check(run, content)
        if outcome == "cancelled":
            _finish(run, status=RunStatus.CANCELLED)
        elif outcome:
            _finish(run, status=RunStatus.FAILED, failure=outcome)
        elif not _mark_saving(run):
            _finish(run, status=RunStatus.CANCELLED)
        else:
            report(run.rows_checked, 0)
            with _cache_for_large_writes():
                _save(run, content, report)
    except FileUnreadable as exc:
        run.refresh_from_db()
        ImportRowError.objects.create(
            run=run, row_number=0, code=exc.code, params={k: str(p) for k, p in exc.params.items()}
        )
        _finish(run, status=RunStatus.FAILED, failure=FAILURE_UNREADABLE)
    except _RowsChanged:
        run.refresh_from_db()
        _finish(run, status=RunStatus.FAILED, failure=FAILURE_CHANGED)
    except Exception:
        logger.exception("import run %s failed", run_id)
        run.refresh_from_db()
        _finish(run, status=RunStatus.FAILED, failure=FAILURE_INTERNAL)
    run.refresh_from_db()
    return str(run.status)


# Old files ----------------------------------------------------------------------------


def import_files_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete original files past their retention, and uploads never confirmed within a
    day (those runs are cancelled); how many files were deleted."""
    now = now or timezone.now()
    deleted = 0
    stale = ImportRun.objects.filter(status=RunStatus.UPLOADED, created_at__lt=now - UPLOAD_KEEP)
    for run_id in stale.values_list("pk", flat=True):
        deleted += _discard(run_id, now=now)
    expired = ImportRun.objects.exclude(stored_name="").exclude(status__in=IN_PROGRESS)
    for run_id in expired.filter(file_expires_at__lte=now).values_list("pk", flat=True):
        deleted += _discard(run_id, now=now)
    return deleted


@transaction.atomic(durable=True)
def _discard(run_id: int, *, now: datetime.datetime) -> int:
    run = ImportRun.objects.select_for_update().get(pk=run_id)
    if not run.stored_name or run.status in IN_PROGRESS:
        return 0
    stored, run.stored_name = run.stored_name, ""
    if run.status == RunStatus.UPLOADED:
        run.status = RunStatus.CANCELLED
        run.finished_at = now
    run.save()
    _audit(AuditEventType.IMPORT_FILE_DISCARDED, run, Actor(), status=run.status)
    transaction.on_commit(lambda: import_file_delete(stored))
    return 1
