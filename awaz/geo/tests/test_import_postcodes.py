"""Importing postcode centroids from the ONSPD and OS Code-Point Open (fictional rows in the
real formats; the inward codes 9Z? and 8Z? are the demo's made-up ones)."""

import io
import re

import pytest
from django.core.management import CommandError, call_command

from awaz.audit.events import AuditEventType
from awaz.audit.models import AuditEvent
from awaz.audit.services import Actor
from awaz.geo.importers import CodePointReader, ImportFileError, OnspdReader, bng_to_wgs84
from awaz.geo.models import AreaLevel, PostcodeUnit
from awaz.geo.services import area_create, postcode_units_create, postcodes_import
from awaz.geo.tests.boundary_files import box

SYSTEM = Actor()

# A slice of the ONSPD's columns, in its order (real files have about fifty).
ONSPD = """pcd,pcd2,pcds,dointr,doterm,oscty,lat,long
CA1 9ZA,CA1  9ZA,CA1 9ZA,198001,,E10000006,54.892000,-2.932000
CA1 9ZB,CA1  9ZB,CA1 9ZB,198001,200512,E10000006,54.893000,-2.933000
CA2 9ZD,CA2  9ZD,CA2 9ZD,199001,,E10000006,99.999999,0.000000
LA9 9ZE,LA9  9ZE,LA9 9ZE,199001,,E10000006,54.328000,-2.745000
NOTAPC,NOTAPC,NOTAPC,199001,,E10000006,54.1,-2.1
LA9 9ZF,LA9  9ZF,LA9 9ZF,199001,,E10000006,north,-2.745000
"""

# Code-Point Open: Postcode, Positional_quality_indicator, Eastings, Northings,
# Country_code, NHS_regional_HA_code, NHS_HA_code, Admin_county_code, Admin_district_code,
# Admin_ward_code. No header.
CODEPOINT = """"CA1 9ZA",10,340000,555000,"E92000001","E19000001","E18000001","","E06000063",""
"CA1 9ZB",10,341000,556000,"E92000001","E19000001","E18000001","","E06000063",""
"CA2 9ZD",90,0,0,"E92000001","","","","",""
"CA2 9ZE",10,east,556000,"E92000001","","","","",""
"""


def onspd(text: str = ONSPD, name: str = "ONSPD_FICTIONAL.csv") -> OnspdReader:
    return OnspdReader(io.StringIO(text, newline=""), name=name)


def codepoint(text: str = CODEPOINT, name: str = "ca.csv") -> CodePointReader:
    return CodePointReader(io.StringIO(text, newline=""), name=name)


def test_onspd_rows_terminated_and_unlocated_skipped(db):
    result = postcodes_import(sources=[onspd()], actor=SYSTEM)
    assert sorted(PostcodeUnit.objects.values_list("postcode", "lat", "lon")) == [
        ("CA1 9ZA", 54.892, -2.932),
        ("LA9 9ZE", 54.328, -2.745),
    ]
    assert (result.rows, result.created, result.updated) == (6, 2, 0)
    assert (result.terminated, result.no_location, result.errors) == (1, 1, 2)
    assert result.error_samples == [
        "ONSPD_FICTIONAL.csv: Line 6: 'NOTAPC' is not a postcode",
        "ONSPD_FICTIONAL.csv: Line 7: latitude or longitude is not a number",
    ]
    event = AuditEvent.objects.get(event_type=AuditEventType.POSTCODES_IMPORTED)
    assert event.details["created"] == 2 and event.details["terminated"] == 1


def test_onspd_with_only_pcd_and_upper_case_headers(db):
    text = "PCD,DOTERM,LAT,LONG\nCA19ZA,,54.9,-2.9\n"
    postcodes_import(sources=[onspd(text)], actor=SYSTEM)
    assert PostcodeUnit.objects.get().postcode == "CA1 9ZA"


def test_onspd_without_the_columns_is_refused(db):
    with pytest.raises(
        ImportFileError, match=re.escape("x.csv does not look like the ONS Postcode Directory")
    ):
        postcodes_import(sources=[onspd("postcode,x,y\nCA1 9ZA,1,2\n", name="x.csv")], actor=SYSTEM)


def test_known_postcodes_are_moved_not_duplicated(db):
    postcode_units_create(units=[("CA1 9ZA", 50.0, -1.0)], is_demo=True)
    result = postcodes_import(sources=[onspd()], actor=SYSTEM)
    assert (result.created, result.updated) == (1, 1)
    moved = PostcodeUnit.objects.get(postcode="CA1 9ZA")
    assert (moved.lat, moved.lon, moved.is_demo) == (54.892, -2.932, False)
    assert PostcodeUnit.objects.count() == 2


def test_rows_stream_in_batches(db):
    lines = ["pcds,doterm,lat,long"] + [f"CA1 9{letter}A,,54.9,-2.9" for letter in "ZYXWV"]
    reader = onspd("\n".join(lines) + "\n")
    assert [len(batch) for batch in reader.batches(2)] == [2, 2, 1]
    result = postcodes_import(sources=[onspd("\n".join(lines) + "\n")], batch_size=2, actor=SYSTEM)
    assert result.created == 5 and PostcodeUnit.objects.count() == 5


def test_a_postcode_twice_in_one_batch_keeps_the_last(db):
    text = "pcds,doterm,lat,long\nCA1 9ZA,,54.1,-2.1\nCA1 9ZA,,54.2,-2.2\n"
    postcodes_import(sources=[onspd(text)], actor=SYSTEM)
    assert PostcodeUnit.objects.get().lat == 54.2


def test_codepoint_converts_the_national_grid(db):
    result = postcodes_import(sources=[codepoint()], actor=SYSTEM)
    assert (result.created, result.no_location, result.errors) == (2, 1, 1)
    assert result.error_samples == ["ca.csv: Line 4: eastings or northings is not a number"]
    point = PostcodeUnit.objects.get(postcode="CA1 9ZA")
    # By hand: (340000, 555000) is just south-west of Carlisle, about 54.89 N, 2.94 W ...
    assert point.lat == pytest.approx(54.89, abs=0.01) and point.lon == pytest.approx(
        -2.94, abs=0.01
    )
    # ... and to 1e-5 degrees, the OSGB36 -> WGS 84 conversion.
    assert (point.lat, point.lon) == pytest.approx((54.88613, -2.93683), abs=1e-5)
    assert bng_to_wgs84(340000, 555000) == pytest.approx((54.88613, -2.93683), abs=1e-5)
    # 1 km north and east: about 0.009 degrees of latitude and 0.0156 of longitude.
    other = PostcodeUnit.objects.get(postcode="CA1 9ZB")
    assert other.lat - point.lat == pytest.approx(0.009, abs=0.0005)
    assert other.lon - point.lon == pytest.approx(0.0156, abs=0.0005)


def test_codepoint_header_row_is_skipped():
    reader = codepoint("Postcode,PQI,Eastings,Northings\n" + CODEPOINT)
    rows = [row for batch in reader.batches(100) for row in batch]
    assert [r.postcode for r in rows] == ["CA1 9ZA", "CA1 9ZB"]
    assert reader.stats.rows == 4


def test_area_filter_keeps_postcodes_inside_its_boundary(db):
    # A box round Carlisle only: Kendal (LA9) is outside it.
    carlisle = area_create(
        code="T-CARL", name="Fictional Carlisle", level=AreaLevel.COUNTY, parent=None,
        geometry=box(-3.1, 54.8, -2.8, 55.0),
    )  # fmt: skip
    result = postcodes_import(sources=[onspd()], within=carlisle, actor=SYSTEM)
    assert list(PostcodeUnit.objects.values_list("postcode", flat=True)) == ["CA1 9ZA"]
    assert (result.created, result.outside) == (1, 1)


def test_dry_run_saves_nothing(db):
    result = postcodes_import(sources=[onspd()], dry_run=True, actor=SYSTEM)
    assert result.created == 2
    assert not PostcodeUnit.objects.exists()
    assert not AuditEvent.objects.filter(event_type=AuditEventType.POSTCODES_IMPORTED).exists()


class TestCommand:
    def test_onspd(self, db, tmp_path, capsys):
        path = tmp_path / "ONSPD_FICTIONAL.csv"
        path.write_text(ONSPD)
        call_command("import_postcodes", str(path), "--format", "onspd")
        captured = capsys.readouterr()
        assert (
            "Read 6 rows: 1 terminated and 1 without a location skipped, 2 with errors."
            in captured.out
        )
        assert "Added 2 postcodes and moved 0 known ones." in captured.out
        assert "ONSPD_FICTIONAL.csv: Line 6: 'NOTAPC' is not a postcode" in captured.err
        assert PostcodeUnit.objects.count() == 2

    def test_codepoint_several_files_and_area_filter(self, db, tmp_path, capsys):
        area_create(
            code="T-CARL", name="Fictional Carlisle", level=AreaLevel.COUNTY, parent=None,
            geometry=box(-2.937, 54.88, -2.92, 54.89),
        )  # fmt: skip
        first, second = tmp_path / "ca.csv", tmp_path / "la.csv"
        first.write_text(CODEPOINT)
        second.write_text('"LA9 9ZE",10,351500,492500,"E92000001","","","","",""\n')
        call_command(
            "import_postcodes",
            str(first),
            str(second),
            "--format",
            "codepoint",
            "--area-code",
            "T-CARL",
        )
        out = capsys.readouterr().out
        assert "2 outside T-CARL left out." in out
        assert list(PostcodeUnit.objects.values_list("postcode", flat=True)) == ["CA1 9ZA"]

    def test_unknown_area_and_missing_file(self, db, tmp_path):
        path = tmp_path / "a.csv"
        path.write_text(ONSPD)
        with pytest.raises(CommandError, match=re.escape("No area has the code T-NONE.")):
            call_command(
                "import_postcodes", str(path), "--format", "onspd", "--area-code", "T-NONE"
            )
        with pytest.raises(CommandError, match="is not a file"):
            call_command("import_postcodes", str(tmp_path / "missing.csv"), "--format", "onspd")
