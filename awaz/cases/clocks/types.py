"""What a clock is: its kind, state, why it stopped, and the ``Clock`` record."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

# The decision code (``DECISION`` event details) with its own limit under the Code.
NO_INVESTIGATION = "not_investigated"  # services.case.KeyDecision.NOT_INVESTIGATED


class ClockKind(StrEnum):
    SUPPORT_REFERRAL = "support_referral"
    KEY_DECISION = "key_decision"
    UPDATE = "update"
    FIRST_CONTACT = "first_contact"


CLOCK_LABELS: dict[str, Promise] = {
    ClockKind.SUPPORT_REFERRAL: _("Refer to victim support"),
    ClockKind.KEY_DECISION: _("Tell the victim of a key decision"),
    ClockKind.UPDATE: _("Update the victim"),
    ClockKind.FIRST_CONTACT: _("First contact (local standard)"),
}


class ClockState(StrEnum):
    RUNNING = "running"
    AT_RISK = "at_risk"  # running, and due by the end of the next working day
    MET = "met"
    BREACHED = "breached"  # stopped late, or still running past its deadline
    ENDED = "ended"  # not needed any more (opted out, or the case closed in time)


STATE_LABELS: dict[str, Promise] = {
    ClockState.RUNNING: _("Running"),
    ClockState.AT_RISK: _("Due soon"),
    ClockState.MET: _("Met"),
    ClockState.BREACHED: _("Breached"),
    ClockState.ENDED: _("Ended"),
}


class StopReason(StrEnum):
    NONE = ""
    REFERRAL = "referral"
    LEAD_IS_SUPPORT = "lead_is_support"
    OPT_OUT = "opt_out"
    INFORMED = "informed"
    UPDATE = "update"
    CONTACT = "contact"
    CASE_CLOSED = "case_closed"


STOP_LABELS: dict[str, Promise] = {
    StopReason.REFERRAL: _("Referred to victim support"),
    StopReason.LEAD_IS_SUPPORT: _("Led by a victim support organisation"),
    StopReason.OPT_OUT: _("The victim opted out of a referral"),
    StopReason.INFORMED: _("The victim was told"),
    StopReason.UPDATE: _("The victim was updated"),
    StopReason.CONTACT: _("First contact made"),
    StopReason.CASE_CLOSED: _("The case closed"),
}


@dataclass(frozen=True)
class Clock:
    """One time limit on one case. ``breached_by`` is how late it was (stopped late, or
    still running past ``due_at``), None unless breached."""

    kind: str
    label: Promise
    started_at: datetime.datetime
    due_at: datetime.datetime
    stopped_at: datetime.datetime | None
    state: ClockState
    breached_by: datetime.timedelta | None
    stop_reason: StopReason = StopReason.NONE
    detail: str = ""  # e.g. the decision code of a key decision clock
    source_id: int | None = None  # e.g. the decision event's id

    @property
    def running(self) -> bool:
        return self.stop_reason == StopReason.NONE

    @property
    def state_label(self) -> Promise:
        return STATE_LABELS[self.state]

    @property
    def stop_label(self) -> Promise | str:
        return STOP_LABELS.get(self.stop_reason, "")

    @property
    def late_text(self) -> str:
        """How late, in words ("3 days late", "5 hours late"); empty unless breached."""
        if self.breached_by is None:
            return ""
        days = self.breached_by.days
        if days >= 1:
            return ngettext("%(count)d day late", "%(count)d days late", days) % {"count": days}
        hours = max(1, int(self.breached_by.total_seconds() // 3600))
        return ngettext("%(count)d hour late", "%(count)d hours late", hours) % {"count": hours}
