"""Exceedance test: exact Poisson identities, dispersion pooling and shrinkage, calibration."""

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy import stats

from awaz.patterns.stats.exceedance import exceedance


def test_poisson_case_is_the_exact_conditional_binomial_test():
    # Constant baselines (own dispersion 0, so 1), nothing pooled: given the S + y events of
    # the n + 1 periods, the tested period's share is Binomial(S + y, 1/(n + 1)).
    base = np.array([[1.0] * 21, [3.0] * 21, [0.0] * 20 + [1.0]])
    n = base.shape[1]
    total = base.sum(axis=1)
    for y in (1.0, 4.0, 9.0):
        count = np.full(3, y)
        exact = exceedance(count, base, pool=False, tail="exact")
        assert_allclose(exact.dispersion, 1.0)
        assert_allclose(exact.pvalue, stats.binom.sf(y - 1, total + y, 1 / (n + 1)), rtol=1e-10)
        mid = exceedance(count, base, pool=False)
        upper = stats.binom.sf(y, total + y + 1, 1 / (n + 1))  # P(Y >= y + 1)
        assert_allclose(mid.pvalue, 0.5 * (exact.pvalue + upper), rtol=1e-10)
    assert_allclose(exact.expected, total / n)
    assert_allclose(exact.variance, (total + 1) / n * (n + 1) / n)


def test_empty_baseline_needs_no_continuity_correction():
    res = exceedance(np.array([0.0, 1.0, 3.0]), np.zeros((3, 9)), tail="exact")
    assert_allclose(res.expected, 0.0)
    assert_allclose(res.pvalue, [1.0, 0.1, 0.001])  # (1/(n + 1))^y with n = 9
    assert np.isinf(res.dispersion_df).all()


def test_sparse_cells_take_the_pooled_dispersion_busy_ones_keep_their_own():
    rng = np.random.default_rng(1)
    poisson = rng.poisson(2.0, size=(300, 21)).astype(float)
    sparse = np.zeros((1, 21))
    sparse[0, 5] = 3.0  # three events in one week: own Pearson dispersion 3
    assert_allclose(sparse.var(ddof=1) / sparse.mean(), 3.0)
    res = exceedance(np.zeros(301), np.vstack([poisson, sparse]))
    assert res.dispersion[-1] < 1.2  # three events are little to go on: the pool's value
    assert res.dispersion_df[-1] > 100  # its own 3 events are worth about 3
    # 30 busy, strongly overdispersed cells (mean 10, variance 40) among the Poisson ones:
    # the cells differ, so each busy one keeps most of its own estimate.
    busy = rng.negative_binomial(10 / 3, 0.25, size=(30, 21)).astype(float)
    res = exceedance(np.zeros(330), np.vstack([poisson, busy]))
    assert np.median(res.dispersion[300:]) > 2.5
    assert np.median(res.dispersion[:300]) < 1.3
    assert (res.dispersion_df > 20).all()  # the cell's own n - 1 and some from the pool


def test_pooled_dispersion_follows_the_mean():
    # Negative binomial with a common shape k = 2: dispersion 1 + mu/2 rises with the mean.
    rng = np.random.default_rng(2)
    mu = np.repeat([0.5, 2.0, 8.0], 400)
    base = rng.negative_binomial(2.0, 2.0 / (2.0 + mu[:, None]), size=(mu.size, 21))
    res = exceedance(np.zeros(mu.size), base.astype(float))
    for m in (2.0, 8.0):
        assert_allclose(np.median(res.dispersion[mu == m]), 1 + m / 2, rtol=0.15)


def test_single_overdispersed_series_false_alarms_near_nominal():
    # Each series alone (nothing pooled), mean 20, variance 40, 21 baseline values: the
    # dispersion's error is integrated out (a plug-in estimate gave 1.5 x nominal at p <= 0.01).
    rng = np.random.default_rng(3)
    y = rng.negative_binomial(20.0, 0.5, size=(4000, 22)).astype(float)
    res = exceedance(y[:, -1], y[:, :-1], pool=False)
    assert 0.04 <= (res.pvalue <= 0.05).mean() <= 0.06
    assert 0.006 <= (res.pvalue <= 0.01).mean() <= 0.013
    assert (res.pvalue <= 0.001).mean() <= 0.002


def test_validates_its_arguments():
    with pytest.raises(ValueError, match="tail"):
        exceedance(np.zeros(1), np.zeros((1, 3)), tail="upper")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="two periods"):
        exceedance(np.zeros(1), np.zeros((1, 1)))
