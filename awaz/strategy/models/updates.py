"""Progress updates on actions, with their evidence: text, links and files. Append-only:
an update is never changed or deleted, so the plan's history can be trusted."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ProgressUpdate(models.Model):
    """What was done on an action, as of a date (``update_on``, which may be earlier than
    ``recorded_at`` for history brought in later)."""

    action = models.ForeignKey(
        "strategy.Action",
        on_delete=models.CASCADE,
        related_name="updates",
        db_comment="The action",
    )
    update_on = models.DateField(_("date of the update"), db_comment="The date it describes")
    text = models.TextField(_("progress"), db_comment="What was done, and what it achieved")
    recorded_at = models.DateTimeField(db_comment="When it was recorded in Awaz")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_comment="Who recorded it",
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_comment="The organisation they recorded it for",
    )

    class Meta:
        db_table_comment = "Dated progress updates on plan actions (append-only)"
        ordering = ["-update_on", "-recorded_at", "-id"]
        indexes = [models.Index(fields=["action", "update_on"])]

    def __str__(self) -> str:
        return f"update {self.pk} on {self.update_on}"


class UpdateLink(models.Model):
    """A web page given as evidence (a report, an article, a published resource)."""

    update = models.ForeignKey(
        ProgressUpdate, on_delete=models.CASCADE, related_name="links", db_comment="The update"
    )
    url = models.URLField(max_length=500, db_comment="An http or https address")
    position = models.PositiveSmallIntegerField(default=0, db_comment="Order in the update")

    class Meta:
        db_table_comment = "Links given as evidence in progress updates"
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.url


class UpdateFile(models.Model):
    """A file given as evidence: checked by content, stored encrypted outside the web root
    under ``EVIDENCE_ROOT/plan`` with a random name, served only as an attachment."""

    update = models.ForeignKey(
        ProgressUpdate, on_delete=models.CASCADE, related_name="files", db_comment="The update"
    )
    original_name = models.CharField(max_length=200, db_comment="The name it was uploaded with")
    content_type = models.CharField(max_length=100, db_comment="Type found from the content")
    size_bytes = models.PositiveIntegerField(db_comment="Size as stored, before encryption")
    storage_name = models.CharField(
        max_length=64, unique=True, db_comment="Random name of the encrypted file on disk"
    )
    created_at = models.DateTimeField(db_comment="When it was stored")

    class Meta:
        db_table_comment = "Files given as evidence in progress updates (stored encrypted)"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name
