"""The public statistics page and its CSV files: no sign-in, no personal data, so no audit.

Every number shown comes from a frozen release (``models.py``). Viewing writes nothing: the
daily job (``tasks.publish_due_statistics``) and ``manage.py statistics_publish`` publish a
quarter once it is due, so no visitor's request (a crawler's included) decides when a
release is frozen or sets off the disclosure checks (ADR 0006).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awaz.patterns.csvsafe import csv_response
from awaz.publishing import selectors
from awaz.publishing.models import PeriodType, RecordedBy, ReleaseCell, StatTable
from awaz.publishing.periods import FinancialYear, Quarter
from awaz.publishing.rules import current_rules
from awaz.publishing.services import next_quarter_to_publish
from awaz.publishing.tables import TOTAL
from awaz.reporting.models import IncidentType

HIDDEN = "[c]"

# URL and CSV names of the named tables, in the page's order.
TABLE_SLUGS = {
    "strand": StatTable.STRAND,
    "local-authority": StatTable.LOCAL_AUTHORITY,
    "incident-type": StatTable.INCIDENT_TYPE,
}
SLUG_OF = {table: slug for slug, table in TABLE_SLUGS.items()}

TABLE_TEXT = {
    StatTable.STRAND: (
        gettext_lazy("Strands of hostility (mentions)"),
        gettext_lazy("strands mentioned"),
        gettext_lazy(
            "Counted as mentions: a report that names two strands is counted under each, so "
            "the total is more than the number of reports. A report that names none (the "
            "person was not sure) is counted once under “No strand named”."
        ),
    ),
    StatTable.LOCAL_AUTHORITY: (
        gettext_lazy("Local authorities"),
        gettext_lazy("reports by local authority"),
        gettext_lazy(
            "Each report is counted once, in the local authority where it happened, or under "
            "“Place not known” when the report gives no place. The total is the number of "
            "reports."
        ),
    ),
    StatTable.INCIDENT_TYPE: (
        gettext_lazy("Types of incident (mentions)"),
        gettext_lazy("types of incident mentioned"),
        gettext_lazy(
            "Counted as mentions: a report of threats and damage is counted under both, so the "
            "total is more than the number of reports."
        ),
    ),
}

RECORDER_TEXT = {
    RecordedBy.POLICE: gettext_lazy("Police-recorded"),
    RecordedBy.PARTNER: gettext_lazy("Partner-recorded"),
}

# The CSV files' columns, in order, with what each holds (the page prints this table).
CSV_COLUMNS = [
    ("table", gettext_lazy("The named table: strand, local-authority or incident-type.")),
    (
        "recorded_by",
        gettext_lazy("police (police-recorded) or partner (partner-recorded); never added up."),
    ),
    ("period_type", gettext_lazy("quarter, or financial_year for a whole year's totals.")),
    ("period", gettext_lazy("For example 2025-26 Q1 (April to June 2025), or 2025-26.")),
    ("period_start", gettext_lazy("First day of the period (YYYY-MM-DD).")),
    ("period_end", gettext_lazy("Last day of the period (YYYY-MM-DD).")),
    (
        "category_code",
        gettext_lazy(
            "A stable code: the strand's or incident type's code, the local authority's area "
            "code, not-known, none-named, not-given, or total."
        ),
    ),
    ("category", gettext_lazy("The category's name when the quarter was published.")),
    ("count", gettext_lazy("The count, or empty when it is hidden.")),
    ("marker", gettext_lazy("[c] when the count is hidden, otherwise empty.")),
    ("published_on", gettext_lazy("The day the quarter was published (never revised).")),
]

QUARTER_HEADERS = {
    1: gettext_lazy("Q1: April to June"),
    2: gettext_lazy("Q2: July to September"),
    3: gettext_lazy("Q3: October to December"),
    4: gettext_lazy("Q4: January to March"),
}


def category_label(table: str, code: str, stored: str) -> str:
    """A category's name in the reader's language where Awaz knows it, else as stored."""
    if code == TOTAL:
        return _("Total")
    if code in selectors.SPECIAL_LABELS:
        return str(selectors.SPECIAL_LABELS[code])
    if table == StatTable.INCIDENT_TYPE and code in IncidentType.values:
        return str(IncidentType(code).label)
    return stored


def year_label(year: FinancialYear) -> str:
    return _("April %(start)s to March %(end)s") % {
        "start": year.start_year,
        "end": year.start_year + 1,
    }


def quarter_label(quarter: Quarter) -> str:
    return _("%(start)s to %(end)s") % {
        "start": date_format(quarter.start, "F"),
        "end": date_format(quarter.end, "F Y"),
    }


@dataclass
class Row:
    label: str
    counts: list[int | None] = field(default_factory=list)  # None: hidden
    is_total: bool = False


@dataclass
class Grid:
    """One recorder's table for one financial year: categories by quarters (and year)."""

    id: str
    caption: str
    columns: list[str]
    rows: list[Row]


@dataclass
class NamedTable:
    slug: str
    title: str
    description: str
    grids: list[Grid]


def _grid(
    table: str, recorded_by: str, year: FinancialYear, cells: list[ReleaseCell]
) -> Grid | None:
    periods: list[tuple[str, datetime.date]] = [
        (PeriodType.QUARTER, q.start)
        for q in year.quarters()
        if any(c.period_type == PeriodType.QUARTER and c.period_start == q.start for c in cells)
    ]
    if not periods:
        return None
    columns = [str(QUARTER_HEADERS[Quarter.starting(start).number]) for _t, start in periods]
    if any(c.period_type == PeriodType.FINANCIAL_YEAR for c in cells):
        periods.append((PeriodType.FINANCIAL_YEAR, year.start))
        columns.append(_("Whole year"))
    by_key = {(c.period_type, c.period_start, c.category): c for c in cells}
    # Rows in the order of the latest period that lists them (the year, else the last quarter).
    order: dict[str, ReleaseCell] = {}
    for period_type, start in reversed(periods):
        for cell in sorted(cells, key=lambda c: c.position):
            if (cell.period_type, cell.period_start) == (period_type, start):
                order.setdefault(cell.category, cell)
    codes = [code for code in order if code != TOTAL] + [TOTAL]
    rows = []
    for code in codes:
        row = Row(label=category_label(table, code, order[code].label), is_total=(code == TOTAL))
        for period_type, start in periods:
            found = by_key.get((period_type, start, code))
            # A category a quarter did not list had no reports then (its total shows it).
            row.counts.append(None if found and found.hidden else (found.count if found else 0))
        rows.append(row)
    caption = _("%(recorder)s: %(what)s, %(year)s") % {
        "recorder": RECORDER_TEXT[RecordedBy(recorded_by)],
        "what": TABLE_TEXT[StatTable(table)][1],
        "year": year_label(year),
    }
    return Grid(
        id=f"{SLUG_OF[StatTable(table)]}-{recorded_by}",
        caption=caption,
        columns=columns,
        rows=rows,
    )


def year_tables(year: FinancialYear, cells: Iterable[ReleaseCell]) -> list[NamedTable]:
    """The page's tables for ``year``: per named table, one grid per recorder."""
    grouped: dict[tuple[str, str], list[ReleaseCell]] = {}
    for cell in cells:
        grouped.setdefault((cell.table, cell.recorded_by), []).append(cell)
    named = []
    for slug, table in TABLE_SLUGS.items():
        grids = [
            grid
            for recorded_by in (RecordedBy.POLICE, RecordedBy.PARTNER)
            if (grid := _grid(table, recorded_by, year, grouped.get((table, recorded_by), [])))
        ]
        title, _what, description = TABLE_TEXT[table]
        named.append(NamedTable(slug, str(title), str(description), grids))
    return named


def statistics(request: HttpRequest) -> HttpResponse:
    years = selectors.published_years()
    year: FinancialYear | None = years[0] if years else None
    if "year" in request.GET:
        try:
            year = FinancialYear(int(request.GET["year"]))
        except ValueError:
            raise Http404 from None
        if year not in years:
            raise Http404
    rules = current_rules()
    upcoming = next_quarter_to_publish()
    context: dict[str, object] = {
        "years": [(y, year_label(y), y == year) for y in years],
        "rules": rules,
        "largest_hidden": rules.suppress_below - 1,
        "hidden_symbol": HIDDEN,
        "police_records": ", ".join(selectors.police_record_names()),
        "csv_columns": CSV_COLUMNS,
        "downloads": [
            (reverse("publishing:table_csv", args=[slug]), TABLE_TEXT[table][0])
            for slug, table in TABLE_SLUGS.items()
        ],
    }
    if upcoming is not None:
        context["upcoming"] = {
            "quarter": quarter_label(upcoming),
            "from": upcoming.end + datetime.timedelta(days=rules.lag_days + 1),
        }
    if year is not None:
        releases = selectors.releases_in(year)
        context |= {
            "year": year,
            "year_label": year_label(year),
            "tables": year_tables(year, selectors.cells_in(year)),
            "earlier_rules": sorted(
                {r.suppress_below - 1 for r in releases} - {rules.suppress_below - 1}
            ),
            "published_at": max(r.published_at for r in releases),
        }
    return render(request, "publishing/statistics.html", context)


def table_csv(request: HttpRequest, slug: str) -> HttpResponse:
    table = TABLE_SLUGS.get(slug)
    if table is None:
        raise Http404
    rows = (
        [
            slug,
            cell.recorded_by,
            cell.period_type,
            Quarter.starting(cell.period_start).code
            if cell.period_type == PeriodType.QUARTER
            else FinancialYear.of(cell.period_start).code,
            cell.period_start.isoformat(),
            cell.period_end.isoformat(),
            cell.category,
            cell.label,
            "" if cell.hidden else cell.count,
            HIDDEN if cell.hidden else "",
            timezone.localdate(cell.release.published_at).isoformat(),
        ]
        for cell in selectors.cells_of_table(table)
    )
    return csv_response(f"awaz-statistics-{slug}.csv", [name for name, _text in CSV_COLUMNS], rows)
