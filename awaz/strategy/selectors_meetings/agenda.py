"""What a meeting's agenda should hold (``agenda_proposal``; ``services.meetings`` writes
it): actions rated red, overdue actions (``awaz.strategy.rag`` decides both, as of a date),
new areas of concern since the previous meeting (``awaz.patterns``), and open issues and
escalations, each with why it is there in words."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from awaz.patterns.selectors.concern import (
    BASELINE_YEARS,
    ConcernSummary,
    areas_of_concern,
    latest_complete_month,
)
from awaz.patterns.selectors.dashboard import add_months
from awaz.strategy.models import (
    OPEN_ISSUE_STATUSES,
    Action,
    AgendaItemKind,
    Issue,
    IssueEvent,
    IssueStatus,
    Meeting,
    Milestone,
    RagChange,
    RagStatus,
    Strategy,
)
from awaz.strategy.rag import ShownStatus, shown_status
from awaz.strategy.selectors_centres import centres_flagged
from awaz.strategy.selectors_meetings.pages import meeting_previous

# Areas of concern are looked for in at most this many complete months before a meeting.
CONCERN_MONTHS_MAX = 12


@dataclass(frozen=True)
class ProposedItem:
    """An agenda item built from the plan, with why it is there (``detail``)."""

    kind: AgendaItemKind
    title: str
    detail: str
    action: Action | None = None
    issue: Issue | None = None


def _day(value: datetime.date) -> str:
    return date_format(value, "j F Y")


def _month(value: datetime.date) -> str:
    return date_format(value, "F Y")


def _number(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.3g}"


def _recorded_as_of(
    actions: list[Action], as_of: datetime.date
) -> dict[int, tuple[RagStatus, str, datetime.date | None]]:
    """Each action's recorded status, reason and date as they stood on ``as_of`` (the
    latest change applying by then; not started if none)."""
    found: dict[int, tuple[RagStatus, str, datetime.date | None]] = {}
    changes = RagChange.objects.filter(
        action__in=[a.pk for a in actions], effective_on__lte=as_of
    ).order_by("-effective_on", "-recorded_at", "-id")
    for change in changes:
        found.setdefault(
            change.action_id, (RagStatus(change.rag_status), change.reason, change.effective_on)
        )
    return found


def _missed(action: Action, as_of: datetime.date) -> str:
    """What was missed, in words: milestones past their target and the due date."""
    parts = [
        _("the milestone “%(title)s” was due on %(date)s")
        % {"title": m.title, "date": _day(m.target_on)}
        for m in action.milestones.all()
        if m.target_on < as_of and (m.done_on is None or m.done_on > as_of)
    ]
    if action.due_on is not None and action.due_on < as_of:
        parts.append(_("the action was due by %(date)s") % {"date": _day(action.due_on)})
    return "; ".join(parts)


def _action_detail(
    action: Action,
    shown: ShownStatus,
    recorded: RagStatus,
    reason: str,
    set_on: datetime.date | None,
    as_of: datetime.date,
) -> str:
    lines = []
    if shown.status == RagStatus.RED:
        lines.append(
            _("Rated red from %(date)s. Reason: %(reason)s")
            % {"date": _day(set_on) if set_on else _("an unknown date"), "reason": reason}
        )
    if shown.overdue_since is not None:
        lines.append(
            _("Overdue since %(date)s: %(missed)s.")
            % {"date": _day(shown.overdue_since), "missed": _missed(action, as_of)}
        )
        if shown.raised:
            lines.append(
                _("Shown as amber because it is overdue; the status recorded is %(status)s.")
                % {"status": str(recorded.label).lower()}
            )
        elif shown.status != RagStatus.RED:
            lines.append(_("Status: %(status)s.") % {"status": str(shown.status.label).lower()})
            if reason:
                lines.append(_("Reason given: %(reason)s") % {"reason": reason})
    lines.append(_("Led by %(organisation)s.") % {"organisation": action.lead_organisation.name})
    return "\n".join(lines)


def _action_items(
    strategy: Strategy, *, as_of: datetime.date, today: datetime.date
) -> list[ProposedItem]:
    """Red actions (noting when they are overdue too), then overdue ones, in plan order."""
    actions = list(
        Action.objects.filter(strand__strategy=strategy)
        .select_related("strand", "lead_organisation")
        .prefetch_related(
            Prefetch("milestones", queryset=Milestone.objects.order_by("target_on", "id"))
        )
        .order_by("strand__number", "number")
    )
    history = _recorded_as_of(actions, as_of) if as_of < today else None
    red: list[ProposedItem] = []
    overdue: list[ProposedItem] = []
    for action in actions:
        if history is None:
            recorded = RagStatus(action.rag_status)
            reason, set_on = action.rag_reason, action.rag_set_on
        else:
            recorded, reason, set_on = history.get(action.pk, (RagStatus.NOT_STARTED, "", None))
        shown = shown_status(
            recorded=recorded,
            reason=reason,
            set_on=set_on,
            due_on=action.due_on,
            open_milestone_targets=[
                m.target_on
                for m in action.milestones.all()
                if m.done_on is None or m.done_on > as_of
            ],
            today=as_of,
        )
        if shown.status != RagStatus.RED and not shown.is_overdue:
            continue
        item = ProposedItem(
            kind=(
                AgendaItemKind.RED_ACTION
                if shown.status == RagStatus.RED
                else AgendaItemKind.OVERDUE_ACTION
            ),
            title=_("Action %(reference)s: %(title)s")
            % {"reference": action.reference, "title": action.title},
            detail=_action_detail(action, shown, recorded, reason, set_on, as_of),
            action=action,
        )
        (red if item.kind == AgendaItemKind.RED_ACTION else overdue).append(item)
    return red + overdue


def concern_months(
    meeting: Meeting, *, previous: Meeting | None, as_of: datetime.date
) -> list[datetime.date]:
    """The complete months since the previous meeting (from the month it was held in; only
    the latest complete month if there was none), up to the meeting or ``as_of``, whichever
    is earlier. At most ``CONCERN_MONTHS_MAX``."""
    last = latest_complete_month(min(as_of, meeting.held_on))
    first = previous.held_on.replace(day=1) if previous is not None else last
    first = max(first, add_months(last, -(CONCERN_MONTHS_MAX - 1)))
    months = []
    month = first
    while month <= last:
        months.append(month)
        month = add_months(month, 1)
    return months


def _concern_lines(summary: ConcernSummary) -> dict[tuple[int, str], tuple[str, str]]:
    """For each area and strand that stood out: its title and the month's line."""
    found = {}
    for concern in summary.concerns:
        if concern.method == "seasonal":
            baseline = ngettext(
                "the same month of the previous year",
                "the same month of the previous %(years)s years",
                BASELINE_YEARS,
            ) % {"years": BASELINE_YEARS}
        else:
            baseline = _("the months just before")
        line = ngettext(
            "%(month)s: %(count)s incident against %(expected)s expected from %(baseline)s.",
            "%(month)s: %(count)s incidents against %(expected)s expected from %(baseline)s.",
            concern.count,
        ) % {
            "month": _month(summary.month),
            "count": _number(concern.count),
            "expected": _number(concern.expected),
            "baseline": baseline,
        }
        title = _("%(strand)s in %(area)s") % {
            "strand": concern.strand_name,
            "area": concern.area.name,
        }
        found[(concern.area.id, concern.strand_code)] = (title, line)
    return found


def _concern_items(months: list[datetime.date]) -> list[ProposedItem]:
    """One item per area and strand that stood out in any of ``months`` (a line for each
    month), then one per month with a county-wide trigger event; a single "nothing stood
    out" item if neither."""
    if not months:
        return []
    titles: dict[tuple[int, str], str] = {}
    lines: dict[tuple[int, str], list[str]] = {}
    triggers = []
    for month in months:
        summary = areas_of_concern(month=month)
        for key, (title, line) in _concern_lines(summary).items():
            titles.setdefault(key, title)
            lines.setdefault(key, []).append(line)
        if summary.trigger_event:
            triggers.append(
                ProposedItem(
                    kind=AgendaItemKind.AREA_OF_CONCERN,
                    title=_("Trigger event in %(month)s") % {"month": _month(month)},
                    detail=_(
                        "%(total)s incidents across the county against %(expected)s "
                        "expected, rising in %(areas)s areas. Look for a common cause, such "
                        "as a local or national event."
                    )
                    % {
                        "total": _number(summary.county_total),
                        "expected": _number(summary.county_expected),
                        "areas": _number(summary.areas_rising),
                    },
                )
            )
    items = [
        ProposedItem(
            kind=AgendaItemKind.AREA_OF_CONCERN,
            title=_("New area of concern: %(what)s") % {"what": titles[key]},
            detail="\n".join(lines[key]),
        )
        for key in titles
    ]
    items += triggers
    if items:
        return items
    period = _month(months[0])
    if len(months) > 1:
        period = _("%(first)s to %(last)s") % {"first": period, "last": _month(months[-1])}
    return [
        ProposedItem(
            kind=AgendaItemKind.AREA_OF_CONCERN,
            title=_("No new areas of concern"),
            detail=_("No area and strand stood out in %(period)s.") % {"period": period},
        )
    ]


def _issue_detail(issue: Issue, latest_note: str) -> str:
    lines = [
        _("Raised by %(organisation)s on %(date)s.")
        % {"organisation": issue.raised_by_organisation.name, "date": _day(issue.raised_on)}
    ]
    if issue.status == IssueStatus.ESCALATED and issue.escalated_on:
        lines.append(
            _("Escalated to the county action group on %(date)s.")
            % {"date": _day(issue.escalated_on)}
        )
    elif issue.status == IssueStatus.DISCUSSED:
        lines.append(_("Discussed by the group; not escalated."))
    else:
        lines.append(_("Not yet discussed by the group."))
    owner = issue.owner.full_name if issue.owner else ""
    if issue.owner_organisation and owner:
        owner = _("%(name)s, %(organisation)s") % {
            "name": owner,
            "organisation": issue.owner_organisation.name,
        }
    elif issue.owner_organisation:
        owner = issue.owner_organisation.name
    if owner:
        lines.append(_("Taken forward by %(owner)s.") % {"owner": owner})
    if latest_note:
        lines.append(_("Latest: %(note)s") % {"note": latest_note})
    return "\n".join(lines)


def _latest_decisions(issue_ids: list[int]) -> dict[int, str]:
    """Each issue's latest note said at a meeting or with a change of status (a discussion,
    an escalation); notes on owners and changed details are left out."""
    latest: dict[int, str] = {}
    previous: dict[int, str] = {}
    for event in IssueEvent.objects.filter(issue__in=issue_ids).order_by("recorded_at", "id"):
        changed = event.issue_id in previous and event.status != previous[event.issue_id]
        if event.note and (changed or event.meeting_id is not None):
            latest[event.issue_id] = event.note
        previous[event.issue_id] = event.status
    return latest


def _issue_items(strategy: Strategy) -> list[ProposedItem]:
    """Open issues and escalations, oldest first."""
    issues = list(
        Issue.objects.filter(strategy=strategy, status__in=OPEN_ISSUE_STATUSES)
        .select_related("raised_by_organisation", "owner", "owner_organisation")
        .order_by("raised_on", "id")
    )
    notes = _latest_decisions([i.pk for i in issues])
    return [
        ProposedItem(
            kind=AgendaItemKind.ESCALATION,
            title=_("%(reference)s %(title)s")
            % {"reference": issue.reference, "title": issue.title},
            detail=_issue_detail(issue, notes.get(issue.pk, "")),
            issue=issue,
        )
        for issue in issues
    ]


def _centre_items(*, today: datetime.date) -> list[ProposedItem]:
    """One item for the reporting centres needing action (not verified in time, no trained
    staff), naming each with its reasons; none when every centre is in order."""
    rows = [row for row in centres_flagged(today=today) if row.needs_action]
    if not rows:
        return []
    lines = [
        _("%(centre)s: %(reasons)s")
        % {
            "centre": row.organisation.name,
            "reasons": "; ".join(flag.text for flag in row.flags if flag.needs_action),
        }
        for row in rows
    ]
    return [
        ProposedItem(
            kind=AgendaItemKind.CENTRES,
            title=ngettext(
                "%(count)d reporting centre needs action",
                "%(count)d reporting centres need action",
                len(rows),
            )
            % {"count": len(rows)},
            detail="\n".join(lines),
        )
    ]


def agenda_proposal(
    meeting: Meeting, *, as_of: datetime.date, today: datetime.date
) -> list[ProposedItem]:
    """The items the plan puts on ``meeting``'s agenda, read as of ``as_of``: red actions,
    overdue actions, new areas of concern since the previous meeting, open issues and
    escalations, then reporting centres needing action (as they are today)."""
    strategy = meeting.strategy
    months = concern_months(meeting, previous=meeting_previous(meeting), as_of=as_of)
    return [
        *_action_items(strategy, as_of=as_of, today=today),
        *_concern_items(months),
        *_issue_items(strategy),
        # Centres as they are now: a past agenda read as of a date leaves them out.
        *(_centre_items(today=today) if as_of >= today else []),
    ]
