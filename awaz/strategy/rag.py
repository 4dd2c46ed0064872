"""RAG statuses: the status shown for an action, and the roll-up for a strand and the plan.

Every rule here is also explained on the plan page ("How the ratings work"), in the same
words, so what the chair reads is what the code does.

Overdue
    An action is overdue when one of its milestones has passed its target date without being
    done, or its due date has passed and it is not complete. It is overdue *since* the
    earliest such date. A complete action is never overdue.

The status shown for an action
    - Complete, red and amber are shown as recorded.
    - Green or not started, on an overdue action, is shown as **amber** ("amber: overdue"),
      unless the status was recorded on or after the date the action became overdue *with a
      reason*: then whoever recorded it knew about the slip and said why it is still on
      track, and their status stands.
    - Otherwise the recorded status is shown.

Roll-up (a strand from its actions; the whole plan from all its actions, so a strand with
more actions weighs more)
    1. No actions: no rating.
    2. Every action complete: complete.
    3. Of the open actions (those not complete): **red** if a quarter or more are red, or
       more than half are red or amber.
    4. Otherwise **amber** if any open action is red or amber.
    5. Otherwise **not started** if every open action is not started.
    6. Otherwise **green**.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from awaz.strategy.models import RagStatus

RED_SHARE = 0.25  # a quarter or more of open actions red: the strand is red
RED_OR_AMBER_SHARE = 0.5  # more than half red or amber: the strand is red


@dataclass(frozen=True)
class ShownStatus:
    status: RagStatus
    overdue_since: datetime.date | None  # None: not overdue
    raised: bool  # True when the overdue rule raised the recorded status to amber

    @property
    def is_overdue(self) -> bool:
        return self.overdue_since is not None


def overdue_since(
    *,
    recorded: RagStatus,
    due_on: datetime.date | None,
    open_milestone_targets: Iterable[datetime.date],
    today: datetime.date,
) -> datetime.date | None:
    """The earliest missed date (a milestone not done by its target, or the due date of an
    action not complete), or None. ``open_milestone_targets``: target dates of the
    milestones not yet done."""
    if recorded == RagStatus.COMPLETE:
        return None
    missed = [target for target in open_milestone_targets if target < today]
    if due_on is not None and due_on < today:
        missed.append(due_on)
    return min(missed) if missed else None


def shown_status(
    *,
    recorded: RagStatus,
    reason: str,
    set_on: datetime.date | None,
    due_on: datetime.date | None,
    open_milestone_targets: Iterable[datetime.date],
    today: datetime.date,
) -> ShownStatus:
    """The status shown for an action (see the module docstring)."""
    recorded = RagStatus(recorded)
    since = overdue_since(
        recorded=recorded,
        due_on=due_on,
        open_milestone_targets=open_milestone_targets,
        today=today,
    )
    if since is None or recorded not in (RagStatus.GREEN, RagStatus.NOT_STARTED):
        return ShownStatus(status=recorded, overdue_since=since, raised=False)
    if reason.strip() and set_on is not None and set_on >= since:
        return ShownStatus(status=recorded, overdue_since=since, raised=False)
    return ShownStatus(status=RagStatus.AMBER, overdue_since=since, raised=True)


def roll_up(statuses: Iterable[RagStatus | str]) -> RagStatus | None:
    """The rating of a group of actions from their shown statuses (see the module
    docstring); None for no actions."""
    counts = Counter(RagStatus(status) for status in statuses)
    total = sum(counts.values())
    if total == 0:
        return None
    open_count = total - counts[RagStatus.COMPLETE]
    if open_count == 0:
        return RagStatus.COMPLETE
    red = counts[RagStatus.RED]
    amber = counts[RagStatus.AMBER]
    if red >= RED_SHARE * open_count or (red + amber) > RED_OR_AMBER_SHARE * open_count:
        return RagStatus.RED
    if red or amber:
        return RagStatus.AMBER
    if counts[RagStatus.NOT_STARTED] == open_count:
        return RagStatus.NOT_STARTED
    return RagStatus.GREEN
