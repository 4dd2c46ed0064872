"""The quarterly report's files: the XLSX holds one sheet per table with the same numbers as
the content (text neutralised); the PDF's pages are rendered to images (pypdfium2) to check
none is blank, and their text carries the expected headings and page numbers."""

from __future__ import annotations

import datetime
import io

import pypdfium2
import pytest
from openpyxl import load_workbook
from PIL import ImageStat

from awaz.strategy.reports.content import QuarterlyContent, quarterly_content
from awaz.strategy.reports.pdf import css_counter_text, css_string, quarterly_pdf
from awaz.strategy.reports.xlsx import cell_value, quarterly_xlsx, sheet_names
from awaz.strategy.services import rag_change_record, strategy_change
from awaz.strategy.tests.conftest import TODAY, Plan
from awaz.strategy.tests.factories import make_action
from awaz.strategy.tests.quarterly_world import QUARTER, World, build_world

pytestmark = pytest.mark.usefixtures("frozen")

# A strategy name that would break out of a CSS string if it were not escaped.
AWKWARD_NAME = 'Fictional "strategy"; } @page { size: A3 } \\ 2025-2028'
HEADINGS = [
    "Summary",
    "Incidents",
    "Areas of concern",
    "Measures",
    "Reporting centres",
    "Meetings and escalations",
]


@pytest.fixture
def world(plan: Plan) -> World:
    return build_world(plan)


def _content(world: World) -> QuarterlyContent:
    return quarterly_content(strategy=world.plan.strategy, quarter=QUARTER, today=TODAY)


def test_the_spreadsheet_has_one_sheet_per_table_with_the_same_numbers(world: World) -> None:
    plan = world.plan
    formula = make_action(
        strand=plan.strand, chair=plan.chair, lead=plan.lead_org, title="=SUM(1,2) fictional"
    )
    rag_change_record(
        action=formula,
        rag_status="red",
        reason="+Fictional: reason starting with a plus",
        effective_on=datetime.date(2026, 3, 1),
        actor=plan.chair,
    )
    content = _content(world)
    book = load_workbook(io.BytesIO(quarterly_xlsx(content)), read_only=True)
    tables = content.ordered_tables()
    names = sheet_names(tables)
    assert book.sheetnames == ["About", *names]
    assert len(tables) == 15
    for name, table in zip(names, tables, strict=True):
        rows = list(book[name].iter_rows(values_only=True))
        assert rows[0][0] == table.title
        assert list(rows[1]) == [c.label for c in table.columns]
        width = len(table.columns)  # a row ending in empty cells reads back shorter
        body = [(list(r) + [None] * width)[:width] for r in rows[2 : 2 + len(table.rows)]]
        expected = [
            [cell_value(c, v) for c, v in zip(table.columns, row, strict=True)]
            for row in table.rows
        ]
        # openpyxl reads dates back as datetimes and whole numbers as ints.
        assert [[_plain(v) for v in row] for row in body] == [
            [_plain(v) for v in row] for row in expected
        ], name
    flagged = [
        (list(row) + [None] * 7)[:7]
        for row in book[names[1]].iter_rows(min_row=3, values_only=True)
    ]
    assert "'=SUM(1,2) fictional" in [row[1] for row in flagged]
    assert "'+Fictional: reason starting with a plus" in [row[6] for row in flagged]
    measures = list(
        book[names[tables.index(content.tables["measures"])]].iter_rows(values_only=True)
    )
    assert measures[2][3:6] == (12, 8, 5)  # numbers stay numbers


def _plain(value: object) -> object:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def test_sheet_names_are_valid_and_distinct() -> None:
    from awaz.strategy.reports.content import ReportTable

    tables = [
        ReportTable(key=str(i), title=title, columns=(), rows=[])
        for i, title in enumerate(
            ["Incidents: by area [draft]", "Incidents: by area [final]", "A" * 40, "A" * 40]
        )
    ]
    names = sheet_names(tables)
    assert names == [
        "Incidents  by area  draft",
        "Incidents  by area  final",
        "A" * 31,
        "A" * 29 + " 2",
    ]


def test_the_pdf_pages_are_not_blank_and_carry_their_headings(world: World) -> None:
    plan = world.plan
    strategy = plan.strategy
    strategy_change(
        strategy=strategy,
        name=AWKWARD_NAME,
        starts_on=strategy.starts_on,
        ends_on=strategy.ends_on,
        summary="",
        actor=plan.chair,
    )
    strategy.refresh_from_db()
    rendered = quarterly_pdf(_content(world))
    assert rendered.content.startswith(b"%PDF-")
    document = pypdfium2.PdfDocument(rendered.content)
    assert len(document) == rendered.pages >= 6
    texts = []
    for index in range(len(document)):
        page = document[index]
        width, height = page.get_size()
        assert (round(width), round(height)) == (595, 842)  # A4: the name changed nothing
        image = page.render(scale=1).to_pil().convert("L")
        histogram = image.histogram()
        ink = sum(histogram[:200]) / (image.width * image.height)
        assert ink > 0.005, f"page {index + 1} is blank"
        assert ImageStat.Stat(image).stddev[0] > 10, f"page {index + 1} is blank"
        text = page.get_textpage().get_text_range().replace("\r", "")
        texts.append(text)
        assert f"Page {index + 1} of {len(document)}" in text
    cover = texts[0]
    assert "Quarterly performance report" in cover
    assert AWKWARD_NAME in cover.replace("\n", " ")
    assert "2025-26 Q4" in cover and "January to March 2026" in cover
    assert "15 June 2026" in cover  # made on
    assert "quarterly report, 2025-26 Q4" in texts[1]  # the running head, with the name
    found = [
        next(i for i, t in enumerate(texts) if heading in t.split("\n")) for heading in HEADINGS
    ]
    assert found == sorted(found)
    # Table cells wrap where the fonts on the machine say; compare words, not line breaks.
    words = " ".join(" ".join(texts).split())
    assert "Fictional sessions held" in words
    assert "Fictional print run" in words


def test_css_strings_cannot_end_early() -> None:
    assert css_string('a "b"; }') == '"a \\000022 b\\000022 \\00003b  \\00007d "'
    assert (
        css_counter_text("Page %(page)s of %(pages)s", page="page", pages="pages")
        == '"Page " counter(page) " of " counter(pages)'
    )
    assert css_counter_text("%(page)s/%(pages)s", page="page", pages="pages") == (
        'counter(page) "\\00002f " counter(pages)'
    )


def test_weasyprint_may_fetch_nothing() -> None:
    from awaz.strategy.reports.pdf import _no_fetching

    for address in ("file:///etc/hostname", "https://example.org/logo.png", "data:,x"):
        with pytest.raises(ValueError, match="disallowed protocol"):
            _no_fetching().fetch(address)
