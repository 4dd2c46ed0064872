"""Importing residents per area, and the demo's populations."""

import importlib
import io
import re

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from awaz.audit.events import AuditEventType
from awaz.audit.models import AuditEvent
from awaz.audit.services import Actor
from awaz.geo.demo import (
    COUNTY_CODE,
    DEMO_POPULATION_YEAR,
    TOWNS,
    demo_geography_create,
    demo_populations,
)
from awaz.geo.importers import ImportFileError, population_table_read
from awaz.geo.models import Area, AreaLevel
from awaz.geo.services import area_create, population_import
from awaz.geo.tests.boundary_files import box

SYSTEM = Actor()


@pytest.fixture
def areas(db):
    county = area_create(
        code="T-C", name="Fictional County", level=AreaLevel.COUNTY, parent=None,
        geometry=box(0, 50, 10, 60),
    )  # fmt: skip
    for code in ("T-LA1", "T-LA2"):
        area_create(
            code=code, name=code, level=AreaLevel.LOCAL_AUTHORITY, parent=county, geometry=None
        )
    return county


def table(text: str, name: str = "population.csv"):
    return population_table_read(io.StringIO(text, newline=""), filename=name)


@pytest.mark.parametrize(
    ("header", "columns"),
    [
        ("code,population,year", ("code", "population", "year")),
        ("Area Code,All persons,Year", ("Area Code", "All persons", "Year")),
        ("geography code,count,date", ("geography code", "count", "date")),
        ("area_code,Population,mid-year", ("area_code", "Population", "mid-year")),
        # Nomis-style census table.
        ("date,geography,geography code,Sex: All persons; measures: Value",
         ("geography code", "Sex: All persons; measures: Value", "date")),
        ("LAD23CD,LAD23NM,Persons", ("LAD23CD", "Persons", "")),
    ],
)  # fmt: skip
def test_header_names_are_recognised(header, columns):
    read = table(header + "\n")
    assert (read.code_column, read.population_column, read.year_column) == columns


def test_a_table_without_the_columns_is_refused():
    with pytest.raises(ImportFileError, match=re.escape("p.csv needs a column for the area code")):
        table("name,residents\nX,1\n", name="p.csv")


def test_population_set_with_the_file_year(areas):
    result = population_import(
        table=table('code,population,year\nT-LA1,"120,500",2021\nT-LA2,80000,2021\n'),
        actor=SYSTEM,
    )
    assert (result.saved, result.updated, result.errors) == (True, 2, [])
    assert Area.objects.get(code="T-LA1").population == 120_500
    assert Area.objects.get(code="T-LA2").population_year == 2021
    event = AuditEvent.objects.get(event_type=AuditEventType.POPULATION_IMPORTED)
    assert event.details == {
        "file": "population.csv",
        "updated": 2,
        "unknown_skipped": 0,
        "years": [2021],
    }


def test_the_year_option_and_the_latest_year(areas):
    population_import(table=table("code,population\nT-LA1,1000\n"), year=2022, actor=SYSTEM)
    area = Area.objects.get(code="T-LA1")
    assert (area.population, area.population_year) == (1000, 2022)
    population_import(
        table=table("code,population,year\nT-LA1,900,2019\nT-LA1,1100,2023\n"), actor=SYSTEM
    )
    area.refresh_from_db()
    assert (area.population, area.population_year) == (1100, 2023)


def test_unknown_codes_are_listed_and_nothing_saved(areas):
    result = population_import(
        table=table("code,population,year\nT-LA1,1000,2021\nE09999998,5,2021\nE09999999,6,2021\n"),
        actor=SYSTEM,
    )
    assert not result.saved
    assert result.unknown == ["E09999998", "E09999999"]
    assert result.errors == ["2 codes match no area: E09999998, E09999999"]
    assert Area.objects.get(code="T-LA1").population is None


def test_unknown_codes_may_be_skipped(areas):
    result = population_import(
        table=table("code,population,year\nT-LA1,1000,2021\nE09999998,5,2021\n"),
        skip_unknown=True,
        actor=SYSTEM,
    )
    assert result.saved and result.updated == 1 and result.unknown == ["E09999998"]


def test_bad_rows_stop_the_import(areas):
    result = population_import(
        table=table(
            "code,population,year\nT-LA1,lots,2021\nT-LA2,5,someday\nT-C,7,2021\nT-C,8,2021\n"
        ),
        actor=SYSTEM,
    )
    assert result.errors == [
        "Line 2: the population 'lots' is not a whole number",
        "Line 3: the year 'someday' is not a year",
        "Line 5: T-C is given twice for 2021 (also line 4)",
    ]
    assert not Area.objects.filter(population__isnull=False).exists()


def test_a_year_is_needed(areas):
    result = population_import(table=table("code,population\nT-LA1,1000\n"), actor=SYSTEM)
    assert result.errors == [
        "population.csv has no year column: say which year the figures are for."
    ]


def test_dry_run_saves_nothing(areas):
    result = population_import(
        table=table("code,population\nT-LA1,1000\n"), year=2021, dry_run=True, actor=SYSTEM
    )
    assert result.updated == 1 and not result.saved
    assert Area.objects.get(code="T-LA1").population is None


class TestCommand:
    def test_imports(self, areas, tmp_path, capsys):
        path = tmp_path / "pop.csv"
        path.write_text("Geography code,All persons\nT-LA1,1000\nT-LA2,2000\n")
        call_command("import_population", str(path), "--year", "2021")
        out = capsys.readouterr().out
        assert "code in 'Geography code', population in 'All persons'." in out
        assert "Population set for 2 areas." in out
        assert Area.objects.get(code="T-LA2").population == 2000

    def test_unknown_codes_fail(self, areas, tmp_path, capsys):
        path = tmp_path / "pop.csv"
        path.write_text("code,population\nT-LA1,1000\nE09999999,5\n")
        with pytest.raises(CommandError, match=re.escape("Nothing saved: 1 problems.")):
            call_command("import_population", str(path), "--year", "2021")
        assert "1 codes match no area: E09999999" in capsys.readouterr().err
        call_command("import_population", str(path), "--year", "2021", "--skip-unknown")
        assert "Left out 1 codes that match no area." in capsys.readouterr().out


def test_demo_populations_add_up():
    populations = demo_populations()
    assert populations == demo_populations()  # deterministic
    for authority in {t.authority for t in TOWNS}:
        towns = [t for t in TOWNS if t.authority == authority]
        assert sum(populations[t.code] for t in towns) == populations[authority]
        # Each neighbourhood holds at least its town.
        assert all(populations[t.code] >= t.population for t in towns)
    authorities = {t.authority for t in TOWNS}
    assert sum(populations[a] for a in authorities) == populations[COUNTY_CODE] == 500_000
    assert len(populations) == len(TOWNS) + 3


def test_demo_geography_has_populations(db):
    areas = demo_geography_create()
    assert all(area.population is not None for area in areas.values())
    assert {a.code: a.population for a in Area.objects.all()} == demo_populations()
    assert set(Area.objects.values_list("population_year", flat=True)) == {DEMO_POPULATION_YEAR}


def test_demo_geography_fills_a_missing_population_only(db):
    demo_geography_create()
    Area.objects.filter(code=COUNTY_CODE).update(population=None)
    Area.objects.filter(code="DEMO-N-KENDAL").update(population=1)
    demo_geography_create()
    assert Area.objects.get(code=COUNTY_CODE).population == 500_000
    assert Area.objects.get(code="DEMO-N-KENDAL").population == 1


def test_the_migration_fills_an_existing_demo_database(db):
    migration = importlib.import_module("awaz.geo.migrations.0003_demo_populations")
    assert demo_populations() == migration.DEMO_POPULATIONS
    assert migration.DEMO_POPULATION_YEAR == DEMO_POPULATION_YEAR
    demo_geography_create()
    Area.objects.update(population=None, population_year=None)
    real = area_create(
        code="T-REAL", name="Not demo", level=AreaLevel.COUNTY, parent=None, geometry=None
    )
    migration.demo_populations_fill(apps, None)
    assert {a.code: a.population for a in Area.objects.filter(is_demo=True)} == demo_populations()
    real.refresh_from_db()
    assert real.population is None
