"""Spike detection: hand-checked baselines, injected spikes found, quiet on flat series."""

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from scipy import stats

from awaz.patterns.stats.spikes import detect_spikes, trigger_events

L = 52
T = 3 * L + 4  # three previous years with a +-3 week window around the same week


def seasonal(rng, n, base=8.0, amplitude=0.4):
    t = np.arange(T)
    phase = rng.uniform(0, 2 * np.pi, size=(n, 1))
    return base * (1 + amplitude * np.sin(2 * np.pi * t / L + phase))


def test_hand_checked_poisson_baseline():
    # Monthly, window +-1, 2 years: for t = 36 the baseline columns t - 12j + k (j = 1, 2;
    # k = -1..1) are 11, 12, 13, 23, 24, 25, all equal to 4: mean 4, variance 0, dispersion 1.
    y = np.zeros(37)
    y[[11, 12, 13, 23, 24, 25]] = 4
    y[36] = 10
    r = detect_spikes(y, season_length=12, years=2)
    assert r.method == "seasonal" and r.baseline_size == 6
    assert_allclose(r.expected, [4.0])
    assert_allclose(r.dispersion, [1.0])
    var = 4 * (1 + 1 / 6)
    assert_allclose(r.variance, [var])
    assert_allclose(r.statistic, [(10 - 4) / np.sqrt(var)])
    p, n = 4 / var, 4 * (4 / var) / (1 - 4 / var)
    assert_allclose(r.pvalue, [stats.nbinom.sf(9, n, p)])
    assert r.qvalue[0] == r.pvalue[0] and r.flag[0]


def test_overdispersed_baseline_and_fdr_across_cells():
    rng = np.random.default_rng(5)
    y = rng.poisson(5, size=(20, 37)).astype(float)
    y[0, [11, 12, 13, 23, 24, 25]] = [0, 10, 2, 9, 1, 8]  # variance >> mean
    res = detect_spikes(y, season_length=12, years=2)
    base = np.array([0, 10, 2, 9, 1, 8.0])
    assert_allclose(res.dispersion[0], base.var(ddof=1) / base.mean())
    assert_allclose(res.qvalue, stats.false_discovery_control(res.pvalue))
    assert_array_equal(
        res.flag, (res.qvalue <= 0.05) & (res.count >= 3) & (res.count > res.expected)
    )


def test_min_count_zero_baseline_and_recent_fallback():
    y = np.zeros((2, 60))
    y[0, -1] = 2  # surprising against an all-zero baseline, but below min_count
    y[1, -1] = 3
    r = detect_spikes(y, season_length=12)
    assert_allclose(r.expected, 0.5 / r.baseline_size)
    assert_array_equal(r.flag, [False, True])
    short = detect_spikes(np.array([3, 4, 2, 5, 3, 4, 3, 2, 4, 15]), season_length=52)
    assert short.method == "recent" and short.baseline_size == 8
    assert_allclose(short.expected, [np.mean([3, 4, 2, 5, 3, 4, 3, 2])])
    assert short.flag[0]
    with pytest.raises(ValueError):
        detect_spikes(np.array([1, 2]), season_length=52)
    with pytest.raises(ValueError):
        detect_spikes(np.array([[1, -2, 3]]), season_length=1)


def test_seasonal_peak_is_not_a_spike():
    # A strong season (x3 in week 30 every year): the peak week is expected, not flagged.
    t = np.arange(T)
    mu = np.where((t % L >= 27) & (t % L <= 33), 30.0, 10.0)
    y = np.random.default_rng(6).poisson(np.broadcast_to(mu, (200, T)))
    r = detect_spikes(y, season_length=L, index=2 * L + 30)  # a peak week, two years back
    assert r.method == "seasonal"
    assert_allclose(r.expected.mean(), 30.0, rtol=0.05)
    assert r.flag.mean() <= 0.01


def test_quiet_on_flat_and_seasonal_series():
    rng = np.random.default_rng(2026)
    flat = rng.poisson(8.0, size=(1000, T))
    season = rng.poisson(seasonal(rng, 1000))
    over = rng.negative_binomial(8.0, 0.5, size=(1000, T))  # mean 8, variance 16
    for y in (flat, season, over):
        r = detect_spikes(y, season_length=L)
        assert (r.pvalue <= 0.05).mean() < 0.05  # per series, before FDR
        assert r.flag.mean() <= 0.005  # after BH across the 1,000 cells


def test_finds_injected_spikes():
    rng = np.random.default_rng(7)
    mu = seasonal(rng, 500)
    y = rng.poisson(mu)
    y[:, -1] += np.ceil(4 * np.sqrt(mu[:, -1])).astype(int)  # +4 sd
    r = detect_spikes(y, season_length=L)
    assert (r.pvalue <= 0.05).mean() >= 0.9
    # Mixed with 500 quiet cells and BH across all 1,000, most spikes are still flagged.
    quiet = rng.poisson(seasonal(rng, 500))
    both = detect_spikes(np.vstack([y, quiet]), season_length=L)
    assert both.flag[:500].mean() >= 0.75 and both.flag[500:].mean() <= 0.02


def areas_series(rng, n_areas=10, base=6.0):
    return rng.poisson(seasonal(rng, n_areas, base=base)).astype(float)


def test_trigger_event_when_rise_is_spread():
    rng = np.random.default_rng(8)
    hits = 0
    for _ in range(20):
        y = areas_series(rng)
        y[:5, -1] += 12  # five areas rise together (about +4.5 sd each)
        ev = trigger_events(y, season_length=L, k=3)
        hits += ev.flag
        if ev.flag:
            assert ev.label == "trigger event" and ev.areas_rising >= 3
    assert hits >= 18


def test_no_trigger_event_when_one_area_spikes():
    rng = np.random.default_rng(9)
    for _ in range(20):
        y = areas_series(rng)
        y[0, -1] += 60  # a large spike in one area makes the county total improbable ...
        ev = trigger_events(y, season_length=L, k=3)
        assert ev.pvalue < 0.001 and 0 in ev.top_areas
        assert not ev.flag and ev.label == ""  # ... but it is not spread across areas


def test_trigger_events_groups_strands_into_areas():
    rng = np.random.default_rng(10)
    y = areas_series(rng, n_areas=12, base=3.0)
    areas = np.repeat(np.arange(6), 2)  # 6 areas x 2 strands
    y[::2, -1] += 8  # one strand rises in every area
    ev = trigger_events(y, season_length=L, areas=areas, k=4)
    assert ev.flag and ev.top_areas.max() < 6
    quiet = trigger_events(areas_series(rng), season_length=L)
    assert not quiet.flag
