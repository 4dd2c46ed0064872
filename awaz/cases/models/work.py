"""Referrals between organisations, messages with the reporter, and tasks."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awaz.core.fields import EncryptedTextField
from awaz.core.models import BaseModel


class ReferralStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a reply")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Referral(BaseModel):
    """A case sent to another organisation, as far as consent allows at that moment."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="referrals", db_comment="The case"
    )
    from_organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        db_comment="Referring organisation",
    )
    to_organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="referrals_received",
        db_comment="Receiving organisation",
    )
    recipient_kind = models.CharField(
        max_length=20,
        db_comment="reporting.RecipientKind the consent check used (police, victim_support ...)",
    )
    is_anonymised = models.BooleanField(
        default=False,
        db_comment="Shared without name, contact details or exact address (no consent to share)",
    )
    reason = EncryptedTextField(db_comment="Encrypted: why it is referred")
    status = models.CharField(
        max_length=12,
        choices=ReferralStatus.choices,
        default=ReferralStatus.PENDING,
        db_comment="Status",
    )
    sent_at = models.DateTimeField(db_comment="When it was sent")
    decided_at = models.DateTimeField(null=True, blank=True, db_comment="Accepted or declined")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_comment="Who accepted or declined",
    )
    decline_reason = EncryptedTextField(blank=True, db_comment="Encrypted: why declined")

    class Meta:
        db_table_comment = "Referrals of cases between partner organisations"
        indexes = [models.Index(fields=["to_organisation", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_organisation=models.F("to_organisation")),
                name="referral_to_another_organisation",
            )
        ]

    def __str__(self) -> str:
        return f"referral {self.pk} of case {self.case_id}"


class MessageDirection(models.TextChoices):
    TO_REPORTER = "to_reporter", _("To the reporter")
    FROM_REPORTER = "from_reporter", _("From the reporter")


class Message(models.Model):
    """A message between a caseworker and the reporter, read through the follow-up code.
    Whether the other side has read it comes from the audit log
    (``cases.selectors_messages``): opening the messages writes only that event."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="messages", db_comment="The case"
    )
    report = models.ForeignKey(
        "reporting.Report",
        on_delete=models.CASCADE,
        related_name="+",
        db_comment="The report whose follow-up code reads it",
    )
    direction = models.CharField(
        max_length=16, choices=MessageDirection.choices, db_comment="Who wrote it"
    )
    body = EncryptedTextField(db_comment="Encrypted: the message")
    sent_at = models.DateTimeField(db_comment="When it was sent")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_comment="Caseworker (empty when the reporter wrote it)",
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_comment="Organisation of the caseworker",
    )

    class Meta:
        db_table_comment = "Messages between caseworkers and reporters"
        ordering = ["sent_at", "id"]

    def __str__(self) -> str:
        return f"message {self.pk} ({self.direction})"


class TaskKind(models.TextChoices):
    MANUAL = "manual", _("Task")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("Consent withdrawn: stop sharing")
    REVIEW_DUE = "review_due", _("Risk review due")
    FIRST_CONTACT = "first_contact", _("Make first contact")
    CASE_REVIEW = "case_review", _("ASB case review")


class Task(BaseModel):
    """Something someone must do, by a date. Assigned to a person or an organisation."""

    case = models.ForeignKey(
        "cases.Case",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="tasks",
        db_comment="The case, if any",
    )
    kind = models.CharField(
        max_length=20, choices=TaskKind.choices, default=TaskKind.MANUAL, db_comment="Kind"
    )
    title = models.CharField(max_length=200, db_comment="What to do (no personal data)")
    notes = EncryptedTextField(blank=True, db_comment="Encrypted: details")
    assignee_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
        db_comment="Person who must do it",
    )
    assignee_organisation = models.ForeignKey(
        "partners.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="tasks",
        db_comment="Organisation that must do it",
    )
    due_on = models.DateField(db_comment="Due date")
    done_at = models.DateTimeField(null=True, blank=True, db_comment="When done (empty: to do)")
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_comment="Who marked it done",
    )
    source_key = models.CharField(
        max_length=100,
        blank=True,
        db_comment="For generated tasks: what generated it, so a job never makes it twice",
    )

    class Meta:
        db_table_comment = "Tasks for people and organisations"
        indexes = [models.Index(fields=["due_on", "done_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(assignee_user__isnull=False) | Q(assignee_organisation__isnull=False),
                name="task_has_assignee",
            ),
            models.UniqueConstraint(
                fields=["source_key"], condition=~Q(source_key=""), name="task_source_once"
            ),
        ]

    def __str__(self) -> str:
        return self.title
