"""Reading real-looking extracts: encodings, delimiters, headings below a title, blank rows,
workbooks with formulas (saved values and none), and files that cannot be read."""

from __future__ import annotations

import codecs
import datetime

import pytest

from awaz.imports.reading import FileUnreadable, csv_encoding, table_open
from awaz.imports.tests.support import csv_bytes, with_saved_values, xlsx_bytes

REQUIRED = ["Crime Ref", "Recorded Date"]


def _read(content: bytes, file_format: str = "csv", sheet_name: str = ""):
    with table_open(
        content, file_format=file_format, required_headings=REQUIRED, sheet_name=sheet_name
    ) as table:
        return (
            table.headings,
            table.header_row,
            [(r.number, r.cells, r.unsaved_formulas) for r in table.rows],
        )


HEADINGS = ["Crime Ref", "Recorded Date", "Location"]


def test_utf8_with_a_byte_order_mark_keeps_the_first_heading_and_the_accents():
    content = codecs.BOM_UTF8 + csv_bytes([["FIC/1", "01/02/2025", "Café Zoë"]], headings=HEADINGS)

    headings, _header_row, rows = _read(content)

    assert csv_encoding(content) == "utf-8-sig"
    assert headings == HEADINGS
    assert rows[0][1] == ["FIC/1", "01/02/2025", "Café Zoë"]


def test_windows_1252_is_read_when_the_file_is_not_utf8():
    content = csv_bytes(
        [["FIC/1", "01/02/2025", "Café \u2013 Zoë\u2019s"]], headings=HEADINGS, encoding="cp1252"
    )

    _headings, _header_row, rows = _read(content)

    assert csv_encoding(content) == "cp1252"
    assert rows[0][1][2] == "Café \u2013 Zoë\u2019s"


def test_utf16_with_its_mark_is_read():
    content = csv_bytes([["FIC/1", "01/02/2025", "x"]], headings=HEADINGS, delimiter="\t")
    content = codecs.BOM_UTF16_LE + content.decode().encode("utf-16-le")

    _headings, _header_row, rows = _read(content)

    assert rows[0][1] == ["FIC/1", "01/02/2025", "x"]


def test_semicolon_delimited_files_are_read():
    content = csv_bytes(
        [["FIC/1", "01/02/2025", "Kendal; town centre"]], headings=HEADINGS, delimiter=";"
    )

    _headings, _header_row, rows = _read(content)

    assert rows[0][1] == ["FIC/1", "01/02/2025", "Kendal; town centre"]


def test_title_rows_above_the_table_are_skipped_and_rows_keep_spreadsheet_numbers():
    content = csv_bytes(
        [["FIC/1", "01/02/2025", ""], ["", "", ""], ["FIC/2", "02/02/2025", ""]],
        headings=HEADINGS,
        preamble=[["Fictional hate crime extract"], ["Run on 03/02/2025 by Fictional User"], []],
    )

    _headings, header_row, rows = _read(content)

    assert header_row == 4
    assert [number for number, _cells, _f in rows] == [5, 7]  # row 6 is blank


def test_no_row_with_the_required_headings_is_a_clear_error():
    content = csv_bytes([["FIC/1", "01/02/2025"]], headings=["Ref", "Date"])

    with pytest.raises(FileUnreadable) as caught:
        _read(content)

    assert caught.value.code == "no_header"
    assert "“Crime Ref”, “Recorded Date”" in str(caught.value.message)


def test_bytes_that_are_not_text_are_refused():
    content = b"Crime Ref,Recorded Date\r\n" + bytes([0x81, 0x8D, 0x8F, 0x90]) + b",x\r\n"

    with pytest.raises(FileUnreadable) as caught:
        _read(content)

    assert caught.value.code == "not_text"


def test_xlsx_dates_titles_and_blank_rows():
    content = xlsx_bytes(
        [
            ["FIC/1", datetime.datetime(2025, 2, 1, 14, 30), None],
            [None, None, None],
            ["FIC/2", 45700, "Penrith"],
        ],
        headings=HEADINGS,
        preamble=[["Fictional extract"], []],
    )

    headings, header_row, rows = _read(content, "xlsx")

    assert headings == HEADINGS
    assert header_row == 3
    assert [(n, cells[:2]) for n, cells, _f in rows] == [
        (4, ["FIC/1", datetime.datetime(2025, 2, 1, 14, 30)]),
        (6, ["FIC/2", 45700]),
    ]


def test_xlsx_formulas_give_their_saved_value_or_are_flagged_when_there_is_none():
    content = xlsx_bytes(
        [
            ["FIC/1", "01/02/2025", '=CONCAT("Pen","rith")'],
            ["FIC/2", "01/02/2025", '="Kes"&"wick"'],
        ],
        headings=HEADINGS,
    )
    content = with_saved_values(content, {"C2": "Penrith"})

    _headings, _header_row, rows = _read(content, "xlsx")

    assert rows[0][1][2] == "Penrith" and rows[0][2] == set()
    assert rows[1][1][2] is None and rows[1][2] == {2}


def test_a_named_worksheet_is_read_and_a_missing_one_refused():
    content = xlsx_bytes([["FIC/1", "01/02/2025", ""]], headings=HEADINGS)

    _h, _r, rows = _read(content, "xlsx", sheet_name="Sheet")
    assert len(rows) == 1
    with pytest.raises(FileUnreadable) as caught:
        _read(content, "xlsx", sheet_name="Crimes")
    assert caught.value.code == "no_sheet"


def test_a_csv_given_as_a_workbook_is_refused():
    with pytest.raises(FileUnreadable) as caught:
        _read(b"Crime Ref,Recorded Date\r\n", "xlsx")

    assert caught.value.code == "not_xlsx"


def test_a_title_with_commas_above_a_semicolon_table_does_not_mislead_the_delimiter():
    content = csv_bytes(
        [["FIC/1", "01/02/2025", "Kendal"], ["FIC/2", "02/02/2025", "Penrith"]],
        headings=HEADINGS,
        delimiter=";",
        preamble=[["Extract, fictional, produced 03/02/2025, by the force, for the partnership"]]
        * 3,
    )

    headings, header_row, rows = _read(content)

    assert headings == HEADINGS and header_row == 4
    assert [cells for _n, cells, _f in rows] == [
        ["FIC/1", "01/02/2025", "Kendal"],
        ["FIC/2", "02/02/2025", "Penrith"],
    ]
