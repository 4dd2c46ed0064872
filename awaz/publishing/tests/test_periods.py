"""Financial-year quarters and when a quarter may be published."""

from __future__ import annotations

import datetime

import pytest

from awaz.publishing.periods import FinancialYear, Quarter

D = datetime.date


@pytest.mark.parametrize(
    ("day", "code", "start", "end"),
    [
        (D(2025, 4, 1), "2025-26 Q1", D(2025, 4, 1), D(2025, 6, 30)),
        (D(2025, 6, 30), "2025-26 Q1", D(2025, 4, 1), D(2025, 6, 30)),
        (D(2025, 7, 1), "2025-26 Q2", D(2025, 7, 1), D(2025, 9, 30)),
        (D(2025, 12, 31), "2025-26 Q3", D(2025, 10, 1), D(2025, 12, 31)),
        (D(2026, 1, 1), "2025-26 Q4", D(2026, 1, 1), D(2026, 3, 31)),
        (D(2024, 2, 29), "2023-24 Q4", D(2024, 1, 1), D(2024, 3, 31)),
        (D(2099, 3, 31), "2098-99 Q4", D(2099, 1, 1), D(2099, 3, 31)),
    ],
)
def test_quarter_of_a_day(day, code, start, end):
    quarter = Quarter.of(day)
    assert (quarter.code, quarter.start, quarter.end) == (code, start, end)
    assert Quarter.starting(start) == quarter


def test_quarters_follow_each_other_across_the_year_end():
    quarter = Quarter(2025, 1)
    seen = []
    for _ in range(5):
        seen.append(quarter.code)
        assert quarter.next().start == quarter.end + datetime.timedelta(days=1)
        quarter = quarter.next()
    assert seen == ["2025-26 Q1", "2025-26 Q2", "2025-26 Q3", "2025-26 Q4", "2026-27 Q1"]


def test_financial_year():
    year = FinancialYear.of(D(2026, 3, 31))
    assert (year.code, year.start, year.end) == ("2025-26", D(2025, 4, 1), D(2026, 3, 31))
    assert [q.code for q in year.quarters()][-1] == "2025-26 Q4"
    assert FinancialYear.of(D(2026, 4, 1)).code == "2026-27"


def test_not_a_quarter():
    with pytest.raises(ValueError):
        Quarter(2025, 5)
    with pytest.raises(ValueError):
        Quarter.starting(D(2025, 4, 2))


def test_a_quarter_is_published_only_after_it_ends_and_the_lag_passes():
    quarter = Quarter(2025, 2)  # July to September 2025
    assert not quarter.is_complete_by(D(2025, 9, 30), lag_days=0)  # the current quarter
    assert quarter.is_complete_by(D(2025, 10, 1), lag_days=0)
    assert not quarter.is_complete_by(D(2025, 11, 29), lag_days=60)
    assert quarter.is_complete_by(D(2025, 11, 30), lag_days=60)
