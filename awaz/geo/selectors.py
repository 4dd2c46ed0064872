"""Reading areas, and placing points in them.

``area_for_point`` finds the deepest area whose boundary contains a point, through a
shapely STRtree built once per process and rebuilt when areas change.
``grid_square`` generalises a point to the centre of its 50 m British National Grid square,
the location analysis uses (the exact point stays encrypted).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from django.db.models import Count, Max, QuerySet
from pyproj import Transformer
from shapely import STRtree
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry

from awaz.geo.models import LEVEL_DEPTH, Area, AreaLevel, PostcodeUnit

GRID_METRES = 50
# A UK postcode in normalised form (outward code, one space, inward code).
POSTCODE_RE = re.compile(r"[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}")


@dataclass(frozen=True)
class _Index:
    version: tuple[int, str]
    tree: STRtree
    geoms: list[BaseGeometry]
    area_ids: list[int]
    depths: list[int]


_lock = threading.Lock()
_index: _Index | None = None


def _version() -> tuple[int, str]:
    agg = Area.objects.aggregate(n=Count("id"), latest=Max("modified_at"))
    return agg["n"] or 0, str(agg["latest"])


def _build() -> _Index:
    rows = Area.objects.filter(geometry__isnull=False).values_list("id", "level", "geometry")
    geoms, ids, depths = [], [], []
    for area_id, level, geometry in rows:
        geoms.append(shape(geometry))
        ids.append(area_id)
        depths.append(LEVEL_DEPTH[AreaLevel(level)])
    return _Index(_version(), STRtree(geoms), geoms, ids, depths)


def area_index_clear() -> None:
    global _index
    with _lock:
        _index = None


def _current_index() -> _Index:
    global _index
    with _lock:
        if _index is None or _index.version != _version():
            _index = _build()
        return _index


def area_id_for_point(*, lat: float, lon: float) -> int | None:
    """Id of the deepest area containing (lat, lon), or None if none does."""
    return area_ids_for_points(points=[(lat, lon)])[0]


def area_ids_for_points(*, points: Sequence[tuple[float, float]]) -> list[int | None]:
    """``area_id_for_point`` for many (lat, lon) at once: the index is checked once."""
    index = _current_index()
    result: list[int | None] = []
    for lat, lon in points:
        best: tuple[int, int] | None = None
        for i in index.tree.query(Point(lon, lat), predicate="intersects"):
            candidate = (index.depths[int(i)], index.area_ids[int(i)])
            if best is None or candidate[0] > best[0]:
                best = candidate
        result.append(best[1] if best is not None else None)
    return result


def area_for_point(*, lat: float, lon: float) -> Area | None:
    area_id = area_id_for_point(lat=lat, lon=lon)
    return Area.objects.filter(id=area_id).first() if area_id is not None else None


@lru_cache(maxsize=1)
def _to_bng() -> Transformer:
    return Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True)


def grid_square(*, lat: float, lon: float) -> tuple[int, int]:
    """Centre (easting, northing) in metres of the 50 m British National Grid square."""
    easting, northing = _to_bng().transform(lon, lat)
    half = GRID_METRES // 2
    return (
        int(easting // GRID_METRES) * GRID_METRES + half,
        int(northing // GRID_METRES) * GRID_METRES + half,
    )


def area_ancestors(area: Area) -> list[Area]:
    """The area and those containing it, from the county down."""
    chain = []
    current: Area | None = area
    while current is not None:
        chain.append(current)
        current = current.parent
    return list(reversed(chain))


def area_by_code(code: str) -> Area | None:
    return Area.objects.filter(code=code).first()


def area_list(*, level: AreaLevel | None = None) -> QuerySet[Area]:
    qs = Area.objects.all()
    if level is not None:
        qs = qs.filter(level=level)
    return qs.order_by("name")


def area_geojson(areas: QuerySet[Area] | list[Area]) -> dict:
    """A FeatureCollection of areas' boundaries (for Leaflet's vector layer)."""
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": area.code,
                "properties": {"code": area.code, "name": area.name, "level": area.level},
                "geometry": area.geometry,
            }
            for area in areas
            if area.geometry is not None
        ],
    }


def normalise_postcode(value: str) -> str:
    """``ca11aa`` -> ``CA1 1AA`` (the inward code is always the last three characters)."""
    compact = "".join(value.split()).upper()
    return f"{compact[:-3]} {compact[-3:]}" if len(compact) > 3 else compact


def postcode_point(postcode: str) -> tuple[float, float] | None:
    """(lat, lon) of a postcode's centroid, if the lookup knows it."""
    row = (
        PostcodeUnit.objects.filter(postcode=normalise_postcode(postcode))
        .values_list("lat", "lon")
        .first()
    )
    return (row[0], row[1]) if row else None


def postcode_points(postcodes: Sequence[str]) -> dict[str, tuple[float, float]]:
    """``postcode_point`` of many postcodes in one query: (lat, lon) by normalised
    postcode, for the ones the lookup knows."""
    wanted = sorted({normalise_postcode(p) for p in postcodes if p})
    found: dict[str, tuple[float, float]] = {}
    for start in range(0, len(wanted), 2000):
        rows = PostcodeUnit.objects.filter(postcode__in=wanted[start : start + 2000])
        for postcode, lat, lon in rows.values_list("postcode", "lat", "lon"):
            found[postcode] = (lat, lon)
    return found
