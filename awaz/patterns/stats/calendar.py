"""Day-of-week x hour-of-day table of incidents.

The caller converts times to Europe/London local time first (so the clock change moves no
incident into the wrong hour) and passes the local weekday and hour.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["WEEKDAYS", "day_hour_table"]

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def day_hour_table(weekday: ArrayLike, hour: ArrayLike) -> NDArray[np.int64]:
    r"""Count incidents by local weekday and hour.

    .. math:: T_{dh} = \#\{i : \text{weekday}_i = d,\ \text{hour}_i = h\}

    Parameters
    ----------
    weekday : array_like of int
        Local weekday of each incident, Monday = 0 ... Sunday = 6 (``datetime.weekday()``).
    hour : array_like of int
        Local hour of each incident, 0-23.

    Returns
    -------
    ndarray of int64, shape (7, 24)
        Rows are weekdays (see ``WEEKDAYS``), columns hours; the table sums to the number of
        incidents.
    """
    d = np.asarray(weekday)
    h = np.asarray(hour)
    if d.shape != h.shape or d.ndim != 1:
        raise ValueError("weekday and hour must be 1-d arrays of the same length")
    if d.size and (d.dtype.kind not in "iu" or h.dtype.kind not in "iu"):
        raise TypeError("weekday and hour must be integers")
    d = d.astype(np.int64)
    h = h.astype(np.int64)
    if np.any((d < 0) | (d > 6)) or np.any((h < 0) | (h > 23)):
        raise ValueError("weekday must be 0-6 and hour 0-23")
    return np.bincount(d * 24 + h, minlength=7 * 24).reshape(7, 24).astype(np.int64)
