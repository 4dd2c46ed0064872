"""A report's own timeline, drafts in progress, and evidence files."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awaz.core.fields import EncryptedJSONField, EncryptedTextField
from awaz.reporting.models.report import Report


class EntryKind(models.TextChoices):
    SUBMITTED = "submitted", _("Report submitted")
    INFORMATION_ADDED = "information_added", _("Information added by the reporter")
    CONSENT_CHANGED = "consent_changed", _("Consent changed")
    STATUS_CHANGED = "status_changed", _("Status changed")
    CODE_REISSUED = "code_reissued", _("Follow-up code re-issued")


class ReportEntry(models.Model):
    """The report's own timeline: what the reporter added and what changed, oldest first."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="entries", db_comment="The report"
    )
    kind = models.CharField(max_length=24, choices=EntryKind.choices, db_comment="What happened")
    text = EncryptedTextField(blank=True, db_comment="Encrypted: text added, if any")
    by_reporter = models.BooleanField(default=False, db_comment="Added by the reporter")
    created_at = models.DateTimeField(db_comment="When")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_comment="Staff user, if staff made the entry",
    )

    class Meta:
        db_table_comment = "Timeline of a report: additions by the reporter and changes"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.report_id} {self.kind}"


class ReportDraft(models.Model):
    """Answers in progress, encrypted, keyed by a random token held in the browser session.

    Expires two hours after the last answer. After submission it keeps, for 30 minutes,
    the report and its follow-up code (encrypted) so the same browser sees the same
    reference and code again instead of a second report.
    """

    token_hash = models.CharField(max_length=64, unique=True, db_comment="SHA-256 of the token")
    data = EncryptedJSONField(db_comment="Encrypted: the answers so far")
    is_assisted = models.BooleanField(
        default=False, db_comment="Recorded by reporting-centre staff for someone"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        db_comment="Staff user recording an assisted report",
    )
    expires_at = models.DateTimeField(db_index=True, db_comment="Deleted after this")
    report = models.OneToOneField(
        Report,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        db_comment="The report this draft became",
    )
    followup_code = EncryptedTextField(
        blank=True, db_comment="Encrypted: code shown again to the same browser for 30 minutes"
    )

    class Meta:
        db_table_comment = "Reporting answers in progress (encrypted, expire after two hours)"

    def __str__(self) -> str:
        return f"draft {self.pk}"


class Evidence(models.Model):
    """A file the reporter gave: content-checked, metadata stripped, encrypted on disk
    outside the web root. Belongs to a draft until the report is submitted."""

    report = models.ForeignKey(
        Report,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="evidence",
        db_comment="The report, once submitted",
    )
    draft = models.ForeignKey(
        ReportDraft,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evidence",
        db_comment="The draft it was uploaded to",
    )
    entry = models.ForeignKey(
        ReportEntry,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evidence",
        db_comment="Timeline entry it came with, when added later",
    )
    original_name = EncryptedTextField(db_comment="Encrypted: the file's name as uploaded")
    content_type = models.CharField(max_length=64, db_comment="Detected from the content")
    size_bytes = models.PositiveIntegerField(db_comment="Size after metadata was stripped")
    storage_name = models.CharField(
        max_length=64, unique=True, db_comment="Random file name in EVIDENCE_ROOT"
    )
    created_at = models.DateTimeField(db_comment="When it was uploaded")

    class Meta:
        db_table_comment = "Evidence files (encrypted on disk, outside the web root)"
        constraints = [
            models.CheckConstraint(
                condition=Q(report__isnull=False) | Q(draft__isnull=False),
                name="evidence_belongs_somewhere",
            )
        ]

    def __str__(self) -> str:
        return self.storage_name
