"""Reading boundary files (no database)."""

import io
import re
import zipfile

import pytest
from shapely.geometry import shape

from awaz.geo.importers import ImportFileError, boundary_file_read, fields_detect
from awaz.geo.tests.boundary_files import (
    BOWTIE,
    bng_square,
    box,
    collection,
    feature,
    shapefile_zip,
    wards,
)

# British National Grid (340000, 555000) is in the NY 100 km square, about 700 m south-west of
# Carlisle's centre (54.892 N, 2.932 W): about 54.89 N, 2.94 W. The figures to 1e-5 are
# pyproj's EPSG:27700 -> EPSG:4326 (OSGB36 to WGS 84 by the Helmert transformation, about
# 2 m); the hand check keeps them honest.
BNG_POINT = (340000, 555000)
BNG_POINT_LAT_LON = (54.88613, -2.93683)


def read(content: bytes, filename: str = "wards.geojson", **options):
    return boundary_file_read(
        content, filename=filename, level=options.pop("level", "ward"), **options
    )


def test_crs84_geojson_with_ons_fields():
    result = read(wards(("T-W1", "North Fictional", box(0, 0, 1, 1))))
    assert (result.code_field, result.name_field) == ("WD23CD", "WD23NM")
    assert result.source_crs == "OGC:CRS84"
    [ward] = result.features
    assert (ward.number, ward.code, ward.name, ward.problem) == (1, "T-W1", "North Fictional", "")
    assert shape(ward.geometry).equals(shape(box(0, 0, 1, 1)))


def test_geojson_without_crs_is_longitude_latitude():
    content = collection([feature({"code": "T-1", "name": "Fictional"}, box(-3, 54, -2, 55))])
    result = read(content)
    assert (result.code_field, result.name_field, result.source_crs) == (
        "code",
        "name",
        "OGC:CRS84",
    )
    assert result.features[0].geometry["coordinates"][0][0] == [-3.0, 54.0]


@pytest.mark.parametrize(
    ("names", "level", "expected"),
    [
        (["WD13CD", "WD13CDO", "WD13NM", "WD13NMW"], "ward", ("WD13CD", "WD13NM")),
        (["LAD23CD", "LAD23NM", "FID"], "local_authority", ("LAD23CD", "LAD23NM")),
        # A ward file carrying its district too: the ward's fields for wards ...
        (["WD23CD", "WD23NM", "LAD23CD", "LAD23NM"], "ward", ("WD23CD", "WD23NM")),
        # ... and the district's when importing districts.
        (["WD23CD", "WD23NM", "LAD23CD", "LAD23NM"], "local_authority", ("LAD23CD", "LAD23NM")),
        (["ctyua21cd", "ctyua21nm"], "county", ("ctyua21cd", "ctyua21nm")),
        (["Code", "Name", "Other"], "neighbourhood", ("Code", "Name")),
        (["area_code", "area_name"], "ward", ("area_code", "area_name")),
    ],
)
def test_fields_are_detected(names, level, expected):
    assert fields_detect(names, level=level, filename="f.json") == expected


def test_given_fields_are_matched_without_regard_to_case():
    assert fields_detect(
        ["Ref", "Label"], level="ward", filename="f.json", code_field="ref", name_field="LABEL"
    ) == (
        "Ref",
        "Label",
    )


def test_a_missing_given_field_is_named():
    with pytest.raises(ImportFileError) as caught:
        fields_detect(["Ref", "Label"], level="ward", filename="f.json", code_field="WD23CD")
    assert str(caught.value) == "f.json has no property WD23CD (it has: Label, Ref)."


def test_undetectable_fields_ask_for_the_option():
    asked = re.escape("Could not tell which property of f.json holds the area code")
    with pytest.raises(ImportFileError, match=asked):
        fields_detect(["Ref", "Label"], level="ward", filename="f.json")
    with pytest.raises(ImportFileError, match="holds the area name"):
        fields_detect(["code", "Label"], level="ward", filename="f.json")


def test_bng_geojson_is_reprojected_to_wgs84():
    east, north = BNG_POINT
    square = {"type": "Polygon", "coordinates": [bng_square(east, north)]}
    content = collection(
        [feature({"LAD23CD": "T-LA", "LAD23NM": "Fictional"}, square)],
        crs="urn:ogc:def:crs:EPSG::27700",
    )
    result = read(content, level="local_authority")
    assert result.source_crs == "EPSG:27700"
    geom = shape(result.features[0].geometry)
    west, south, _east, _north = geom.bounds
    # The south-west corner is the grid point: about 54.89 N, 2.94 W (near Carlisle) ...
    assert south == pytest.approx(54.89, abs=0.01) and west == pytest.approx(-2.94, abs=0.01)
    carlisle = (54.892, -2.932)
    metres_south = (carlisle[0] - south) * 111_200
    metres_west = (carlisle[1] - west) * 111_200 * 0.575  # cos(54.9 degrees)
    assert 300 < metres_south < 1000 and 100 < metres_west < 700
    # ... and exactly the known conversion.
    lon, lat = geom.exterior.coords[0]
    assert (lat, lon) == pytest.approx(BNG_POINT_LAT_LON, abs=1e-5)
    # A 1 km square: about 0.009 degrees of latitude, 0.0156 of longitude at 54.9 N.
    assert geom.bounds[3] - south == pytest.approx(0.009, abs=0.0005)
    assert geom.bounds[2] - west == pytest.approx(0.0156, abs=0.0005)


def test_short_epsg_name_and_old_style_epsg_member():
    square = {"type": "Polygon", "coordinates": [bng_square(*BNG_POINT)]}
    for crs in ("EPSG:27700",):
        result = read(collection([feature({"code": "T-1", "name": "F"}, square)], crs=crs))
        assert result.source_crs == "EPSG:27700"
    document = (
        b'{"type": "FeatureCollection", "crs": {"type": "EPSG", "properties": {"code": 27700}},'
        b' "features": [{"type": "Feature", "properties": {"code": "T-1", "name": "F"},'
        b' "geometry": {"type": "Polygon", "coordinates": [[[340000, 555000], [341000, 555000],'
        b" [341000, 556000], [340000, 555000]]]}}]}"
    )
    assert read(document).features[0].geometry is not None


def test_an_unknown_projection_names_the_file():
    content = collection(
        [feature({"code": "T-1", "name": "F"}, box(0, 0, 1, 1))], crs="EPSG:999999"
    )
    with pytest.raises(ImportFileError) as caught:
        read(content, filename="fictional-wards.geojson")
    assert str(caught.value) == "fictional-wards.geojson: unknown projection EPSG:999999."


def test_metres_without_a_crs_are_refused_per_feature():
    square = {"type": "Polygon", "coordinates": [bng_square(*BNG_POINT)]}
    result = read(collection([feature({"code": "T-1", "name": "F"}, square)]))
    assert result.errors == [
        "Feature 1 (T-1): its coordinates are not longitude and latitude (does the file name "
        "its projection?)"
    ]


def test_an_invalid_boundary_is_named_with_the_reason():
    result = read(wards(("T-W1", "Fine", box(0, 0, 1, 1)), ("T-W2", "Bow tie", BOWTIE)))
    assert result.features[0].problem == ""
    bad = result.features[1]
    assert bad.geometry is None
    assert bad.problem == "invalid boundary: Self-intersection[0.5 0.5]"
    assert result.errors == ["Feature 2 (T-W2): invalid boundary: Self-intersection[0.5 0.5]"]


def test_repair_mends_an_invalid_boundary():
    result = read(wards(("T-W2", "Bow tie", BOWTIE)), repair=True)
    [mended] = result.features
    assert mended.problem == "" and mended.repaired
    geom = shape(mended.geometry)
    assert geom.is_valid and geom.geom_type == "MultiPolygon"
    assert geom.area == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("geometry", "properties", "problem"),
    [
        (None, {"WD23CD": "T-1", "WD23NM": "F"}, "it has no geometry"),
        (
            {"type": "Point", "coordinates": [0, 0]},
            {"WD23CD": "T-1", "WD23NM": "F"},
            "it is a Point, not a Polygon or MultiPolygon",
        ),
        (box(0, 0, 1, 1), {"WD23CD": "", "WD23NM": "F"}, "it has no WD23CD"),
        (box(0, 0, 1, 1), {"WD23CD": "T-1", "WD23NM": ""}, "it has no WD23NM"),
        (
            box(0, 0, 1, 1),
            {"WD23CD": "T-" + "9" * 30, "WD23NM": "F"},
            "the code is longer than 20 characters",
        ),
    ],
)
def test_feature_problems(geometry, properties, problem):
    result = read(collection([feature(properties, geometry)]))
    assert result.features[0].problem == problem
    assert result.errors[0].startswith("Feature 1")


def test_a_code_twice_is_a_problem_for_the_second():
    result = read(wards(("T-1", "A", box(0, 0, 1, 1)), ("T-1", "B", box(1, 0, 2, 1))))
    assert [f.problem for f in result.features] == [
        "",
        "the code appears more than once in the file",
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "f.geojson is not GeoJSON"),
        (b'{"type": "Feature"}', "f.geojson is not a GeoJSON FeatureCollection."),
        (b'{"type": "FeatureCollection", "features": []}', "f.geojson has no features."),
    ],
)
def test_unusable_geojson(content, message):
    with pytest.raises(ImportFileError, match=message):
        read(content, filename="f.geojson")


def test_an_unsupported_suffix_is_refused():
    with pytest.raises(ImportFileError, match=r"give a .geojson, .json or zipped shapefile"):
        read(b"", filename="wards.kml")


def test_zipped_bng_shapefile(tmp_path):
    path = shapefile_zip(
        tmp_path / "districts.zip",
        [
            ("T-LA1", "West Fictional", [bng_square(*BNG_POINT)]),
            ("T-LA2", "East Fictional", [bng_square(341000, 555000)]),
        ],
    )
    result = read(path.read_bytes(), filename="districts.zip", level="local_authority")
    assert result.source_crs == "EPSG:27700"
    assert (result.code_field, result.name_field) == ("LAD23CD", "LAD23NM")
    assert [(f.code, f.name, f.problem) for f in result.features] == [
        ("T-LA1", "West Fictional", ""),
        ("T-LA2", "East Fictional", ""),
    ]
    first = shape(result.features[0].geometry)
    assert first.is_valid and first.area > 0
    assert min(first.exterior.coords, key=lambda c: (c[1], c[0]))[1] == pytest.approx(
        BNG_POINT_LAT_LON[0], abs=1e-5
    )
    # The two squares share an edge: still neighbours after reprojection.
    second = shape(result.features[1].geometry)
    assert first.distance(second) < 1e-9 and first.intersection(second).area < 1e-12


def test_shapefile_in_wgs84(tmp_path):
    wgs84 = (
        'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,'
        '298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]'
    )
    ring = [(-3.0, 54.0), (-3.0, 55.0), (-2.0, 55.0), (-2.0, 54.0), (-3.0, 54.0)]
    path = shapefile_zip(tmp_path / "a.zip", [("T-1", "Fictional", [ring])], prj=wgs84)
    [only] = read(path.read_bytes(), filename="a.zip").features
    assert shape(only.geometry).bounds == pytest.approx((-3, 54, -2, 55))


def test_a_shapefile_without_prj_is_refused_by_name(tmp_path):
    path = shapefile_zip(tmp_path / "noprj.zip", [("T-1", "F", [bng_square(*BNG_POINT)])], prj=None)
    with pytest.raises(ImportFileError) as caught:
        read(path.read_bytes(), filename="noprj.zip")
    assert str(caught.value) == (
        "noprj.zip: fictional/areas.shp has no .prj file, so its projection is unknown. Add "
        "the .prj that came with the shapefile."
    )


def test_a_shapefile_with_an_unknown_projection_is_refused_by_name(tmp_path):
    path = shapefile_zip(
        tmp_path / "odd.zip", [("T-1", "F", [bng_square(*BNG_POINT)])], prj="NOT A PROJECTION"
    )
    with pytest.raises(ImportFileError) as caught:
        read(path.read_bytes(), filename="odd.zip")
    assert str(caught.value) == "odd.zip: unknown projection in fictional/areas.prj."


def test_zip_problems(tmp_path):
    with pytest.raises(ImportFileError, match=re.escape("notzip.zip is not a zip file.")):
        read(b"plain text", filename="notzip.zip")
    empty = io.BytesIO()
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("readme.txt", "no shapefile here")
    with pytest.raises(ImportFileError, match=r"empty.zip holds no .shp file."):
        read(empty.getvalue(), filename="empty.zip")
    two = io.BytesIO()
    with zipfile.ZipFile(two, "w") as archive:
        archive.writestr("a.shp", b"")
        archive.writestr("b.shp", b"")
    with pytest.raises(ImportFileError, match=r"holds several shapefiles \(a.shp, b.shp\)"):
        read(two.getvalue(), filename="two.zip")
