"""Time limits as configuration with effective dates, never constants in code.

The Victims' Code (2020, in force since April 2021) is being rewritten under the Victims and
Prisoners Act 2024; local standards are the partnership's own. Each row applies from its
``effective_from``; the newest row not after a date is the one in force on that date.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from awaz.core.models import BaseModel


class TimeLimitSet(BaseModel):
    """One version of the time limits. Working days skip weekends and English bank holidays;
    a deadline falls at the end of its working day, Europe/London."""

    name = models.CharField(max_length=120, db_comment="e.g. Victims' Code 2020")
    effective_from = models.DateField(unique=True, db_comment="First day these limits apply")
    # Victims' Code (police-recorded crime)
    support_referral_working_days = models.PositiveSmallIntegerField(
        default=2, db_comment="Referral to support after the police receive the crime"
    )
    key_decision_working_days_enhanced = models.PositiveSmallIntegerField(
        default=1, db_comment="Tell an enhanced-rights victim of a key decision"
    )
    key_decision_working_days_other = models.PositiveSmallIntegerField(
        default=5, db_comment="Tell other victims of a key decision"
    )
    no_investigation_working_days = models.PositiveSmallIntegerField(
        default=5, db_comment="Tell the victim of a decision not to investigate"
    )
    update_interval_days = models.PositiveSmallIntegerField(
        default=30, db_comment="Update the victim at least this often until closure (days)"
    )
    # The partnership's local standard (every other case)
    local_first_contact_working_days = models.PositiveSmallIntegerField(
        default=2, db_comment="First contact where contact is allowed (local standard)"
    )
    # ASB case review ("community trigger")
    trigger_incidents = models.PositiveSmallIntegerField(
        default=1, db_comment="Hate incidents that meet the case review threshold"
    )
    trigger_months = models.PositiveSmallIntegerField(
        default=6, db_comment="...within this many months"
    )
    review_acknowledge_working_days = models.PositiveSmallIntegerField(
        default=10, db_comment="Acknowledge a case review request"
    )
    review_decide_working_days = models.PositiveSmallIntegerField(
        default=15, db_comment="Decide whether the threshold is met"
    )
    review_meet_working_days = models.PositiveSmallIntegerField(
        default=20, db_comment="Hold the review meeting"
    )
    # Risk reviews
    review_days_medium = models.PositiveSmallIntegerField(
        default=28, db_comment="Risk review interval at medium (days)"
    )
    review_days_high = models.PositiveSmallIntegerField(
        default=14, db_comment="Risk review interval at high (days)"
    )
    # Repeats
    repeat_window_months = models.PositiveSmallIntegerField(
        default=12, db_comment="Look back this far for repeat victims and places"
    )
    repeat_place_metres = models.PositiveIntegerField(
        default=100, db_comment="Reports this close count as the same place"
    )

    class Meta:
        db_table_comment = "Versions of time limits and thresholds (Victims' Code, local)"
        ordering = ["-effective_from"]

    def __str__(self) -> str:
        return f"{self.name} (from {self.effective_from:%d %B %Y})"


class NotificationMode(models.TextChoices):
    IMMEDIATE = "immediate", _("Straight away")
    DIGEST = "digest", _("In a daily summary")


class NotificationKind(models.TextChoices):
    REFERRAL_RECEIVED = "referral_received", _("A referral was received")
    TASK_ASSIGNED = "task_assigned", _("A task was assigned")
    TASK_OVERDUE = "task_overdue", _("A task is overdue")
    REVIEW_DUE = "review_due", _("A risk review is due")
    HIGH_RISK = "high_risk", _("A case was assessed as high risk")
    REPORTER_MESSAGE = "reporter_message", _("A reporter sent a message")


class NotificationPreference(models.Model):
    user = models.OneToOneField(
        "core.User",
        on_delete=models.CASCADE,
        related_name="notification_preference",
        db_comment="The staff user",
    )
    mode = models.CharField(
        max_length=10,
        choices=NotificationMode.choices,
        default=NotificationMode.IMMEDIATE,
        db_comment="Immediate e-mails or a daily digest",
    )

    class Meta:
        db_table_comment = "How each staff user wants to be notified"

    def __str__(self) -> str:
        return f"{self.user_id}: {self.mode}"


class Notification(models.Model):
    """A notice for one user: the e-mail carries only its kind and a link, never personal
    data. Immediate ones are sent after commit; digest ones by the daily job."""

    user = models.ForeignKey(
        "core.User",
        on_delete=models.CASCADE,
        related_name="notifications",
        db_comment="Recipient",
    )
    kind = models.CharField(
        max_length=20, choices=NotificationKind.choices, db_comment="What happened"
    )
    link = models.CharField(max_length=300, db_comment="Path to open (no personal data)")
    created_at = models.DateTimeField(db_comment="When it was raised")
    sent_at = models.DateTimeField(null=True, blank=True, db_comment="When the e-mail went")
    source_key = models.CharField(
        max_length=120, blank=True, db_comment="What raised it, so a job never raises it twice"
    )

    class Meta:
        db_table_comment = "Notifications for staff (e-mail immediately or in a digest)"
        indexes = [models.Index(fields=["user", "sent_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "source_key"],
                condition=~models.Q(source_key=""),
                name="notification_source_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.user_id}"


class SatisfactionResponse(models.Model):
    """A victim's answers to the short survey offered through the follow-up code when a
    case closes. Feeds the performance measures; holds no free text about people."""

    case = models.OneToOneField(
        "cases.Case",
        on_delete=models.CASCADE,
        related_name="satisfaction",
        db_comment="The case",
    )
    invited_at = models.DateTimeField(db_comment="When the survey was offered")
    answered_at = models.DateTimeField(null=True, blank=True, db_comment="When answered")
    overall = models.PositiveSmallIntegerField(
        null=True, blank=True, db_comment="Overall satisfaction 1 (very dissatisfied) to 5"
    )
    felt_listened_to = models.PositiveSmallIntegerField(
        null=True, blank=True, db_comment="Felt listened to, 1 to 5"
    )
    would_report_again = models.BooleanField(null=True, blank=True, db_comment="Would report again")

    class Meta:
        db_table_comment = "Victim satisfaction survey answers, one per closed case"

    def __str__(self) -> str:
        return f"satisfaction for case {self.case_id}"
