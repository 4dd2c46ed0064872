"""Incidents in the quarter, compared with the previous quarter and the same quarter a year
before (the patterns dashboard's selectors, over the analysis facts), by month, strand and
local authority, and the areas of concern tested in each of the quarter's months."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from awaz.core.quarters import Quarter
from awaz.geo.models import AreaLevel
from awaz.patterns.selectors.concern import areas_of_concern
from awaz.patterns.selectors.dashboard import (
    Filters,
    add_months,
    area_counts,
    headline,
    strand_mentions,
    trend,
)
from awaz.strategy.reports.tables import (
    Column,
    ConcernMonth,
    QuarterlyContent,
    ReportTable,
    change_percent,
)


def _period_filters(quarter: Quarter) -> Filters:
    return Filters(start=quarter.start, end=quarter.end)


def incident_tables(content: QuarterlyContent) -> None:
    quarter = content.quarter
    now = _period_filters(quarter)
    head = headline(now)
    previous = headline(_period_filters(content.previous_quarter)).total
    content.incidents_total = head.total
    content.incidents_previous = previous
    content.incidents_year_ago = head.last_year
    content.incidents_date_unknown = head.date_unknown
    periods = [
        (_("This quarter"), quarter, head.total),
        (_("Previous quarter"), content.previous_quarter, previous),
        (_("Same quarter last year"), content.year_ago_quarter, head.last_year),
    ]
    content.add(
        ReportTable(
            key="incidents",
            title=_("Incidents reported as happening in the quarter, with the quarters compared"),
            columns=(
                Column(_("Period")),
                Column(_("Quarter")),
                Column(_("Months")),
                Column(_("Incidents"), "int"),
                Column(_("Change to this quarter"), "change"),
                Column(_("Change to this quarter (%)"), "change_percent"),
            ),
            rows=[
                (
                    label,
                    period.label,
                    period.months_label,
                    count,
                    None if period == quarter else head.total - count,
                    None if period == quarter else change_percent(head.total, count),
                )
                for label, period, count in periods
            ],
            note=_(
                "Each incident is counted in the quarter it happened; %(unknown)s of this "
                "quarter's, whose date the person reporting did not know, on the day it was "
                "reported."
            )
            % {"unknown": head.date_unknown},
        )
    )
    # The twelve months to the quarter's end, against the twelve before.
    months = trend(Filters(start=add_months(quarter.start, -9), end=quarter.end))
    content.add(
        ReportTable(
            key="months",
            title=_("Incidents per month, the 12 months to the end of the quarter"),
            columns=(
                Column(_("Month"), "month"),
                Column(_("Incidents"), "int"),
                Column(_("A year earlier"), "int"),
            ),
            rows=list(zip(months.starts, months.counts, months.last_year, strict=True)),
        )
    )
    mentions = {
        key: {t.code: t for t in strand_mentions(_period_filters(q))}
        for key, q in (
            ("now", quarter),
            ("previous", content.previous_quarter),
            ("year_ago", content.year_ago_quarter),
        )
    }
    content.add(
        ReportTable(
            key="strands",
            title=_("Strands of hostility mentioned in the quarter's incidents"),
            columns=(
                Column(_("Strand")),
                Column(_("This quarter"), "int"),
                Column(_("Previous quarter"), "int"),
                Column(_("Same quarter last year"), "int"),
            ),
            rows=[
                (
                    tally.label,
                    tally.count,
                    mentions["previous"][code].count if code in mentions["previous"] else 0,
                    mentions["year_ago"][code].count if code in mentions["year_ago"] else 0,
                )
                for code, tally in mentions["now"].items()
            ],
            note=_("An incident that names two strands is counted in both."),
        )
    )
    _local_authorities(content, head.total, head.last_year)


def _local_authorities(content: QuarterlyContent, total: int, year_ago_total: int) -> None:
    level = AreaLevel.LOCAL_AUTHORITY
    now = area_counts(_period_filters(content.quarter), level=level)
    before = {
        c.area.id: c.count
        for c in area_counts(_period_filters(content.year_ago_quarter), level=level)
    }
    rows: list[tuple[Any, ...]] = [
        (c.area.name, c.count, before.get(c.area.id, 0), c.rate_per_1000) for c in now
    ]
    unplaced = total - sum(c.count for c in now)
    unplaced_before = year_ago_total - sum(before.values())
    if unplaced or unplaced_before:
        rows.append((_("Place not known"), unplaced, unplaced_before, None))
    content.add(
        ReportTable(
            key="local_authorities",
            title=_("Incidents by local authority"),
            columns=(
                Column(_("Local authority")),
                Column(_("This quarter"), "int"),
                Column(_("Same quarter last year"), "int"),
                Column(_("Per 1,000 residents this quarter"), "decimal"),
            ),
            rows=rows,
        )
    )


def concern_tables(content: QuarterlyContent) -> None:
    rows: list[tuple[Any, ...]] = []
    for i in range(3):
        month = add_months(content.quarter.start, i)
        summary = areas_of_concern(month=month)
        content.concern_months.append(
            ConcernMonth(
                month=month,
                cells_tested=summary.cells_tested,
                concerns=len(summary.concerns),
                trigger_event=summary.trigger_event,
            )
        )
        rows += [(month, c.area.name, c.strand_name, c.count, c.expected) for c in summary.concerns]
    content.add(
        ReportTable(
            key="concern_months",
            title=_("Areas of concern tested in each month of the quarter"),
            columns=(
                Column(_("Month"), "month"),
                Column(_("Area and strand pairs tested"), "int"),
                Column(_("Areas of concern"), "int"),
                Column(_("County-wide rise"), "bool"),
            ),
            rows=[
                (m.month, m.cells_tested, m.concerns, m.trigger_event)
                for m in content.concern_months
            ],
            note=_(
                "Each area's count for each strand is compared with the same month of the "
                "three years before, with the false discovery rate held at 5% across every "
                "pair tested. A county-wide rise means more areas rose together than chance "
                "would give."
            ),
        )
    )
    content.add(
        ReportTable(
            key="concerns",
            title=_("Areas of concern in the quarter's months"),
            columns=(
                Column(_("Month"), "month"),
                Column(_("Area")),
                Column(_("Strand")),
                Column(_("Incidents"), "int"),
                Column(_("Expected"), "decimal"),
            ),
            rows=rows,
        )
    )
