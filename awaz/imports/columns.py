"""The fields a partner's extract may hold, as a source's column mapping names them
(``ImportSource.column_map``: field -> the column's heading in the file).

Personal-data fields (the exact place, the victim's name and contact details) are stored
encrypted and blind-indexed on the report, exactly as for a report made through Awaz, and
are never shown in a preview or an error list: administrators see that a value is there,
not what it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Column:
    key: str
    label: Any  # a lazy translation
    hint: Any = ""
    required: bool = False
    personal: bool = False


COLUMNS: tuple[Column, ...] = (
    Column(
        "reference",
        _("Reference"),
        _("The record's own reference in the partner's system, e.g. the crime reference"),
        required=True,
    ),
    Column(
        "recorded_date",
        _("Date recorded"),
        _("When the partner recorded it (a time in the same column is kept)"),
        required=True,
    ),
    Column("offence_from", _("Date it happened (from)"), _("A time in the same column is kept")),
    Column("offence_time_from", _("Time it happened (from)"), _("If the time has its own column")),
    Column("offence_to", _("Date it happened (to)"), _("For something that went on for a while")),
    Column("offence_time_to", _("Time it happened (to)")),
    Column("offence_group", _("Offence code or group")),
    Column(
        "strands",
        _("Strands"),
        _("One column naming one or more strands; or give one column per strand below"),
    ),
    Column("classification", _("Crime or non-crime")),
    Column("how_reported", _("How reported")),
    Column("who_reported", _("Who reported")),
    Column("postcode", _("Postcode"), personal=True),
    Column("easting", _("Easting"), _("British National Grid, in metres"), personal=True),
    Column("northing", _("Northing"), _("British National Grid, in metres"), personal=True),
    Column("latitude", _("Latitude"), personal=True),
    Column("longitude", _("Longitude"), personal=True),
    Column("area_code", _("Area code"), _("For example a ward or local authority code")),
    Column("outcome", _("Outcome"), _("Home Office outcome type")),
    Column("outcome_date", _("Outcome date")),
    Column("victim_age", _("Victim's age or age band")),
    Column("victim_sex", _("Victim's sex or gender")),
    Column("victim_name", _("Victim's name"), _("For matching with other records"), personal=True),
    Column("victim_email", _("Victim's e-mail address"), personal=True),
    Column("victim_phone", _("Victim's phone number"), personal=True),
)

BY_KEY: dict[str, Column] = {c.key: c for c in COLUMNS}
REQUIRED: tuple[str, ...] = tuple(c.key for c in COLUMNS if c.required)
PERSONAL: frozenset[str] = frozenset(c.key for c in COLUMNS if c.personal)
# Fields that come in pairs: one without the other is a mapping error.
PAIRS: tuple[tuple[str, str], ...] = (("easting", "northing"), ("latitude", "longitude"))

# Date formats a source may accept, tried in its order; each also accepts a time after the
# date ("14:30" or "14:30:15"). Spreadsheet dates and Excel serial numbers need none.
DATE_FORMATS: dict[str, str] = {
    "%d/%m/%Y": "31/12/2025",
    "%d/%m/%y": "31/12/25",
    "%Y-%m-%d": "2025-12-31",
    "%d-%m-%Y": "31-12-2025",
    "%d.%m.%Y": "31.12.2025",
    "%d %b %Y": "31 Dec 2025",
    "%d %B %Y": "31 December 2025",
    "%m/%d/%Y": "12/31/2025",
}
DEFAULT_DATE_FORMATS: list[str] = ["%d/%m/%Y", "%Y-%m-%d"]


def label_of(key: str) -> str:
    column = BY_KEY.get(key)
    return str(column.label) if column is not None else key
