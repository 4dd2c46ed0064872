import pytest
from django.db import transaction
from pyproj import Transformer

from awaz.geo import selectors
from awaz.geo.models import Area, AreaLevel
from awaz.geo.selectors import (
    area_ancestors,
    area_for_point,
    area_geojson,
    area_id_for_point,
    area_index_clear,
    area_list,
    grid_square,
    normalise_postcode,
    postcode_point,
)
from awaz.geo.services import area_create, postcode_units_create


def _box(west: float, south: float, east: float, north: float) -> dict:
    return {
        "type": "Polygon",
        "coordinates": [
            [[west, south], [east, south], [east, north], [west, north], [west, south]]
        ],
    }


@pytest.fixture
def nested(db):
    """A county (0..10 x 50..60), a local authority in its west half, a ward in the
    authority's south-west quarter."""
    county = area_create(
        code="T-C", name="Fictional County", level=AreaLevel.COUNTY, parent=None,
        geometry=_box(0, 50, 10, 60),
    )  # fmt: skip
    authority = area_create(
        code="T-LA", name="Fictional Authority", level=AreaLevel.LOCAL_AUTHORITY,
        parent=county, geometry=_box(0, 50, 5, 60),
    )  # fmt: skip
    ward = area_create(
        code="T-W", name="Fictional Ward", level=AreaLevel.WARD, parent=authority,
        geometry=_box(0, 50, 2.5, 55),
    )  # fmt: skip
    area_index_clear()
    return county, authority, ward


def test_point_gets_the_deepest_area_containing_it(nested):
    county, authority, ward = nested
    assert area_for_point(lat=52, lon=1) == ward
    assert area_for_point(lat=58, lon=1) == authority
    assert area_for_point(lat=58, lon=8) == county


def test_point_outside_every_area_gets_none(nested):
    assert area_for_point(lat=40, lon=1) is None
    assert area_id_for_point(lat=52, lon=-1) is None


def test_no_areas_at_all_gives_none(db):
    area_index_clear()
    assert area_for_point(lat=54.9, lon=-2.9) is None


def test_index_notices_an_area_added_in_the_same_process(nested):
    assert area_for_point(lat=58, lon=8) == nested[0]  # builds the index
    built = selectors._index
    east = area_create(
        code="T-LA2", name="Fictional East", level=AreaLevel.LOCAL_AUTHORITY,
        parent=nested[0], geometry=_box(5, 50, 10, 60),
    )  # fmt: skip
    # No commit has happened (the test runs in a transaction), yet the version check sees
    # the new row and rebuilds.
    assert area_for_point(lat=58, lon=8) == east
    assert selectors._index is not built


def test_commit_of_a_new_area_clears_the_index(nested, django_capture_on_commit_callbacks):
    area_for_point(lat=58, lon=8)
    assert selectors._index is not None
    with django_capture_on_commit_callbacks(execute=True):
        area_create(
            code="T-LA2", name="Fictional East", level=AreaLevel.LOCAL_AUTHORITY,
            parent=nested[0], geometry=_box(5, 50, 10, 60),
        )  # fmt: skip
    assert selectors._index is None


def test_index_is_reused_while_areas_are_unchanged(nested, django_assert_num_queries):
    area_id_for_point(lat=52, lon=1)
    # Only the version check: no rebuild.
    with django_assert_num_queries(1):
        assert area_id_for_point(lat=52, lon=1) == nested[2].pk


def test_grid_square_is_the_centre_of_the_50m_bng_square():
    lat, lon = 54.892, -2.932  # Carlisle
    easting, northing = Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True).transform(
        lon, lat
    )
    e, n = grid_square(lat=lat, lon=lon)
    assert e % 50 == 25 and n % 50 == 25
    assert e == int(easting // 50) * 50 + 25
    assert n == int(northing // 50) * 50 + 25
    assert abs(e - easting) <= 25 and abs(n - northing) <= 25
    # Carlisle is in the NY 100 km square of the National Grid.
    assert 300_000 <= e < 400_000 and 500_000 <= n < 600_000


def test_nearby_points_share_a_grid_square_and_distant_ones_do_not():
    e, n = grid_square(lat=54.892, lon=-2.932)
    # About 1 m apart: almost always the same square (not on an edge here).
    assert grid_square(lat=54.892005, lon=-2.932005) == (e, n)
    # About 1 km north.
    _e2, n2 = grid_square(lat=54.901, lon=-2.932)
    assert 950 <= n2 - n <= 1050


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("ca11aa", "CA1 1AA"),
        (" la14  1xx ", "LA14 1XX"),
        ("CA28 9ZA", "CA28 9ZA"),
        ("sw1a1aa", "SW1A 1AA"),
        ("ab", "AB"),
        ("", ""),
    ],
)
def test_normalise_postcode(typed, expected):
    assert normalise_postcode(typed) == expected


def test_postcode_point_finds_a_known_postcode_however_typed(db):
    postcode_units_create(units=[("CA1 9ZA", 54.89, -2.93)], is_demo=True)
    assert postcode_point("ca19za") == (54.89, -2.93)
    assert postcode_point("CA1 9ZB") is None


def test_ancestors_run_from_the_county_down(nested):
    county, authority, ward = nested
    assert area_ancestors(ward) == [county, authority, ward]
    assert area_ancestors(county) == [county]


def test_area_list_filters_by_level(nested):
    assert list(area_list(level=AreaLevel.WARD)) == [nested[2]]
    assert len(area_list()) == 3


def test_area_geojson_is_a_feature_collection_of_boundaries(nested):
    Area.objects.create(code="T-NOGEOM", name="No boundary", level=AreaLevel.COUNTY)
    collection = area_geojson(Area.objects.order_by("code"))
    assert collection["type"] == "FeatureCollection"
    codes = [f["properties"]["code"] for f in collection["features"]]
    assert codes == ["T-C", "T-LA", "T-W"]
    ward = collection["features"][2]
    assert ward["id"] == "T-W"
    assert ward["properties"] == {"code": "T-W", "name": "Fictional Ward", "level": "ward"}
    assert ward["geometry"]["type"] == "Polygon"


def test_index_build_survives_a_rolled_back_area(nested):
    with pytest.raises(RuntimeError), transaction.atomic():
        gone = area_create(
            code="T-GONE", name="Rolled back", level=AreaLevel.WARD, parent=nested[1],
            geometry=_box(2.5, 55, 5, 60),
        )  # fmt: skip
        assert area_for_point(lat=58, lon=4) == gone  # the index now holds it
        raise RuntimeError
    assert area_for_point(lat=58, lon=4) == nested[1]


def test_an_area_without_a_boundary_is_ignored_by_the_lookup(nested):
    # A JSONField's None is SQL NULL: the index must skip it rather than fail to build.
    area_create(
        code="T-NONE", name="No boundary yet", level=AreaLevel.WARD, parent=nested[1],
        geometry=None,
    )  # fmt: skip
    assert area_for_point(lat=52, lon=1) == nested[2]
