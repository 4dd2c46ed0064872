"""Day-of-week x hour-of-day table."""

import datetime as dt
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from awaz.patterns.stats.calendar import WEEKDAYS, day_hour_table


def test_hand_checked_table():
    table = day_hour_table(np.array([0, 0, 6, 3]), np.array([9, 9, 23, 0]))
    assert table.shape == (7, 24) and table.sum() == 4
    assert table[0, 9] == 2 and table[6, 23] == 1 and table[3, 0] == 1
    assert WEEKDAYS[table.sum(axis=1).argmax()] == "Monday"


def test_caller_converts_to_london_time():
    # 00:30 UTC on Sunday 28 June 2026 is 01:30 on Sunday in London (BST).
    utc = dt.datetime(2026, 6, 28, 0, 30, tzinfo=dt.UTC)
    local = utc.astimezone(ZoneInfo("Europe/London"))
    table = day_hour_table(np.array([local.weekday()]), np.array([local.hour]))
    assert table[6, 1] == 1


def test_empty_and_invalid():
    assert day_hour_table(np.array([], int), np.array([], int)).sum() == 0
    with pytest.raises(ValueError):
        day_hour_table(np.array([7]), np.array([1]))
    with pytest.raises(ValueError):
        day_hour_table(np.array([1]), np.array([24]))
    with pytest.raises(TypeError):
        day_hour_table(np.array([1.5]), np.array([2.0]))
