"""Reading a partner's extract as rows, with bounded memory, whatever real files look like.

- **CSV** is streamed with the ``csv`` module. The encoding is UTF-8 (with or without a
  byte-order mark), UTF-16 with its mark, or else Windows-1252 (what Excel writes as "CSV"
  on Windows); the delimiter is a comma, semicolon, tab or bar, whichever the file uses.
- **XLSX** is read with openpyxl in read-only mode, one row at a time. A formula gives the
  value Excel saved with it; a formula without a saved value (a file written by a program
  that never calculated it) is flagged on its row, never read as empty.
- **Header rows above the table** (a title, the date it was run) are skipped: the heading
  row is the first of the first ``HEADER_SEARCH_ROWS`` rows holding every heading the
  source requires. **Blank rows** are skipped. Row numbers are the spreadsheet's own
  (1 is the file's first line), so an error can be found in Excel.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from awaz.core.exceptions import ApplicationError
from awaz.imports.vocabulary import normalise

HEADER_SEARCH_ROWS = 30
_SNIFF_BYTES = 64 * 1024
_DELIMITERS = ",;\t|"
# Cells bigger than this are not a partner's record: refuse the file rather than the memory.
csv.field_size_limit(1_000_000)

# What is wrong with a file as a whole, by code (``FileUnreadable.code``).
FILE_MESSAGES: dict[str, object] = {
    "not_text": _(
        "The file is not a CSV file we can read: it is not text in UTF-8 or Windows-1252. "
        "Save it from your system again as CSV"
    ),
    "bad_csv": _("The file could not be read as CSV (%(detail)s)"),
    "not_xlsx": _("The file is not an Excel workbook (XLSX). Save it as .xlsx and upload it again"),
    "no_sheet": _("The workbook has no worksheet called “%(sheet)s”"),
    "no_header": _(
        "No row in the first %(rows)s rows has the headings %(headings)s. Check the source's "
        "column mapping matches the file"
    ),
}


class FileUnreadable(ApplicationError):
    """The file as a whole cannot be read: ``code`` (a key of ``FILE_MESSAGES``) and
    ``params`` say why, and ``message`` in words."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(str(FILE_MESSAGES[code]) % params if params else FILE_MESSAGES[code])


@dataclass
class Row:
    number: int
    cells: list[Any]
    # Indexes of cells holding a formula with no saved value (XLSX only).
    unsaved_formulas: set[int] = field(default_factory=set)


@dataclass
class Table:
    headings: list[str]
    header_row: int
    rows: Iterator[Row]
    # 1900 or 1904: the workbook's date system, for Excel serial numbers.
    epoch_1904: bool = False


def _is_blank(cells: Sequence[Any]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


# CSV ----------------------------------------------------------------------------------


def _is_utf8(content: bytes) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for start in range(0, len(content), 1 << 20):
            decoder.decode(content[start : start + (1 << 20)])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def csv_encoding(content: bytes) -> str:
    if content.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return "utf-8" if _is_utf8(content) else "cp1252"


def _delimiter(sample: str) -> str:
    try:
        return csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        lines = sample.splitlines()[:HEADER_SEARCH_ROWS]
        counts = {d: sum(line.count(d) for line in lines) for d in _DELIMITERS}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ","


def _csv_records(content: bytes, delimiter: str) -> Iterator[list[str]]:
    encoding = csv_encoding(content)
    try:
        text = io.TextIOWrapper(io.BytesIO(content), encoding=encoding, newline="")
        yield from csv.reader(text, delimiter=delimiter)
    except UnicodeDecodeError as exc:
        raise FileUnreadable("not_text") from exc
    except csv.Error as exc:
        raise FileUnreadable("bad_csv", detail=str(exc)) from exc


def _csv_rows(content: bytes, delimiter: str) -> Iterator[Row]:
    for number, cells in enumerate(_csv_records(content, delimiter), start=1):
        yield Row(number=number, cells=list(cells))


def _csv_header(content: bytes, required: Sequence[str]) -> tuple[Row, Iterator[Row]]:
    """The heading row and the rows after it, with the delimiter that finds the headings:
    the one the file seems to use first, then each other (a title above the table can
    mislead the guess)."""
    sample = content[:_SNIFF_BYTES].decode(csv_encoding(content), errors="ignore")
    guessed = _delimiter(sample)
    failure: FileUnreadable | None = None
    for delimiter in [guessed, *(d for d in _DELIMITERS if d != guessed)]:
        try:
            return _find_header(_non_blank(_csv_rows(content, delimiter)), required)
        except FileUnreadable as exc:
            if exc.code != "no_header":
                raise
            failure = failure or exc
    assert failure is not None
    raise failure


# XLSX ---------------------------------------------------------------------------------


@contextmanager
def _xlsx_records(content: bytes, sheet_name: str) -> Iterator[tuple[Iterator[Row], bool]]:
    """Rows of the sheet with each formula's saved value, and the workbook's date system.
    The workbook is opened twice, read-only: once for the values Excel saved, once for
    the formulas, read side by side, so a formula without a saved value is caught."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        values_book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        formula_book = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise FileUnreadable("not_xlsx") from exc
    try:
        if sheet_name:
            if sheet_name not in values_book.sheetnames:
                raise FileUnreadable("no_sheet", sheet=sheet_name)
            values, formulas = values_book[sheet_name], formula_book[sheet_name]
        else:
            values, formulas = values_book.worksheets[0], formula_book.worksheets[0]

        def rows() -> Iterator[Row]:
            pairs = zip(
                values.iter_rows(values_only=False),
                formulas.iter_rows(values_only=True),
                strict=False,
            )
            for cells, written in pairs:
                number = next((c.row for c in cells if getattr(c, "row", None)), None)
                row_values = [getattr(c, "value", None) for c in cells]
                unsaved = {
                    i
                    for i, w in enumerate(written)
                    if isinstance(w, str)
                    and w.startswith("=")
                    and (i >= len(row_values) or row_values[i] is None)
                }
                if number is None:  # only empty cells: a blank row
                    continue
                yield Row(number=number, cells=row_values, unsaved_formulas=unsaved)

        yield rows(), bool(values_book.epoch.year == 1904)
    finally:
        values_book.close()
        formula_book.close()


# Both ---------------------------------------------------------------------------------


def _find_header(rows: Iterator[Row], required: Sequence[str]) -> tuple[Row, Iterator[Row]]:
    wanted = {normalise(h) for h in required if h}
    for seen, row in enumerate(rows):
        if seen >= HEADER_SEARCH_ROWS:
            break
        present = {normalise(c) for c in row.cells if isinstance(c, str)}
        if wanted <= present:
            return row, rows
    raise FileUnreadable(
        "no_header",
        rows=HEADER_SEARCH_ROWS,
        headings=", ".join(f"“{h}”" for h in required if h),
    )


def _non_blank(rows: Iterator[Row]) -> Iterator[Row]:
    for row in rows:
        if row.unsaved_formulas or not _is_blank(row.cells):
            yield row


@contextmanager
def table_open(
    content: bytes, *, file_format: str, required_headings: Sequence[str], sheet_name: str = ""
) -> Iterator[Table]:
    """The file's table: its headings and an iterator over its non-blank rows after them.
    Raises ``FileUnreadable`` for a file that cannot be read at all, also while iterating."""
    if file_format == "xlsx":
        with _xlsx_records(content, sheet_name) as (rows, epoch_1904):
            header, rest = _find_header(_non_blank(rows), required_headings)
            yield Table(
                headings=[str(c).strip() if c is not None else "" for c in header.cells],
                header_row=header.number,
                rows=rest,
                epoch_1904=epoch_1904,
            )
        return
    header, rest = _csv_header(content, required_headings)
    yield Table(
        headings=[str(c).strip() for c in header.cells], header_row=header.number, rows=rest
    )
