"""Classifications of a case as a versioned rule set with effective dates.

Recording rules are changing (the 2023 Code of Practice on non-crime hate incidents; the
2026 police leaders' review): an administrator adds a new version with an effective date
instead of a deploy. Staff choose a classification; the system checks that the version was
in force on the case's date and applies its flags.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awaz.core.fields import EncryptedTextField
from awaz.core.models import BaseModel


class Classification(BaseModel):
    code = models.SlugField(
        max_length=40, db_comment="Stable code, e.g. police_crime, police_nchi, partner_incident"
    )
    version = models.PositiveSmallIntegerField(db_comment="Version of this code's rules")
    name = models.CharField(max_length=120, db_comment="Name shown to staff")
    description = models.TextField(blank=True, db_comment="When to use it")
    effective_from = models.DateField(db_comment="First day this version applies")
    effective_to = models.DateField(
        null=True, blank=True, db_comment="Last day this version applies (empty: open-ended)"
    )
    is_police_record = models.BooleanField(
        default=False, db_comment="A police record (crime, NCHI), never a partner's"
    )
    is_crime = models.BooleanField(
        default=False, db_comment="Police-recorded crime: the Victims' Code timers apply"
    )
    victims_code_applies = models.BooleanField(
        default=False, db_comment="Victims' Code duties bind the police for this case"
    )
    requires_threshold_decision = models.BooleanField(
        default=False,
        db_comment="Recording the subject's personal data needs a recorded threshold decision",
    )
    retention_months = models.PositiveSmallIntegerField(
        db_comment="Months after closure before the record's retention is reviewed"
    )

    class Meta:
        db_table_comment = "Versioned classifications (crime, NCHI, ASB, intelligence, partner)"
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="classification_version"),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True)
                | Q(effective_to__gte=models.F("effective_from")),
                name="classification_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"


class ThresholdDecision(models.Model):
    """Why the subject's personal data may be recorded behind a classification that needs
    it (e.g. a police NCHI: a real risk of significant harm or of a future offence)."""

    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.CASCADE,
        related_name="threshold_decisions",
        db_comment="The case",
    )
    classification = models.ForeignKey(
        Classification, on_delete=models.PROTECT, related_name="+", db_comment="Version decided"
    )
    meets_threshold = models.BooleanField(db_comment="Whether the threshold is met")
    reason = EncryptedTextField(db_comment="Encrypted: the reason, as recorded")
    decided_at = models.DateTimeField(db_comment="When")
    decided_by = models.ForeignKey(
        "core.User", on_delete=models.PROTECT, related_name="+", db_comment="Decision maker"
    )

    class Meta:
        db_table_comment = "Recorded threshold decisions for the subject's personal data"
        ordering = ["decided_at", "id"]

    def __str__(self) -> str:
        return f"case {self.case_id}: {'met' if self.meets_threshold else 'not met'}"


class ClassificationKind(models.TextChoices):
    """The codes the demo and the default rule set use (the table may hold others)."""

    POLICE_CRIME = "police_crime", _("Police-recorded crime")
    POLICE_NCHI = "police_nchi", _("Police non-crime hate incident")
    ASB = "asb", _("Anti-social behaviour")
    INTELLIGENCE = "intelligence", _("Intelligence")
    PARTNER_INCIDENT = "partner_incident", _("Partner-recorded incident")
