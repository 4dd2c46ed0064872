"""Repeat victimisation and repeat places: hand-checked rates."""

import math

import numpy as np
import pytest
from numpy.testing import assert_array_equal

from awaz.patterns.stats.repeats import grid_cell_keys, repeat_rate

DATES = np.array(
    [
        "2026-01-10",
        "2026-03-01",
        "2025-12-01",
        "2026-06-01",
        "2024-01-01",
        "2026-02-02",
        "2026-02-03",
        "2026-05-05",
    ],
    "M8[D]",
)
KEYS = ["a", "a", "b", "c", "b", None, "", "a"]


def test_victims_hand_checked():
    r = repeat_rate(KEYS, DATES, end="2026-06-01")
    # Window 2025-06-02..2026-06-01: a x3, b x1 (2024 is outside), c x1; two unknown.
    assert (r.known, r.repeats, r.incidents_unknown) == (3, 1, 2)
    assert math.isclose(r.rate, 1 / 3)
    assert_array_equal(r.repeat_keys, ["a"])
    assert_array_equal(r.repeat_counts, [3])


def test_window_end_and_int_keys():
    # With end 2025-12-31 only b (Dec 2025) is in the window.
    r = repeat_rate(KEYS, DATES, end="2025-12-31")
    assert (r.known, r.repeats) == (1, 0) and r.rate == 0.0
    ints = repeat_rate(np.array([7, 7, 8, 9, 9, 9]), np.array(["2026-01-01"] * 6, "M8[D]"))
    assert (ints.known, ints.repeats) == (3, 2)
    assert_array_equal(ints.repeat_keys, [9, 7])  # most incidents first
    assert math.isnan(repeat_rate([], np.array([], "M8[D]")).rate)
    assert math.isnan(repeat_rate([None], np.array(["2026-01-01"], "M8[D]")).rate)
    with pytest.raises(ValueError):
        repeat_rate(["a"], np.array(["2026-01-01", "2026-01-02"], "M8[D]"))


def test_places_by_grid_cell():
    x = np.array([10.0, 90.0, 150.0, np.nan, 20.0])
    y = np.array([10.0, 50.0, 10.0, 5.0, 99.0])
    keys = grid_cell_keys(x, y, cell_size=100)
    assert list(keys) == ["0:0", "0:0", "1:0", None, "0:0"]
    r = repeat_rate(keys, np.array(["2026-01-01"] * 5, "M8[D]"))
    assert (r.known, r.repeats, r.incidents_unknown) == (2, 1, 1)
    assert_array_equal(r.repeat_counts, [3])
