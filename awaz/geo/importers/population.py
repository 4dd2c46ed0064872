"""Reading residents per area from a CSV: an area code, a population and perhaps a year.

Header names vary between publishers, so columns are recognised loosely (case, spaces and
punctuation ignored):

- code: ``code``, ``area code``, ``geography code``, ``GSS code`` or an ONS ``LAD23CD``-style
  name;
- population: ``population``, ``count``, ``all persons``, ``all ages``, ``observation``,
  ``persons``, ``usual residents``, or a Nomis-style header containing "all persons" or
  "all usual residents";
- year (optional): ``year``, ``date`` or ``mid year`` (the first four digits count).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from awaz.geo.importers.errors import ImportFileError

_CODE_NAMES = {"code", "area code", "areacode", "geography code", "gss code"}
_POPULATION_NAMES = {
    "population",
    "count",
    "all persons",
    "all ages",
    "observation",
    "persons",
    "usual residents",
    "value",
}
_POPULATION_PHRASES = ("all persons", "all usual residents")
_YEAR_NAMES = {"year", "date", "mid year"}
_ONS_CODE = re.compile(r"^[a-z]+\d{2}cd$")


@dataclass(frozen=True)
class PopulationRow:
    line: int
    code: str
    population: int
    year: int | None


@dataclass
class PopulationTable:
    filename: str
    code_column: str
    population_column: str
    year_column: str  # "" when the file has none
    rows: list[PopulationRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _simple(header: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", header.lower()).split())


def _find(headers: list[str], names: set[str], phrases: tuple[str, ...] = ()) -> int | None:
    simple = [_simple(h) for h in headers]
    for i, name in enumerate(simple):
        if name in names:
            return i
    for i, name in enumerate(simple):
        if any(phrase in name for phrase in phrases):
            return i
    return None


def population_table_read(lines: Iterable[str], *, filename: str) -> PopulationTable:
    """Read the whole table (one row per area: small). Raises ``ImportFileError`` when the
    columns cannot be found; bad rows are listed in ``errors``."""
    reader = csv.reader(lines)
    header = next(reader, None)
    if not header:
        raise ImportFileError(_("%(file)s is empty.") % {"file": filename})
    code_col = _find(header, _CODE_NAMES)
    if code_col is None:
        code_col = next((i for i, h in enumerate(header) if _ONS_CODE.match(_simple(h))), None)
    pop_col = _find(header, _POPULATION_NAMES, _POPULATION_PHRASES)
    year_col = _find(header, _YEAR_NAMES)
    if code_col is None or pop_col is None:
        raise ImportFileError(
            _(
                "%(file)s needs a column for the area code (code, area code, geography code) "
                "and one for the population (population, all persons, count). It has: "
                "%(found)s."
            )
            % {"file": filename, "found": ", ".join(h.strip() for h in header)}
        )
    table = PopulationTable(
        filename=filename,
        code_column=header[code_col].strip(),
        population_column=header[pop_col].strip(),
        year_column=header[year_col].strip() if year_col is not None else "",
    )

    def error(line: int, message: str) -> None:
        table.errors.append(_("Line %(line)s: %(message)s") % {"line": line, "message": message})

    for row in reader:
        if not row or not any(cell.strip() for cell in row):
            continue
        line = reader.line_num
        needed = max(code_col, pop_col, year_col or 0)
        if len(row) <= needed:
            error(line, _("too few columns"))
            continue
        code = row[code_col].strip()
        raw = row[pop_col].strip().replace(",", "").replace(" ", "")
        if not code:
            error(line, _("no area code"))
            continue
        if not raw.isdigit():
            error(line, _("the population %(value)r is not a whole number") % {"value": raw})
            continue
        year = None
        if year_col is not None:
            match = re.match(r"\s*(\d{4})", row[year_col])
            if not match or not 1800 <= int(match[1]) <= 2200:
                error(line, _("the year %(value)r is not a year") % {"value": row[year_col]})
                continue
            year = int(match[1])
        table.rows.append(PopulationRow(line=line, code=code, population=int(raw), year=year))
    return table
