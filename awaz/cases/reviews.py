"""Reading risk assessments and ASB case reviews ("community trigger"), with the review's
clocks derived from its dates (no clock rows).

A case review's clocks all start when the review was requested: acknowledge within
``review_acknowledge_working_days`` (default 10), decide whether the threshold is met within
``review_decide_working_days`` (15), hold the review meeting within
``review_meet_working_days`` (20), from the time-limit set in force on the day of the request.
Deadlines fall at the end of a working day, Europe/London, skipping weekends and English
bank holidays (``awaz.cases.workdays``, ``awaz.cases.clocks``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from awaz.cases import workdays
from awaz.cases.clocks import STATE_LABELS, ClockState, at_risk_horizon, holidays_from
from awaz.cases.models import Case, CaseReview, CaseReviewStatus, RiskAssessment
from awaz.cases.repeats import case_review_count, time_limits_in_force

OPEN_REVIEW_STATUSES = (
    CaseReviewStatus.REQUESTED,
    CaseReviewStatus.ACKNOWLEDGED,
    CaseReviewStatus.THRESHOLD_DECIDED,
)

STEP_ACKNOWLEDGE = "acknowledge"
STEP_DECIDE = "decide"
STEP_MEET = "meet"
STEP_LABELS: dict[str, Promise] = {
    STEP_ACKNOWLEDGE: _("Acknowledge the request"),
    STEP_DECIDE: _("Decide whether the threshold is met"),
    STEP_MEET: _("Hold the review meeting"),
}


# Risk assessments ----------------------------------------------------------------------


def risk_history(*, case: Case) -> list[RiskAssessment]:
    """Every assessment of the case, newest (the one in force) first, with the assessor."""
    return list(
        RiskAssessment.objects.filter(case=case)
        .select_related("assessed_by")
        .order_by("-assessed_at", "-id")
    )


def risk_in_force(*, case: Case) -> RiskAssessment | None:
    return RiskAssessment.objects.filter(case=case).order_by("-assessed_at", "-id").first()


# ASB case reviews ----------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewClock:
    """One case review time limit: due at the end of a working day; ``done_at`` when the
    step happened; ``state`` running, due soon, met, breached or ended (not needed)."""

    step: str
    label: Promise
    due_at: datetime.datetime
    done_at: datetime.datetime | None
    state: ClockState

    @property
    def state_label(self) -> Promise:
        return STATE_LABELS[self.state]


def _state(
    *,
    due_at: datetime.datetime,
    done_at: datetime.datetime | None,
    now: datetime.datetime,
    horizon: datetime.datetime,
) -> ClockState:
    if done_at is not None:
        return ClockState.BREACHED if done_at > due_at else ClockState.MET
    if now > due_at:
        return ClockState.BREACHED
    return ClockState.AT_RISK if due_at <= horizon else ClockState.RUNNING


def case_review_clocks(
    review: CaseReview, *, now: datetime.datetime | None = None
) -> list[ReviewClock]:
    """The review's three clocks, in order. The meeting clock ends (not needed) when the
    threshold was decided not met; a closed review stops every clock still running."""
    moment = now or timezone.now()
    start = review.requested_at
    limits = time_limits_in_force(on=workdays.local_date(start))
    holidays = holidays_from(workdays.local_date(start), now=moment)
    horizon = at_risk_horizon(moment)
    steps = [
        (STEP_ACKNOWLEDGE, limits.review_acknowledge_working_days, review.acknowledged_at),
        (STEP_DECIDE, limits.review_decide_working_days, review.decided_at),
        (STEP_MEET, limits.review_meet_working_days, review.met_at),
    ]
    clocks = []
    for step, days, done_at in steps:
        due_at = workdays.add_working_days(start, days, holidays=holidays)
        not_needed = step == STEP_MEET and review.threshold_met is False
        if not_needed or (done_at is None and review.status == CaseReviewStatus.CLOSED):
            state = ClockState.ENDED
        else:
            state = _state(due_at=due_at, done_at=done_at, now=moment, horizon=horizon)
        clocks.append(
            ReviewClock(
                step=step, label=STEP_LABELS[step], due_at=due_at, done_at=done_at, state=state
            )
        )
    return clocks


def case_review_open(*, case: Case) -> CaseReview | None:
    """The case's review in progress, if any."""
    return (
        CaseReview.objects.filter(case=case, status__in=OPEN_REVIEW_STATUSES)
        .order_by("-requested_at", "-id")
        .first()
    )


def case_reviews_for_case(*, case: Case) -> list[CaseReview]:
    return list(
        CaseReview.objects.filter(case=case)
        .select_related("requested_by")
        .order_by("-requested_at", "-id")
    )


@dataclass(frozen=True)
class CaseReviewSummary:
    """What the case page shows: whether the victim meets the threshold (with the count and
    the rule in force), the review in progress and its clocks, and earlier reviews."""

    eligible: bool
    incidents: int
    threshold: int
    months: int
    current: CaseReview | None
    clocks: list[ReviewClock]
    reviews: list[CaseReview]


def case_review_summary(*, case: Case, now: datetime.datetime | None = None) -> CaseReviewSummary:
    count, threshold, months = case_review_count(case, now=now)
    reviews = case_reviews_for_case(case=case)
    current = next((r for r in reviews if r.status in OPEN_REVIEW_STATUSES), None)
    return CaseReviewSummary(
        eligible=count >= threshold,
        incidents=count,
        threshold=threshold,
        months=months,
        current=current,
        clocks=case_review_clocks(current, now=now) if current is not None else [],
        reviews=reviews,
    )
