"""Consent decisions per purpose and recipient kind (append-only)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from awaz.reporting.models.report import Report, ReporterRole


class ConsentPurpose(models.TextChoices):
    SHARE = "share", _("Share my report")
    CONTACT = "contact", _("Contact me")


class RecipientKind(models.TextChoices):
    POLICE = "police", _("The police")
    VICTIM_SUPPORT = "victim_support", _("Victim support services")
    COUNCIL = "council", _("The council")
    HOUSING = "housing", _("Housing providers")
    HEALTH = "health", _("Health services")
    RECEIVING_ORGANISATION = "receiving", _("The organisation that receives my report")


class ConsentMethod(models.TextChoices):
    ONLINE = "online", _("Online")
    PHONE = "phone", _("By phone")
    IN_PERSON = "in_person", _("In person")


class ConsentRecord(models.Model):
    """One decision about consent. Append-only: the newest row per (purpose, recipient kind)
    is in force; a withdrawal is a new row with ``granted`` false."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="consents", db_comment="The report"
    )
    purpose = models.CharField(max_length=16, choices=ConsentPurpose.choices, db_comment="Purpose")
    recipient_kind = models.CharField(
        max_length=20, choices=RecipientKind.choices, db_comment="Kind of recipient"
    )
    granted = models.BooleanField(db_comment="True: consent given; False: refused or withdrawn")
    method = models.CharField(
        max_length=12, choices=ConsentMethod.choices, db_comment="How the decision was made"
    )
    given_by = models.CharField(
        max_length=16, choices=ReporterRole.choices, db_comment="Who decided (their role)"
    )
    recorded_at = models.DateTimeField(db_comment="When the decision was recorded")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_comment="Staff user who recorded it (empty when the reporter did it online)",
    )
    expires_at = models.DateTimeField(null=True, blank=True, db_comment="Consent lapses after")
    is_withdrawal = models.BooleanField(
        default=False, db_comment="This row withdraws consent given earlier"
    )

    class Meta:
        db_table_comment = "Consent decisions per purpose and recipient kind (append-only)"
        ordering = ["recorded_at", "id"]
        indexes = [models.Index(fields=["report", "purpose", "recipient_kind", "recorded_at"])]

    def __str__(self) -> str:
        return f"{self.report_id} {self.purpose}/{self.recipient_kind}: {self.granted}"
