"""Importing boundaries: the service and ``manage.py import_boundaries``."""

import re

import pytest
from django.core.management import CommandError, call_command
from shapely.geometry import shape

from awaz.audit.events import AuditEventType
from awaz.audit.models import AuditEvent
from awaz.audit.services import Actor
from awaz.core.exceptions import ApplicationError
from awaz.geo import selectors
from awaz.geo.importers import boundary_file_read
from awaz.geo.models import Area, AreaLevel
from awaz.geo.selectors import area_for_point
from awaz.geo.services import area_create, boundaries_import
from awaz.geo.tests.boundary_files import BOWTIE, box, collection, feature, wards

SYSTEM = Actor()


@pytest.fixture
def county(db):
    """A fictional county (0..10 x 50..60) with two authorities, west and east."""
    county = area_create(
        code="T-C", name="Fictional County", level=AreaLevel.COUNTY, parent=None,
        geometry=box(0, 50, 10, 60),
    )  # fmt: skip
    for code, name, geom in (
        ("T-LA-W", "West", box(0, 50, 5, 60)),
        ("T-LA-E", "East", box(5, 50, 10, 60)),
    ):
        area_create(
            code=code, name=name, level=AreaLevel.LOCAL_AUTHORITY, parent=county, geometry=geom
        )
    return county


def import_wards(content: bytes, **options):
    boundary_file = boundary_file_read(
        content, filename="wards.geojson", level="ward", repair=options.pop("repair", False)
    )
    return boundaries_import(
        boundary_file=boundary_file, level=AreaLevel.WARD, actor=SYSTEM, **options
    )


def test_wards_are_created_under_a_parent_code(county):
    result = import_wards(
        wards(
            ("T-W1", "Fictional North", box(0, 55, 5, 60)),
            ("T-W2", "Fictional South", box(0, 50, 5, 55)),
        ),
        parent_code="T-LA-W",
    )
    assert (result.saved, result.created, result.updated, result.errors) == (True, 2, 0, [])
    north = Area.objects.get(code="T-W1")
    assert (north.name, north.level, north.parent.code) == ("Fictional North", "ward", "T-LA-W")
    assert (north.min_lon, north.min_lat, north.max_lon, north.max_lat) == (0, 55, 5, 60)
    assert north.is_demo is False
    assert area_for_point(lat=57, lon=2) == north
    [row] = [r for r in result.rows if r.code == "T-W1"]
    assert row.parent_code == "T-LA-W" and row.action == "create" and row.valid
    # 5 x 5 degrees at 55-60 N: roughly 556 km by 300 km.
    assert 150_000 < row.area_km2 < 180_000


def test_parents_found_by_containment(county):
    result = import_wards(
        wards(
            ("T-W1", "Fictional West", box(1, 51, 2, 52)),
            ("T-W2", "Fictional East", box(7, 51, 8, 52)),
        ),
        parent_by_containment=True,
    )
    assert result.saved
    assert Area.objects.get(code="T-W1").parent.code == "T-LA-W"
    assert Area.objects.get(code="T-W2").parent.code == "T-LA-E"
    assert [(r.code, r.parent_name) for r in result.rows] == [("T-W1", "West"), ("T-W2", "East")]


def test_a_ward_contained_by_no_authority_stops_the_import(county):
    result = import_wards(
        wards(("T-W1", "Inside", box(1, 51, 2, 52)), ("T-W9", "Offshore", box(20, 51, 21, 52))),
        parent_by_containment=True,
    )
    assert not result.saved
    assert result.errors == ["Feature 2 (T-W9): no local authority contains it"]
    assert not Area.objects.filter(level=AreaLevel.WARD).exists()


def test_containment_needs_boundaries_one_level_up(db):
    with pytest.raises(ApplicationError, match="No local authority has a boundary yet"):
        import_wards(wards(("T-W1", "F", box(1, 51, 2, 52))), parent_by_containment=True)


def test_reimport_updates_the_boundary_and_name_without_duplicating(
    county, django_capture_on_commit_callbacks
):
    import_wards(wards(("T-W1", "Old Name", box(0, 50, 2, 52))), parent_code="T-LA-W")
    original = Area.objects.get(code="T-W1")
    area_for_point(lat=51, lon=1)  # build the index
    with django_capture_on_commit_callbacks(execute=True):
        result = import_wards(wards(("T-W1", "New Name", box(0, 50, 3, 53))), parent_code="T-LA-W")
    assert (result.created, result.updated) == (0, 1)
    assert result.rows[0].action == "update"
    updated = Area.objects.get(code="T-W1")
    assert updated.pk == original.pk
    assert updated.name == "New Name"
    assert shape(updated.geometry).bounds == (0, 50, 3, 53)
    assert (updated.max_lon, updated.max_lat) == (3, 53)
    assert Area.objects.filter(code="T-W1").count() == 1
    assert selectors._index is None  # the commit cleared the point-in-area index
    assert area_for_point(lat=52.5, lon=2.5) == updated


def test_all_or_nothing_when_one_boundary_is_invalid(county):
    result = import_wards(
        wards(("T-W1", "Fine", box(0, 50, 1, 51)), ("T-W2", "Bow tie", BOWTIE)),
        parent_code="T-LA-W",
    )
    assert not result.saved
    assert result.errors == ["Feature 2 (T-W2): invalid boundary: Self-intersection[0.5 0.5]"]
    assert [r.valid for r in result.rows] == [True, False]
    assert not Area.objects.filter(level=AreaLevel.WARD).exists()
    assert not AuditEvent.objects.filter(event_type=AuditEventType.AREAS_IMPORTED).exists()


def test_repair_lets_an_invalid_boundary_in(county):
    result = import_wards(wards(("T-W2", "Bow tie", BOWTIE)), parent_code="T-LA-W", repair=True)
    assert result.saved and result.rows[0].repaired
    assert shape(Area.objects.get(code="T-W2").geometry).is_valid


def test_dry_run_saves_nothing(county):
    result = import_wards(
        wards(("T-W1", "F", box(0, 50, 1, 51))), parent_code="T-LA-W", dry_run=True
    )
    assert (result.dry_run, result.saved, result.created) == (True, False, 1)
    assert not Area.objects.filter(code="T-W1").exists()
    assert not AuditEvent.objects.filter(event_type=AuditEventType.AREAS_IMPORTED).exists()


def test_the_import_is_audited_once(county):
    import_wards(
        wards(("T-W1", "F", box(0, 50, 1, 51)), ("T-W2", "G", box(1, 50, 2, 51))),
        parent_code="T-LA-W",
    )
    [event] = AuditEvent.objects.filter(event_type=AuditEventType.AREAS_IMPORTED)
    assert event.target_type == "geo.area"
    assert event.details == {
        "file": "wards.geojson",
        "level": "ward",
        "created": 2,
        "updated": 0,
        "repaired": 0,
        "parent": "T-LA-W",
    }


def test_a_code_of_another_level_is_refused(county):
    result = import_wards(wards(("T-LA-E", "Clash", box(0, 50, 1, 51))), parent_code="T-LA-W")
    assert result.errors == ["Feature 1 (T-LA-E): the code exists as a local authority"]


@pytest.mark.parametrize(
    ("level", "options", "message"),
    [
        (
            AreaLevel.WARD,
            {},
            "Say where the areas belong: give a parent code or choose containment.",
        ),
        (AreaLevel.WARD, {"parent_code": "T-C", "parent_by_containment": True}, "not both"),
        (AreaLevel.COUNTY, {"parent_code": "T-C"}, "A county has no parent area."),
        (AreaLevel.WARD, {"parent_code": "T-NOPE"}, "No area has the code T-NOPE."),
        (
            AreaLevel.LOCAL_AUTHORITY,
            {"parent_code": "T-LA-W"},
            "T-LA-W is a Local authority: it cannot contain a Local authority.",
        ),
    ],
)
def test_unusable_parent_options(county, level, options, message):
    content = collection([feature({"code": "T-X", "name": "X"}, box(0, 50, 1, 51))])
    boundary_file = boundary_file_read(content, filename="x.json", level=level)
    with pytest.raises(ApplicationError) as caught:
        boundaries_import(boundary_file=boundary_file, level=level, actor=SYSTEM, **options)
    assert message in str(caught.value)


def test_a_county_is_imported_without_parent(db):
    content = collection(
        [feature({"CTY21CD": "T-CTY", "CTY21NM": "Fictionshire"}, box(0, 50, 10, 60))]
    )
    boundary_file = boundary_file_read(content, filename="c.json", level="county")
    result = boundaries_import(boundary_file=boundary_file, level=AreaLevel.COUNTY, actor=SYSTEM)
    assert result.saved
    assert Area.objects.get(code="T-CTY").parent is None


class TestCommand:
    def test_imports_and_hints_at_placing_reports(self, county, tmp_path, capsys):
        path = tmp_path / "wards.geojson"
        path.write_bytes(wards(("T-W1", "F", box(0, 50, 1, 51))))
        call_command("import_boundaries", str(path), "--level", "ward", "--parent-code", "T-LA-W")
        out = capsys.readouterr().out
        assert (
            "wards.geojson: 1 features, projection OGC:CRS84, code in WD23CD, name in WD23NM."
            in out
        )
        assert "Created 1 and updated 0 areas (ward)." in out
        assert "manage.py reports_place_again" in out
        assert Area.objects.filter(code="T-W1").exists()

    def test_dry_run(self, county, tmp_path, capsys):
        path = tmp_path / "wards.geojson"
        path.write_bytes(wards(("T-W1", "F", box(0, 50, 1, 51))))
        call_command(
            "import_boundaries",
            str(path),
            "--level",
            "ward",
            "--parent-by-containment",
            "--dry-run",
        )
        assert (
            "Dry run: would create 1 and update 0 (ward). Nothing saved." in capsys.readouterr().out
        )
        assert not Area.objects.filter(code="T-W1").exists()

    def test_problems_are_listed_and_nothing_saved(self, county, tmp_path, capsys):
        path = tmp_path / "wards.geojson"
        path.write_bytes(wards(("T-W1", "F", box(0, 50, 1, 51)), ("T-W2", "Bow tie", BOWTIE)))
        with pytest.raises(CommandError, match="Nothing saved: 1 of 2 features have problems"):
            call_command(
                "import_boundaries", str(path), "--level", "ward", "--parent-code", "T-LA-W"
            )
        assert (
            "Feature 2 (T-W2): invalid boundary: Self-intersection[0.5 0.5]"
            in capsys.readouterr().err
        )
        assert not Area.objects.filter(level=AreaLevel.WARD).exists()

    def test_explicit_fields_and_unreadable_file(self, county, tmp_path, capsys):
        path = tmp_path / "odd.json"
        path.write_bytes(collection([feature({"ref": "T-W1", "label": "Odd"}, box(0, 50, 1, 51))]))
        call_command(
            "import_boundaries", str(path), "--level", "ward", "--parent-code", "T-LA-W",
            "--code-field", "ref", "--name-field", "label",
        )  # fmt: skip
        assert Area.objects.get(code="T-W1").name == "Odd"
        path.write_bytes(b"{broken")
        with pytest.raises(CommandError, match=re.escape("odd.json is not GeoJSON")):
            call_command(
                "import_boundaries", str(path), "--level", "ward", "--parent-code", "T-LA-W"
            )
