"""Forms of the reporting journey: one form per step, shared by the public journey and by
assisted recording at a reporting centre (``journey.STEPS``)."""

from awaz.reporting.forms.base import JourneyContext, StepForm, SummaryRow
from awaz.reporting.forms.journey import (
    STEP_BY_SLUG,
    STEPS,
    Step,
    answers_from_steps,
    applicable_steps,
    channel_from_steps,
    first_unanswered,
    journey_context,
    journey_steps,
    may_open,
    step_after,
    step_before,
    steps_not_applying,
)

__all__ = [
    "STEPS",
    "STEP_BY_SLUG",
    "JourneyContext",
    "Step",
    "StepForm",
    "SummaryRow",
    "answers_from_steps",
    "applicable_steps",
    "channel_from_steps",
    "first_unanswered",
    "journey_context",
    "journey_steps",
    "may_open",
    "step_after",
    "step_before",
    "steps_not_applying",
]
