"""The RAG rules (``awaz.strategy.rag``) on hand-made cases: overdue, the status shown for
an action, and the roll-up for a strand or the plan."""

from __future__ import annotations

import datetime

import pytest

from awaz.strategy.models import RagStatus
from awaz.strategy.rag import overdue_since, roll_up, shown_status

R, A, G, C, N = (
    RagStatus.RED,
    RagStatus.AMBER,
    RagStatus.GREEN,
    RagStatus.COMPLETE,
    RagStatus.NOT_STARTED,
)
TODAY = datetime.date(2026, 6, 15)
DAY = datetime.timedelta(days=1)


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        ([], None),  # no actions: no rating
        ([C, C], C),  # everything complete
        ([G, G, G], G),
        ([G, C, C], G),  # complete actions are left out of the shares
        ([N, N], N),  # nothing started yet
        ([N, G], G),
        ([N, C], N),
        ([A, G, G, G, G], A),  # one amber in five: amber
        ([R, G, G, G, G], A),  # one red in five (20%): amber
        ([R, G, G, G], R),  # one red in four (25%): red
        ([R, G, G, G, C, C], R),  # 25% of the open actions, not of all six
        ([A, A, G], R),  # more than half red or amber: red
        ([A, A, G, G], A),  # exactly half: amber
        ([A, G], A),
        ([A, A, G, G, G], A),  # 40% amber: amber
        ([R, A, G, G, G, G, G], A),  # 1 red (14%), 2 of 7 red or amber (29%): amber
        ([R, A, A, G, G, G, G, G], A),  # 3 of 8 (37.5%): amber
        ([R, A, A, A, G, G, G, G], A),  # 4 of 8 (50%): amber
        ([R, A, A, A, A, G, G, G], R),  # 5 of 8: red
        ([A, C, C, C], R),  # the only open action is amber: all of the open ones
        (["red", "green", "green", "green", "green"], A),  # plain strings too
    ],
)
def test_roll_up(statuses: list[RagStatus], expected: RagStatus | None) -> None:
    assert roll_up(statuses) == expected


def test_overdue_from_the_earliest_missed_date() -> None:
    targets = [TODAY - 30 * DAY, TODAY - 5 * DAY, TODAY + 10 * DAY]
    since = overdue_since(recorded=G, due_on=None, open_milestone_targets=targets, today=TODAY)
    assert since == TODAY - 30 * DAY


def test_overdue_by_due_date_and_never_when_complete() -> None:
    past_due = TODAY - DAY
    assert overdue_since(recorded=G, due_on=past_due, open_milestone_targets=[], today=TODAY) == (
        past_due
    )
    assert (
        overdue_since(recorded=C, due_on=past_due, open_milestone_targets=[past_due], today=TODAY)
        is None
    )


def test_a_target_of_today_is_not_yet_overdue() -> None:
    assert overdue_since(recorded=G, due_on=TODAY, open_milestone_targets=[TODAY], today=TODAY) is (
        None
    )


def _shown(
    recorded: RagStatus,
    *,
    reason: str = "",
    set_on: datetime.date | None = None,
    targets: list[datetime.date] | None = None,
):
    return shown_status(
        recorded=recorded,
        reason=reason,
        set_on=set_on,
        due_on=None,
        open_milestone_targets=targets or [],
        today=TODAY,
    )


def test_green_with_an_overdue_milestone_is_shown_amber() -> None:
    shown = _shown(G, set_on=TODAY - 90 * DAY, targets=[TODAY - 10 * DAY])
    assert (shown.status, shown.raised, shown.overdue_since) == (A, True, TODAY - 10 * DAY)


def test_not_started_with_an_overdue_milestone_is_shown_amber() -> None:
    shown = _shown(N, targets=[TODAY - DAY])
    assert (shown.status, shown.raised) == (A, True)


def test_green_recorded_after_the_slip_with_a_reason_stands() -> None:
    shown = _shown(G, reason="Moved on purpose", set_on=TODAY - 5 * DAY, targets=[TODAY - 10 * DAY])
    assert (shown.status, shown.raised, shown.is_overdue) == (G, False, True)


def test_green_recorded_on_the_day_it_slipped_with_a_reason_stands() -> None:
    shown = _shown(G, reason="Known", set_on=TODAY - 10 * DAY, targets=[TODAY - 10 * DAY])
    assert shown.status == G


def test_green_recorded_after_the_slip_without_a_reason_is_raised() -> None:
    shown = _shown(G, reason="  ", set_on=TODAY - 5 * DAY, targets=[TODAY - 10 * DAY])
    assert (shown.status, shown.raised) == (A, True)


def test_green_with_a_reason_given_before_the_slip_is_raised() -> None:
    shown = _shown(G, reason="Fine then", set_on=TODAY - 20 * DAY, targets=[TODAY - 10 * DAY])
    assert (shown.status, shown.raised) == (A, True)


@pytest.mark.parametrize("recorded", [R, A])
def test_red_and_amber_are_shown_as_recorded_even_when_overdue(recorded: RagStatus) -> None:
    shown = _shown(recorded, reason="Why", set_on=TODAY - 90 * DAY, targets=[TODAY - 10 * DAY])
    assert (shown.status, shown.raised, shown.is_overdue) == (recorded, False, True)


def test_complete_is_never_overdue() -> None:
    shown = _shown(C, set_on=TODAY - 90 * DAY, targets=[TODAY - 10 * DAY])
    assert (shown.status, shown.is_overdue) == (C, False)


def test_nothing_overdue_shows_the_recorded_status() -> None:
    shown = _shown(G, targets=[TODAY + DAY])
    assert (shown.status, shown.raised, shown.is_overdue) == (G, False, False)
