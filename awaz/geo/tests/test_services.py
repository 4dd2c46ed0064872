import pytest

from awaz.core.exceptions import ApplicationError
from awaz.geo.models import Area, AreaLevel, PostcodeUnit
from awaz.geo.services import area_create, postcode_units_create

SQUARE = {"type": "Polygon", "coordinates": [[[-3, 54], [-2, 54], [-2, 55], [-3, 55], [-3, 54]]]}


def test_area_create_stores_the_boundary_and_its_bounding_box(db):
    area = area_create(
        code="T-1", name="Fictional", level=AreaLevel.COUNTY, parent=None, geometry=SQUARE
    )
    area.refresh_from_db()
    assert (area.min_lon, area.min_lat, area.max_lon, area.max_lat) == (-3, 54, -2, 55)
    assert area.geometry == SQUARE
    assert area.is_demo is False


def test_area_create_without_a_boundary(db):
    area = area_create(
        code="T-2", name="Fictional", level=AreaLevel.COUNTY, parent=None, geometry=None
    )
    assert area.min_lon is None and area.geometry is None


def test_area_create_refuses_an_invalid_boundary(db):
    bowtie = {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}
    with pytest.raises(ApplicationError, match="invalid boundary"):
        area_create(code="T-3", name="X", level=AreaLevel.COUNTY, parent=None, geometry=bowtie)
    assert not Area.objects.exists()


def test_area_create_refuses_a_point(db):
    point = {"type": "Point", "coordinates": [0, 0]}
    with pytest.raises(ApplicationError, match="Polygon or MultiPolygon"):
        area_create(code="T-4", name="X", level=AreaLevel.COUNTY, parent=None, geometry=point)


def test_postcode_units_create_normalises_and_marks_demo(db):
    added = postcode_units_create(
        units=[("ca1 9za", 54.89, -2.93), ("LA149ZB", 54.11, -3.22)], is_demo=True
    )
    assert added == 2
    assert sorted(PostcodeUnit.objects.values_list("postcode", "is_demo")) == [
        ("CA1 9ZA", True),
        ("LA14 9ZB", True),
    ]


@pytest.mark.parametrize(
    ("postcode", "lat", "lon", "message"),
    [
        ("not a postcode", 54.0, -3.0, "not a UK postcode"),
        ("CA1 9ZA", 154.0, -3.0, "not a WGS84"),
    ],
)
def test_postcode_units_create_refuses_bad_rows(db, postcode, lat, lon, message):
    with pytest.raises(ApplicationError, match=message):
        postcode_units_create(units=[("CA2 9ZA", 54.9, -2.9), (postcode, lat, lon)])
    assert not PostcodeUnit.objects.exists()
