"""Cases: partnership work on one or more reports, and how reports are triaged into them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awaz.core.fields import EncryptedTextField
from awaz.core.models import BaseModel


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Open")
    AWAITING_CONSENT = "awaiting_consent", _("Awaiting consent")
    REFERRED = "referred", _("Referred")
    ACTIVE_SUPPORT = "active_support", _("Active support")
    CLOSED = "closed", _("Closed")


class CaseOutcome(models.TextChoices):
    SUPPORT_GIVEN = "support_given", _("Support given")
    CHARGE = "charge", _("Charge")
    CAUTION = "caution", _("Caution")
    COMMUNITY_RESOLUTION = "community_resolution", _("Community resolution")
    RESTORATIVE_JUSTICE = "restorative_justice", _("Restorative justice")
    NO_FURTHER_ACTION = "no_further_action", _("No further action")
    VICTIM_DECLINED = "victim_declined", _("Victim declined support")


class RiskLevel(models.TextChoices):
    STANDARD = "standard", _("Standard")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class Case(BaseModel):
    """Partnership work for a victim: one or more reports, a lead organisation and owner."""

    reference = models.CharField(
        max_length=12, unique=True, db_comment="Case reference, e.g. CS-7KQ4-2M9X"
    )
    lead_organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="led_cases",
        db_comment="Organisation leading the case",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_cases",
        db_comment="Caseworker who owns the case",
    )
    status = models.CharField(
        max_length=20, choices=CaseStatus.choices, default=CaseStatus.OPEN, db_comment="Status"
    )
    opened_at = models.DateTimeField(db_comment="When the case was opened")
    classification = models.ForeignKey(
        "cases.Classification",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_comment="Classification version in force when chosen",
    )
    classified_at = models.DateTimeField(null=True, blank=True, db_comment="When classified")
    police_received_at = models.DateTimeField(
        null=True,
        blank=True,
        db_comment="When the police received the crime report (starts Victims' Code clocks)",
    )
    support_opt_out = models.BooleanField(
        default=False, db_comment="The victim opted out of referral to support services"
    )
    is_enhanced_rights = models.BooleanField(
        default=True, db_comment="Enhanced-rights victim under the Victims' Code (hate crime)"
    )
    risk_level = models.CharField(
        max_length=10,
        choices=RiskLevel.choices,
        blank=True,
        db_comment="Level of the latest risk assessment (copied for lists)",
    )
    staff_strands = models.ManyToManyField(
        "reporting.Strand",
        blank=True,
        related_name="+",
    )
    closed_at = models.DateTimeField(null=True, blank=True, db_comment="When it was closed")
    outcome = models.CharField(
        max_length=24, choices=CaseOutcome.choices, blank=True, db_comment="Outcome on closing"
    )
    retention_review_on = models.DateField(
        null=True, blank=True, db_comment="When retention must be reviewed (rule set in force)"
    )

    class Meta:
        db_table_comment = "Cases: the partnership's work on one or more reports"
        indexes = [models.Index(fields=["lead_organisation", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(closed_at__isnull=False),
                name="case_closed_has_time",
            ),
        ]

    def __str__(self) -> str:
        return self.reference


class TriageDecision(models.TextChoices):
    NEW_CASE = "new_case", _("Made into a new case")
    LINKED = "linked", _("Linked to an existing case")
    CLOSED = "closed", _("Closed without a case")


class CloseReason(models.TextChoices):
    DUPLICATE = "duplicate", _("Duplicate of another report")
    NOT_HATE = "not_hate", _("Not hate-related")
    TEST = "test", _("Test or nonsense")


class TriageRecord(models.Model):
    """One row per report once someone claims it: who has it, and what was decided.
    Claims lock this row, so two caseworkers never both take a report."""

    report = models.OneToOneField(
        "reporting.Report",
        on_delete=models.CASCADE,
        related_name="triage",
        db_comment="The report",
    )
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_comment="Who is triaging it",
    )
    claimed_at = models.DateTimeField(null=True, blank=True, db_comment="When it was claimed")
    decision = models.CharField(
        max_length=12, choices=TriageDecision.choices, blank=True, db_comment="Triage outcome"
    )
    close_reason = models.CharField(
        max_length=12, choices=CloseReason.choices, blank=True, db_comment="Why closed"
    )
    case = models.ForeignKey(
        Case,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="triage_records",
        db_comment="The case the report became or joined",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_comment="Who decided",
    )
    decided_at = models.DateTimeField(null=True, blank=True, db_comment="When decided")

    class Meta:
        db_table_comment = "Triage of each report: claim and decision"
        constraints = [
            models.CheckConstraint(
                condition=~Q(decision="closed") | ~Q(close_reason=""),
                name="triage_closed_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(decision__in=["", "closed"]) | Q(case__isnull=False),
                name="triage_case_decision_has_case",
            ),
        ]

    def __str__(self) -> str:
        return f"triage of report {self.report_id}"


class CaseReport(models.Model):
    """A report that is part of a case (the first is the primary report)."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="case_reports", db_comment="The case"
    )
    report = models.OneToOneField(
        "reporting.Report",
        on_delete=models.PROTECT,
        related_name="case_link",
        db_comment="The report (in at most one case)",
    )
    is_primary = models.BooleanField(default=False, db_comment="The report the case began with")
    linked_at = models.DateTimeField(db_comment="When it joined the case")

    class Meta:
        db_table_comment = "Reports belonging to cases"
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(is_primary=True), name="one_primary_report"
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id}/{self.report_id}"


class EventKind(models.TextChoices):
    NOTE = "note", _("Note")
    CONTACT = "contact", _("Contact with the victim")
    MESSAGE_TO_REPORTER = "message_out", _("Message to the reporter")
    MESSAGE_FROM_REPORTER = "message_in", _("Message from the reporter")
    REFERRAL_SENT = "referral_sent", _("Referral sent")
    REFERRAL_ACCEPTED = "referral_accepted", _("Referral accepted")
    REFERRAL_DECLINED = "referral_declined", _("Referral declined")
    TASK_CREATED = "task_created", _("Task created")
    TASK_DONE = "task_done", _("Task done")
    DECISION = "decision", _("Key decision")
    VICTIM_INFORMED = "victim_informed", _("Victim told of a decision")
    STATUS_CHANGED = "status_changed", _("Status changed")
    CLASSIFIED = "classified", _("Classification")
    CONSENT = "consent", _("Consent recorded")
    RISK = "risk", _("Risk assessment")
    REPORT_LINKED = "report_linked", _("Report linked")
    STRANDS_ASSESSED = "strands", _("Staff assessment of strands")
    OUTCOME = "outcome", _("Outcome")


class CaseEvent(models.Model):
    """The case's timeline, newest first on screen: everything that happened, by whom."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="events", db_comment="The case"
    )
    kind = models.CharField(max_length=20, choices=EventKind.choices, db_comment="What happened")
    text = EncryptedTextField(blank=True, db_comment="Encrypted: note, message or summary")
    shared_with_reporter = models.BooleanField(
        default=False, db_comment="The reporter sees it on their follow-up page"
    )
    occurred_at = models.DateTimeField(db_index=True, db_comment="When it happened")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_comment="Staff user (empty: the reporter or the system)",
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_comment="Organisation of the person who made the entry",
    )
    details = models.JSONField(default=dict, blank=True, db_comment="Structured facts (no PII)")

    class Meta:
        db_table_comment = "Timeline of each case"
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["case", "kind", "occurred_at"])]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind}"
