"""The demo's fictional police extract: a few hundred hate crimes and incidents a year from
"Cumbria Constabulary (demo)", written as the CSV and the XLSX a force's system might
export (a title above the table, Windows-1252 text, the force's own codes), then imported
through the same pages' services an administrator uses.

The mix follows ../shared/DOMAIN.md: strands about race 70 %, sexual orientation 16 %,
disability 8 %, religion 6 %, transgender identity 3 % (a few records name two), public
order about 60 % of offences, violence 30 %, criminal damage 5 %; about one record in eight
a non-crime hate incident; more in summer. Outcomes follow the usual pattern for hate
crime: evidential difficulties most often, a charge in about one in ten, and recent crimes
mostly still under investigation. Crimes the demo's reporters also reported online to the
police (``awaz.cases.demo.police``) appear under the same crime reference, so the next
step (linking records of the same incident) has something to find.

Every row is plainly fictional: references start ``DEMO/``, postcodes are the demo's
made-up ones, and there are no names.
"""

from __future__ import annotations

import csv
import datetime
import io
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone
from openpyxl import Workbook
from pyproj import Transformer

from awaz.geo.demo import TOWNS
from awaz.geo.models import PostcodeUnit
from awaz.partners.models import Organisation
from awaz.reporting.models import Channel, Report

FOLDER = "demo-imports"
CSV_NAME = "police-extract.csv"
XLSX_NAME = "police-extract.xlsx"
PER_YEAR = 320

HEADINGS = (
    "Crime Reference",
    "Date Recorded",
    "Committed From",
    "Committed To",
    "HO Offence Group",
    "Hate Strands",
    "Crime/NCHI",
    "How Reported",
    "Reported By",
    "Postcode",
    "Easting",
    "Northing",
    "Ward",
    "Outcome",
    "Outcome Date",
    "Victim Age",
    "Victim Gender",
)

# The source's mappings, as an administrator would enter them for this extract.
COLUMN_MAP = {
    "reference": "Crime Reference",
    "recorded_date": "Date Recorded",
    "offence_from": "Committed From",
    "offence_to": "Committed To",
    "offence_group": "HO Offence Group",
    "strands": "Hate Strands",
    "classification": "Crime/NCHI",
    "how_reported": "How Reported",
    "who_reported": "Reported By",
    "postcode": "Postcode",
    "easting": "Easting",
    "northing": "Northing",
    "area_code": "Ward",
    "outcome": "Outcome",
    "outcome_date": "Outcome Date",
    "victim_age": "Victim Age",
    "victim_sex": "Victim Gender",
}
VALUE_MAPS = {
    "strands": {"Sexual Orientation": "sexual-orientation", "Religion/Faith": "religion"},
    "offence_group": {
        "PUBLIC ORDER": "public_order",
        "VIOLENCE AGAINST THE PERSON": "violence",
        "STALKING AND HARASSMENT": "stalking_harassment",
        "CRIMINAL DAMAGE AND ARSON": "criminal_damage",
        "OTHER": "other",
    },
    "classification": {"NCHI": "non_crime"},
    "how_reported": {
        "Front Counter": "front_counter",
        "Officer Generated": "police_officer",
        "Third Party": "third_party",
    },
    "who_reported": {
        "Police": "police_officer",
        "Third Party Reporting Centre": "reporting_centre",
    },
    "outcome": {"Outstanding": "pending"},
}

Weighted = tuple[tuple[str, int], ...]
_STRANDS: Weighted = (
    ("Race", 70),
    ("Sexual Orientation", 16),
    ("Disability", 8),
    ("Religion/Faith", 6),
    ("Transgender", 3),
)
_OFFENCES = (
    ("PUBLIC ORDER", 60),
    ("VIOLENCE AGAINST THE PERSON", 22),
    ("STALKING AND HARASSMENT", 8),
    ("CRIMINAL DAMAGE AND ARSON", 5),
    ("OTHER", 5),
)
_HOW: Weighted = (
    ("101", 48),
    ("999", 16),
    ("Online", 14),
    ("Front Counter", 5),
    ("Officer Generated", 8),
    ("Third Party", 9),
)
_WHO: Weighted = (
    ("Victim", 64),
    ("Witness", 15),
    ("Police", 10),
    ("Third Party Reporting Centre", 6),
    ("Other", 5),
)
_OUTCOMES = (
    ("OC1", 10), ("OC8", 6), ("OC3", 3), ("OC2", 1), ("OC14", 12), ("OC15", 14),
    ("OC16", 26), ("OC18", 16), ("OC20", 3), ("OC21", 3), ("OC22", 2), ("OC9", 1),
    ("OC10", 3),
)  # fmt: skip
_MONTH_WEIGHT = {1: 0.8, 2: 0.8, 3: 0.9, 4: 1.0, 5: 1.1, 6: 1.25, 7: 1.3, 8: 1.3}
_MONTH_WEIGHT |= {9: 1.1, 10: 1.0, 11: 0.9, 12: 0.85}
NCHI_SHARE = 0.13


def _pick(rng: random.Random, weighted: Sequence[tuple[str, int]]) -> str:
    return rng.choices([v for v, _w in weighted], weights=[w for _v, w in weighted])[0]


@dataclass(frozen=True)
class Place:
    postcode: str
    lat: float
    lon: float
    ward: str


def _places() -> list[tuple[Place, int]]:
    """The demo's postcodes, weighted by their town's population."""
    towns = {town.postcode_districts: town for town in TOWNS}
    rows = PostcodeUnit.objects.order_by("postcode").values_list("postcode", "lat", "lon")
    places = []
    for postcode, lat, lon in rows:
        district = postcode.split(" ")[0]
        town = next((t for d, t in towns.items() if district in d), None)
        if town is not None:
            places.append((Place(postcode, lat, lon, town.code), town.population))
    return places


def _day(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    span = (end - start).days
    while True:
        day = start + datetime.timedelta(days=rng.randrange(span + 1))
        if rng.random() * 1.3 <= _MONTH_WEIGHT[day.month]:
            return day


def _age(rng: random.Random) -> Any:
    if rng.random() < 0.15:
        return "Unknown"
    return max(10, min(90, int(rng.gauss(36, 15))))


@dataclass
class ExtractRow:
    values: dict[str, Any]  # by heading; dates as dates or datetimes


def _strands(rng: random.Random) -> str:
    first = _pick(rng, _STRANDS)
    if rng.random() < 0.04:
        second = _pick(rng, [s for s in _STRANDS if s[0] != first])
        return f"{first}; {second}"
    return first


def _row(
    rng: random.Random,
    *,
    reference: str,
    committed: datetime.date,
    today: datetime.date,
    place: Place | None,
    strands: str | None = None,
    to_bng: Transformer,
) -> ExtractRow:
    nchi = rng.random() < NCHI_SHARE
    recorded = min(today, committed + datetime.timedelta(days=rng.choice((0, 0, 0, 1, 1, 2, 5))))
    at = datetime.datetime.combine(
        committed, datetime.time(rng.choice(range(7, 24)), rng.choice((0, 15, 30, 45)))
    )
    values: dict[str, Any] = {
        "Crime Reference": reference,
        "Date Recorded": recorded,
        "Committed From": at,
        "Committed To": None,
        "HO Offence Group": "" if nchi else _pick(rng, _OFFENCES),
        "Hate Strands": strands or _strands(rng),
        "Crime/NCHI": "NCHI" if nchi else "Crime",
        "How Reported": _pick(rng, _HOW),
        "Reported By": _pick(rng, _WHO),
        "Postcode": "",
        "Easting": None,
        "Northing": None,
        "Ward": "",
        "Outcome": "",
        "Outcome Date": None,
        "Victim Age": _age(rng),
        "Victim Gender": rng.choice(("M", "M", "F", "F", "U")),
    }
    if rng.random() < 0.08:
        values["Committed To"] = min(
            recorded, committed + datetime.timedelta(days=rng.randint(1, 3))
        )
    if place is not None:
        where = rng.random()
        if where < 0.7:
            values["Postcode"] = place.postcode
        elif where < 0.9:
            east, north = to_bng.transform(place.lon + rng.gauss(0, 0.002), place.lat)
            values["Easting"], values["Northing"] = round(east), round(north)
        else:
            values["Ward"] = place.ward
    if not nchi:
        age = (today - recorded).days
        if age > 30 and rng.random() < min(0.95, age / 120):
            values["Outcome"] = _pick(rng, _OUTCOMES)
            given = recorded + datetime.timedelta(days=rng.randint(7, max(8, min(age, 150))))
            values["Outcome Date"] = min(given, today)
        else:
            values["Outcome"] = "Outstanding"
    return ExtractRow(values)


def demo_extract_rows(
    *,
    rng: random.Random,
    start: datetime.date,
    today: datetime.date,
    per_year: int = PER_YEAR,
    also_reported: Sequence[tuple[str, datetime.date, str]] = (),
) -> list[ExtractRow]:
    """The extract's rows, oldest first. ``also_reported`` are (crime reference, date,
    strands) of crimes also reported through Awaz: each appears once under its reference."""
    places = _places()
    to_bng = Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True)

    def place() -> Place | None:
        if not places or rng.random() < 0.04:
            return None
        return rng.choices([p for p, _w in places], weights=[w for _p, w in places])[0]

    count = max(1, round(per_year * ((today - start).days + 1) / 365))
    rows = []
    for number in range(count):
        day = _day(rng, start, today)
        reference = f"DEMO/{day:%y}/{number + 1:06d}"
        rows.append(
            _row(rng, reference=reference, committed=day, today=today, place=place(), to_bng=to_bng)
        )
    for reference, day, strands in also_reported:
        rows.append(
            _row(
                rng,
                reference=reference,
                committed=day,
                today=today,
                place=place(),
                strands=strands,
                to_bng=to_bng,
            )
        )
    rows.sort(key=lambda r: (r.values["Date Recorded"], r.values["Crime Reference"]))
    return rows


_STRAND_WORDS = {
    "race": "Race",
    "sexual-orientation": "Sexual Orientation",
    "disability": "Disability",
    "religion": "Religion/Faith",
    "transgender": "Transgender",
}


def also_reported_through_awaz(police: Organisation) -> list[tuple[str, datetime.date, str]]:
    """Crimes the demo's reporters reported online to the police, with the reference the
    police gave them: the same incidents appear in the force's extract."""
    found: dict[str, tuple[str, datetime.date, str]] = {}
    reports = Report.objects.filter(receiving_organisation=police, channel=Channel.ONLINE)
    for report in reports.exclude(police_reference="").prefetch_related("strands"):
        words = [_STRAND_WORDS[s.code] for s in report.strands.all() if s.code in _STRAND_WORDS]
        if not words or report.police_reference in found:
            continue
        day = report.incident_date or timezone.localtime(report.submitted_at).date()
        found[report.police_reference] = (report.police_reference, day, "; ".join(words))
    return list(found.values())


def _title(today: datetime.date) -> list[list[str]]:
    return [
        ["Cumbria Constabulary (demo) - hate crime and incident extract (fictional data)"],
        [f"Produced {today:%d/%m/%Y}"],
        [],
    ]


def _csv_cell(value: Any) -> str:
    if isinstance(value, datetime.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return "" if value is None else str(value)


def extract_csv(rows: Sequence[ExtractRow], *, today: datetime.date) -> bytes:
    """As the force's system exports it: Windows-1252, a title above the table."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerows(_title(today))
    writer.writerow(HEADINGS)
    for row in rows:
        writer.writerow([_csv_cell(row.values[h]) for h in HEADINGS])
    return out.getvalue().encode("cp1252")


def extract_xlsx(rows: Sequence[ExtractRow], *, today: datetime.date) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Hate crime"
    for line in _title(today):
        sheet.append(line)
    sheet.append(list(HEADINGS))
    for row in rows:
        sheet.append([row.values[h] for h in HEADINGS])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def demo_extract_write(rows: Sequence[ExtractRow], *, today: datetime.date) -> tuple[Path, Path]:
    """Write the CSV and XLSX under ``var/demo-imports/``; their paths."""
    folder = Path(settings.VAR_DIR) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    csv_path, xlsx_path = folder / CSV_NAME, folder / XLSX_NAME
    csv_path.write_bytes(extract_csv(rows, today=today))
    xlsx_path.write_bytes(extract_xlsx(rows, today=today))
    return csv_path, xlsx_path
