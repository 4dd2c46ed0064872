"""Group meetings (agenda, minutes, actions arising) and the issue log of matters raised by
community safety partnerships and agencies, escalated to the county's community-safety
action group when the group cannot resolve them. Neither holds anything that identifies a
victim: the PCC office reads all of it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from awaz.core.models import BaseModel


class Meeting(BaseModel):
    """A meeting of the partnership group."""

    strategy = models.ForeignKey(
        "strategy.Strategy",
        on_delete=models.PROTECT,
        related_name="meetings",
        db_comment="The strategy whose plan it reviews",
    )
    title = models.CharField(_("title"), max_length=200, db_comment="e.g. Quarterly meeting")
    held_on = models.DateField(_("date"), db_comment="Date of the meeting")
    location = models.CharField(
        _("where"), max_length=200, blank=True, db_comment="Place or video call"
    )
    minutes = models.TextField(_("minutes"), blank=True, db_comment="Minutes, once written")
    minutes_recorded_at = models.DateTimeField(
        null=True, blank=True, db_comment="When the minutes were last recorded"
    )
    minutes_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_comment="Who recorded the minutes",
    )
    agenda_built_at = models.DateTimeField(
        null=True, blank=True, db_comment="When the agenda was last built from the plan"
    )

    class Meta:
        db_table_comment = "Meetings of the partnership group"
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on})"


class AgendaItemKind(models.TextChoices):
    RED_ACTION = "red_action", _("Action rated red")
    OVERDUE_ACTION = "overdue_action", _("Overdue action")
    AREA_OF_CONCERN = "area_of_concern", _("New area of concern")
    ESCALATION = "escalation", _("Open issue or escalation")
    CENTRES = "centres", _("Reporting centres needing attention")
    OTHER = "other", _("Other business")


class AgendaItem(models.Model):
    """One item on a meeting's agenda. Items built from the plan keep a snapshot of why they
    are there (``detail``), so the agenda reads the same after the plan moves on."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda", db_comment="The meeting"
    )
    position = models.PositiveSmallIntegerField(db_comment="Order on the agenda")
    kind = models.CharField(max_length=20, choices=AgendaItemKind.choices, db_comment="Kind")
    title = models.CharField(max_length=300, db_comment="The item as it appears")
    detail = models.TextField(blank=True, db_comment="Why it is on the agenda")
    action = models.ForeignKey(
        "strategy.Action",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_comment="The plan action, for action items",
    )
    issue = models.ForeignKey(
        "strategy.Issue",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_comment="The issue, for escalation items",
    )
    is_generated = models.BooleanField(
        default=False, db_comment="Built from the plan (rebuilt with the agenda)"
    )

    class Meta:
        db_table_comment = "Items on meeting agendas"
        ordering = ["meeting", "position"]

    def __str__(self) -> str:
        return self.title


class IssueStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DISCUSSED = "discussed", _("Discussed by the group")
    ESCALATED = "escalated", _("Escalated to the county action group")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed without resolution")


OPEN_ISSUE_STATUSES = (IssueStatus.OPEN, IssueStatus.DISCUSSED, IssueStatus.ESCALATED)


class Issue(BaseModel):
    """A matter raised with the group by a community safety partnership or an agency."""

    strategy = models.ForeignKey(
        "strategy.Strategy",
        on_delete=models.PROTECT,
        related_name="issues",
        db_comment="The strategy",
    )
    reference = models.CharField(max_length=12, unique=True, db_comment="e.g. ISS-0007")
    title = models.CharField(_("title"), max_length=200, db_comment="The issue in a line")
    description = models.TextField(
        _("description"), db_comment="The issue; never details that identify a victim"
    )
    raised_by_organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        db_comment="Who raised it (a community safety partnership or an agency)",
    )
    raised_on = models.DateField(_("raised on"), db_comment="When it was raised")
    status = models.CharField(
        max_length=12, choices=IssueStatus.choices, default=IssueStatus.OPEN, db_comment="Status"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_comment="Who is taking it forward",
    )
    owner_organisation = models.ForeignKey(
        "partners.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_comment="The organisation taking it forward",
    )
    escalated_on = models.DateField(
        null=True, blank=True, db_comment="When it went to the county action group"
    )
    resolution = models.TextField(_("resolution"), blank=True, db_comment="How it ended")
    resolved_on = models.DateField(null=True, blank=True, db_comment="When it was resolved")

    class Meta:
        db_table_comment = "Issue log: matters raised, discussed and escalated"
        ordering = ["-raised_on", "-id"]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"


class IssueEvent(models.Model):
    """What happened to an issue (append-only): raised, discussed at a meeting, escalated,
    a note, resolved, closed."""

    issue = models.ForeignKey(
        Issue, on_delete=models.CASCADE, related_name="events", db_comment="The issue"
    )
    status = models.CharField(
        max_length=12, choices=IssueStatus.choices, db_comment="Status after this event"
    )
    note = models.TextField(blank=True, db_comment="What was said or decided")
    meeting = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_comment="The meeting where it was discussed, if any",
    )
    recorded_at = models.DateTimeField(db_comment="When it was recorded")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_comment="Who recorded it",
    )

    class Meta:
        db_table_comment = "History of each issue in the issue log (append-only)"
        ordering = ["issue", "recorded_at", "id"]

    def __str__(self) -> str:
        return f"{self.issue_id} {self.status}"
