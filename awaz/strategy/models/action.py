"""Actions of the plan, their milestones and the history of their RAG status.

An action's current status (``rag_status``, ``rag_reason``, ``rag_set_on``) is kept on the
action for lists and roll-ups; every change is also a ``RagChange`` row, so the timeline
shows who said what, when. The status shown (with the overdue rule) is worked out in
``awaz.strategy.rag``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from awaz.core.models import BaseModel


class RagStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    GREEN = "green", _("Green")
    AMBER = "amber", _("Amber")
    RED = "red", _("Red")
    COMPLETE = "complete", _("Complete")


# Statuses that need a reason, so a reader knows what is wrong.
REASON_REQUIRED = frozenset({RagStatus.RED, RagStatus.AMBER})
_NEEDS_REASON = Q(rag_status__in=[RagStatus.RED, RagStatus.AMBER])


class Action(BaseModel):
    """Something the partnership has agreed to do, led by one organisation."""

    strand = models.ForeignKey(
        "strategy.Strand",
        on_delete=models.PROTECT,
        related_name="actions",
        db_comment="The strand it delivers",
    )
    number = models.PositiveSmallIntegerField(
        db_comment="Its number within the strand (action 2.3 is number 3 of strand 2)"
    )
    title = models.CharField(_("title"), max_length=200, db_comment="What will be done")
    description = models.TextField(
        _("description"), blank=True, db_comment="More about what, how and for whom"
    )
    lead_organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="plan_actions_led",
        db_comment="The organisation answerable for it",
    )
    supporting_organisations = models.ManyToManyField(
        "partners.Organisation", blank=True, related_name="plan_actions_supported"
    )
    objectives = models.ManyToManyField("strategy.Objective", blank=True, related_name="actions")
    starts_on = models.DateField(
        _("start date"), null=True, blank=True, db_comment="When work starts, if planned"
    )
    due_on = models.DateField(
        _("due date"), null=True, blank=True, db_comment="When it should be complete"
    )
    rag_status = models.CharField(
        max_length=12,
        choices=RagStatus.choices,
        default=RagStatus.NOT_STARTED,
        db_comment="Current RAG status as recorded (the latest RagChange)",
    )
    rag_reason = models.TextField(
        blank=True, db_comment="Why it has that status (required for red and amber)"
    )
    rag_set_on = models.DateField(
        null=True, blank=True, db_comment="The date the current status applies from"
    )
    arising_from = models.ForeignKey(
        "strategy.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions_arising",
        db_comment="The meeting it arose from, if any",
    )

    class Meta:
        db_table_comment = "Actions of a strategy's action plan, each in a strand with a lead"
        ordering = ["strand__number", "number"]
        constraints = [
            models.UniqueConstraint(fields=["strand", "number"], name="action_number_once"),
            models.CheckConstraint(
                condition=~_NEEDS_REASON | ~Q(rag_reason=""), name="action_rag_reason_given"
            ),
            models.CheckConstraint(
                condition=Q(due_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(due_on__gte=F("starts_on")),
                name="action_due_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def reference(self) -> str:
        """ "2.3": the strand's number and the action's number in it."""
        return f"{self.strand.number}.{self.number}"


class Milestone(BaseModel):
    """A step of an action with a target date; done when ``done_on`` is set."""

    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="milestones", db_comment="The action"
    )
    title = models.CharField(_("milestone"), max_length=200, db_comment="What will be reached")
    target_on = models.DateField(_("target date"), db_comment="When it should be reached")
    done_on = models.DateField(
        null=True, blank=True, db_comment="When it was reached (empty: not yet)"
    )

    class Meta:
        db_table_comment = "Milestones of plan actions, with target dates"
        ordering = ["target_on", "id"]
        indexes = [models.Index(fields=["target_on", "done_on"])]

    def __str__(self) -> str:
        return self.title


class RagChange(models.Model):
    """One change of an action's RAG status, with its reason. Append-only."""

    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="rag_changes", db_comment="The action"
    )
    rag_status = models.CharField(
        max_length=12, choices=RagStatus.choices, db_comment="The status it changed to"
    )
    reason = models.TextField(blank=True, db_comment="Why (required for red and amber)")
    effective_on = models.DateField(
        db_comment="The date the status applies from (earlier than recorded_at for history)"
    )
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
        db_table_comment = "History of plan actions' RAG statuses, with reasons (append-only)"
        ordering = ["-effective_on", "-recorded_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(rag_status__in=[RagStatus.RED, RagStatus.AMBER]) | ~Q(reason=""),
                name="rag_change_reason_given",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_rag_status_display()} from {self.effective_on}"
