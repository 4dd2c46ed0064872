"""The demo's meetings and issue log, through the strategy services: three meetings of the
group in the year before today, each with its agenda (built from the plan as it stood a week
before), other business, minutes and one action arising (a new plan action, on track); a
next meeting about two weeks ahead with its agenda built; and six issues raised by
community safety partnerships and agencies in varied states: one resolved after escalation
to the county action group, two still escalated, one discussed, one closed, one open.

The story is played in order (issues raised, agendas built, discussions, escalations), so
each agenda shows the issues as they stood before its meeting. Minutes name roles, never
people; everything is fictional. Dates are relative to today.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

from awaz.core.models import User
from awaz.partners.models import Organisation, Role
from awaz.partners.selectors import organisation_list, staff_list_all
from awaz.strategy.access import CONTRIBUTORS
from awaz.strategy.demo.content import NAME, POLICE, SUPPORT, WESTMORLAND
from awaz.strategy.demo.meetings_content import (
    ISSUES,
    LOCATION,
    MEETINGS,
    NEXT_MEETING,
    ArisingSpec,
    MeetingSpec,
)
from awaz.strategy.models import Issue, IssueStatus, Meeting, RagStatus, Strategy
from awaz.strategy.services import (
    ActionDetails,
    milestone_add,
    milestone_done_set,
    rag_change_record,
)
from awaz.strategy.services.issues import (
    IssueDetails,
    issue_conclude,
    issue_discuss,
    issue_escalate,
    issue_owner_set,
    issue_raise,
)
from awaz.strategy.services.meetings import (
    agenda_item_add,
    meeting_action_arising_add,
    meeting_agenda_build,
    meeting_create,
    meeting_minutes_record,
)

DAY = datetime.timedelta(days=1)


@dataclass
class _Cast:
    chair: User
    organisations: dict[str, Organisation]
    contributors: dict[int, User]  # a contributor by organisation id

    def voice(self, organisation: Organisation) -> User:
        return self.contributors.get(organisation.pk, self.chair)


def _cast() -> _Cast | None:
    chair = (
        staff_list_all()
        .filter(role=Role.CHAIR, organisation__is_demo=True, user__is_active=True)
        .order_by("pk")
        .first()
    )
    if chair is None:
        return None
    contributors: dict[int, User] = {}
    for membership in staff_list_all().filter(
        organisation__is_demo=True, role__in=list(CONTRIBUTORS), user__is_active=True
    ):
        contributors.setdefault(membership.organisation_id, membership.user)
    organisations = {o.name: o for o in organisation_list() if o.is_demo}
    return _Cast(chair=chair.user, organisations=organisations, contributors=contributors)


class _Story:
    def __init__(self, *, strategy: Strategy, cast: _Cast, today: datetime.date) -> None:
        self.strategy = strategy
        self.cast = cast
        self.today = today
        self.issues: dict[str, Issue] = {}
        self.counts: Counter[str] = Counter()

    def raise_due(self, before: datetime.date) -> None:
        """Raise the issues raised before ``before`` that are not raised yet."""
        for spec in sorted(ISSUES, key=lambda spec: -spec.raised_days):
            raised_on = self.today - spec.raised_days * DAY
            if spec.key in self.issues or raised_on >= before:
                continue
            organisation = self.cast.organisations[spec.raised_by]
            self.issues[spec.key] = issue_raise(
                strategy=self.strategy,
                details=IssueDetails(
                    title=spec.title,
                    description=spec.description,
                    raised_by_organisation=organisation,
                    raised_on=raised_on,
                ),
                actor=self.cast.voice(organisation),
            )
            self.counts["issues"] += 1

    def meeting(self, spec: MeetingSpec) -> Meeting:
        chair = self.cast.chair
        held_on = self.today - spec.days * DAY
        self.raise_due(held_on)
        meeting = meeting_create(
            strategy=self.strategy,
            title=spec.title,
            held_on=held_on,
            location=LOCATION,
            actor=chair,
        )
        for title, detail in spec.other_business:
            agenda_item_add(meeting=meeting, title=title, detail=detail, actor=chair)
        as_of = min(held_on - 7 * DAY, self.today) if held_on < self.today else None
        items = meeting_agenda_build(meeting=meeting, actor=chair, as_of=as_of)
        self.counts["meetings"] += 1
        self.counts["agenda_items"] += len(items)
        if held_on >= self.today:
            return meeting
        for key, note in spec.discussed:
            issue_discuss(issue=self.issues[key], note=note, meeting=meeting, actor=chair)
        meeting_minutes_record(meeting=meeting, minutes=spec.minutes, actor=chair)
        if spec.arising is not None:
            self.arising(meeting, spec.arising)
        for key, step, days, note in spec.after:
            self.after(self.issues[key], step, held_on + days * DAY, note)
        return meeting

    def arising(self, meeting: Meeting, spec: ArisingSpec) -> None:
        chair = self.cast.chair
        organisations = self.cast.organisations
        starts = meeting.held_on + 7 * DAY
        action = meeting_action_arising_add(
            meeting=meeting,
            details=ActionDetails(
                strand=self.strategy.strands.get(number=spec.strand),
                title=spec.title,
                lead_organisation=organisations[spec.lead],
                supporting_organisations=tuple(organisations[o] for o in spec.supporting),
                starts_on=starts,
                due_on=starts + 365 * DAY,
            ),
            actor=chair,
        )
        first, second = spec.milestones
        reached_on = min(starts + 60 * DAY, self.today)
        milestone = milestone_add(
            action=action, title=first, target_on=starts + 75 * DAY, actor=chair
        )
        if reached_on < self.today - 7 * DAY:
            milestone_done_set(milestone_id=milestone.pk, done_on=reached_on, actor=chair)
        milestone_add(action=action, title=second, target_on=starts + 300 * DAY, actor=chair)
        rag_change_record(
            action=action,
            rag_status=RagStatus.GREEN,
            reason="",
            effective_on=min(starts + 14 * DAY, self.today),
            actor=chair,
        )
        self.counts["actions_arising"] += 1

    def after(self, issue: Issue, step: str, on: datetime.date, note: str) -> None:
        chair = self.cast.chair
        on = min(on, self.today)
        if step == "escalate":
            issue_escalate(issue=issue, escalated_on=on, note=note, actor=chair)
        else:
            outcome = IssueStatus.RESOLVED if step == "resolve" else IssueStatus.CLOSED
            issue_conclude(issue=issue, outcome=outcome, resolution=note, ended_on=on, actor=chair)

    def owners(self) -> None:
        """Who takes the open issues forward."""
        organisations = self.cast.organisations
        for key, organisation in (
            ("football", POLICE),
            ("rural", WESTMORLAND),
            ("waiting", SUPPORT),
            ("interpreting", SUPPORT),
        ):
            org = organisations[organisation]
            contributor = self.cast.contributors.get(org.pk)
            issue_owner_set(
                issue=self.issues[key],
                owner=contributor,
                owner_organisation=org,
                actor=self.cast.chair,
            )


def demo_meetings_seed(
    *,
    today: datetime.date | None = None,
    progress: Callable[[str], None] | None = None,
) -> Counter[str]:
    """Add the demo meetings and issue log to the demo strategy (made by
    ``demo_strategy_seed``). Does nothing (an empty count) when there is no demo strategy or
    it has meetings already, so it can run again safely."""
    today = today or timezone.localdate()
    strategy = Strategy.objects.filter(name=NAME, is_demo=True).first()
    cast = _cast()
    if strategy is None or cast is None or Meeting.objects.filter(strategy=strategy).exists():
        return Counter()
    say = progress or (lambda _message: None)
    say(
        f"Meetings: {len(MEETINGS)} held, with minutes and actions arising, and the next; "
        f"issue log: {len(ISSUES)} issues"
    )
    story = _Story(strategy=strategy, cast=cast, today=today)
    for spec in MEETINGS:
        story.meeting(spec)
    story.raise_due(today + DAY)
    story.owners()
    story.meeting(NEXT_MEETING)
    return story.counts
