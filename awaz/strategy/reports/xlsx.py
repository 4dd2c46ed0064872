"""The quarterly report's tables as a spreadsheet: one sheet per table of ``content`` (the
same tables, so the same numbers, as the PDF), each with the table's title, its header row
and its rows, numbers and dates kept typed.

openpyxl's write-only mode streams rows to a temporary file, so memory stays flat. Every
text cell goes through ``patterns.csvsafe.safe_cell``, so a spreadsheet never runs a cell
as a formula (an action's title starting with "=" is shown as typed), and loses the control
characters XLSX cannot hold.
"""

from __future__ import annotations

import datetime
import io
import re
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from awaz.patterns.csvsafe import safe_cell
from awaz.strategy.models import RagStatus
from awaz.strategy.reports.content import Column, QuarterlyContent, ReportTable

# Characters a sheet's name may not hold, and its longest length.
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_MAX = 31
BOLD = Font(bold=True)


def text_cell(value: Any) -> str:
    """Text as written to a cell: neutralised, without characters XLSX cannot hold."""
    return ILLEGAL_CHARACTERS_RE.sub("", safe_cell(value))


def cell_value(column: Column, value: Any) -> Any:
    """A table value as the spreadsheet holds it: numbers, dates and yes/no stay typed, a
    RAG status is its label, text is neutralised. Empty (None or no text) stays empty."""
    if value is None or value == "":
        return None
    kind = column.kind
    if kind == "rag":
        return str(RagStatus(value).label)
    if kind == "bool":
        return bool(value)
    if column.numeric and isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return value
    if kind in ("date", "month") and isinstance(value, datetime.date):
        return value
    return text_cell(value)


NUMBER_FORMATS = {"date": "yyyy-mm-dd", "month": "mmm yyyy", "change_percent": "0.0"}


def sheet_names(tables: list[ReportTable]) -> list[str]:
    """A distinct, valid sheet name for each table, from its title."""
    names: list[str] = []
    for table in tables:
        base = _SHEET_FORBIDDEN.sub(" ", table.title).strip()[:SHEET_NAME_MAX].strip()
        name, n = base, 2
        while name.lower() in (existing.lower() for existing in names):
            suffix = f" {n}"
            name = base[: SHEET_NAME_MAX - len(suffix)].rstrip() + suffix
            n += 1
        names.append(name)
    return names


def _write(sheet: WriteOnlyWorksheet, table: ReportTable) -> None:
    title = WriteOnlyCell(sheet, value=text_cell(table.title))
    title.font = BOLD
    sheet.append([title])
    header = []
    for column in table.columns:
        cell = WriteOnlyCell(sheet, value=text_cell(column.label))
        cell.font = BOLD
        header.append(cell)
    sheet.append(header)
    for row in table.rows:
        cells = []
        for column, value in zip(table.columns, row, strict=True):
            cell = WriteOnlyCell(sheet, value=cell_value(column, value))
            if column.kind in NUMBER_FORMATS:
                cell.number_format = NUMBER_FORMATS[column.kind]
            cells.append(cell)
        sheet.append(cells)
    if table.note:
        sheet.append([])
        sheet.append([text_cell(table.note)])


def quarterly_xlsx(content: QuarterlyContent) -> bytes:
    """The workbook: a cover sheet naming the report, then one sheet per table."""
    workbook = Workbook(write_only=True)
    about = workbook.create_sheet(title=_("About")[:SHEET_NAME_MAX])
    about.append([text_cell(content.strategy_name)])
    about.append([text_cell(_("Quarterly performance report")), text_cell(content.quarter.label)])
    about.append([text_cell(_("Months")), text_cell(content.quarter.months_label)])
    made = WriteOnlyCell(about, value=content.generated_on)
    made.number_format = "yyyy-mm-dd"
    about.append([text_cell(_("Made on")), made])
    about.append([])
    about.append([text_cell(_("Sheet")), text_cell(_("Table"))])
    tables = content.ordered_tables()
    names = sheet_names(tables)
    for name, table in zip(names, tables, strict=True):
        about.append([text_cell(name), text_cell(table.title)])
    for name, table in zip(names, tables, strict=True):
        _write(workbook.create_sheet(title=name), table)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
