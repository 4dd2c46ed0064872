"""Building fictional extracts (CSV and XLSX bytes) and sources for the imports tests."""

from __future__ import annotations

import csv
import io
from typing import Any

from openpyxl import Workbook

from awaz.imports.models import ImportSource
from awaz.partners.models import Organisation

HEADINGS = [
    "Crime Ref",
    "Recorded Date",
    "Offence From",
    "Offence Group",
    "Hate Strands",
    "Crime/Non-crime",
    "How Reported",
    "Reported By",
    "Postcode",
    "Outcome",
    "Outcome Date",
    "Victim Age",
    "Victim Sex",
    "Victim Name",
]

COLUMN_MAP = {
    "reference": "Crime Ref",
    "recorded_date": "Recorded Date",
    "offence_from": "Offence From",
    "offence_group": "Offence Group",
    "strands": "Hate Strands",
    "classification": "Crime/Non-crime",
    "how_reported": "How Reported",
    "who_reported": "Reported By",
    "postcode": "Postcode",
    "outcome": "Outcome",
    "outcome_date": "Outcome Date",
    "victim_age": "Victim Age",
    "victim_sex": "Victim Sex",
    "victim_name": "Victim Name",
}

VALUE_MAPS = {
    "strands": {"r": "race", "rel": "religion", "so": "sexual-orientation", "d": "disability"},
    "offence_group": {"s4a": "public_order", "s5": "public_order", "abh": "violence"},
    "how_reported": {"tel 101": "101", "tel 999": "999"},
    "who_reported": {"vic": "victim", "wit": "witness"},
    "classification": {"c": "crime", "nc": "non_crime"},
}


def row(**values: Any) -> list[Any]:
    """One extract row; unnamed cells are blank. Keys are COLUMN_MAP's fields."""
    defaults = {
        "reference": "FIC/0001/25",
        "recorded_date": "03/02/2025",
        "offence_from": "01/02/2025",
        "offence_group": "S4A",
        "strands": "R",
        "classification": "C",
        "how_reported": "Tel 101",
        "who_reported": "Vic",
        "postcode": "",
        "outcome": "Outcome 18",
        "outcome_date": "20/03/2025",
        "victim_age": "",
        "victim_sex": "",
        "victim_name": "",
    }
    defaults.update(values)
    heading_of = {heading: key for key, heading in COLUMN_MAP.items()}
    return [defaults.get(heading_of[h], "") for h in HEADINGS]


def csv_bytes(
    rows: list[list[Any]],
    *,
    headings: list[str] | None = None,
    preamble: list[list[str]] | None = None,
    encoding: str = "utf-8",
    delimiter: str = ",",
) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter)
    for line in preamble or []:
        writer.writerow(line)
    writer.writerow(headings or HEADINGS)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(
    rows: list[list[Any]],
    *,
    headings: list[str] | None = None,
    preamble: list[list[Any]] | None = None,
) -> bytes:
    book = Workbook()
    sheet = book.active
    for line in preamble or []:
        sheet.append(line)
    sheet.append(headings or HEADINGS)
    for line in rows:
        sheet.append(line)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def make_source(organisation: Organisation, **fields: Any) -> ImportSource:
    values: dict[str, Any] = {
        "name": "Fictional monthly extract",
        "file_format": "csv",
        "column_map": dict(COLUMN_MAP),
        "value_maps": {k: dict(m) for k, m in VALUE_MAPS.items()},
        "date_formats": ["%d/%m/%Y", "%Y-%m-%d"],
    }
    values.update(fields)
    return ImportSource.objects.create(organisation=organisation, **values)


def with_saved_values(content: bytes, values: dict[str, str]) -> bytes:
    """The workbook as Excel would save it: each formula cell named in ``values`` (e.g.
    ``{"B2": "2"}``) with that value saved beside its formula (openpyxl saves none)."""
    import re
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                text = data.decode()
                for ref, value in values.items():
                    text = re.sub(
                        rf'(<c r="{ref}"[^>]*>)(<f>[^<]*</f>)<v ?/>',
                        lambda m, value=value: (
                            f'{m.group(1)[:-1]} t="str">{m.group(2)}<v>{value}</v>'
                        ),
                        text,
                    )
                data = text.encode()
            target.writestr(item, data)
    return out.getvalue()
