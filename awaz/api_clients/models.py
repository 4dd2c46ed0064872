"""API clients: a partner organisation's system calling the partner API (``/api/v1/``).

A client's token is shown once, when it is made; only its prefix (to find the client) and
an HMAC-SHA256 of the whole token under the server's blind-index key are kept, so a copy
of the database cannot call the API. When the client was last used is read from the audit
log (every call writes an event), so a GET writes nothing else.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awaz.core.fields import EncryptedJSONField
from awaz.core.models import BaseModel


class Scope(models.TextChoices):
    REPORTS_SUBMIT = "reports:submit", _("Submit reports")
    REPORTS_READ = "reports:read", _("Read the status of its own reports")
    IMPORTS_UPLOAD = "imports:upload", _("Upload extracts to its organisation's sources")


class ApiClient(BaseModel):
    """One partner system allowed to call the API for its organisation.

    Calls act for the administrator who made the client (``created_by``): an extract it
    uploads is uploaded under that administrator's name, so it needs them still to be
    an administrator of the organisation.
    """

    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="api_clients",
        db_comment="The partner whose system this is",
    )
    name = models.CharField(max_length=120, db_comment="Name, e.g. 'Case management system'")
    token_prefix = models.CharField(
        max_length=16, unique=True, db_comment="First characters of the token, to find the client"
    )
    token_hash = models.CharField(
        max_length=64, db_comment="HMAC-SHA256 (blind-index key) of the whole token, in hex"
    )
    scopes = models.JSONField(default=list, db_comment="What the client may do (Scope values)")
    expires_at = models.DateTimeField(db_comment="After this the token is refused")
    revoked_at = models.DateTimeField(
        null=True, blank=True, db_comment="When an administrator revoked it (refused since)"
    )
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_comment="The administrator who revoked it",
    )

    class Meta:
        db_table_comment = "Partner systems allowed to call the API, with their hashed tokens"
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="api_client_name_per_organisation"
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | Q(revoked_by__isnull=False),
                name="api_client_revoked_says_who",
            ),
        ]

    def __str__(self) -> str:
        return f"API client {self.name}"


class ApiSubmission(models.Model):
    """A report submitted through the API, under the client's ``Idempotency-Key``: the same
    key again returns the first response; the key with another body is refused."""

    client = models.ForeignKey(
        ApiClient, on_delete=models.PROTECT, related_name="submissions", db_comment="The client"
    )
    idempotency_key = models.CharField(max_length=100, db_comment="The Idempotency-Key header")
    body_hash = models.CharField(max_length=64, db_comment="SHA-256 of the request's body")
    report = models.ForeignKey(
        "reporting.Report",
        on_delete=models.PROTECT,
        related_name="+",
        db_comment="The report the call stored",
    )
    response = EncryptedJSONField(
        db_comment="Encrypted: the first response (it holds the follow-up code)"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_comment="When it was submitted")

    class Meta:
        db_table_comment = "Reports submitted by API clients, by idempotency key"
        constraints = [
            models.UniqueConstraint(
                fields=["client", "idempotency_key"], name="api_submission_key_per_client"
            )
        ]

    def __str__(self) -> str:
        return f"submission {self.idempotency_key}"


class ApiImport(models.Model):
    """An extract uploaded through the API (its run is the imports app's)."""

    client = models.ForeignKey(
        ApiClient, on_delete=models.PROTECT, related_name="imports", db_comment="The client"
    )
    run = models.OneToOneField(
        "imports.ImportRun",
        on_delete=models.PROTECT,
        related_name="+",
        db_comment="The import run of the file",
    )
    created_at = models.DateTimeField(auto_now_add=True, db_comment="When it was uploaded")

    class Meta:
        db_table_comment = "Extracts uploaded by API clients"

    def __str__(self) -> str:
        return f"import {self.run_id}"
