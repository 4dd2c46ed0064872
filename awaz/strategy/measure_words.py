"""Measures in words, as a chart and as CSV rows, for the measures pages and the quarterly
report: "45.5%", "3 days", "up 4 from last quarter; better"."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from awaz.strategy.charts import format_value
from awaz.strategy.models import Measure, Unit
from awaz.strategy.selectors_measures import MeasureRow, is_better, measure_chart, unit_symbol

__all__ = [
    "SERIES_CSV_HEADER",
    "change_words",
    "measure_chart",
    "series_csv_rows",
    "unit_symbol",
    "value_text",
]


def _days_text(amount: Decimal) -> str:
    number = format_value(amount)
    return ngettext("%(number)s day", "%(number)s days", 1 if amount == 1 else 2) % {
        "number": number
    }


def value_text(measure: Measure, value: Decimal | None) -> str:
    """``45.5%``, ``3 days``, ``120``; "no data" without a value."""
    if value is not None and measure.unit == Unit.DAYS:
        return _days_text(value)
    return format_value(value, unit_symbol(measure.unit))


def _amount_text(measure: Measure, amount: Decimal) -> str:
    if measure.unit == Unit.PERCENT:
        number = format_value(amount)
        return ngettext(
            "%(number)s percentage point", "%(number)s percentage points", 1 if amount == 1 else 2
        ) % {"number": number}
    return value_text(measure, amount)


def change_words(measure: Measure, change: Decimal | None, *, year: bool = False) -> str:
    """The change in words, with whether it is better or worse: "up 4 from last quarter;
    better", "down 2.5 percentage points from a year before; worse"."""
    if change is None:
        if year:
            return _("no figure to compare from a year before")
        return _("no figure to compare from last quarter")
    if change == 0:
        return _("the same as a year before") if year else _("the same as last quarter")
    amount = _amount_text(measure, abs(change))
    better = is_better(measure, change)
    if change > 0:
        if year:
            text = _("up %(amount)s from a year before") % {"amount": amount}
        else:
            text = _("up %(amount)s from last quarter") % {"amount": amount}
    elif year:
        text = _("down %(amount)s from a year before") % {"amount": amount}
    else:
        text = _("down %(amount)s from last quarter") % {"amount": amount}
    return f"{text}; {_('better') if better else _('worse')}"


def _csv_number(value: Decimal | None) -> str:
    """``12``, ``45.5``: no trailing zeros, never an exponent; empty for no value."""
    if value is None:
        return ""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def series_csv_rows(rows: Sequence[MeasureRow]) -> Iterator[list[Any]]:
    """One CSV row per measure and quarter of the series."""
    for row in rows:
        measure = row.measure
        for point in row.series:
            yield [
                measure.code,
                measure.name,
                measure.strand.number,
                point.quarter.label,
                point.quarter.start.isoformat(),
                point.quarter.end.isoformat(),
                _csv_number(point.value),
                measure.get_unit_display(),
                _csv_number(row.target),
                measure.get_good_direction_display(),
                measure.get_source_display(),
            ]


SERIES_CSV_HEADER = [
    "measure_code",
    "measure",
    "strand",
    "quarter",
    "quarter_start",
    "quarter_end",
    "value",
    "unit",
    "target",
    "good_direction",
    "source",
]
