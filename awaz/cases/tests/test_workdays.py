"""Working days: weekends and English bank holidays skipped, deadlines at the end of the
working day in Europe/London, across the changes to and from British Summer Time."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from awaz.cases.clocks import england_bank_holidays
from awaz.cases.workdays import (
    add_working_days,
    add_working_days_to_date,
    end_of_day,
    is_working_day,
    next_working_day,
    working_days_between,
)

LONDON = ZoneInfo("Europe/London")
UTC = datetime.UTC
D = datetime.date
HOLIDAYS = england_bank_holidays(range(2021, 2028))


def at(*args: int, tz: datetime.tzinfo = LONDON) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=tz)


def deadline(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(23, 59, 59, 999999), tzinfo=LONDON)


def test_weekdays_are_working_days_and_weekends_are_not():
    assert is_working_day(D(2024, 3, 1), set())  # Friday
    assert not is_working_day(D(2024, 3, 2), set())  # Saturday
    assert not is_working_day(D(2024, 3, 3), set())  # Sunday
    assert not is_working_day(D(2024, 3, 4), {D(2024, 3, 4)})  # a holiday


def test_friday_evening_plus_two_working_days_is_the_end_of_tuesday():
    result = add_working_days(at(2024, 3, 1, 19, 45), 2, holidays=HOLIDAYS)
    assert result == deadline(D(2024, 3, 5))
    assert result.tzinfo is not None
    assert (result.hour, result.minute, result.second, result.microsecond) == (23, 59, 59, 999999)


def test_the_start_day_never_counts_even_at_midnight():
    assert add_working_days(at(2024, 3, 4, 0, 0), 1, holidays=HOLIDAYS) == deadline(D(2024, 3, 5))


def test_a_weekend_start_counts_from_monday():
    assert add_working_days(at(2024, 3, 2, 10), 1, holidays=HOLIDAYS) == deadline(D(2024, 3, 4))
    assert add_working_days(at(2024, 3, 3, 10), 2, holidays=HOLIDAYS) == deadline(D(2024, 3, 5))


def test_the_local_date_decides_not_utc():
    # 23:30 UTC on Friday 28 June 2024 is 00:30 on Saturday in London (BST): the clock
    # starts on Saturday, so one working day is Monday.
    result = add_working_days(at(2024, 6, 28, 23, 30, tz=UTC), 1, holidays=HOLIDAYS)
    assert result == deadline(D(2024, 7, 1))


def test_easter_good_friday_and_easter_monday_are_skipped():
    # Thursday 28 March 2024, then Good Friday 29 March and Easter Monday 1 April.
    assert add_working_days(at(2024, 3, 28, 9), 1, holidays=HOLIDAYS) == deadline(D(2024, 4, 2))
    assert add_working_days(at(2024, 3, 28, 9), 2, holidays=HOLIDAYS) == deadline(D(2024, 4, 3))


def test_christmas_and_boxing_day_substitute_days_are_skipped():
    # 2022: Christmas Day on a Sunday, substitute Tuesday 27th; Boxing Day Monday 26th.
    assert D(2022, 12, 27) in HOLIDAYS
    assert add_working_days(at(2022, 12, 23, 17), 1, holidays=HOLIDAYS) == deadline(D(2022, 12, 28))
    # 2026: Boxing Day on a Saturday, substitute Monday 28th.
    assert D(2026, 12, 28) in HOLIDAYS
    assert add_working_days(at(2026, 12, 24, 12), 1, holidays=HOLIDAYS) == deadline(D(2026, 12, 29))
    # 2027: both on the weekend, substitutes Monday 27th and Tuesday 28th.
    assert add_working_days(at(2027, 12, 24, 12), 1, holidays=HOLIDAYS) == deadline(D(2027, 12, 29))


def test_one_off_bank_holidays_are_skipped():
    # The State Funeral of Queen Elizabeth II: Monday 19 September 2022.
    assert D(2022, 9, 19) in HOLIDAYS
    assert add_working_days(at(2022, 9, 16, 15), 1, holidays=HOLIDAYS) == deadline(D(2022, 9, 20))
    # The Coronation of Charles III: Monday 8 May 2023.
    assert add_working_days(at(2023, 5, 5, 15), 1, holidays=HOLIDAYS) == deadline(D(2023, 5, 9))


def test_scottish_only_holidays_are_working_days_in_england():
    # 2 January is a bank holiday in Scotland, not in England.
    assert D(2024, 1, 2) not in HOLIDAYS
    assert add_working_days(at(2023, 12, 29, 12), 1, holidays=HOLIDAYS) == deadline(D(2024, 1, 2))


def test_deadline_across_the_change_to_summer_time():
    # Clocks went forward at 01:00 UTC on Sunday 31 March 2024.
    result = add_working_days(at(2024, 3, 27, 12), 1, holidays=HOLIDAYS)
    assert result == deadline(D(2024, 3, 28))
    assert result.utcoffset() == datetime.timedelta(0)  # still GMT on 28 March
    after = add_working_days(at(2024, 3, 28, 12), 1, holidays=HOLIDAYS)  # over Easter
    assert after == deadline(D(2024, 4, 2))
    assert after.utcoffset() == datetime.timedelta(hours=1)  # BST
    assert after.astimezone(UTC) == datetime.datetime(2024, 4, 2, 22, 59, 59, 999999, tzinfo=UTC)


def test_deadline_across_the_change_back_to_winter_time():
    # Clocks went back at 01:00 UTC on Sunday 27 October 2024.
    result = add_working_days(at(2024, 10, 25, 18), 1, holidays=HOLIDAYS)
    assert result == deadline(D(2024, 10, 28))
    assert result.utcoffset() == datetime.timedelta(0)
    assert result.astimezone(UTC) == datetime.datetime(2024, 10, 28, 23, 59, 59, 999999, tzinfo=UTC)


def test_zero_working_days_is_the_end_of_the_day_or_the_next_working_day():
    assert add_working_days(at(2024, 3, 1, 9), 0, holidays=HOLIDAYS) == deadline(D(2024, 3, 1))
    assert add_working_days(at(2024, 3, 2, 9), 0, holidays=HOLIDAYS) == deadline(D(2024, 3, 4))


def test_naive_and_negative_inputs_are_refused():
    with pytest.raises(ValueError):
        add_working_days(datetime.datetime(2024, 3, 1, 9), 1, holidays=HOLIDAYS)
    with pytest.raises(ValueError):
        add_working_days(at(2024, 3, 1, 9), -1, holidays=HOLIDAYS)


def test_working_days_between_counts_after_start_up_to_end():
    assert working_days_between(D(2024, 3, 1), D(2024, 3, 5), HOLIDAYS) == 2
    assert working_days_between(D(2024, 3, 5), D(2024, 3, 1), HOLIDAYS) == -2
    assert working_days_between(D(2024, 3, 1), D(2024, 3, 1), HOLIDAYS) == 0
    assert working_days_between(D(2024, 3, 28), D(2024, 4, 2), HOLIDAYS) == 1  # Easter
    assert working_days_between(D(2024, 12, 20), D(2025, 1, 3), HOLIDAYS) == 7


@pytest.mark.parametrize("n", [1, 2, 5, 10, 20])
@pytest.mark.parametrize(
    "start", [D(2022, 12, 23), D(2024, 3, 28), D(2026, 12, 24), D(2025, 8, 22)]
)
def test_working_days_between_inverts_add(start, n):
    end = add_working_days_to_date(start, n, HOLIDAYS)
    assert working_days_between(start, end, HOLIDAYS) == n
    assert is_working_day(end, HOLIDAYS)


def test_next_working_day_and_end_of_day():
    assert next_working_day(D(2024, 12, 24), HOLIDAYS) == D(2024, 12, 27)
    assert end_of_day(D(2024, 7, 1)).utcoffset() == datetime.timedelta(hours=1)


def test_bank_holidays_are_cached_for_the_same_span():
    assert england_bank_holidays([2024, 2025]) is england_bank_holidays([2025, 2024])
    assert england_bank_holidays([]) == frozenset()
