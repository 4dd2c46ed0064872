"""Spatial weights as sparse CSR matrices for the local statistics.

A weights matrix ``W`` has ``W[i, j] = 1`` when area (or grid cell) ``j`` is a neighbour of ``i``
and ``0`` otherwise, with a zero diagonal: the statistics add any self-weight themselves
(Getis and Ord 1992; Ord and Getis 1995). Rows follow the order of the data vector; grid cells
are numbered row-major, ``id = row * ncols + col``, as libpysal's ``lat2W`` numbers them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import sparse

__all__ = ["GridCounts", "grid_counts", "grid_weights", "weights_from_neighbours"]


@dataclass(frozen=True)
class GridCounts:
    """Events counted in the square cells of a regular grid.

    Cell ``(r, c)`` covers ``x0 + c * cell_size <= x < x0 + (c + 1) * cell_size`` and the same
    in ``y`` from ``y0`` with rows going up; ``counts`` is row-major (``r * ncols + c``), the
    numbering :func:`grid_weights` uses, so the two fit together.
    """

    counts: NDArray[np.int64]
    nrows: int
    ncols: int
    x0: float
    y0: float
    cell_size: float

    def centres(self) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """(x, y) of every cell's centre, row-major."""
        r, c = np.divmod(np.arange(self.nrows * self.ncols), self.ncols)
        half = self.cell_size / 2
        return self.x0 + c * self.cell_size + half, self.y0 + r * self.cell_size + half


def grid_counts(x: ArrayLike, y: ArrayLike, *, cell_size: float) -> GridCounts:
    """Count events (projected coordinates in metres, e.g. British National Grid) in square
    cells of ``cell_size`` covering them; the grid starts at the multiple of ``cell_size`` at
    or below the smallest coordinate, so the same events always fall in the same cells.

    Parameters
    ----------
    x, y : array_like
        Event coordinates; non-finite ones are left out.
    cell_size : float
        Side of a cell, in the coordinates' unit; positive.
    """
    if not cell_size > 0:
        raise ValueError("cell_size must be positive")
    xs = np.asarray(x, dtype=np.float64)
    ys = np.asarray(y, dtype=np.float64)
    if xs.shape != ys.shape:
        raise ValueError("x and y must have the same length")
    ok = np.isfinite(xs) & np.isfinite(ys)
    xs, ys = xs[ok], ys[ok]
    if xs.size == 0:
        raise ValueError("no events with finite coordinates")
    x0 = float(np.floor(xs.min() / cell_size) * cell_size)
    y0 = float(np.floor(ys.min() / cell_size) * cell_size)
    col = np.floor((xs - x0) / cell_size).astype(np.int64)
    row = np.floor((ys - y0) / cell_size).astype(np.int64)
    ncols, nrows = int(col.max()) + 1, int(row.max()) + 1
    counts = np.bincount(row * ncols + col, minlength=nrows * ncols).astype(np.int64)
    return GridCounts(counts, nrows, ncols, x0, y0, float(cell_size))


def grid_weights(
    nrows: int, ncols: int, *, contiguity: Literal["queen", "rook"] = "queen"
) -> sparse.csr_matrix:
    """Binary contiguity weights of a regular ``nrows`` x ``ncols`` grid.

    Rook contiguity joins cells sharing an edge (up to 4 neighbours); queen contiguity also
    joins cells sharing a corner (up to 8). Cell ``(r, c)`` is row ``r * ncols + c``, so the
    matrix equals ``libpysal.weights.lat2W(nrows, ncols, rook=...).sparse``.

    Parameters
    ----------
    nrows, ncols : int
        Grid shape; both at least 1.
    contiguity : {"queen", "rook"}
        Which cells count as neighbours.

    Returns
    -------
    scipy.sparse.csr_matrix
        ``(nrows * ncols, nrows * ncols)`` float64 matrix of 0/1 with a zero diagonal and sorted
        column indices in each row.
    """
    if nrows < 1 or ncols < 1:
        raise ValueError("nrows and ncols must be at least 1")
    if contiguity not in ("queen", "rook"):
        raise ValueError("contiguity must be 'queen' or 'rook'")
    offsets = [(-1, 0), (1, 0), (0, -1), (0, 1)]
    if contiguity == "queen":
        offsets += [(-1, -1), (-1, 1), (1, -1), (1, 1)]
    grid_r, grid_c = np.meshgrid(np.arange(nrows), np.arange(ncols), indexing="ij")
    rr = grid_r.ravel()
    cc = grid_c.ravel()
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    for dr, dc in offsets:
        r2 = rr + dr
        c2 = cc + dc
        ok = (r2 >= 0) & (r2 < nrows) & (c2 >= 0) & (c2 < ncols)
        rows.append(rr[ok] * ncols + cc[ok])
        cols.append(r2[ok] * ncols + c2[ok])
    n = nrows * ncols
    row = np.concatenate(rows)
    col = np.concatenate(cols)
    w = sparse.csr_matrix((np.ones(row.size), (row, col)), shape=(n, n))
    w.sort_indices()
    return w


def weights_from_neighbours(neighbours: list[list[int]]) -> sparse.csr_matrix:
    """Binary weights from a neighbour list, one list of positions per area.

    ``neighbours[i]`` holds the positions (0-based, in data order) of the areas next to area
    ``i``, for example from polygon contiguity computed by the caller. The result is made
    symmetric (contiguity is mutual), duplicates count once and self-references are dropped.
    An area with no neighbours (an island) gets an empty row.

    Parameters
    ----------
    neighbours : list of list of int
        Neighbour positions for each of the ``n`` areas.

    Returns
    -------
    scipy.sparse.csr_matrix
        ``(n, n)`` float64 matrix of 0/1 with a zero diagonal.
    """
    n = len(neighbours)
    lengths = np.fromiter((len(nb) for nb in neighbours), dtype=np.int64, count=n)
    row = np.repeat(np.arange(n, dtype=np.int64), lengths)
    col = (
        np.concatenate([np.asarray(nb, dtype=np.int64) for nb in neighbours])
        if row.size
        else np.empty(0, dtype=np.int64)
    )
    if col.size and (col.min() < 0 or col.max() >= n):
        raise ValueError("neighbour positions must lie in 0 .. n - 1")
    keep = row != col
    row, col = row[keep], col[keep]
    a = sparse.csr_matrix((np.ones(row.size), (row, col)), shape=(n, n))
    a = a + a.T
    a.data[:] = 1.0
    w = sparse.csr_matrix(a)
    w.sort_indices()
    return w
