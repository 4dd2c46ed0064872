"""Benjamini-Hochberg: a hand-checked vector and scipy's implementation."""

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from scipy.stats import false_discovery_control

from awaz.patterns.stats.fdr import fdr_bh


def test_hand_checked_vector():
    # Sorted: 0.005 0.01 0.03 0.04 0.5; times m/rank = 0.025 0.025 0.05 0.05 0.5;
    # running minimum from the top leaves them unchanged.
    p = np.array([0.01, 0.04, 0.03, 0.005, 0.5])
    reject, q = fdr_bh(p, alpha=0.05)
    assert_allclose(q, [0.025, 0.05, 0.05, 0.025, 0.5])
    assert_array_equal(reject, [True, True, True, True, False])


def test_step_up_monotone_minimum():
    # Scaled 0.02*3 = 0.06, 0.03*3/2 = 0.045, 0.04*3/3 = 0.04: the step-up running minimum
    # gives 0.04 to all three, so 0.02 is rejected although 0.06 > alpha.
    reject, q = fdr_bh([0.03, 0.02, 0.04], alpha=0.05)
    assert_allclose(q, [0.04, 0.04, 0.04])
    assert_array_equal(reject, [True, True, True])


def test_matches_scipy():
    rng = np.random.default_rng(11)
    p = np.concatenate([rng.uniform(size=300), rng.uniform(0, 0.01, size=40)])
    reject, q = fdr_bh(p, alpha=0.1)
    assert_allclose(q, false_discovery_control(p, method="bh"), rtol=1e-12)
    assert_array_equal(reject, q <= 0.1)


def test_shape_nan_and_validation():
    p = np.array([[0.001, np.nan], [0.5, 0.02]])
    reject, q = fdr_bh(p)
    assert q.shape == (2, 2) and np.isnan(q[0, 1]) and not reject[0, 1]
    assert_allclose(q[~np.isnan(p)], false_discovery_control([0.001, 0.5, 0.02]))
    assert fdr_bh([])[1].size == 0
    with pytest.raises(ValueError):
        fdr_bh([1.5])
    with pytest.raises(ValueError):
        fdr_bh([0.5], alpha=0)
