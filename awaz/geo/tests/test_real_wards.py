"""The real 2014 ward boundaries of Cumbria's six former districts (ONS/OS data via Martin
Chorley's UK-GeoJson, CC BY 4.0 and OS OpenData; see LICENCE.md beside them). They live in
the shared data folder beside the checkout, never in the repository; the tests skip without
it."""

import json
from pathlib import Path

import pytest
import shapely
from django.conf import settings
from django.core.management import call_command
from shapely import STRtree
from shapely.geometry import shape

from awaz.geo.models import Area, AreaLevel
from awaz.geo.selectors import area_for_point, area_ids_for_points, area_index_clear
from awaz.geo.services import area_create

# Allerdale, Barrow-in-Furness, Carlisle, Copeland, Eden, South Lakeland.
DISTRICTS = [f"E070000{n}" for n in range(26, 32)]
RELATIVE = Path("shared") / "data" / "geo" / "cumbria-wards-2014"


def _wards_folder() -> Path | None:
    for base in (Path(settings.BASE_DIR).parent, Path(settings.BASE_DIR).parent.parent):
        folder = base / RELATIVE
        if all((folder / f"{code}.json").is_file() for code in DISTRICTS):
            return folder
    return None


@pytest.fixture(scope="module")
def folder() -> Path:
    found = _wards_folder()
    if found is None:
        pytest.skip(
            f"../shared/data/geo not present: no {RELATIVE} beside the checkout "
            f"({Path(settings.BASE_DIR).parent}), so the real ward boundaries cannot be tested"
        )
    return found


def _features(folder: Path, district: str) -> list[dict]:
    return json.loads((folder / f"{district}.json").read_text())["features"]


@pytest.fixture
def county(db):
    return area_create(
        code="T-CUMBRIA", name="Cumbria (test)", level=AreaLevel.COUNTY, parent=None,
        geometry=None,
    )  # fmt: skip


def test_all_six_districts_import_by_parent_code(folder, county, capsys):
    expected = {}
    for district in DISTRICTS:
        area_create(
            code=district, name=district, level=AreaLevel.LOCAL_AUTHORITY, parent=county,
            geometry=None,
        )  # fmt: skip
        features = _features(folder, district)
        expected[district] = {f["properties"]["WD13CD"] for f in features}
        call_command(
            "import_boundaries", str(folder / f"{district}.json"), "--level", "ward",
            "--parent-code", district,
        )  # fmt: skip
        assert f"Created {len(features)} and updated 0 areas (ward)." in capsys.readouterr().out
    area_index_clear()
    wards = list(Area.objects.filter(level=AreaLevel.WARD).select_related("parent"))
    assert len(wards) == sum(len(codes) for codes in expected.values())
    for district, codes in expected.items():
        assert {w.code for w in wards if w.parent.code == district} == codes
    geoms = {w.pk: shape(w.geometry) for w in wards}
    assert all(g.is_valid and g.geom_type in {"Polygon", "MultiPolygon"} for g in geoms.values())
    # A point inside each ward is placed in that ward.
    points = {pk: g.representative_point() for pk, g in geoms.items()}
    placed = area_ids_for_points(points=[(p.y, p.x) for p in points.values()])
    assert placed == list(points)
    some = wards[0]
    inside = points[some.pk]
    assert area_for_point(lat=inside.y, lon=inside.x) == some
    # Queen contiguity: every ward touches another in its district (districts are tiled).
    for district in DISTRICTS:
        mine = [geoms[w.pk] for w in wards if w.parent.code == district]
        tree = STRtree(mine)
        for i, geom in enumerate(mine):
            neighbours = set(tree.query(geom, predicate="dwithin", distance=1e-6).tolist()) - {i}
            assert neighbours, f"a ward of {district} touches no other"


def test_wards_find_their_district_by_containment(folder, county):
    # Two neighbouring districts (Carlisle and Eden), their boundaries the union of their wards.
    chosen = ["E07000028", "E07000030"]
    for district in chosen:
        union = shapely.union_all([shape(f["geometry"]) for f in _features(folder, district)])
        area_create(
            code=district, name=district, level=AreaLevel.LOCAL_AUTHORITY, parent=county,
            geometry=json.loads(shapely.to_geojson(union)),
        )  # fmt: skip
    for district in chosen:
        call_command(
            "import_boundaries", str(folder / f"{district}.json"), "--level", "ward",
            "--parent-by-containment",
        )  # fmt: skip
    for district in chosen:
        codes = {f["properties"]["WD13CD"] for f in _features(folder, district)}
        parents = dict(Area.objects.filter(code__in=codes).values_list("code", "parent__code"))
        assert parents == dict.fromkeys(codes, district)
