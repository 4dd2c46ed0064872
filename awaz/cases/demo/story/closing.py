"""The last steps of a demo case: notes, tasks, the outcome and the satisfaction survey."""

from __future__ import annotations

import datetime
import random

from awaz.cases.demo import texts
from awaz.cases.demo.story.base import StoryBase
from awaz.cases.demo.story.plan import DAY, HOUR, PARTNER_OUTCOMES, POLICE_OUTCOMES
from awaz.cases.models import CaseOutcome
from awaz.cases.services import (
    case_close,
    case_note_add,
    satisfaction_answer,
    task_complete,
    task_create,
)
from awaz.cases.services.outcome import satisfaction_for_report


def _pick(rng: random.Random, weights: dict[CaseOutcome, int]) -> CaseOutcome:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


class ClosingSteps(StoryBase):
    """Notes, tasks, closing and the satisfaction survey."""

    def notes(self, start: datetime.datetime) -> None:
        if self.rng.random() < (0.4 if self.recent else 0.15):
            at = self.after(3, 120, start=start)
            if self.fits(at):
                case_note_add(
                    case=self.case,
                    text=self.rng.choice(texts.PRIVATE_NOTES),
                    actor=self.user,
                    at=at,
                )
                self.ctx.stats["notes"] += 1
        if self.contact_ok and self.rng.random() < (0.25 if self.recent else 0.1):
            at = self.after(5, 150, start=start)
            if self.fits(at):
                case_note_add(
                    case=self.case,
                    text=self.rng.choice(texts.SHARED_NOTES),
                    actor=self.user,
                    shared_with_reporter=True,
                    at=at,
                )
                self.ctx.stats["notes_shared"] += 1

    def tasks(self, start: datetime.datetime) -> None:
        """Recent cases: a task done and one to do (a few overdue); older ones now and then
        a task done."""
        count = self.rng.randint(1, 2) if self.recent else int(self.rng.random() < 0.25)
        for _ in range(count):
            created = self.after(1, 48, start=start)
            if not self.fits(created):
                return
            title, notes = self.rng.choice(texts.TASKS)
            due = (created + self.rng.randint(2, 10) * DAY).date()
            done = created + self.rng.uniform(4, 200) * HOUR
            finished = self.plan.close_at is not None or not self.recent
            if finished and not self.fits(done):
                continue  # a closed case's tasks were all done before it closed
            task = task_create(
                title=title,
                due_on=due,
                case=self.case,
                assignee_user=self.user,
                notes=notes,
                actor=self.user,
                at=created,
            )
            self.ctx.stats["tasks"] += 1
            if self.fits(done) and (finished or self.rng.random() < 0.55):
                task_complete(task_id=task.pk, actor=self.user, at=done)
                self.ctx.stats["tasks_done"] += 1
            elif due < self.ctx.now.date():
                self.ctx.stats["tasks_overdue"] += 1

    def close(self) -> None:
        close_at = self.plan.close_at
        if close_at is None:
            return
        outcomes = POLICE_OUTCOMES if self.plan.police else PARTNER_OUTCOMES
        case_close(case=self.case, outcome=_pick(self.rng, outcomes), actor=self.user, at=close_at)
        self.ctx.stats["closed"] += 1
        survey = satisfaction_for_report(report=self.primary)
        answered = close_at + self.rng.uniform(6, 240) * HOUR
        if survey is not None and answered < self.ctx.now and self.rng.random() < 0.4:
            overall = self.rng.choices([1, 2, 3, 4, 5], weights=[4, 6, 15, 40, 35])[0]
            satisfaction_answer(
                report=self.primary,
                overall=overall,
                felt_listened_to=min(5, max(1, overall + self.rng.choice([-1, 0, 0, 1]))),
                would_report_again=overall >= 3 or self.rng.random() < 0.3,
                at=answered,
            )
            self.ctx.stats["satisfaction_answers"] += 1
