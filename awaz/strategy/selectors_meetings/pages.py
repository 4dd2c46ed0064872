"""Reading meetings and the issue log: fetch-and-authorise helpers (the same 404 for a
missing record and one the role may not see), a strategy's meetings and the next one, a
meeting's page, the issue log with its filters, an issue's page and the plan page's panel.
Every page's query count is fixed, whatever the number of items, actions or events."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from awaz.core.exceptions import NotFound
from awaz.partners.models import Membership
from awaz.partners.selectors import staff_list_all
from awaz.strategy.access import READERS, require
from awaz.strategy.models import (
    OPEN_ISSUE_STATUSES,
    Action,
    AgendaItem,
    AgendaItemKind,
    Issue,
    IssueEvent,
    IssueStatus,
    Meeting,
    Strategy,
)

# Fetch and authorise ---------------------------------------------------------------------


def access_meeting_by_id(user: Any, meeting_id: int, *, manage: bool = False) -> Meeting:
    require(user, "meeting.manage" if manage else "meeting.view")
    meeting = Meeting.objects.select_related("strategy").filter(pk=meeting_id).first()
    if meeting is None:
        raise NotFound()
    return meeting


def access_agenda_item_by_id(user: Any, item_id: int) -> AgendaItem:
    """An agenda item the chair may change (other business only; the rest is rebuilt)."""
    require(user, "meeting.manage")
    item = (
        AgendaItem.objects.select_related("meeting__strategy")
        .filter(pk=item_id, kind=AgendaItemKind.OTHER)
        .first()
    )
    if item is None:
        raise NotFound()
    return item


def access_issue_by_id(user: Any, issue_id: int, *, manage: bool = False) -> Issue:
    require(user, "issue.manage" if manage else "issue.view")
    issue = (
        Issue.objects.select_related(
            "strategy", "raised_by_organisation", "owner", "owner_organisation"
        )
        .filter(pk=issue_id)
        .first()
    )
    if issue is None:
        raise NotFound()
    return issue


# Meetings --------------------------------------------------------------------------------


def meeting_list(strategy: Strategy) -> list[Meeting]:
    """The strategy's meetings, latest first, each with ``item_count`` and
    ``arising_count``."""
    return list(
        Meeting.objects.filter(strategy=strategy)
        .annotate(
            item_count=Count("agenda", distinct=True),
            arising_count=Count("actions_arising", distinct=True),
        )
        .order_by("-held_on", "-id")
    )


def meeting_next(strategy: Strategy, *, today: datetime.date) -> Meeting | None:
    """The first meeting on or after today."""
    return (
        Meeting.objects.filter(strategy=strategy, held_on__gte=today)
        .order_by("held_on", "id")
        .first()
    )


def meeting_previous(meeting: Meeting) -> Meeting | None:
    """The strategy's last meeting before this one."""
    return (
        Meeting.objects.filter(strategy_id=meeting.strategy_id, held_on__lt=meeting.held_on)
        .order_by("-held_on", "-id")
        .first()
    )


def meeting_choices(strategy: Strategy, *, today: datetime.date) -> QuerySet[Meeting]:
    """Meetings an issue can have been discussed at: held by today, latest first."""
    return Meeting.objects.filter(strategy=strategy, held_on__lte=today).order_by("-held_on", "-id")


def meeting_page(meeting: Meeting) -> dict[str, Any]:
    """Everything the meeting page shows: the agenda, the minutes, the actions arising and
    the issues discussed there."""
    meeting = Meeting.objects.select_related("strategy", "minutes_recorded_by").get(pk=meeting.pk)
    items = list(
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("action__strand", "issue")
        .order_by("position", "id")
    )
    discussed = list(
        IssueEvent.objects.filter(meeting=meeting)
        .select_related("issue", "recorded_by")
        .order_by("recorded_at", "id")
    )
    arising = list(
        Action.objects.filter(arising_from=meeting)
        .select_related("strand", "lead_organisation")
        .order_by("strand__number", "number")
    )
    others = [item for item in items if item.kind == AgendaItemKind.OTHER]
    return {
        "meeting": meeting,
        "items": items,
        "first_other": others[0].pk if others else None,
        "last_other": others[-1].pk if others else None,
        "discussed": discussed,
        "discussed_issue_ids": {event.issue_id for event in discussed},
        "arising": arising,
        "previous": meeting_previous(meeting),
    }


# The issue log ---------------------------------------------------------------------------

OPEN_FILTER = "open"  # any status that is still open


@dataclass(frozen=True)
class IssueFilters:
    status: str = ""  # "", OPEN_FILTER or an IssueStatus
    raised_by_id: int | None = None
    escalated: bool | None = None  # True: ever escalated; False: never

    @property
    def active(self) -> bool:
        return bool(self.status or self.raised_by_id or self.escalated is not None)


def issue_list(strategy: Strategy, filters: IssueFilters) -> list[Issue]:
    issues = Issue.objects.filter(strategy=strategy).select_related(
        "raised_by_organisation", "owner", "owner_organisation"
    )
    if filters.status == OPEN_FILTER:
        issues = issues.filter(status__in=OPEN_ISSUE_STATUSES)
    elif filters.status:
        issues = issues.filter(status=filters.status)
    if filters.raised_by_id:
        issues = issues.filter(raised_by_organisation_id=filters.raised_by_id)
    if filters.escalated is not None:
        issues = issues.filter(escalated_on__isnull=not filters.escalated)
    return list(issues.order_by("-raised_on", "-id"))


def issue_raisers(strategy: Strategy) -> list[tuple[int, str]]:
    """(id, name) of the organisations that raised an issue of the strategy."""
    rows = (
        Issue.objects.filter(strategy=strategy)
        .values_list("raised_by_organisation_id", "raised_by_organisation__name")
        .distinct()
        .order_by("raised_by_organisation__name")
    )
    return list(rows)


def issue_page(issue: Issue) -> dict[str, Any]:
    events = list(
        IssueEvent.objects.filter(issue=issue)
        .select_related("meeting", "recorded_by")
        .order_by("recorded_at", "id")
    )
    history = []
    previous = None
    for event in events:
        if previous is None:
            kind = "raised"
        elif event.meeting_id is not None:
            kind = "meeting"
        elif event.status != previous:
            kind = "status"
        else:
            kind = "note"
        history.append({"event": event, "kind": kind})
        previous = event.status
    return {"issue": issue, "history": history, "is_open": issue.status in OPEN_ISSUE_STATUSES}


def issue_owner_choices() -> QuerySet[Membership]:
    """Staff who can take an issue forward: active members of active organisations whose
    role reads the plan (not administrators)."""
    return staff_list_all().filter(
        user__is_active=True,
        organisation__is_active=True,
        role__in=[role.value for role in READERS],
    )


@dataclass(frozen=True)
class MeetingsPanel:
    """The plan page's panel: the next meeting and the issue log's open and escalated
    counts."""

    strategy: Strategy
    next_meeting: Meeting | None
    open_issues: int
    escalated_issues: int


def meetings_panel(strategy: Strategy, *, today: datetime.date) -> MeetingsPanel:
    counts = Issue.objects.filter(strategy=strategy).aggregate(
        open=Count("id", filter=Q(status__in=OPEN_ISSUE_STATUSES)),
        escalated=Count("id", filter=Q(status=IssueStatus.ESCALATED)),
    )
    return MeetingsPanel(
        strategy=strategy,
        next_meeting=meeting_next(strategy, today=today),
        open_issues=counts["open"],
        escalated_issues=counts["escalated"],
    )
