"""Risk and vulnerability assessments, and ASB case reviews ("community trigger")."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from awaz.cases.models.case import RiskLevel
from awaz.core.fields import EncryptedJSONField, EncryptedTextField


class RiskAssessment(models.Model):
    """A short, hate-specific assessment: answers, score, level, and professional judgement
    (an override with a reason). Append-only: the newest is in force."""

    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.CASCADE,
        related_name="risk_assessments",
        db_comment="The case",
    )
    answers = EncryptedJSONField(db_comment="Encrypted: the answers, question code -> answer")
    score = models.PositiveSmallIntegerField(db_comment="Score from the answers")
    scored_level = models.CharField(
        max_length=10, choices=RiskLevel.choices, db_comment="Level the score gives"
    )
    level = models.CharField(
        max_length=10, choices=RiskLevel.choices, db_comment="Level in force (after override)"
    )
    override_reason = EncryptedTextField(
        blank=True, db_comment="Encrypted: why the assessor's judgement differs from the score"
    )
    assessed_at = models.DateTimeField(db_comment="When")
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", db_comment="Who"
    )
    review_due_on = models.DateField(
        null=True, blank=True, db_comment="Next review (28 days medium, 14 high)"
    )

    class Meta:
        db_table_comment = "Risk and vulnerability assessments (history kept)"
        ordering = ["-assessed_at", "-id"]

    def __str__(self) -> str:
        return f"risk {self.level} for case {self.case_id}"


class CaseReviewStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    THRESHOLD_DECIDED = "decided", _("Threshold decided")
    MEETING_HELD = "met", _("Review meeting held")
    CLOSED = "closed", _("Closed")


class CaseReview(models.Model):
    """An ASB case review ("community trigger") requested by or for a victim, with clocks."""

    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.CASCADE,
        related_name="case_reviews",
        db_comment="The case",
    )
    requested_at = models.DateTimeField(db_comment="When the review was requested")
    status = models.CharField(
        max_length=12,
        choices=CaseReviewStatus.choices,
        default=CaseReviewStatus.REQUESTED,
        db_comment="Status",
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True, db_comment="Acknowledged")
    threshold_met = models.BooleanField(null=True, blank=True, db_comment="Threshold decision")
    decided_at = models.DateTimeField(null=True, blank=True, db_comment="Threshold decided")
    met_at = models.DateTimeField(null=True, blank=True, db_comment="Review meeting held")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_comment="Staff user who recorded the request",
    )

    class Meta:
        db_table_comment = "ASB case reviews (community trigger) and their clocks"

    def __str__(self) -> str:
        return f"case review {self.pk} of case {self.case_id}"
