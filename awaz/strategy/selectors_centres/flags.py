"""Why a reporting centre needs action or attention: ``centre_flags``, a pure function of
its facts and today (no database), and what "verified within the months" means.

*Needs action*: details not recorded; never verified, or not verified within
``settings.CENTRE_VERIFY_MONTHS`` months (verified on 15 December, with 6 months, is still in
time on 15 June and overdue from 16 June); no trained staff.
*Attention*: no private space to talk; no reports received in the last two complete quarters.
The register page explains them in the same words (``strategy/centre_flag_rules.html``).
"""

from __future__ import annotations

import datetime
import enum
from dataclasses import dataclass

from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from awaz.core.quarters import Quarter
from awaz.patterns.forms import months_before

# No reports in this many complete quarters: the centre needs attention.
QUIET_QUARTERS = 2


class FlagLevel(enum.StrEnum):
    FLAG = "flag"  # needs action: the centre may not be fit to send anyone to
    ATTENTION = "attention"  # worth a look at the next check


class FlagCode(enum.StrEnum):
    NOT_RECORDED = "not_recorded"
    NEVER_VERIFIED = "never_verified"
    VERIFICATION_OVERDUE = "verification_overdue"
    NO_TRAINED_STAFF = "no_trained_staff"
    NO_PRIVATE_SPACE = "no_private_space"
    NO_RECENT_REPORTS = "no_recent_reports"


@dataclass(frozen=True)
class CentreFlag:
    code: FlagCode
    level: FlagLevel
    text: str

    @property
    def needs_action(self) -> bool:
        return self.level == FlagLevel.FLAG


def verify_months() -> int:
    return int(settings.CENTRE_VERIFY_MONTHS)


def verified_cutoff(*, today: datetime.date, months: int) -> datetime.date:
    """The earliest verification date still in time today."""
    return months_before(today, months)


def is_verified(
    last_verified_on: datetime.date | None, *, today: datetime.date, months: int
) -> bool:
    """Verified within ``months`` months of today."""
    return last_verified_on is not None and last_verified_on >= verified_cutoff(
        today=today, months=months
    )


def quiet_quarters(today: datetime.date) -> tuple[Quarter, ...]:
    """The complete quarters a centre with no reports in any of them needs attention for,
    oldest first."""
    latest = Quarter.latest_complete(today)
    return tuple(latest.shift(-n) for n in reversed(range(QUIET_QUARTERS)))


def centre_flags(
    *,
    recorded: bool,
    last_verified_on: datetime.date | None,
    trained_staff: int,
    has_private_space: bool,
    recent_reports: int,
    today: datetime.date,
    months: int,
) -> tuple[CentreFlag, ...]:
    """Why a centre needs action or attention, most serious first. ``recorded``: its details
    have been recorded (without them only the reports can be judged); ``recent_reports``:
    reports it recorded in the ``quiet_quarters`` before today."""
    flags: list[CentreFlag] = []
    if not recorded:
        flags.append(
            CentreFlag(FlagCode.NOT_RECORDED, FlagLevel.FLAG, _("Details not recorded yet"))
        )
    elif last_verified_on is None:
        flags.append(CentreFlag(FlagCode.NEVER_VERIFIED, FlagLevel.FLAG, _("Never verified")))
    elif not is_verified(last_verified_on, today=today, months=months):
        flags.append(
            CentreFlag(
                FlagCode.VERIFICATION_OVERDUE,
                FlagLevel.FLAG,
                ngettext(
                    "Not verified since %(date)s (more than %(months)d month ago)",
                    "Not verified since %(date)s (more than %(months)d months ago)",
                    months,
                )
                % {"date": date_format(last_verified_on, "j F Y"), "months": months},
            )
        )
    if recorded and trained_staff <= 0:
        flags.append(CentreFlag(FlagCode.NO_TRAINED_STAFF, FlagLevel.FLAG, _("No trained staff")))
    if recorded and not has_private_space:
        flags.append(
            CentreFlag(
                FlagCode.NO_PRIVATE_SPACE, FlagLevel.ATTENTION, _("No private space to talk")
            )
        )
    if recent_reports <= 0:
        first, *_rest, last = quiet_quarters(today)
        flags.append(
            CentreFlag(
                FlagCode.NO_RECENT_REPORTS,
                FlagLevel.ATTENTION,
                _("No reports received from %(first)s to %(last)s")
                % {"first": first.label, "last": last.label},
            )
        )
    return tuple(flags)
