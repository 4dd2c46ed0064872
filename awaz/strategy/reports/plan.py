"""The plan as it stood at the end of a quarter: each action's RAG status is the latest one
effective on or before the quarter's last day, its milestones count as done only if done by
then, and the overdue rule and roll-ups of ``awaz.strategy.rag`` are applied as on the first
day of the next quarter. A report for a past quarter therefore reads the same whenever it is
made (unless history is back-dated into that quarter later)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from awaz.core.quarters import Quarter
from awaz.strategy.models import Action, Milestone, RagChange, RagStatus, Strategy
from awaz.strategy.rag import ShownStatus, shown_status
from awaz.strategy.reports.tables import Column, ReportTable
from awaz.strategy.selectors import Tally

DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class ActionAtEnd:
    action: Action
    shown: ShownStatus
    reason: str  # the reason recorded with the status in force
    missed: list[str]  # titles of milestones past their target and not done


def actions_at(strategy: Strategy, *, last_day: datetime.date) -> list[ActionAtEnd]:
    """Every action of the strategy with the status shown at the end of ``last_day``, in
    plan order (three queries, whatever the number of actions). Actions arising from a
    meeting held after ``last_day`` are left out."""
    changes = RagChange.objects.filter(effective_on__lte=last_day).order_by(
        "-effective_on", "-recorded_at", "-id"
    )
    actions = (
        Action.objects.filter(strand__strategy=strategy)
        # An action agreed at a meeting after the day did not exist yet.
        .exclude(arising_from__held_on__gt=last_day)
        .select_related("strand", "lead_organisation")
        .prefetch_related(
            Prefetch("milestones", queryset=Milestone.objects.order_by("target_on", "id")),
            Prefetch("rag_changes", queryset=changes, to_attr="changes_by_end"),
        )
        .order_by("strand__number", "number")
    )
    today = last_day + DAY
    found = []
    for action in actions:
        latest = action.changes_by_end[0] if action.changes_by_end else None
        still_open = [
            m for m in action.milestones.all() if m.done_on is None or m.done_on > last_day
        ]
        shown = shown_status(
            recorded=RagStatus(latest.rag_status) if latest else RagStatus.NOT_STARTED,
            reason=latest.reason if latest else "",
            set_on=latest.effective_on if latest else None,
            due_on=action.due_on,
            open_milestone_targets=[m.target_on for m in still_open],
            today=today,
        )
        missed = [m.title for m in still_open if m.target_on < today]
        if shown.is_overdue and action.due_on is not None and action.due_on < today:
            missed.append(_("the action's due date (%(date)s)") % {"date": _day(action.due_on)})
        found.append(
            ActionAtEnd(
                action=action, shown=shown, reason=latest.reason if latest else "", missed=missed
            )
        )
    return found


def _day(value: datetime.date) -> str:
    return f"{value.day} {value:%B %Y}"


def plan_tables(
    strategy: Strategy, quarter: Quarter
) -> tuple[RagStatus | None, ReportTable, ReportTable]:
    rows = actions_at(strategy, last_day=quarter.end)
    tallies: dict[int, Tally] = {s.pk: Tally() for s in strategy.strands.order_by("number")}
    strands = {s.pk: s for s in strategy.strands.all()}
    plan = Tally()
    for row in rows:
        tallies[row.action.strand_id].add(row.shown)
        plan.add(row.shown)
    status_columns = tuple(Column(str(status.label), "int") for status, _n in plan.by_status)
    columns = (
        Column(_("Strand")),
        Column(_("Rating"), "rag"),
        *status_columns,
        Column(_("Overdue"), "int"),
        Column(_("Actions"), "int"),
    )

    def line(label: str, tally: Tally) -> tuple[Any, ...]:
        counts = tuple(n for _status, n in tally.by_status)
        return (label, tally.rating, *counts, tally.overdue, tally.total)

    summary = ReportTable(
        key="plan",
        title=_("Actions by strand and by the status shown at the end of the quarter"),
        columns=columns,
        rows=[line(str(strands[pk]), tally) for pk, tally in tallies.items()]
        + [line(_("Whole plan"), plan)],
        note=_(
            "An action past a milestone's target date or its due date is overdue; a green or "
            "not-started overdue action is shown as amber unless its status was recorded, with "
            "a reason, after it became overdue. A strand is red when a quarter or more of its "
            "open actions are red, or more than half are red or amber; amber when any is."
        ),
    )
    flagged = [r for r in rows if r.shown.status == RagStatus.RED or r.shown.is_overdue]
    concerns = ReportTable(
        key="red_overdue",
        title=_("Actions rated red or overdue at the end of the quarter"),
        columns=(
            Column(_("Action")),
            Column(_("Title")),
            Column(_("Lead organisation")),
            Column(_("Status shown"), "rag"),
            Column(_("Overdue since"), "date"),
            Column(_("Missed")),
            Column(_("Reason given")),
        ),
        rows=[
            (
                r.action.reference,
                r.action.title,
                r.action.lead_organisation.name,
                r.shown.status,
                r.shown.overdue_since,
                "; ".join(r.missed),
                r.reason,
            )
            for r in flagged
        ],
    )
    return plan.rating, summary, concerns
