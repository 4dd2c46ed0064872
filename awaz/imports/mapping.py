"""One row of an extract as a record in Awaz's terms, or the reasons it cannot be.

``RowMapper`` is built once per file from the source's mappings (and the strands and areas
Awaz knows) and then maps each row with no query, so a file of any length costs the same
per row. Every problem of a row is reported, not just the first, each with its column, the
value found (never for a personal-data column) and a code ``MESSAGES`` words.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from functools import lru_cache
from typing import Any

from django.utils.translation import gettext_lazy as _
from pyproj import Transformer

from awaz.core.crypto import normalise_email
from awaz.geo.selectors import POSTCODE_RE, normalise_postcode
from awaz.imports import vocabulary as v
from awaz.imports.columns import PERSONAL, REQUIRED, label_of
from awaz.imports.reading import FILE_MESSAGES, Row
from awaz.imports.values import (
    EXCEL_ERRORS,
    BadValue,
    is_empty,
    parse_flag,
    parse_moment,
    parse_number,
    parse_time,
    text_of,
)
from awaz.reporting.forms.choices import AGE_BANDS

MESSAGES: dict[str, Any] = {
    **FILE_MESSAGES,
    "missing_column": _("The file has no column “%(heading)s” (mapped to %(field)s)"),
    "no_rows": _("The file has headings but no rows under them"),
    "internal": _(
        "The file could not be imported because of a problem in Awaz. Nothing was saved. Try "
        "again; if it fails again, tell the people who run Awaz (the details are in its log)"
    ),
    "required": _("%(field)s is missing"),
    "bad_date": _("Not a date in a format this source accepts (%(formats)s)"),
    "bad_time": _("Not a time (write it like 14:30)"),
    "future_date": _("The date is in the future"),
    "offence_after_recorded": _("It is recorded as happening after the date it was recorded"),
    "dates_reversed": _("The date it ended is before the date it started"),
    "outcome_before_offence": _("The outcome date is before the date it happened"),
    "unknown_code": _("Unknown value: add it to the source's mapping of %(kind)s"),
    "police_only_channel": _(
        "A police way of reporting on a partner's record: only a police force's records "
        "can say this"
    ),
    "duplicate_reference": _("The same reference is on row %(first_row)s of this file"),
    "bad_number": _("Not a number"),
    "bad_flag": _("Not yes or no"),
    "bad_grid": _("Not a British National Grid easting and northing"),
    "bad_lat_lon": _("Not a latitude and longitude in the United Kingdom"),
    "half_pair": _("%(field)s is given without %(other)s"),
    "bad_postcode": _("Not a UK postcode"),
    "unknown_area": _("No area in Awaz has this code"),
    "bad_age": _("Not an age or an age band"),
    "bad_email": _("Not an e-mail address"),
    "too_long": _("Longer than %(max)s characters"),
    "unsaved_formula": _(
        "A formula Excel has not saved a value for: open the file in Excel, save it, and "
        "upload it again (or paste the values only)"
    ),
    "formula_error": _("A formula that failed in Excel (%(value)s)"),
}

MAX_REFERENCE = 60
MAX_TEXT = 200
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_AGE_BAND_CODES = {code for code, _label in AGE_BANDS}
_AGE_RANGE = re.compile(r"^(\d{1,3})\s*(?:-|\u2013|to)\s*(\d{1,3})$")
_AGE_PLUS = re.compile(r"^(\d{1,3})\s*(?:\+|plus|or over|and over)$")
_SEX = {
    "m": "man",
    "male": "man",
    "man": "man",
    "f": "woman",
    "female": "woman",
    "woman": "woman",
    "non-binary": "non_binary",
    "non binary": "non_binary",
    "non_binary": "non_binary",
    "nb": "non_binary",
    "other": "other",
}
_NOT_KNOWN = frozenset({"u", "unknown", "not known", "not stated", "n/k", "nk", "x"})
_AGE_BOUNDS: tuple[tuple[int, int, str], ...] = (
    (0, 17, "under_18"),
    (18, 24, "18_24"),
    (25, 34, "25_34"),
    (35, 44, "35_44"),
    (45, 54, "45_54"),
    (55, 64, "55_64"),
    (65, 74, "65_74"),
    (75, 130, "75_plus"),
)


MOMENTS_KEPT = 20_000


@dataclass
class Problem:
    field: str
    code: str
    column: str = ""
    value: str = ""
    params: dict[str, Any] = dataclass_field(default_factory=dict)

    def message(self) -> str:
        return problem_message(self.code, self.params, field_key=self.field)


def problem_message(code: str, params: dict[str, Any], *, field_key: str = "") -> str:
    words = {"field": label_of(field_key), **params}
    if "kind" in words:
        words["kind"] = str(v.VALUE_KINDS.get(words["kind"], words["kind"])).lower()
    template = MESSAGES.get(code)
    return str(template) % words if template is not None else code


@dataclass
class MappedRecord:
    reference: str
    recorded_on: datetime.date
    recorded_time: datetime.time | None = None
    offence_from: datetime.date | None = None
    offence_time: datetime.time | None = None
    offence_to: datetime.date | None = None
    offence_group: str = ""
    strand_codes: list[str] = dataclass_field(default_factory=list)
    classification: str = ""
    recorded_as: str = ""
    how_reported: str = ""
    who_reported: str = ""
    postcode: str = ""
    point: tuple[float, float] | None = None
    area_code: str = ""
    area_id: int | None = None
    outcome: str = ""
    outcome_date: datetime.date | None = None
    victim_age_band: str = ""
    victim_sex: str = ""
    victim_name: str = ""
    victim_email: str = ""
    victim_phone: str = ""


@lru_cache(maxsize=1)
def _from_bng() -> Transformer:
    return Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)


class RowMapper:
    """Maps rows of one file. ``headings`` are the file's; ``strands`` maps every strand's
    code (and its name, normalised) to its code; ``areas`` maps area codes (normalised) to
    ids; ``today`` is the latest date a row may give."""

    def __init__(
        self,
        *,
        column_map: dict[str, str],
        strand_columns: dict[str, str],
        strand_separator: str,
        value_maps: dict[str, dict[str, str]],
        date_formats: list[str],
        police_source: bool,
        headings: list[str],
        strands: dict[str, str],
        areas: dict[str, int],
        today: datetime.date,
        epoch_1904: bool = False,
    ) -> None:
        position: dict[str, int] = {}
        for i, heading in enumerate(headings):
            position.setdefault(v.normalise(heading), i)
        self.headings = headings
        self.columns: dict[str, int] = {}
        self.missing: list[Problem] = []
        for key, heading in column_map.items():
            if not heading:
                continue
            if v.normalise(heading) in position:
                self.columns[key] = position[v.normalise(heading)]
            else:
                self.missing.append(
                    Problem(key, "missing_column", heading, params={"heading": heading})
                )
        self.strand_columns: dict[str, int] = {}
        for code, heading in strand_columns.items():
            if v.normalise(heading) in position:
                self.strand_columns[code] = position[v.normalise(heading)]
            else:
                self.missing.append(
                    Problem("strands", "missing_column", heading, params={"heading": heading})
                )
        self.separator = strand_separator or ";"
        self.value_maps = {
            kind: {v.normalise(k): code for k, code in (mapping or {}).items()}
            for kind, mapping in value_maps.items()
        }
        self.date_formats = date_formats
        self.police_source = police_source
        self.strands = strands
        self.areas = areas
        self.today = today
        self.epoch_1904 = epoch_1904
        self.seen: dict[str, int] = {}
        # Parsed date cells by their text: an extract repeats the same few hundred dates,
        # and strptime is most of the cost of mapping a row. Bounded.
        self._moments: dict[str, tuple[datetime.date, datetime.time | None] | BadValue] = {}
        self.fixed = {
            kind: {v.normalise(code): code for code, _label in choices}
            | {v.normalise(str(label)): code for code, label in choices}
            for kind, choices in v.FIXED_CODES.items()
        }

    # Cells --------------------------------------------------------------------------

    def _cell(self, row: Row, key: str) -> tuple[Any, str]:
        index = self.columns.get(key)
        if index is None or index >= len(row.cells):
            return None, self._heading(key)
        return row.cells[index], self.headings[index]

    def _heading(self, key: str) -> str:
        index = self.columns.get(key)
        return self.headings[index] if index is not None else ""

    def _problem(self, key: str, code: str, column: str, value: Any, **params: Any) -> Problem:
        shown = "" if key in PERSONAL else text_of(value)[:MAX_TEXT]
        return Problem(key, code, column, shown, params)

    def _formula_problem(self, row: Row, key: str, index: int | None) -> Problem | None:
        if index is None:
            return None
        column = self.headings[index] if index < len(self.headings) else ""
        if index in row.unsaved_formulas:
            return Problem(key, "unsaved_formula", column)
        value = row.cells[index] if index < len(row.cells) else None
        if isinstance(value, str) and value.strip() in EXCEL_ERRORS:
            return Problem(key, "formula_error", column, value, {"value": value.strip()})
        return None

    def _code(self, kind: str, key: str, row: Row, problems: list[Problem]) -> str:
        value, column = self._cell(row, key)
        if is_empty(value):
            return ""
        text = v.normalise(text_of(value))
        found = self.value_maps.get(kind, {}).get(text) or self.fixed.get(kind, {}).get(text)
        if found is None and kind == v.KIND_OUTCOME:
            found = v.outcome_code_from(text)
        if found is None:
            problems.append(self._problem(key, "unknown_code", column, value, kind=kind))
            return ""
        return found

    def _moment(
        self, key: str, row: Row, problems: list[Problem]
    ) -> tuple[datetime.date | None, datetime.time | None]:
        value, column = self._cell(row, key)
        if is_empty(value):
            return None, None
        parsed = self._moments.get(value) if isinstance(value, str) else None
        if parsed is None:
            try:
                parsed = parse_moment(value, formats=self.date_formats, epoch_1904=self.epoch_1904)
            except BadValue as refused:
                parsed = refused
            if isinstance(value, str) and len(self._moments) < MOMENTS_KEPT:
                self._moments[value] = parsed
        if isinstance(parsed, BadValue):
            formats = ", ".join(datetime.date(2025, 12, 31).strftime(f) for f in self.date_formats)
            problems.append(self._problem(key, parsed.code, column, value, formats=formats))
            return None, None
        day, time = parsed
        if day > self.today:
            problems.append(self._problem(key, "future_date", column, value))
            return None, None
        return day, time

    def _time(self, key: str, row: Row, problems: list[Problem]) -> datetime.time | None:
        value, column = self._cell(row, key)
        if is_empty(value):
            return None
        try:
            return parse_time(value)
        except BadValue as bad:
            problems.append(self._problem(key, bad.code, column, value))
            return None

    def _text(self, key: str, row: Row, problems: list[Problem], limit: int = MAX_TEXT) -> str:
        value, column = self._cell(row, key)
        text = text_of(value)
        if len(text) > limit:
            problems.append(self._problem(key, "too_long", column, value, max=limit))
            return ""
        return text

    # Parts of a record --------------------------------------------------------------

    def _strand_codes(self, row: Row, problems: list[Problem]) -> list[str]:
        codes: set[str] = set()
        value, column = self._cell(row, "strands")
        if not is_empty(value):
            mapping = self.value_maps.get(v.KIND_STRANDS, {})
            for part in text_of(value).split(self.separator):
                text = v.normalise(part)
                if not text:
                    continue
                code = mapping.get(text) or self.strands.get(text)
                if code is None:
                    problems.append(
                        self._problem("strands", "unknown_code", column, part, kind="strands")
                    )
                else:
                    codes.add(code)
        for code, index in self.strand_columns.items():
            cell = row.cells[index] if index < len(row.cells) else None
            try:
                if parse_flag(cell):
                    codes.add(code)
            except BadValue as bad:
                problems.append(self._problem("strands", bad.code, self.headings[index], cell))
        return sorted(codes)

    def _place(self, row: Row, problems: list[Problem], record: MappedRecord) -> None:
        postcode = self._text("postcode", row, problems, limit=10)
        if postcode:
            normalised = normalise_postcode(postcode)
            if POSTCODE_RE.fullmatch(normalised):
                record.postcode = normalised
            else:
                problems.append(
                    self._problem("postcode", "bad_postcode", self._heading("postcode"), "")
                )
        record.point = self._grid_point(row, problems) or self._lat_lon_point(row, problems)
        area_value, area_column = self._cell(row, "area_code")
        if not is_empty(area_value):
            record.area_code = text_of(area_value)
            area_id = self.areas.get(v.normalise(record.area_code))
            if area_id is None:
                problems.append(self._problem("area_code", "unknown_area", area_column, area_value))
            record.area_id = area_id

    def _pair(
        self, first: str, second: str, row: Row, problems: list[Problem]
    ) -> tuple[float, float] | None:
        a, a_column = self._cell(row, first)
        b, b_column = self._cell(row, second)
        if is_empty(a) and is_empty(b):
            return None
        if is_empty(a) or is_empty(b):
            key, column = (first, a_column) if is_empty(a) else (second, b_column)
            other = second if key == first else first
            problems.append(self._problem(key, "half_pair", column, "", other=label_of(other)))
            return None
        try:
            return parse_number(a), parse_number(b)
        except BadValue:
            problems.append(self._problem(first, "bad_number", a_column, ""))
            return None

    def _grid_point(self, row: Row, problems: list[Problem]) -> tuple[float, float] | None:
        pair = self._pair("easting", "northing", row, problems)
        if pair is None:
            return None
        easting, northing = pair
        if not (0 <= easting <= 700_000 and 0 <= northing <= 1_300_000):
            problems.append(self._problem("easting", "bad_grid", self._heading("easting"), ""))
            return None
        lon, lat = _from_bng().transform(easting, northing)
        return round(lat, 6), round(lon, 6)

    def _lat_lon_point(self, row: Row, problems: list[Problem]) -> tuple[float, float] | None:
        pair = self._pair("latitude", "longitude", row, problems)
        if pair is None:
            return None
        lat, lon = pair
        if not (49.0 <= lat <= 61.5 and -9.0 <= lon <= 2.5):
            problems.append(self._problem("latitude", "bad_lat_lon", self._heading("latitude"), ""))
            return None
        return round(lat, 6), round(lon, 6)

    def _victim(self, row: Row, problems: list[Problem], record: MappedRecord) -> None:
        age, age_column = self._cell(row, "victim_age")
        if not is_empty(age):
            band = _age_band(text_of(age))
            if band is None:
                problems.append(self._problem("victim_age", "bad_age", age_column, age))
            else:
                record.victim_age_band = band
        sex, sex_column = self._cell(row, "victim_sex")
        if not is_empty(sex):
            text = v.normalise(text_of(sex))
            if text in _SEX:
                record.victim_sex = _SEX[text]
            elif text not in _NOT_KNOWN:
                problems.append(
                    self._problem("victim_sex", "unknown_code", sex_column, sex, kind="victim_sex")
                )
        record.victim_name = self._text("victim_name", row, problems)
        email = self._text("victim_email", row, problems)
        if email and not _EMAIL.match(normalise_email(email)):
            problems.append(
                self._problem("victim_email", "bad_email", self._heading("victim_email"), "")
            )
        else:
            record.victim_email = email
        record.victim_phone = self._text("victim_phone", row, problems, limit=40)

    # The row ------------------------------------------------------------------------

    def map(self, row: Row) -> tuple[MappedRecord | None, list[Problem]]:
        problems: list[Problem] = []
        for key, index in self.columns.items():
            formula = self._formula_problem(row, key, index)
            if formula is not None:
                problems.append(formula)
        for index in self.strand_columns.values():
            formula = self._formula_problem(row, "strands", index)
            if formula is not None:
                problems.append(formula)
        if problems:
            return None, problems

        reference = self._text("reference", row, problems, limit=MAX_REFERENCE)
        recorded_on, recorded_time = self._moment("recorded_date", row, problems)
        for key, found in (("reference", reference), ("recorded_date", recorded_on)):
            value, column = self._cell(row, key)
            if not found and is_empty(value):
                problems.append(Problem(key, "required", column))
        if reference:
            key = v.normalise(reference)
            if key in self.seen:
                problems.append(
                    self._problem(
                        "reference",
                        "duplicate_reference",
                        self._heading("reference"),
                        reference,
                        first_row=self.seen[key],
                    )
                )
            else:
                self.seen[key] = row.number

        offence_from, offence_time = self._moment("offence_from", row, problems)
        offence_time = self._time("offence_time_from", row, problems) or offence_time
        offence_to, _time_to = self._moment("offence_to", row, problems)
        self._time("offence_time_to", row, problems)
        outcome_date, _outcome_time = self._moment("outcome_date", row, problems)

        record = MappedRecord(
            reference=reference,
            recorded_on=recorded_on or self.today,
            recorded_time=recorded_time,
            offence_from=offence_from,
            offence_time=offence_time,
            offence_to=offence_to,
            outcome_date=outcome_date,
        )
        self._check_dates(record, problems)
        record.offence_group = self._code(v.KIND_OFFENCE_GROUP, "offence_group", row, problems)
        record.strand_codes = self._strand_codes(row, problems)
        record.how_reported = self._code(v.KIND_HOW_REPORTED, "how_reported", row, problems)
        if not self.police_source and record.how_reported in v.POLICE_ONLY_CHANNELS:
            value, column = self._cell(row, "how_reported")
            problems.append(self._problem("how_reported", "police_only_channel", column, value))
        record.who_reported = self._code(v.KIND_WHO_REPORTED, "who_reported", row, problems)
        record.outcome = self._code(v.KIND_OUTCOME, "outcome", row, problems)
        record.classification = self._code(v.KIND_CLASSIFICATION, "classification", row, problems)
        if "classification" not in self.columns and self.police_source:
            record.classification = v.Classification.CRIME  # a police hate crime extract
        record.recorded_as = v.recorded_as(
            police_source=self.police_source, classification=record.classification
        )
        self._place(row, problems, record)
        self._victim(row, problems, record)
        return (None if problems else record), problems

    def _check_dates(self, record: MappedRecord, problems: list[Problem]) -> None:
        start = record.offence_from
        if start and record.recorded_on and start > record.recorded_on:
            problems.append(
                Problem("offence_from", "offence_after_recorded", self._heading("offence_from"))
            )
        if start and record.offence_to and record.offence_to < start:
            problems.append(Problem("offence_to", "dates_reversed", self._heading("offence_to")))
        if start and record.outcome_date and record.outcome_date < start:
            problems.append(
                Problem("outcome_date", "outcome_before_offence", self._heading("outcome_date"))
            )


def _age_band(text: str) -> str | None:
    normalised = v.normalise(text).replace(" ", "_") if "_" in text else v.normalise(text)
    if normalised in _AGE_BAND_CODES:
        return normalised
    if normalised in _NOT_KNOWN:
        return ""
    try:
        age = parse_number(normalised)
    except BadValue:
        age = None
    if age is not None and age.is_integer():
        return _band_of(int(age))
    found = _AGE_RANGE.match(normalised)
    if found is not None:
        low, high = int(found.group(1)), int(found.group(2))
        low_band, high_band = _band_of(low), _band_of(high)
        return low_band if low_band == high_band else None
    found = _AGE_PLUS.match(normalised)
    if found is not None:
        band = _band_of(int(found.group(1)))
        return band if band == "75_plus" else None
    return None


def _band_of(age: int) -> str | None:
    for low, high, code in _AGE_BOUNDS:
        if low <= age <= high:
            return code
    return None


def missing_required(column_map: dict[str, str]) -> list[str]:
    return [key for key in REQUIRED if not column_map.get(key)]
