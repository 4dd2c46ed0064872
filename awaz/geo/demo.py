"""A coarse, plainly fictional geography of Cumbria for the demonstration.

Everything is generated here from a few hand-written coordinates, so the demo needs no
boundary file:

- the county: a simplified outline of Cumbria (a couple of dozen vertices);
- two unitary authorities, Cumberland (north and west: former Allerdale, Carlisle and
  Copeland) and Westmorland and Furness (south and east: former Barrow-in-Furness, Eden and
  South Lakeland), split along a rough hand-drawn line;
- one neighbourhood per town: the Voronoi cell of the town centre among the towns of the same
  authority, clipped to that authority. The cells of an authority partition it, so every point
  in the county lies in exactly one neighbourhood;
- a few postcodes per town (more in larger towns), in the town's real postcode districts (CA
  in the north and west, LA in the south and Furness) with made-up inward codes (``9Z?``,
  ``8Z?``), at points near the centre.

- populations (``demo_populations``): each neighbourhood has its town's residents plus a share
  of its authority's rural residents in proportion to the land it covers, so neighbourhoods
  sum to their authority and the authorities to the county (about half a million, as the real
  county). Plausible, not real figures; they give the dashboard its rates per 1,000.

The boundaries are not the real ones: codes start with ``DEMO-`` and rows are ``is_demo``.
Geometry is computed in a local equirectangular frame (longitude scaled by the cosine of the
latitude), so Voronoi cells are not stretched east-west.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import shapely
from shapely.affinity import scale
from shapely.geometry import LineString, MultiPoint, Point, Polygon, mapping
from shapely.geometry.base import BaseGeometry

from awaz.geo.models import Area, AreaLevel, PostcodeUnit
from awaz.geo.services import area_create, area_populations_set, postcode_units_create

COUNTY_CODE = "DEMO-CUMBRIA"
CUMBERLAND_CODE = "DEMO-CUM"
WESTMORLAND_FURNESS_CODE = "DEMO-WF"

# Local frame: x = longitude * cos(latitude of the county's middle), y = latitude.
_X_SCALE = math.cos(math.radians(54.6))


@dataclass(frozen=True)
class Town:
    slug: str
    name: str
    lat: float
    lon: float
    authority: str  # CUMBERLAND_CODE or WESTMORLAND_FURNESS_CODE
    population: int  # approximate, used only to weight the demo reports
    postcode_districts: tuple[str, ...]

    @property
    def code(self) -> str:
        return f"DEMO-N-{self.slug.upper()}"


# Town centres from shared/DOMAIN.md; populations rounded, for weighting only.
_CUM, _WF = CUMBERLAND_CODE, WESTMORLAND_FURNESS_CODE
TOWNS: tuple[Town, ...] = (
    Town("carlisle", "Carlisle", 54.892, -2.932, _CUM, 75_000, ("CA1", "CA2", "CA3")),
    Town("workington", "Workington", 54.643, -3.548, _CUM, 25_000, ("CA14",)),
    Town("whitehaven", "Whitehaven", 54.549, -3.587, _CUM, 24_000, ("CA28",)),
    Town("maryport", "Maryport", 54.713, -3.495, _CUM, 11_000, ("CA15",)),
    Town("cockermouth", "Cockermouth", 54.663, -3.362, _CUM, 9_000, ("CA13",)),
    Town("keswick", "Keswick", 54.600, -3.134, _CUM, 5_000, ("CA12",)),
    Town("wigton", "Wigton", 54.825, -3.162, _CUM, 6_000, ("CA7",)),
    Town("egremont", "Egremont", 54.482, -3.530, _CUM, 8_000, ("CA22",)),
    Town("millom", "Millom", 54.210, -3.271, _CUM, 7_000, ("LA18",)),
    Town("barrow", "Barrow-in-Furness", 54.111, -3.227, _WF, 56_000, ("LA13", "LA14")),
    Town("ulverston", "Ulverston", 54.195, -3.092, _WF, 12_000, ("LA12",)),
    Town("kendal", "Kendal", 54.328, -2.745, _WF, 29_000, ("LA9",)),
    Town("windermere", "Windermere", 54.380, -2.907, _WF, 8_000, ("LA23",)),
    Town("penrith", "Penrith", 54.664, -2.752, _WF, 16_000, ("CA11",)),
    Town("appleby", "Appleby-in-Westmorland", 54.578, -2.489, _WF, 3_000, ("CA16",)),
)  # fmt: skip

# A simplified outline of Cumbria, (lon, lat), clockwise from the head of the Solway Firth:
# the Solway and Irish Sea coast, Walney and Morecambe Bay, then the Lancashire, North
# Yorkshire, Durham, Northumberland and Scottish borders.
COUNTY_OUTLINE: tuple[tuple[float, float], ...] = (
    (-3.06, 54.98), (-3.21, 54.96), (-3.29, 54.93), (-3.41, 54.88), (-3.46, 54.77),
    (-3.54, 54.72), (-3.61, 54.645), (-3.63, 54.56), (-3.66, 54.51), (-3.51, 54.39),
    (-3.43, 54.33), (-3.36, 54.23), (-3.31, 54.18), (-3.29, 54.10), (-3.22, 54.03),
    (-3.15, 54.07), (-3.00, 54.12), (-2.93, 54.15), (-2.86, 54.17), (-2.81, 54.16),
    (-2.68, 54.18), (-2.58, 54.19), (-2.46, 54.24), (-2.34, 54.30), (-2.32, 54.38),
    (-2.24, 54.45), (-2.17, 54.48), (-2.22, 54.56), (-2.30, 54.66), (-2.27, 54.78),
    (-2.40, 54.86), (-2.57, 54.99), (-2.60, 55.07), (-2.68, 55.18), (-2.86, 55.08),
    (-3.03, 55.03),
)  # fmt: skip

# The rough line between the two authorities, (lon, lat), from beyond the eastern border to
# beyond the coast: north of Penrith, along the Helvellyn ridge, Dunmail Raise, Wrynose and the
# Duddon valley, out through the Duddon estuary between Millom and Barrow.
AUTHORITY_DIVIDE: tuple[tuple[float, float], ...] = (
    (-2.00, 54.92), (-2.52, 54.88), (-2.75, 54.80), (-2.90, 54.75), (-2.96, 54.70),
    (-3.01, 54.60), (-3.04, 54.48), (-3.15, 54.44), (-3.19, 54.35), (-3.20, 54.26),
    (-3.23, 54.20), (-3.26, 54.17), (-3.40, 54.16), (-3.80, 54.10),
)  # fmt: skip

# Residents the demo gives each authority (round figures near the 2021 census).
DEMO_AUTHORITY_POPULATIONS = {CUMBERLAND_CODE: 274_000, WESTMORLAND_FURNESS_CODE: 226_000}
DEMO_POPULATION_YEAR = 2021

_AUTHORITY_NAMES = {
    CUMBERLAND_CODE: "Cumberland",
    WESTMORLAND_FURNESS_CODE: "Westmorland and Furness",
}

# Made-up inward codes "9Z?" and "8Z?" for the demo: four per town at least, more in the
# larger towns, so postcode centroids do not pile every report of a town onto a few points.
_DEMO_INWARD = [f"{digit}Z{letter}" for digit in "98" for letter in "ABDEFGHJLNPQRSTUWXY"]


def postcodes_for(town: Town) -> int:
    """How many demo postcodes a town gets: about one per 2,500 residents, at least 4."""
    return max(4, town.population // 2500)


def _to_local(geom: BaseGeometry) -> BaseGeometry:
    return scale(geom, xfact=_X_SCALE, yfact=1.0, origin=(0, 0))


def _to_lonlat(geom: BaseGeometry) -> BaseGeometry:
    return scale(geom, xfact=1 / _X_SCALE, yfact=1.0, origin=(0, 0))


def _polygonal(geom: BaseGeometry) -> BaseGeometry:
    """The polygonal part of a (clipped) geometry, made valid."""
    geom = shapely.make_valid(geom)
    if geom.geom_type in {"Polygon", "MultiPolygon"}:
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if g.geom_type in {"Polygon", "MultiPolygon"}]
    return shapely.union_all(parts)


@dataclass(frozen=True)
class DemoGeometries:
    """The generated boundaries in WGS84 (lon, lat), before anything is stored."""

    county: BaseGeometry
    authorities: dict[str, BaseGeometry]
    neighbourhoods: dict[str, BaseGeometry]  # by town slug


@lru_cache(maxsize=1)
def demo_geometries() -> DemoGeometries:
    """Build the county, authority and neighbourhood boundaries (pure; no database; built
    once per process, shapely geometries being immutable)."""
    county = _to_local(Polygon(COUNTY_OUTLINE))
    divide = list(_to_local(LineString(AUTHORITY_DIVIDE)).coords)
    # Close the divide round the north-west, far outside the county: Cumberland's side.
    (east_x, east_y), (west_x, west_y) = divide[0], divide[-1]
    far_west, far_north = west_x - 5, east_y + 5
    north_west = Polygon([*divide, (far_west, west_y), (far_west, far_north), (east_x, far_north)])
    authorities = {
        CUMBERLAND_CODE: _polygonal(county.intersection(north_west)),
        WESTMORLAND_FURNESS_CODE: _polygonal(county.difference(north_west)),
    }
    neighbourhoods: dict[str, BaseGeometry] = {}
    for code, authority in authorities.items():
        towns = [t for t in TOWNS if t.authority == code]
        points = [_to_local(Point(t.lon, t.lat)) for t in towns]
        cells = shapely.voronoi_polygons(MultiPoint(points), extend_to=authority.envelope.buffer(1))
        for town, point in zip(towns, points, strict=True):
            cell = next(c for c in cells.geoms if c.contains(point))
            neighbourhoods[town.slug] = _to_lonlat(_polygonal(cell.intersection(authority)))
    return DemoGeometries(
        county=_to_lonlat(county),
        authorities={code: _to_lonlat(geom) for code, geom in authorities.items()},
        neighbourhoods=neighbourhoods,
    )


def demo_populations() -> dict[str, int]:
    """Residents by area code for every demo area: a town's own residents plus a share of
    the rest of its authority by land area. Deterministic; neighbourhoods sum exactly to
    their authority, authorities to the county."""
    cells = demo_geometries().neighbourhoods
    result: dict[str, int] = {}
    for code, total in DEMO_AUTHORITY_POPULATIONS.items():
        towns = [t for t in TOWNS if t.authority == code]
        rural = total - sum(t.population for t in towns)
        land = {t.code: _to_local(cells[t.slug]).area for t in towns}
        all_land = sum(land.values())
        shares = {t.code: t.population + round(rural * land[t.code] / all_land) for t in towns}
        # Rounding may leave a few residents over or short: the largest town takes them.
        largest = max(towns, key=lambda t: t.population).code
        shares[largest] += total - sum(shares.values())
        result.update(shares)
        result[code] = total
    result[COUNTY_CODE] = sum(DEMO_AUTHORITY_POPULATIONS.values())
    return result


def _geojson(geom: BaseGeometry) -> dict[str, Any]:
    return dict(mapping(geom))


def demo_postcodes(*, seed: int = 0) -> list[tuple[str, float, float]]:
    """(postcode, lat, lon) for made-up postcodes in each town's real postcode districts,
    scattered about 700 m round the centre and inside the town's neighbourhood."""
    rng = random.Random(seed)
    cells = demo_geometries().neighbourhoods
    rows = []
    for town in TOWNS:
        districts = town.postcode_districts
        for i in range(postcodes_for(town)):
            postcode = f"{districts[i % len(districts)]} {_DEMO_INWARD[i // len(districts)]}"
            while True:
                lat = town.lat + rng.gauss(0, 0.006)
                lon = town.lon + rng.gauss(0, 0.01)
                if cells[town.slug].contains(Point(lon, lat)):
                    break
            rows.append((postcode, round(lat, 5), round(lon, 5)))
    return rows


def demo_geography_create() -> dict[str, Area]:
    """Store the demo areas, their populations and postcodes; areas whose code exists are
    kept as they are (only a missing population is filled in).

    Returns every demo area by code (county, the two authorities, ``DEMO-N-<TOWN>``).
    """
    existing = {a.code: a for a in Area.objects.filter(code__startswith="DEMO-")}
    geoms = demo_geometries()

    def ensure(
        code: str, name: str, level: AreaLevel, parent: Area | None, geom: BaseGeometry
    ) -> Area:
        if code not in existing:
            existing[code] = area_create(
                code=code,
                name=name,
                level=level,
                parent=parent,
                geometry=_geojson(geom),
                is_demo=True,
            )
        return existing[code]

    county = ensure(COUNTY_CODE, "Cumbria", AreaLevel.COUNTY, None, geoms.county)
    authorities = {
        code: ensure(code, _AUTHORITY_NAMES[code], AreaLevel.LOCAL_AUTHORITY, county, geom)
        for code, geom in geoms.authorities.items()
    }
    for town in TOWNS:
        ensure(
            town.code,
            town.name,
            AreaLevel.NEIGHBOURHOOD,
            authorities[town.authority],
            geoms.neighbourhoods[town.slug],
        )
    area_populations_set(
        values={code: (n, DEMO_POPULATION_YEAR) for code, n in demo_populations().items()},
        only_missing=True,
    )
    for area in existing.values():
        area.refresh_from_db(fields=["population", "population_year"])
    known = set(PostcodeUnit.objects.values_list("postcode", flat=True))
    postcode_units_create(
        units=[row for row in demo_postcodes() if row[0] not in known], is_demo=True
    )
    return existing
