"""The quarterly report as a PDF: the tables of ``content`` laid out for print by WeasyPrint
(HTML and CSS; it runs no JavaScript), with charts drawn as inline SVG on the server
(``awaz.strategy.charts``).

The print stylesheet (``strategy/pdf/quarterly.css``) sets A4 pages with the strategy and
quarter at the top and "Page n of N" at the bottom, in page-margin boxes (the font is set in
``@page``, which margin boxes inherit from, not from the body); keeps a table row, a chart and
a heading with what follows it on one page; and repeats a table's header row on each page.
The PDF is tagged, so a screen reader can follow its headings and tables. WeasyPrint fetches
nothing: every chart is inline and the fetcher refuses all addresses.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.template.loader import render_to_string
from django.utils.formats import date_format, number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

if TYPE_CHECKING:  # WeasyPrint is imported when a PDF is made: it is slow to import.
    from weasyprint import CSS
    from weasyprint.urls import URLFetcher

from awaz.strategy.charts import bar_chart_svg, line_chart_svg
from awaz.strategy.measure_words import measure_chart, value_text
from awaz.strategy.models import RagStatus
from awaz.strategy.reports.content import Column, QuarterlyContent, ReportTable
from awaz.strategy.selectors_measures import MeasureRow

NONE_SHOWN = "\u2013"  # an en dash
RAG_CLASSES = {
    RagStatus.RED: "rag rag--red",
    RagStatus.AMBER: "rag rag--amber",
    RagStatus.GREEN: "rag rag--green",
    RagStatus.COMPLETE: "rag rag--complete",
    RagStatus.NOT_STARTED: "rag rag--not-started",
}


@dataclass(frozen=True)
class Cell:
    text: str
    classes: str = ""


@dataclass(frozen=True)
class DisplayTable:
    key: str
    title: str
    note: str
    headers: list[Cell]
    rows: list[list[Cell]]


def _number(value: Any, places: int) -> str:
    text = number_format(
        Decimal(value).quantize(Decimal(1).scaleb(-places)), places, force_grouping=True
    )
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _signed(value: Any, places: int, suffix: str = "") -> str:
    if value == 0:
        return "0" + suffix
    sign = "+" if value > 0 else "\u2212"  # a minus sign
    return sign + _number(abs(value), places) + suffix


def cell_text(column: Column, value: Any) -> str:
    """How ``value`` reads in the PDF (the XLSX keeps it typed)."""
    if value is None or value == "":
        return NONE_SHOWN if column.kind != "text" else ""
    kind = column.kind
    if kind == "int":
        return _number(value, 0)
    if kind == "decimal":
        return _number(value, 2)
    if kind == "change":
        return _signed(value, 2)
    if kind == "change_percent":
        return _signed(value, 1, "%")
    if kind == "date":
        return f"{value.day} {value:%B %Y}"
    if kind == "month":
        return f"{value:%B %Y}"
    if kind == "rag":
        return str(RagStatus(value).label)
    if kind == "bool":
        return _("Yes") if value else _("No")
    return str(value)


def display_table(table: ReportTable) -> DisplayTable:
    def classes(column: Column, value: Any) -> str:
        found = ["num"] if column.numeric else []
        if column.kind == "rag" and value:
            found.append(RAG_CLASSES[RagStatus(value)])
        return " ".join(found)

    return DisplayTable(
        key=table.key,
        title=table.title,
        note=table.note,
        headers=[Cell(c.label, "num" if c.numeric else "") for c in table.columns],
        rows=[
            [
                Cell(cell_text(column, value), classes(column, value))
                for column, value in zip(table.columns, row, strict=True)
            ]
            for row in table.rows
        ],
    )


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string: anything but letters, digits and spaces is written as
    a six-digit escape (with the space that ends an escape, which CSS consumes), so no text
    can end the string or the rule."""
    escaped = "".join(c if c.isalnum() or c == " " else f"\\{ord(c):06x} " for c in text)
    return f'"{escaped}"'


def css_counter_text(template: str, **counters: str) -> str:
    """A translated sentence with ``%(name)s`` places as a CSS ``content`` value, each place
    filled by a counter: "Page %(page)s of %(pages)s" -> ``"Page " counter(page) ...``."""
    parts: list[str] = []
    rest = template
    while rest:
        start = rest.find("%(")
        if start < 0:
            parts.append(css_string(rest))
            break
        end = rest.index(")s", start)
        if start:
            parts.append(css_string(rest[:start]))
        parts.append(f"counter({counters[rest[start + 2 : end]]})")
        rest = rest[end + 2 :]
    return " ".join(parts)


@dataclass(frozen=True)
class Chart:
    title: str
    svg: SafeString


def _measure_caption(row: MeasureRow) -> str:
    names = {"strand": row.measure.strand, "measure": row.measure.name}
    if row.target is None:
        return _("%(strand)s: %(measure)s") % names
    target = value_text(row.measure, row.target)
    return _("%(strand)s: %(measure)s (target %(target)s)") % {**names, "target": target}


def _charts(content: QuarterlyContent) -> dict[str, Any]:
    months = content.tables["months"]
    strands = content.tables["strands"]
    months_title = _("Incidents per month, %(first)s to %(last)s") % {
        "first": date_format(months.rows[0][0], "F Y"),
        "last": date_format(months.rows[-1][0], "F Y"),
    }
    strands_title = _("Strands mentioned in the quarter's incidents")
    # charts.py escapes every text it draws, so its markup is safe to insert.
    return {
        "months": Chart(
            months_title,
            mark_safe(  # noqa: S308
                line_chart_svg(
                    [(date_format(m, "M"), n) for m, n, _before in months.rows],
                    title=months_title,
                    width=640,
                    height=220,
                )
            ),
        ),
        "strands": Chart(
            strands_title,
            mark_safe(  # noqa: S308
                bar_chart_svg(
                    [(label, n) for label, n, _prev, _year in strands.rows],
                    title=strands_title,
                    width=640,
                )
            ),
        ),
        "measures": [
            Chart(
                _measure_caption(row),
                mark_safe(measure_chart(row, width=640, height=200)),  # noqa: S308
            )
            for row in content.measures
        ],
    }


def _context(content: QuarterlyContent) -> dict[str, Any]:
    plan = content.tables["plan"]
    flagged = content.tables["red_overdue"]
    return {
        "content": content,
        "quarter": content.quarter,
        "tables": {key: display_table(t) for key, t in content.tables.items()},
        "charts": _charts(content),
        "plan_rating": cell_text(Column("", "rag"), content.plan_rating)
        if content.plan_rating
        else _("No actions"),
        "red_count": flagged.column(_("Status shown")).count(RagStatus.RED),
        "overdue_count": sum(1 for since in flagged.column(_("Overdue since")) if since),
        "actions_count": plan.rows[-1][-1] if plan.rows else 0,
        "change_previous": _signed(content.incidents_total - content.incidents_previous, 0),
        "change_year": _signed(content.incidents_total - content.incidents_year_ago, 0),
        "concerns_count": sum(m.concerns for m in content.concern_months),
    }


def _stylesheet(content: QuarterlyContent) -> CSS:
    running = _("%(strategy)s: quarterly report, %(quarter)s") % {
        "strategy": content.strategy_name,
        "quarter": content.quarter.label,
    }
    css = render_to_string(
        "strategy/pdf/quarterly.css",
        {
            "running_head": SafeString(css_string(running)),
            "page_numbers": SafeString(
                css_counter_text(_("Page %(page)s of %(pages)s"), page="page", pages="pages")
            ),
        },
    )
    from weasyprint import CSS

    return CSS(string=css, url_fetcher=_no_fetching())


def _no_fetching() -> URLFetcher:
    from weasyprint.urls import URLFetcher

    """A fetcher that refuses every address: the report is self-contained."""
    return URLFetcher(allowed_protocols=())


@dataclass(frozen=True)
class RenderedPdf:
    content: bytes
    pages: int


def quarterly_html(content: QuarterlyContent) -> str:
    return render_to_string("strategy/pdf/quarterly.html", _context(content))


def quarterly_pdf(content: QuarterlyContent) -> RenderedPdf:
    """The report as PDF bytes and its number of pages."""
    from weasyprint import HTML

    document = HTML(
        string=quarterly_html(content), base_url="about:blank", url_fetcher=_no_fetching()
    ).render(stylesheets=[_stylesheet(content)], pdf_tags=True)
    data = document.write_pdf(pdf_tags=True)
    assert data is not None
    return RenderedPdf(content=data, pages=len(document.pages))
