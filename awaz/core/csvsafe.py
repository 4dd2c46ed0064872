"""CSV downloads a spreadsheet cannot turn into formulas.

A cell whose text starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return, which
some spreadsheets skip before looking) may be run as a formula when the file is opened
("CSV injection"). ``safe_cell`` prefixes such text with a single quote so it is shown as typed.
Numbers are written as they are: ``-3`` is a number, never a formula, and an analyst needs it
to stay one.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.http import HttpResponse

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_FILENAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def safe_cell(value: Any) -> str:
    """The text to write for one cell, neutralised if a spreadsheet could run it."""
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return str(value)
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def csv_response(
    filename: str, header: Sequence[Any], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    """A ``text/csv`` attachment named ``filename``, every cell passed through ``safe_cell``."""
    if not _FILENAME.fullmatch(filename):
        raise ValueError(f"unsafe CSV filename {filename!r}")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    writer = csv.writer(response)
    writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return response
