"""The demo strategy: "Cumbria hate crime strategy 2025-2028" with the seed's four strands
and three objectives, about 30 actions with milestones, a year of RAG statuses and
progress updates (some with links and files), and five delivery projects.

Everything goes through the strategy services as a demo member of staff: the chair sets
up the plan and projects; each action's updates, statuses and milestones are recorded by
a caseworker or analyst of its lead organisation where the demo has one (a supporting
organisation's now and then), and by the chair otherwise. Dates are relative to today
(the year before it), so the same seed on the same day gives the same plan.
"""

from __future__ import annotations

import datetime
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from awaz.core.models import User
from awaz.partners.models import Organisation, Role
from awaz.partners.selectors import organisation_list, staff_list_all
from awaz.strategy.access import CONTRIBUTORS
from awaz.strategy.demo import content, projects, texts
from awaz.strategy.demo.pdf import demo_pdf
from awaz.strategy.models import Action, Milestone, RagStatus, Strategy
from awaz.strategy.services import (
    ActionDetails,
    ProjectDetails,
    action_create,
    milestone_add,
    milestone_done_set,
    objective_add,
    progress_update_add,
    project_create,
    rag_change_record,
    strand_add,
    strategy_create,
)

DAY = datetime.timedelta(days=1)
STARTS_ON = datetime.date(2025, 4, 1)
ENDS_ON = datetime.date(2028, 3, 31)


class DemoPartnersMissing(Exception):
    """The demo partners (``manage.py seed_demo``) are not there."""


@dataclass
class DemoStrategySummary:
    counts: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0


def demo_strategy_present() -> bool:
    """``--if-empty``: the database already has a strategy."""
    return Strategy.objects.exists()


@dataclass(frozen=True)
class _Cast:
    chair: User
    organisations: dict[str, Organisation]
    contributors: dict[int, list[User]]  # by organisation id

    def lead_voice(self, organisation: Organisation) -> User:
        staff = self.contributors.get(organisation.pk)
        return staff[0] if staff else self.chair


def _cast() -> _Cast:
    organisations = {o.name: o for o in organisation_list() if o.is_demo}
    missing = {spec.lead for spec in content.ACTIONS} - set(organisations)
    chair = (
        staff_list_all()
        .filter(role=Role.CHAIR, organisation__is_demo=True, user__is_active=True)
        .first()
    )
    if missing or chair is None:
        raise DemoPartnersMissing("run `manage.py seed_demo` first")
    contributors: dict[int, list[User]] = {}
    for membership in staff_list_all().filter(
        organisation__is_demo=True, role__in=list(CONTRIBUTORS), user__is_active=True
    ):
        contributors.setdefault(membership.organisation_id, []).append(membership.user)
    return _Cast(chair=chair.user, organisations=organisations, contributors=contributors)


class _Story:
    """One action's year: its milestones, statuses and updates, recorded as they happened."""

    def __init__(
        self,
        *,
        action: Action,
        spec: content.ActionSpec,
        cast: _Cast,
        rng: random.Random,
        today: datetime.date,
        window_start: datetime.date,
        summary: DemoStrategySummary,
    ) -> None:
        self.action = action
        self.spec = spec
        self.cast = cast
        self.rng = rng
        self.today = today
        self.window_start = window_start
        self.summary = summary
        self.lead = cast.lead_voice(action.lead_organisation)
        self.supporters = [
            user
            for org in spec.supporting
            for user in cast.contributors.get(cast.organisations[org].pk, [])[:1]
        ]
        # Who writes an update has its own generator, so the plan's dates and statuses do
        # not depend on which demo staff exist (the case demo adds some).
        self.voices = random.Random(rng.random())

    # Recording -------------------------------------------------------------------------

    def milestone(self, title: str, target: datetime.date) -> Milestone:
        self.summary.counts["milestones"] += 1
        return milestone_add(
            action=self.action, title=title, target_on=target, actor=self.cast.chair
        )

    def reached(self, milestone: Milestone, on: datetime.date) -> None:
        on = min(max(on, self.action.starts_on or STARTS_ON, STARTS_ON), self.today)
        milestone_done_set(milestone_id=milestone.pk, done_on=on, actor=self.lead)
        self.summary.counts["milestones_reached"] += 1

    def status(self, status: RagStatus, on: datetime.date, reason: str = "") -> None:
        on = min(max(on, STARTS_ON), self.today)
        rag_change_record(
            action=self.action, rag_status=status, reason=reason, effective_on=on, actor=self.lead
        )
        self.summary.counts["rag_changes"] += 1

    def update(self, on: datetime.date, text: str) -> None:
        n = self.summary.counts["updates"]
        links: list[str] = []
        files: list[Any] = []
        if n % 3 == 1:
            links.append(f"https://example.org/awaz-demo/plan/{self.action.reference}/{n}")
        if n % 11 == 5:
            lines = [
                "Fictional evidence (demo)",
                f"Action {self.action.reference}: {self.action.title[:60]}",
                f"Attendance and notes, {on:%d %B %Y}",
            ]
            files.append(
                SimpleUploadedFile(
                    f"evidence-{self.action.reference}-{on:%Y-%m-%d}.pdf",
                    demo_pdf(lines),
                    content_type="application/pdf",
                )
            )
        author = self.lead
        if self.supporters and self.voices.random() < 0.2:
            author = self.voices.choice(self.supporters)
        progress_update_add(
            action=self.action,
            update_on=on,
            text=text.format(count=self.rng.randint(2, 9), people=self.rng.randint(15, 240)),
            links=links,
            attachments=files,
            actor=author,
        )
        self.summary.counts["updates"] += 1
        self.summary.counts["links"] += len(links)
        self.summary.counts["files"] += len(files)

    def updates(self, start: datetime.date, end: datetime.date, pool: tuple[str, ...]) -> None:
        """Updates every five to nine weeks from ``start`` to ``end``."""
        on = max(start, self.window_start) + self.rng.randint(7, 30) * DAY
        while on <= min(end, self.today):
            self.update(on, self.rng.choice(pool))
            on += self.rng.randint(35, 63) * DAY

    # The stories -------------------------------------------------------------------------

    def run(self) -> None:
        story = self.spec.story
        if story == content.NOT_STARTED:
            start = self.action.starts_on or self.today
            for k, title in enumerate(self.spec.milestones):
                self.milestone(title, start + (90 * (k + 1)) * DAY)
            return
        start = self.action.starts_on or STARTS_ON
        self.status(RagStatus.GREEN, start + 14 * DAY)
        if story == content.COMPLETE:
            self._complete(start)
        elif story == content.GREEN:
            self._green(start)
        else:
            self._slipped(start, story)

    def _past_targets(self, count: int, end: datetime.date) -> list[datetime.date]:
        first = self.window_start + 30 * DAY
        span = max((end - first).days, count)
        return [first + (span * (k + 1) // (count + 1)) * DAY for k in range(count)]

    def _complete(self, start: datetime.date) -> None:
        due = self.action.due_on or self.today
        targets = self._past_targets(len(self.spec.milestones), due)
        for title, target in zip(self.spec.milestones, targets, strict=True):
            self.reached(self.milestone(title, target), target - self.rng.randint(0, 10) * DAY)
        self.updates(start, due - 5 * DAY, texts.ON_TRACK)
        self.update(due, texts.DONE[0])
        self.status(RagStatus.COMPLETE, due)

    def _green(self, start: datetime.date) -> None:
        *past, last = self.spec.milestones
        for title, target in zip(
            past, self._past_targets(len(past), self.today - 20 * DAY), strict=True
        ):
            self.reached(self.milestone(title, target), target - self.rng.randint(0, 7) * DAY)
        self.milestone(last, self.today + self.rng.randint(30, 200) * DAY)
        self.updates(start, self.today, texts.ON_TRACK)
        if self.action.number % 3 == 0:  # an amber spell, since resolved
            dip = self.window_start + self.rng.randint(60, 150) * DAY
            self.status(RagStatus.AMBER, dip, self.rng.choice(texts.AMBER_REASONS))
            self.status(RagStatus.GREEN, dip + self.rng.randint(30, 60) * DAY, texts.RECOVERED)

    def _slipped(self, start: datetime.date, story: str) -> None:
        first, missed, *later = self.spec.milestones
        overdue_days = {
            content.AMBER: (45, 90),
            content.RED: (120, 200),
            content.SLIPPED: (10, 40),
            content.EXPLAINED: (30, 60),
        }[story]
        missed_on = self.today - self.rng.randint(*overdue_days) * DAY
        first_on = missed_on - self.rng.randint(60, 120) * DAY
        self.reached(self.milestone(first, first_on), first_on + self.rng.randint(0, 10) * DAY)
        self.milestone(missed, missed_on)
        for k, title in enumerate(later):
            self.milestone(title, self.today + (90 + 120 * k) * DAY)
        self.updates(start, missed_on, texts.ON_TRACK)
        if story == content.AMBER:
            self.status(RagStatus.AMBER, missed_on + 7 * DAY, self.rng.choice(texts.AMBER_REASONS))
            self.updates(missed_on, self.today, texts.SLIPPING)
        elif story == content.RED:
            self.status(RagStatus.AMBER, missed_on + 7 * DAY, self.rng.choice(texts.AMBER_REASONS))
            self.status(RagStatus.RED, missed_on + 60 * DAY, self.rng.choice(texts.RED_REASONS))
            self.updates(missed_on, self.today, texts.BLOCKED)
        elif story == content.EXPLAINED:
            self.status(RagStatus.GREEN, missed_on + 10 * DAY, texts.EXPLAINED)
            self.updates(missed_on, self.today, texts.ON_TRACK)
        else:  # slipped: nobody has recorded a new status yet
            self.updates(missed_on, self.today, texts.SLIPPING)


def _action_dates(
    spec: content.ActionSpec, rng: random.Random, today: datetime.date
) -> tuple[datetime.date, datetime.date]:
    if spec.story == content.NOT_STARTED:
        starts = today + rng.randint(60, 150) * DAY
        return starts, max(min(starts + 365 * DAY, ENDS_ON), starts)
    starts = STARTS_ON + rng.randint(0, 90) * DAY
    if spec.story == content.COMPLETE:
        return starts, max(today - rng.randint(20, 120) * DAY, starts)
    return starts, max(min(today + rng.randint(150, 500) * DAY, ENDS_ON), starts)


def demo_strategy_seed(
    *,
    seed: int = 42,
    today: datetime.date | None = None,
    progress: Callable[[str], None] | None = None,
) -> DemoStrategySummary:
    """Create the demo strategy (see the module docstring). ``DemoPartnersMissing`` if the
    demo partners are not there."""
    started = time.monotonic()
    today = today or timezone.localdate()
    say = progress or (lambda _message: None)
    rng = random.Random(seed)
    cast = _cast()
    chair = cast.chair
    summary = DemoStrategySummary()

    say(f"Strategy: {content.NAME}, its strands and objectives")
    strategy = strategy_create(
        name=content.NAME,
        starts_on=STARTS_ON,
        ends_on=ENDS_ON,
        summary=content.SUMMARY,
        is_demo=True,
        actor=chair,
    )
    strands = {
        number: strand_add(strategy=strategy, number=number, title=title, focus=focus, actor=chair)
        for number, title, focus in content.STRANDS
    }
    objectives = {
        number: objective_add(strategy=strategy, number=number, text=text, actor=chair)
        for number, text in enumerate(content.OBJECTIVES, start=1)
    }

    say(f"Actions: {len(content.ACTIONS)}, with a year of statuses and progress updates")
    window_start = max(STARTS_ON, today - 365 * DAY)
    actions: dict[str, Action] = {}
    for spec in content.ACTIONS:
        starts_on, due_on = _action_dates(spec, rng, today)
        action = action_create(
            details=ActionDetails(
                strand=strands[spec.strand],
                title=spec.title,
                lead_organisation=cast.organisations[spec.lead],
                supporting_organisations=tuple(cast.organisations[o] for o in spec.supporting),
                objectives=tuple(objectives[n] for n in spec.objectives),
                starts_on=starts_on,
                due_on=due_on,
            ),
            actor=chair,
        )
        actions[spec.title] = action
        _Story(
            action=action,
            spec=spec,
            cast=cast,
            rng=rng,
            today=today,
            window_start=window_start,
            summary=summary,
        ).run()
        summary.counts["actions"] += 1

    say(f"Delivery projects: {len(projects.PROJECTS)}")
    for project in projects.PROJECTS:
        starts = today - project.start_days * DAY
        project_create(
            strategy=strategy,
            details=ProjectDetails(
                name=project.name,
                lead_organisation=cast.organisations[project.lead],
                status=project.status,
                plan=project.plan,
                partners=tuple(cast.organisations[o] for o in project.partners),
                actions=tuple(actions[title] for title in project.actions),
                starts_on=starts,
                ends_on=starts + project.length_days * DAY,
                budget=project.budget,
                sessions_held=project.sessions,
                people_reached=project.people,
                outcomes=project.outcomes,
            ),
            actor=chair,
        )
        summary.counts["projects"] += 1
    summary.seconds = time.monotonic() - started
    return summary
