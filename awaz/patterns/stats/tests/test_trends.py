"""Trends: hand-checked counts by ISO week and month, and change against baselines."""

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

from awaz.patterns.stats.trends import (
    counts_by_month,
    counts_by_week,
    iso_week_labels,
    iso_week_start,
    period_change,
)

D = np.array(["2026-01-01", "2025-12-29", "2026-01-05", "2026-01-20", "2026-03-02"], "M8[D]")
CATS = np.array(["hate", "dv", "hate", "hate", "dv"])


def test_iso_week_start_and_labels():
    days = np.array(["2020-12-31", "2021-01-03", "2021-01-04", "2024-12-30", "2026-11-25"], "M8[D]")
    assert_array_equal(
        iso_week_start(days),
        np.array(["2020-12-28", "2020-12-28", "2021-01-04", "2024-12-30", "2026-11-23"], "M8[D]"),
    )
    assert iso_week_labels(days) == ["2020-W53", "2020-W53", "2021-W01", "2025-W01", "2026-W48"]


def test_counts_by_week_hand_checked():
    pc = counts_by_week(D, CATS)
    # 29 Dec 2025 - 4 Jan 2026 is 2026-W01, holding 1 Jan (hate) and 29 Dec (dv).
    assert iso_week_labels(pc.starts)[:4] == ["2026-W01", "2026-W02", "2026-W03", "2026-W04"]
    assert len(pc.starts) == 10  # W01 to W10 with empty weeks kept
    assert_array_equal(pc.categories, ["dv", "hate"])
    assert_array_equal(pc.counts[0], [1, 0, 0, 0, 0, 0, 0, 0, 0, 1])
    assert_array_equal(pc.counts[1], [1, 1, 0, 1, 0, 0, 0, 0, 0, 0])
    assert_array_equal(pc.total, pc.counts.sum(axis=0))


def test_counts_by_month_hand_checked_and_bounds():
    pm = counts_by_month(D, CATS)
    assert_array_equal(
        pm.starts, np.array(["2025-12-01", "2026-01-01", "2026-02-01", "2026-03-01"], "M8[D]")
    )
    assert_array_equal(pm.counts, [[1, 0, 0, 1], [0, 3, 0, 0]])
    bounded = counts_by_month(D, start="2026-01-15", end="2026-02-03")
    assert_array_equal(bounded.categories, ["all"])
    assert_array_equal(bounded.counts, [[3, 0]])
    empty = counts_by_week(np.array([], "M8[D]"), start="2026-01-01", end="2026-01-14")
    assert_array_equal(empty.counts, [[0, 0, 0]])
    with pytest.raises(ValueError):
        counts_by_week(np.array([], "M8[D]"))


def test_period_change_hand_checked():
    # 14 months: 0..13; the last (13) against month 1 a year earlier and the mean of 1..12.
    ch = period_change(np.arange(14), season_length=12)
    assert ch.current == 13 and ch.last_year == 1 and ch.change_vs_last_year == 12
    assert_allclose(ch.pct_vs_last_year, 1200.0)
    assert_allclose(ch.average, 6.5)
    assert_allclose(ch.pct_vs_average, 100.0)


def test_period_change_rows_zero_and_short_history():
    counts = np.array([[0] * 12 + [5], [2] * 12 + [1]])
    ch = period_change(counts, season_length=12)
    assert_allclose(ch.change_vs_last_year, [5, -1])
    assert np.isnan(ch.pct_vs_last_year[0]) and ch.pct_vs_last_year[1] == -50.0
    assert_allclose(ch.pct_vs_average, [np.nan, -50.0])
    short = period_change(np.array([1, 2, 3]), season_length=12)
    assert np.isnan(short.last_year) and np.isnan(short.average) and short.current == 3
    # An earlier period by index.
    assert period_change(np.arange(30), season_length=12, index=20).last_year == 8


def test_categories_must_match_dates():
    with pytest.raises(ValueError):
        counts_by_week(D, CATS[:3])
    with pytest.raises(ValueError):
        counts_by_month(D, start="2026-03-01", end="2026-01-01")
