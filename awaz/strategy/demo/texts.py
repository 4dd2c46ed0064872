"""Fictional wording for the demo's progress updates and RAG reasons."""

from __future__ import annotations

ON_TRACK = (
    "Fictional update: work went as planned this period. The lead met the supporting "
    "partners and agreed the next steps.",
    "Fictional update: {count} sessions or meetings held since the last update, with "
    "{people} people taking part. Feedback was positive.",
    "Fictional update: materials reviewed with community members; two changes made "
    "after their comments.",
    "Fictional update: the milestone plan was checked at the partnership meeting and still holds.",
    "Fictional update: a new partner offered a venue, so the next round can start early.",
    "Fictional update: figures for the quarter collected and shared with the group.",
)
SLIPPING = (
    "Fictional update: fewer partners than expected could take part this period, so "
    "the milestone has moved.",
    "Fictional update: staff changes at the lead organisation slowed the work; a new "
    "contact is in place.",
    "Fictional update: the venue fell through and new dates are being agreed.",
)
BLOCKED = (
    "Fictional update: funding for this action is not yet confirmed, so the work is on "
    "hold. Raised with the chair.",
    "Fictional update: the information-sharing agreement is still with the partners' "
    "lawyers; nothing can start until it is signed.",
)
DONE = (
    "Fictional update: the last milestone was reached and the lead has closed the action. "
    "A short note of what was learned went to the group.",
)
STARTED = "Fictional update: work has started; the lead and supporting partners have met."

AMBER_REASONS = (
    "A milestone was missed: fewer partners were free than planned. A new date is agreed "
    "and the lead reports monthly.",
    "Staff changes slowed the work. A new contact is in place and the plan has been "
    "re-set with the supporting partners.",
)
RED_REASONS = (
    "No funding confirmed for this year, so delivery cannot start. The chair has asked the "
    "PCC's office to look at funding options.",
    "The information-sharing agreement is not signed, so the work cannot start. Escalated "
    "to the Safer Cumbria Action Group.",
)
RECOVERED = "Back on track after the delay; the missed milestone's new date is agreed."
EXPLAINED = (
    "The milestone date has passed on purpose: the measures are being aligned with the "
    "new national set due next quarter. No effect on the outcome."
)
