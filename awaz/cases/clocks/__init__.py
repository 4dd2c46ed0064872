"""Victims' Code and local-standard clocks, DERIVED from each case's data (no clock rows).

Police-recorded crime (a classification with ``victims_code_applies``) runs the Code's duties
from when the police received the crime (``Case.police_received_at``; the case's opening
when that is not recorded):

- ``support_referral``: refer to victim support within N working days. Stopped by the first
  referral (not withdrawn) to an organisation of kind victim support, or when the lead
  organisation is itself victim support (at the start); not needed when the victim opted
  out (``Case.support_opt_out``).
- ``key_decision``: each key decision (a ``DECISION`` event, details ``{"decision": ...}``)
  told within 1 working day for enhanced-rights victims, 5 for others (a decision not to
  investigate, ``"not_investigated"``: its own limit). Stopped by a ``VICTIM_INFORMED``
  event with details ``{"decision_event_id": <the decision event's id>}``.
- ``update``: the victim is updated at least every ``update_interval_days`` until closure.
  Each contact, message to the reporter, shared note or "victim told" event stops one
  interval and starts the next.

Every other case runs the partnership's local standard:

- ``first_contact``: first contact (a ``CONTACT`` or ``MESSAGE_TO_REPORTER`` event) within
  N working days of the case opening, only where the primary report's consent allows
  contact by the receiving organisation.

Limits come from the ``TimeLimitSet`` in force on the day each clock starts. Deadlines fall
at the end of a working day, Europe/London (``awaz.cases.workdays``). A clock still running
when the case closes ends there (breached if it was already late).

``clocks_for_cases`` works on cases fetched through ``with_clock_data`` in a fixed number of
queries, however many cases there are.
"""

from awaz.cases.clocks.compute import (
    CLOCK_EVENT_KINDS,
    case_clocks,
    clocks_for_cases,
    contact_allowed_report_ids,
    victims_code_applies,
    with_clock_data,
)
from awaz.cases.clocks.limits import (
    at_risk_horizon,
    england_bank_holidays,
    holidays_from,
    limits_in,
    time_limit_sets,
    time_limits_on,
)
from awaz.cases.clocks.types import (
    CLOCK_LABELS,
    NO_INVESTIGATION,
    STATE_LABELS,
    STOP_LABELS,
    Clock,
    ClockKind,
    ClockState,
    StopReason,
)

__all__ = [
    "CLOCK_EVENT_KINDS",
    "CLOCK_LABELS",
    "NO_INVESTIGATION",
    "STATE_LABELS",
    "STOP_LABELS",
    "Clock",
    "ClockKind",
    "ClockState",
    "StopReason",
    "at_risk_horizon",
    "case_clocks",
    "clocks_for_cases",
    "contact_allowed_report_ids",
    "england_bank_holidays",
    "holidays_from",
    "limits_in",
    "time_limit_sets",
    "time_limits_on",
    "victims_code_applies",
    "with_clock_data",
]
