"""Reading the plan: the current strategy, the overview with its roll-ups and filters, an
action's page (milestones, timeline, projects) and projects. Every page's query count is
fixed, whatever the number of actions, updates or files (pinned in the tests)."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max, Prefetch, QuerySet, Sum

from awaz.strategy.models import (
    Action,
    Milestone,
    Objective,
    ProgressUpdate,
    Project,
    RagChange,
    RagStatus,
    Strand,
    Strategy,
)
from awaz.strategy.rag import ShownStatus, roll_up, shown_status

# The order statuses are counted and shown in, worst first.
STATUS_ORDER = (
    RagStatus.RED,
    RagStatus.AMBER,
    RagStatus.GREEN,
    RagStatus.NOT_STARTED,
    RagStatus.COMPLETE,
)


def strategy_list() -> QuerySet[Strategy]:
    return Strategy.objects.order_by("-starts_on", "name")


def strategy_current(*, today: datetime.date) -> Strategy | None:
    """The strategy whose period includes today (the latest to start, if several), else
    the one that starts latest."""
    covering = strategy_list().filter(starts_on__lte=today, ends_on__gte=today).first()
    return covering or strategy_list().first()


def strand_choices(strategy: Strategy) -> list[tuple[int, str]]:
    return [(s.pk, str(s)) for s in strategy.strands.order_by("number")]


def next_strand_number(strategy: Strategy) -> int:
    highest = strategy.strands.aggregate(n=Max("number"))["n"]
    return (highest or 0) + 1


def next_objective_number(strategy: Strategy) -> int:
    highest = strategy.objectives.aggregate(n=Max("number"))["n"]
    return (highest or 0) + 1


def action_shown_status(action: Action, *, today: datetime.date) -> ShownStatus:
    """The status shown for ``action`` (its milestones prefetched or not)."""
    return shown_status(
        recorded=RagStatus(action.rag_status),
        reason=action.rag_reason,
        set_on=action.rag_set_on,
        due_on=action.due_on,
        open_milestone_targets=[m.target_on for m in action.milestones.all() if m.done_on is None],
        today=today,
    )


@dataclass(frozen=True)
class PlanFilters:
    strand_id: int | None = None
    lead_organisation_id: int | None = None
    status: RagStatus | None = None  # the status shown
    overdue_only: bool = False

    @property
    def active(self) -> bool:
        return bool(self.strand_id or self.lead_organisation_id or self.status or self.overdue_only)


@dataclass(frozen=True)
class ActionRow:
    action: Action
    shown: ShownStatus
    next_milestone: Milestone | None
    last_update_on: datetime.date | None


@dataclass
class Tally:
    """Counts of actions by the status shown, and the rating they roll up to."""

    counts: Counter[str] = field(default_factory=Counter)
    overdue: int = 0

    def add(self, shown: ShownStatus) -> None:
        self.counts[shown.status] += 1
        if shown.is_overdue:
            self.overdue += 1

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def rating(self) -> RagStatus | None:
        return roll_up(self.counts.elements())

    @property
    def by_status(self) -> list[tuple[RagStatus, int]]:
        return [(status, self.counts[status]) for status in STATUS_ORDER]


@dataclass
class StrandSummary:
    strand: Strand
    tally: Tally
    rows: list[ActionRow]  # the actions that match the filters


@dataclass
class PlanOverview:
    strategy: Strategy
    tally: Tally
    strands: list[StrandSummary]
    objectives: Sequence[Objective]  # each with ``action_count``
    filters: PlanFilters
    matching: int  # actions matching the filters


def _plan_actions(strategy: Strategy) -> QuerySet[Action]:
    return (
        Action.objects.filter(strand__strategy=strategy)
        .select_related("strand", "lead_organisation")
        .prefetch_related(Prefetch("milestones", queryset=Milestone.objects.order_by("target_on")))
        .annotate(last_update_on=Max("updates__update_on"))
        .order_by("strand__number", "number")
    )


def _matches(row: ActionRow, filters: PlanFilters) -> bool:
    action = row.action
    if filters.strand_id and action.strand_id != filters.strand_id:
        return False
    if filters.lead_organisation_id and action.lead_organisation_id != filters.lead_organisation_id:
        return False
    if filters.status and row.shown.status != filters.status:
        return False
    return not (filters.overdue_only and not row.shown.is_overdue)


def plan_overview(
    *, strategy: Strategy, filters: PlanFilters, today: datetime.date
) -> PlanOverview:
    """Every strand with its roll-up (from all its actions) and the actions matching the
    filters; the plan's roll-up from all its actions; the objectives with action counts."""
    strands = list(strategy.strands.order_by("number"))
    summaries = {s.pk: StrandSummary(strand=s, tally=Tally(), rows=[]) for s in strands}
    plan = Tally()
    matching = 0
    for action in _plan_actions(strategy):
        shown = action_shown_status(action, today=today)
        open_milestones = [m for m in action.milestones.all() if m.done_on is None]
        row = ActionRow(
            action=action,
            shown=shown,
            next_milestone=open_milestones[0] if open_milestones else None,
            last_update_on=getattr(action, "last_update_on", None),
        )
        summary = summaries[action.strand_id]
        summary.tally.add(shown)
        plan.add(shown)
        if _matches(row, filters):
            summary.rows.append(row)
            matching += 1
    objectives = list(
        strategy.objectives.annotate(action_count=Count("actions")).order_by("number")
    )
    return PlanOverview(
        strategy=strategy,
        tally=plan,
        strands=list(summaries.values()),
        objectives=objectives,
        filters=filters,
        matching=matching,
    )


def lead_organisations(strategy: Strategy) -> list[tuple[int, str]]:
    """(id, name) of the organisations leading an action of the strategy, for the filter."""
    rows = (
        Action.objects.filter(strand__strategy=strategy)
        .values_list("lead_organisation_id", "lead_organisation__name")
        .distinct()
        .order_by("lead_organisation__name")
    )
    return list(rows)


# The action page -----------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEntry:
    """One row of an action's timeline: a progress update, a RAG status, or a milestone
    reached. ``on`` is the date it describes; ``at`` when it was recorded."""

    kind: str  # "update", "status" or "milestone"
    on: datetime.date
    at: datetime.datetime
    item: Any


def action_page(*, action: Action, today: datetime.date) -> dict[str, Any]:
    """Everything the action page shows, in a fixed number of queries."""
    action = (
        Action.objects.select_related("strand__strategy", "lead_organisation")
        .prefetch_related(
            Prefetch("milestones", queryset=Milestone.objects.order_by("target_on", "id")),
            Prefetch("supporting_organisations"),
            Prefetch("objectives"),
            Prefetch("projects", queryset=Project.objects.select_related("lead_organisation")),
        )
        .get(pk=action.pk)
    )
    updates = (
        ProgressUpdate.objects.filter(action=action)
        .select_related("recorded_by", "organisation")
        .prefetch_related("links", "files")
    )
    changes = RagChange.objects.filter(action=action).select_related("recorded_by", "organisation")
    entries = [TimelineEntry("update", u.update_on, u.recorded_at, u) for u in updates]
    entries += [TimelineEntry("status", c.effective_on, c.recorded_at, c) for c in changes]
    milestones = list(action.milestones.all())
    entries += [
        TimelineEntry("milestone", m.done_on, m.modified_at, m)
        for m in milestones
        if m.done_on is not None
    ]
    entries.sort(key=lambda e: (e.on, e.at), reverse=True)
    return {
        "action": action,
        "shown": action_shown_status(action, today=today),
        "milestones": milestones,
        "supporting": list(action.supporting_organisations.all()),
        "objectives": list(action.objectives.all()),
        "projects": list(action.projects.all()),
        "timeline": entries,
    }


def strategy_actions(strategy: Strategy) -> QuerySet[Action]:
    """The strategy's actions in plan order (for choosing the ones a project delivers)."""
    return (
        Action.objects.filter(strand__strategy=strategy)
        .select_related("strand")
        .order_by("strand__number", "number")
    )


# Projects -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProjectTotals:
    budget: Decimal
    sessions_held: int
    people_reached: int


def project_list(strategy: Strategy) -> list[Project]:
    return list(
        Project.objects.filter(strategy=strategy)
        .select_related("lead_organisation")
        .annotate(action_count=Count("actions", distinct=True))
        .order_by("name")
    )


def project_totals(strategy: Strategy) -> ProjectTotals:
    sums = Project.objects.filter(strategy=strategy).aggregate(
        budget=Sum("budget"), sessions=Sum("sessions_held"), people=Sum("people_reached")
    )
    return ProjectTotals(
        budget=sums["budget"] or Decimal("0"),
        sessions_held=sums["sessions"] or 0,
        people_reached=sums["people"] or 0,
    )


def project_page(project: Project) -> dict[str, Any]:
    project = (
        Project.objects.select_related("strategy", "lead_organisation")
        .prefetch_related(
            "partners",
            Prefetch(
                "actions", queryset=Action.objects.select_related("strand", "lead_organisation")
            ),
        )
        .get(pk=project.pk)
    )
    return {
        "project": project,
        "partners": list(project.partners.all()),
        "actions": list(project.actions.all()),
    }
