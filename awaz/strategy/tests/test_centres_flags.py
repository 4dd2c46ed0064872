"""The reporting-centre flags, from hand-made cases: each rule alone, the boundary of the
verification age (with month ends), the order they are given in, and no flags at all."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from awaz.strategy.selectors_centres import (
    FlagCode,
    FlagLevel,
    centre_flags,
    is_verified,
    quiet_quarters,
    verified_cutoff,
)

TODAY = datetime.date(2026, 6, 15)  # 2026-27 Q1: the quiet quarters are 2025-26 Q3 and Q4


def _flags(**overrides: Any) -> list[FlagCode]:
    facts: dict[str, Any] = {
        "recorded": True,
        "last_verified_on": datetime.date(2026, 5, 1),
        "trained_staff": 3,
        "has_private_space": True,
        "recent_reports": 4,
        "today": TODAY,
        "months": 6,
    }
    facts.update(overrides)
    return [flag.code for flag in centre_flags(**facts)]


def test_a_centre_in_good_order_has_no_flags() -> None:
    assert _flags() == []


@pytest.mark.parametrize(
    ("verified", "flagged"),
    [
        (datetime.date(2025, 12, 15), False),  # exactly six months ago: still in time
        (datetime.date(2025, 12, 14), True),  # a day more
        (datetime.date(2026, 6, 15), False),  # today
        (datetime.date(2024, 1, 1), True),
    ],
)
def test_verification_within_the_months(verified: datetime.date, flagged: bool) -> None:
    assert (FlagCode.VERIFICATION_OVERDUE in _flags(last_verified_on=verified)) is flagged


def test_the_verification_age_is_configurable() -> None:
    verified = datetime.date(2026, 2, 1)
    assert _flags(last_verified_on=verified, months=6) == []
    assert _flags(last_verified_on=verified, months=3) == [FlagCode.VERIFICATION_OVERDUE]


def test_month_ends() -> None:
    """Six months before 31 August is 29 February in a leap year, 28 February otherwise."""
    assert verified_cutoff(today=datetime.date(2028, 8, 31), months=6) == datetime.date(2028, 2, 29)
    assert verified_cutoff(today=datetime.date(2026, 8, 31), months=6) == datetime.date(2026, 2, 28)
    assert is_verified(datetime.date(2026, 2, 28), today=datetime.date(2026, 8, 31), months=6)
    assert not is_verified(datetime.date(2026, 2, 27), today=datetime.date(2026, 8, 31), months=6)
    assert not is_verified(None, today=TODAY, months=6)


def test_never_verified() -> None:
    assert _flags(last_verified_on=None) == [FlagCode.NEVER_VERIFIED]


def test_no_trained_staff() -> None:
    assert _flags(trained_staff=0) == [FlagCode.NO_TRAINED_STAFF]


def test_no_private_space_is_a_softer_flag() -> None:
    (flag,) = centre_flags(
        recorded=True,
        last_verified_on=TODAY,
        trained_staff=1,
        has_private_space=False,
        recent_reports=1,
        today=TODAY,
        months=6,
    )
    assert (flag.code, flag.level, flag.needs_action) == (
        FlagCode.NO_PRIVATE_SPACE,
        FlagLevel.ATTENTION,
        False,
    )
    assert flag.text == "No private space to talk"


def test_no_reports_in_the_last_two_quarters() -> None:
    assert [q.label for q in quiet_quarters(TODAY)] == ["2025-26 Q3", "2025-26 Q4"]
    (flag,) = centre_flags(
        recorded=True,
        last_verified_on=TODAY,
        trained_staff=1,
        has_private_space=True,
        recent_reports=0,
        today=TODAY,
        months=6,
    )
    assert (flag.code, flag.level) == (FlagCode.NO_RECENT_REPORTS, FlagLevel.ATTENTION)
    assert flag.text == "No reports received from 2025-26 Q3 to 2025-26 Q4"


def test_everything_wrong_most_serious_first() -> None:
    flags = centre_flags(
        recorded=True,
        last_verified_on=datetime.date(2025, 1, 31),
        trained_staff=0,
        has_private_space=False,
        recent_reports=0,
        today=TODAY,
        months=6,
    )
    assert [(f.code, f.level) for f in flags] == [
        (FlagCode.VERIFICATION_OVERDUE, FlagLevel.FLAG),
        (FlagCode.NO_TRAINED_STAFF, FlagLevel.FLAG),
        (FlagCode.NO_PRIVATE_SPACE, FlagLevel.ATTENTION),
        (FlagCode.NO_RECENT_REPORTS, FlagLevel.ATTENTION),
    ]
    assert flags[0].text == "Not verified since 31 January 2025 (more than 6 months ago)"


def test_a_centre_with_no_details_recorded() -> None:
    """Nothing but its reports can be judged: the missing details are the flag."""
    assert _flags(recorded=False, last_verified_on=None, trained_staff=0) == [FlagCode.NOT_RECORDED]
    assert _flags(recorded=False, recent_reports=0) == [
        FlagCode.NOT_RECORDED,
        FlagCode.NO_RECENT_REPORTS,
    ]
