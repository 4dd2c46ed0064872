"""Reading postcode centroids, streaming, in batches.

- ONS Postcode Directory (ONSPD) CSV, with a header: the postcode in ``pcds`` (or ``pcd2``,
  ``pcd``), ``lat`` and ``long`` in WGS84, ``doterm`` set for terminated postcodes (skipped).
  Postcodes without a grid reference have latitude 99.999999 (skipped).
- OS Code-Point Open CSV, no header: postcode, positional quality, eastings, northings, ...
  in British National Grid (EPSG:27700), converted to WGS84 with pyproj a batch at a time.
  Quality 90 (no coordinates; eastings and northings 0) is skipped.

A reader takes an iterable of text lines (an open file), so a file of millions of rows is
never held in memory; ``batches(size)`` yields lists of ``PostcodeRow``. Bad rows are
counted in ``stats`` with the first few described, and left out.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
from django.utils.translation import gettext as _
from pyproj import Transformer

from awaz.geo.importers.errors import ImportFileError
from awaz.geo.selectors import POSTCODE_RE, normalise_postcode

MAX_SAMPLES = 5
ONSPD_NO_LOCATION_LAT = 99.999999
CODEPOINT_NO_COORDINATES = "90"
# British National Grid's extent (metres), with a margin.
_BNG_MAX_EASTING = 800_000
_BNG_MAX_NORTHING = 1_300_000


@dataclass(frozen=True)
class PostcodeRow:
    postcode: str  # normalised: "CA1 1AA"
    lat: float
    lon: float


@dataclass
class ReadStats:
    rows: int = 0  # data rows read
    terminated: int = 0
    no_location: int = 0
    errors: int = 0
    samples: list[str] = field(default_factory=list)  # the first few errors, described

    def error(self, line: int, message: str) -> None:
        self.errors += 1
        if len(self.samples) < MAX_SAMPLES:
            described = _("Line %(line)s: %(message)s") % {"line": line, "message": message}
            self.samples.append(described)


class PostcodeSource(Protocol):
    name: str
    stats: ReadStats

    def batches(self, size: int) -> Iterator[list[PostcodeRow]]: ...


def _postcode(value: str) -> str | None:
    normalised = normalise_postcode(value)
    return normalised if POSTCODE_RE.fullmatch(normalised) else None


def _bng_transformer() -> Transformer:
    # Not shared between threads: pyproj transformers are not thread-safe.
    return Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)


def bng_to_wgs84(easting: float, northing: float) -> tuple[float, float]:
    """(lat, lon) in WGS84 of a British National Grid point."""
    lon, lat = _bng_transformer().transform(easting, northing)
    return float(lat), float(lon)


class OnspdReader:
    """Rows of an ONS Postcode Directory CSV (any release: column names are matched without
    regard to case)."""

    def __init__(self, lines: Iterable[str], *, name: str) -> None:
        self.name = name
        self.stats = ReadStats()
        self._lines = lines

    def _columns(self, header: list[str]) -> tuple[int, int, int, int | None]:
        columns = {h.strip().lower(): i for i, h in enumerate(header)}
        postcode = next((columns[c] for c in ("pcds", "pcd2", "pcd") if c in columns), None)
        lat = columns.get("lat")
        lon = next((columns[c] for c in ("long", "lon", "lng") if c in columns), None)
        if postcode is None or lat is None or lon is None:
            raise ImportFileError(
                _(
                    "%(file)s does not look like the ONS Postcode Directory: it needs the "
                    "columns pcds (or pcd, pcd2), lat and long."
                )
                % {"file": self.name}
            )
        return postcode, lat, lon, columns.get("doterm")

    def batches(self, size: int) -> Iterator[list[PostcodeRow]]:
        reader = csv.reader(self._lines)
        header = next(reader, None)
        if header is None:
            raise ImportFileError(_("%(file)s is empty.") % {"file": self.name})
        pc_col, lat_col, lon_col, doterm_col = self._columns(header)
        width = max(pc_col, lat_col, lon_col, doterm_col or 0) + 1
        batch: list[PostcodeRow] = []
        for row in reader:
            if not row:
                continue
            self.stats.rows += 1
            line = reader.line_num
            if len(row) < width:
                self.stats.error(line, _("too few columns"))
                continue
            if doterm_col is not None and row[doterm_col].strip():
                self.stats.terminated += 1
                continue
            postcode = _postcode(row[pc_col])
            if postcode is None:
                self.stats.error(line, _("%(value)r is not a postcode") % {"value": row[pc_col]})
                continue
            try:
                lat, lon = float(row[lat_col]), float(row[lon_col])
            except ValueError:
                self.stats.error(line, _("latitude or longitude is not a number"))
                continue
            if math.isclose(lat, ONSPD_NO_LOCATION_LAT, abs_tol=1e-6):
                self.stats.no_location += 1
                continue
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                self.stats.error(line, _("latitude or longitude out of range"))
                continue
            batch.append(PostcodeRow(postcode, lat, lon))
            if len(batch) >= size:
                yield batch
                batch = []
        if batch:
            yield batch


class CodePointReader:
    """Rows of OS Code-Point Open CSV files (no header; a header row, if present, is
    skipped)."""

    def __init__(self, lines: Iterable[str], *, name: str) -> None:
        self.name = name
        self.stats = ReadStats()
        self._lines = lines
        self._transformer = _bng_transformer()

    def _convert(self, pending: list[tuple[int, str, float, float]]) -> list[PostcodeRow]:
        eastings = np.array([p[2] for p in pending], dtype=np.float64)
        northings = np.array([p[3] for p in pending], dtype=np.float64)
        lons, lats = self._transformer.transform(eastings, northings)
        rows = []
        for (line, postcode, _e, _n), lat, lon in zip(pending, lats, lons, strict=True):
            if not (math.isfinite(lat) and math.isfinite(lon)):
                self.stats.error(line, _("the grid reference cannot be converted"))
                continue
            rows.append(PostcodeRow(postcode, float(lat), float(lon)))
        return rows

    def batches(self, size: int) -> Iterator[list[PostcodeRow]]:
        reader = csv.reader(self._lines)
        pending: list[tuple[int, str, float, float]] = []
        first = True
        for row in reader:
            if not row:
                continue
            if first and row[0].strip().lower() in {"postcode", "pc"}:
                first = False
                continue
            first = False
            self.stats.rows += 1
            line = reader.line_num
            if len(row) < 4:
                self.stats.error(line, _("too few columns"))
                continue
            postcode = _postcode(row[0])
            if postcode is None:
                self.stats.error(line, _("%(value)r is not a postcode") % {"value": row[0]})
                continue
            try:
                easting, northing = float(row[2]), float(row[3])
            except ValueError:
                self.stats.error(line, _("eastings or northings is not a number"))
                continue
            if row[1].strip() == CODEPOINT_NO_COORDINATES or (easting == 0 and northing == 0):
                self.stats.no_location += 1
                continue
            if not (0 <= easting <= _BNG_MAX_EASTING and 0 <= northing <= _BNG_MAX_NORTHING):
                self.stats.error(line, _("eastings or northings outside the National Grid"))
                continue
            pending.append((line, postcode, easting, northing))
            if len(pending) >= size:
                yield self._convert(pending)
                pending = []
        if pending:
            yield self._convert(pending)
