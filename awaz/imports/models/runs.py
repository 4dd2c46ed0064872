"""Runs: one uploaded file each, checked then saved all or nothing, with its counts and the
errors found in its rows."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awaz.core.fields import EncryptedTextField
from awaz.core.models import BaseModel


class RunStatus(models.TextChoices):
    UPLOADED = "uploaded", _("Uploaded: waiting for you to check the preview")
    QUEUED = "queued", _("Waiting to start")
    CHECKING = "checking", _("Checking every row")
    SAVING = "saving", _("Saving")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Not imported")
    CANCELLED = "cancelled", _("Cancelled")


IN_PROGRESS = (RunStatus.QUEUED, RunStatus.CHECKING, RunStatus.SAVING)
FINISHED = (RunStatus.DONE, RunStatus.FAILED, RunStatus.CANCELLED)


class ImportRun(BaseModel):
    """One file uploaded for a source. Nothing is saved from it until every row has been
    checked; then all its records are saved in one transaction, or none."""

    source = models.ForeignKey(
        "imports.ImportSource",
        on_delete=models.PROTECT,
        related_name="runs",
        db_comment="The source the file was uploaded for",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        db_comment="The administrator who uploaded the file",
    )
    file_name = models.CharField(max_length=200, db_comment="The file's name as uploaded")
    file_hash = models.CharField(max_length=64, db_comment="SHA-256 of the file, in hex")
    file_size = models.PositiveBigIntegerField(db_comment="Bytes")
    stored_name = models.CharField(
        max_length=40,
        blank=True,
        db_comment="Encrypted copy under EVIDENCE_ROOT/imports (empty once deleted)",
    )
    file_expires_at = models.DateTimeField(db_comment="When the encrypted copy is deleted")
    is_full_extract = models.BooleanField(
        default=False, db_comment="The file holds every record of the source"
    )
    status = models.CharField(
        max_length=10,
        choices=RunStatus.choices,
        default=RunStatus.UPLOADED,
        db_comment="Where the run is",
    )
    task_id = models.CharField(max_length=64, blank=True, db_comment="Celery job id")
    cancel_requested = models.BooleanField(
        default=False, db_comment="Asked to stop while checking: the job stops at the next row"
    )
    rows_checked = models.PositiveIntegerField(default=0, db_comment="Rows read and checked")
    rows_saved = models.PositiveIntegerField(default=0, db_comment="New records saved")
    rows_updated = models.PositiveIntegerField(
        default=0, db_comment="Known records that changed: a new version each"
    )
    rows_unchanged = models.PositiveIntegerField(default=0, db_comment="Known records, no change")
    rows_error = models.PositiveIntegerField(default=0, db_comment="Rows with at least one error")
    records_missing = models.PositiveIntegerField(
        default=0, db_comment="Known records this full extract left out (flagged, kept)"
    )
    failure = models.CharField(
        max_length=20, blank=True, db_comment="Why nothing was imported (a code), if failed"
    )
    started_at = models.DateTimeField(null=True, blank=True, db_comment="Job started")
    finished_at = models.DateTimeField(null=True, blank=True, db_comment="Job finished")

    class Meta:
        db_table_comment = "Files uploaded for an import source, with their counts"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["source", "status"], name="import_run_source_status")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="failed") | ~Q(failure=""), name="import_run_failure_says_why"
            )
        ]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.status})"


class ImportRowError(models.Model):
    """One thing wrong with one row of a file (a row may have several)."""

    run = models.ForeignKey(
        ImportRun, on_delete=models.CASCADE, related_name="errors", db_comment="The run"
    )
    row_number = models.PositiveIntegerField(
        db_comment="Row in the file, as a spreadsheet numbers it (0: the file as a whole)"
    )
    column = models.CharField(
        max_length=200, blank=True, db_comment="Heading of the column (empty: the whole row)"
    )
    field = models.CharField(max_length=40, blank=True, db_comment="Awaz field of the column")
    value = EncryptedTextField(
        blank=True,
        db_comment="Encrypted: the value found (empty for personal-data columns: never kept)",
    )
    code = models.CharField(max_length=40, db_comment="What is wrong (a code; the page words it)")
    params = models.JSONField(default=dict, db_comment="Details the message names")

    class Meta:
        db_table_comment = "Errors found in the rows of an uploaded file"
        ordering = ["row_number", "id"]

    def __str__(self) -> str:
        return f"row {self.row_number}: {self.code}"
