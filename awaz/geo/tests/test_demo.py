import random
from itertools import combinations

import pytest
from shapely.geometry import Point, shape

from awaz.geo.demo import (
    COUNTY_CODE,
    CUMBERLAND_CODE,
    TOWNS,
    WESTMORLAND_FURNESS_CODE,
    demo_geography_create,
    demo_geometries,
    demo_postcodes,
    postcodes_for,
)
from awaz.geo.models import Area, AreaLevel, PostcodeUnit
from awaz.geo.selectors import POSTCODE_RE, area_for_point, area_index_clear, postcode_point

# The former districts in each unitary council (shared/DOMAIN.md): Millom is in Copeland,
# Keswick in Allerdale, Penrith and Appleby in Eden.
CUMBERLAND_TOWNS = {
    "carlisle", "workington", "whitehaven", "maryport", "cockermouth", "keswick", "wigton",
    "egremont", "millom",
}  # fmt: skip


@pytest.fixture
def geography(db):
    areas = demo_geography_create()
    area_index_clear()
    return areas


def test_fifteen_towns_in_the_right_authorities():
    assert len(TOWNS) == 15
    assert {t.slug for t in TOWNS if t.authority == CUMBERLAND_CODE} == CUMBERLAND_TOWNS
    assert len({t.code for t in TOWNS}) == 15
    assert all(len(t.code) <= 20 for t in TOWNS)


def test_geometries_are_valid_and_partition_the_county():
    geoms = demo_geometries()
    county = geoms.county
    assert county.is_valid
    parts = [*geoms.authorities.values(), *geoms.neighbourhoods.values()]
    assert all(g.is_valid and g.geom_type in {"Polygon", "MultiPolygon"} for g in parts)
    assert sum(g.area for g in geoms.authorities.values()) == pytest.approx(county.area, rel=0.01)
    assert sum(g.area for g in geoms.neighbourhoods.values()) == pytest.approx(
        county.area, rel=0.01
    )
    cells = list(geoms.neighbourhoods.values())
    for a, b in combinations(cells, 2):
        assert a.intersection(b).area < 1e-9
    cum, wf = geoms.authorities[CUMBERLAND_CODE], geoms.authorities[WESTMORLAND_FURNESS_CODE]
    assert cum.intersection(wf).area < 1e-9
    for town in TOWNS:
        assert (
            geoms.authorities[town.authority].buffer(1e-9).covers(geoms.neighbourhoods[town.slug])
        )


def test_random_points_in_the_county_fall_in_exactly_one_neighbourhood():
    geoms = demo_geometries()
    rng = random.Random(7)
    west, south, east, north = geoms.county.bounds
    inside = 0
    while inside < 500:
        p = Point(rng.uniform(west, east), rng.uniform(south, north))
        if not geoms.county.contains(p):
            assert not any(c.contains(p) for c in geoms.neighbourhoods.values())
            continue
        inside += 1
        assert sum(c.contains(p) for c in geoms.neighbourhoods.values()) == 1


def test_demo_geography_is_stored_as_a_hierarchy(geography):
    county = Area.objects.get(code=COUNTY_CODE)
    assert county.level == AreaLevel.COUNTY and county.parent is None
    authorities = Area.objects.filter(level=AreaLevel.LOCAL_AUTHORITY)
    assert {a.code for a in authorities} == {CUMBERLAND_CODE, WESTMORLAND_FURNESS_CODE}
    assert all(a.parent == county for a in authorities)
    assert Area.objects.filter(level=AreaLevel.NEIGHBOURHOOD).count() == 15
    assert Area.objects.count() == 18
    assert not Area.objects.filter(is_demo=False).exists()
    assert all(a.code.startswith("DEMO-") for a in Area.objects.all())
    assert {a.name for a in authorities} == {"Cumberland", "Westmorland and Furness"}
    for area in Area.objects.all():
        assert shape(area.geometry).is_valid
        assert area.min_lon is not None


def test_every_town_centre_is_in_its_own_neighbourhood_and_authority(geography):
    for town in TOWNS:
        area = area_for_point(lat=town.lat, lon=town.lon)
        assert area is not None
        assert area.code == town.code
        assert area.level == AreaLevel.NEIGHBOURHOOD
        assert area.parent is not None and area.parent.code == town.authority


def test_a_point_at_sea_is_in_no_area(geography):
    assert area_for_point(lat=54.5, lon=-3.9) is None  # Irish Sea, west of St Bees
    assert area_for_point(lat=53.48, lon=-2.24) is None  # Manchester


def test_demo_postcodes_resolve_to_their_towns(geography):
    rows = demo_postcodes()
    assert len(rows) == sum(postcodes_for(t) for t in TOWNS)
    assert len({r[0] for r in rows}) == len(rows)
    assert PostcodeUnit.objects.filter(is_demo=True).count() == len(rows)
    by_postcode = {r[0]: r for r in rows}
    for town in TOWNS:
        mine = [p for p in by_postcode if p.split()[0] in town.postcode_districts]
        assert len(mine) == postcodes_for(town) >= 4
        for postcode in mine:
            assert POSTCODE_RE.fullmatch(postcode)
            assert postcode.split()[1][1] == "Z"
            point = postcode_point(postcode.lower().replace(" ", ""))
            assert point is not None
            area = area_for_point(lat=point[0], lon=point[1])
            assert area is not None and area.code == town.code
    # North and west use Carlisle's CA area; Barrow, Ulverston, Kendal, Windermere and
    # Millom Lancaster's LA.
    areas = {t.slug: {d[:2] for d in t.postcode_districts} for t in TOWNS}
    assert areas["carlisle"] == {"CA"} and areas["barrow"] == {"LA"}


def test_demo_postcodes_are_deterministic():
    assert demo_postcodes(seed=3) == demo_postcodes(seed=3)
    assert demo_postcodes(seed=3) != demo_postcodes(seed=4)


def test_creating_the_demo_geography_twice_adds_nothing(geography):
    before = (Area.objects.count(), PostcodeUnit.objects.count())
    again = demo_geography_create()
    assert (Area.objects.count(), PostcodeUnit.objects.count()) == before
    assert {code: a.pk for code, a in again.items()} == {
        code: a.pk for code, a in geography.items()
    }


def test_the_demo_lookup_is_what_the_readme_says():
    """README ("The demo's postcode lookup"): 124 made-up postcodes, inward codes 9Z?, in the
    listed districts; no real postcode, not even the report form's example CA1 1AA."""
    rows = demo_postcodes()
    postcodes = {r[0] for r in rows}
    assert len(rows) == len(postcodes) == 124
    assert {p.split()[1][:2] for p in postcodes} == {"9Z"}
    assert {p.split()[0] for p in postcodes} == {
        "CA1", "CA2", "CA3", "CA7", "CA11", "CA12", "CA13", "CA14", "CA15", "CA16", "CA22",
        "CA28", "LA9", "LA12", "LA13", "LA14", "LA18", "LA23",
    }  # fmt: skip
    assert {"CA1 9ZA", "LA9 9ZB"} <= postcodes
    assert "CA1 1AA" not in postcodes
