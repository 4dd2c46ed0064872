"""The dashboard's tables and shading: one chart's data as rows of raw values, shown as a
GOV.UK table, given to Chart.js and downloaded as CSV; equal shading steps for the heat map
and the map; and the sentences the page builds from the figures (the change on last year,
why an area is of concern, the trigger event)."""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from awaz.patterns.selectors.concern import BASELINE_YEARS, ConcernSummary
from awaz.patterns.selectors.dashboard import Filters, Headline

SHADES = 5  # shading classes above "none", for the map and the day x hour table


def number_text(value: Any) -> str:
    """A cell as the page shows it: thousands separated, three significant figures."""
    if value is None or value == "":
        return _("Not known") if value is None else ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if math.isnan(value):
            return _("Not known")
        if value != 0 and abs(value) < 0.001:
            return "< 0.001"
        return f"{value:,.3g}" if abs(value) < 1000 else f"{value:,.0f}"
    return str(value)


def significant(value: float) -> float:
    """``value`` to three significant figures (for the CSV too)."""
    return float(f"{value:.3g}")


@dataclass
class Table:
    """One chart's data: a header and rows of raw values (dates, numbers, words)."""

    slug: str
    caption: str
    header: list[str]
    rows: list[list[Any]]
    chart: str = ""  # "line" or "bar" for Chart.js; "" when the table is all there is
    series: tuple[int, ...] = (1,)  # the columns charted
    date_style: str = "j M Y"
    note: str = ""

    def _text(self, value: Any) -> str:
        if isinstance(value, datetime.date):
            return date_format(value, self.date_style)
        return number_text(value)

    def html_rows(self) -> list[list[tuple[str, bool]]]:
        """Rows of (text, is_number) for the GOV.UK table."""
        return [
            [(self._text(v), isinstance(v, int | float) and not isinstance(v, bool)) for v in row]
            for row in self.rows
        ]

    def csv_rows(self) -> list[list[Any]]:
        return [
            [v.isoformat() if isinstance(v, datetime.date) else v for v in r] for r in self.rows
        ]

    def chart_data(self) -> dict[str, Any]:
        return {
            "type": self.chart,
            "title": self.caption,
            "labels": [self._text(row[0]) for row in self.rows],
            "series": [
                {"label": self.header[i], "data": [row[i] for row in self.rows]}
                for i in self.series
            ],
        }

    def filename(self, filters: Filters) -> str:
        return f"awaz-{self.slug}-{filters.start.isoformat()}-to-{filters.end.isoformat()}.csv"


@dataclass(frozen=True)
class Shading:
    """Equal steps from 0 to the largest value: class 0 is none, 1..SHADES the steps."""

    top: float
    decimals: int

    def level(self, value: float | None) -> int:
        if not value or self.top <= 0:
            return 0
        return max(1, min(SHADES, math.ceil(SHADES * value / self.top)))

    def legend(self) -> list[tuple[int, str]]:
        """(class, the values it holds) for the key; classes holding no possible value
        (whole numbers for counts) are left out."""
        items = [(0, _("None"))]
        if self.top <= 0:
            return items
        scale = 10**self.decimals
        # Rounded down: a value up to the true bound is up to the bound shown, when values
        # have no more decimals than the key (whole numbers for counts).
        bounds = [math.floor(self.top * k / SHADES * scale) / scale for k in range(SHADES + 1)]
        for k in range(1, SHADES + 1):
            low, high = bounds[k - 1], bounds[k]
            if k == SHADES:
                high = self.top
            if high <= low:
                continue
            if self.decimals == 0:
                low_n, high_n = int(low) + 1, int(high)
                span = (
                    str(high_n)
                    if low_n == high_n
                    else _("%(low)s to %(high)s") % {"low": low_n, "high": high_n}
                )
            else:
                span = _("more than %(low)s, up to %(high)s") % {
                    "low": number_text(low),
                    "high": number_text(high),
                }
            items.append((k, span))
        return items


def weekday_names() -> list[str]:
    return [
        _("Monday"),
        _("Tuesday"),
        _("Wednesday"),
        _("Thursday"),
        _("Friday"),
        _("Saturday"),
        _("Sunday"),
    ]


def spot_words(kind: str) -> str:
    if kind == "hot":
        return _("Hot spot")
    if kind == "cold":
        return _("Cold spot")
    return _("Not significant")


def baseline_words(method: str) -> str:
    return _("Same months, previous years") if method == "seasonal" else _("Recent months")


def headline_words(h: Headline) -> str:
    """The change on last year, in words ("up" or "down")."""
    if h.change == 0:
        return _("The same as the same period last year (%(n)s).") % {"n": number_text(h.last_year)}
    if h.pct_change is None:
        return _("Up %(change)s from none in the same period last year.") % {
            "change": number_text(h.change)
        }
    params = {
        "change": number_text(abs(h.change)),
        "pct": number_text(abs(h.pct_change)),
        "n": number_text(h.last_year),
    }
    if h.change > 0:
        return _("Up %(change)s (%(pct)s%%) on the same period last year (%(n)s).") % params
    return _("Down %(change)s (%(pct)s%%) on the same period last year (%(n)s).") % params


def concern_rows(summary: ConcernSummary) -> list[dict[str, Any]]:
    """Each area of concern with its figures and why, in words."""
    month = date_format(summary.month, "F Y")
    rows = []
    for x in summary.concerns:
        if x.method == "seasonal":
            baseline = ngettext(
                "the same month of the previous year",
                "the same month of the previous %(years)s years",
                BASELINE_YEARS,
            ) % {"years": BASELINE_YEARS}
        else:
            baseline = _("the months just before (there is less than a year of history)")
        why = ngettext(
            "%(count)s incident of %(strand)s in %(area)s in %(month)s against %(expected)s "
            "expected from %(baseline)s. A count this high would happen by chance with "
            "probability %(p)s, or %(q)s allowing for the %(cells)s areas and strands "
            "tested.",
            "%(count)s incidents of %(strand)s in %(area)s in %(month)s against "
            "%(expected)s expected from %(baseline)s. A count this high would happen by "
            "chance with probability %(p)s, or %(q)s allowing for the %(cells)s areas and "
            "strands tested.",
            x.count,
        ) % {
            "count": number_text(x.count),
            "strand": x.strand_name,
            "area": x.area.name,
            "month": month,
            "expected": number_text(x.expected),
            "baseline": baseline,
            "p": number_text(x.pvalue),
            "q": number_text(x.qvalue),
            "cells": number_text(summary.cells_tested),
        }
        rows.append(
            {
                "area": x.area.name,
                "strand": x.strand_name,
                "count": number_text(x.count),
                "expected": number_text(x.expected),
                "statistic": number_text(x.statistic),
                "p": number_text(x.pvalue),
                "q": number_text(x.qvalue),
                "why": why,
            }
        )
    return rows


def trigger_words(s: ConcernSummary) -> str:
    """The trigger-event line ("" when there is none)."""
    if not s.trigger_event:
        return ""
    return _(
        "Trigger event in %(month)s: %(total)s incidents across the county against "
        "%(expected)s expected (p = %(p)s), rising in %(areas)s areas. Look for a common "
        "cause, such as a local or national event."
    ) % {
        "month": date_format(s.month, "F Y"),
        "total": number_text(s.county_total),
        "expected": number_text(s.county_expected),
        "p": number_text(s.county_pvalue),
        "areas": number_text(s.areas_rising),
    }
