"""The shape of the quarterly report's content: tables of typed values (``ReportTable``),
each a section of the PDF and a sheet of the XLSX, and ``QuarterlyContent`` holding them."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from awaz.core.quarters import Quarter
from awaz.strategy.models import RagStatus
from awaz.strategy.selectors_measures import MeasureRow


@dataclass(frozen=True)
class Column:
    """A column of a report table. ``kind`` says how its values are shown and typed:
    ``text``; ``int``; ``decimal``; ``change`` (a signed number); ``change_percent`` (a
    signed number of per cent, one decimal place); ``date``; ``month`` (a date shown as its
    month); ``rag`` (a ``RagStatus`` or None); ``bool`` (yes, no or None: not known)."""

    label: str
    kind: str = "text"

    @property
    def numeric(self) -> bool:
        return self.kind in ("int", "decimal", "change", "change_percent")


@dataclass(frozen=True)
class ReportTable:
    """One table of the report: a section of the PDF and a sheet of the XLSX."""

    key: str  # stable name (the sheet's order and the PDF's anchor)
    title: str  # the caption in the PDF, the sheet's first line in the XLSX
    columns: tuple[Column, ...]
    rows: list[tuple[Any, ...]]
    note: str = ""  # how to read it, under the table

    def column(self, label: str) -> list[Any]:
        index = [c.label for c in self.columns].index(label)
        return [row[index] for row in self.rows]


@dataclass(frozen=True)
class ConcernMonth:
    month: datetime.date
    cells_tested: int
    concerns: int
    trigger_event: bool


@dataclass
class QuarterlyContent:
    """Everything the report says about one quarter of one strategy."""

    strategy_name: str
    quarter: Quarter
    generated_on: datetime.date
    plan_rating: RagStatus | None
    incidents_total: int
    incidents_previous: int
    incidents_year_ago: int
    incidents_date_unknown: int
    tables: dict[str, ReportTable] = field(default_factory=dict)
    measures: list[MeasureRow] = field(default_factory=list)
    concern_months: list[ConcernMonth] = field(default_factory=list)

    @property
    def previous_quarter(self) -> Quarter:
        return self.quarter.shift(-1)

    @property
    def year_ago_quarter(self) -> Quarter:
        return self.quarter.shift(-4)

    def ordered_tables(self) -> list[ReportTable]:
        """The tables in the order the report shows them (the XLSX's sheets)."""
        return list(self.tables.values())

    def add(self, table: ReportTable) -> None:
        self.tables[table.key] = table


def change_percent(now: int | Decimal | None, before: int | Decimal | None) -> float | None:
    """The change from ``before`` to ``now`` in per cent, one decimal place; None when there
    is nothing to compare with (no figure, or ``before`` is 0)."""
    if now is None or before is None or before == 0:
        return None
    return round(100 * float(Decimal(now) - Decimal(before)) / float(before), 1)
