"""Reading meetings and the issue log (``pages``) and what an agenda should hold
(``agenda``)."""

# Re-exports only.
# ruff: noqa: F401

from awaz.strategy.selectors_meetings.agenda import (
    CONCERN_MONTHS_MAX,
    ProposedItem,
    agenda_proposal,
    concern_months,
)
from awaz.strategy.selectors_meetings.pages import (
    OPEN_FILTER,
    IssueFilters,
    MeetingsPanel,
    access_agenda_item_by_id,
    access_issue_by_id,
    access_meeting_by_id,
    issue_list,
    issue_owner_choices,
    issue_page,
    issue_raisers,
    meeting_choices,
    meeting_list,
    meeting_next,
    meeting_page,
    meeting_previous,
    meetings_panel,
)
