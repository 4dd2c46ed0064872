"""Compiling the library's numba kernels ahead of their first real use.

Every kernel is declared ``cache=True``: numba keeps the machine code on disk (in
``NUMBA_CACHE_DIR`` where it is set; Awaz's settings point it under ``var/``) and a later
process loads it instead of compiling again (about a second, against 20 s or more here).
:func:`kernels_compile` calls the public functions once on a few points, with the argument
types the real calls use, so that a server process can compile or load every kernel when it
starts rather than during someone's first hot-spot map or near-repeat table.
"""

from __future__ import annotations

import numpy as np

from awaz.patterns.stats.hotspots import getis_ord_gi_star
from awaz.patterns.stats.knox import knox, knox_bands
from awaz.patterns.stats.weights import weights_from_neighbours

__all__ = ["kernels_compile"]


def kernels_compile() -> None:
    """Compile (or load from numba's cache) every kernel of the library.

    Gi* with permutations on a ring of four sites (one kernel serves every alternative), the
    Knox test and its band table on six events: the argument types of the real calls, so
    the real calls find their compiled versions.
    """
    rng = np.random.default_rng(0)
    ring = weights_from_neighbours([[1, 3], [0, 2], [1, 3], [2, 0]])
    getis_ord_gi_star(np.array([1.0, 2.0, 3.0, 4.0]), ring, permutations=9, rng=rng)
    s = np.array([[0.0, 0.0], [50.0, 0.0], [0.0, 80.0], [400.0, 0.0], [0.0, 900.0], [5.0, 5.0]])
    t = np.array([0.0, 3.0, 10.0, 1.0, 40.0, 2.0])
    knox(s, t, delta=100.0, tau=7.0, permutations=9, rng=rng)
    knox_bands(s, t, space_bands=[0, 100, 500], time_bands=[0, 7, 14], permutations=9, rng=rng)
