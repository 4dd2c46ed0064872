"""False-discovery-rate control shared by the analysis library."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["fdr_bh"]


def fdr_bh(
    pvalues: ArrayLike, *, alpha: float = 0.05
) -> tuple[NDArray[np.bool_], NDArray[np.float64]]:
    r"""Benjamini-Hochberg step-up procedure.

    With the :math:`m` p-values sorted, :math:`p_{(1)} \le \dots \le p_{(m)}`, the adjusted
    value (q-value) of the :math:`i`-th is

    .. math:: q_{(i)} = \min_{j \ge i} \min\left(1, \frac{m}{j} p_{(j)}\right)

    and hypothesis :math:`i` is rejected when :math:`q_i \le \alpha`. This controls the expected
    share of false discoveries at :math:`\alpha` for independent or positively dependent tests.
    The adjusted values equal ``scipy.stats.false_discovery_control(p, method="bh")``.

    Parameters
    ----------
    pvalues : array_like
        P-values of any shape, each in [0, 1]. NaN entries are ignored (not counted in
        :math:`m`, never rejected, adjusted value NaN).
    alpha : float, default 0.05
        False-discovery rate to control.

    Returns
    -------
    reject : ndarray of bool
        Same shape as ``pvalues``; True where the hypothesis is rejected.
    adjusted : ndarray of float
        Same shape as ``pvalues``; BH-adjusted p-values (q-values).

    References
    ----------
    Benjamini, Y. and Hochberg, Y. (1995). Controlling the false discovery rate: a practical
    and powerful approach to multiple testing. JRSS B 57(1), 289-300.
    """
    if not 0.0 < alpha < 1.0:
        raise ValueError("alpha must be in (0, 1)")
    p = np.asarray(pvalues, dtype=np.float64)
    finite = ~np.isnan(p)
    if np.any((p[finite] < 0.0) | (p[finite] > 1.0)):
        raise ValueError("p-values must lie in [0, 1]")
    adjusted = np.full(p.shape, np.nan)
    values = p[finite]
    m = values.size
    if m:
        order = np.argsort(values, kind="stable")
        scaled = values[order] * m / np.arange(1, m + 1)
        # Running minimum from the largest p-value down enforces monotonicity.
        q_sorted = np.minimum(np.minimum.accumulate(scaled[::-1])[::-1], 1.0)
        q = np.empty(m)
        q[order] = q_sorted
        adjusted[finite] = q
    reject = np.zeros(p.shape, dtype=bool)
    reject[finite] = adjusted[finite] <= alpha
    return reject, adjusted
