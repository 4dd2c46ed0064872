"""What the quarterly report says, gathered once: every figure of the report is in one of the
``ReportTable``s here, so the PDF (``pdf.py``, tables and the charts drawn from them) and the
XLSX (``xlsx.py``, one sheet per table) cannot disagree.

The sections are gathered by ``plan`` (the plan as it stood at the end of the quarter, so a
report on a past quarter reads the same whenever it is made), ``incidents``
(incidents and areas of concern) and ``partnership`` (measures, reporting centres, meetings
and the issue log); ``tables`` holds the shapes. Nothing here names a victim, a reporter or
a member of staff: the PCC office reads the report.
"""

from __future__ import annotations

import datetime

from awaz.core.quarters import Quarter
from awaz.strategy.models import Strategy
from awaz.strategy.reports.incidents import concern_tables, incident_tables
from awaz.strategy.reports.partnership import centre_tables, measure_tables, meeting_tables
from awaz.strategy.reports.plan import actions_at, plan_tables
from awaz.strategy.reports.tables import (
    Column,
    ConcernMonth,
    QuarterlyContent,
    ReportTable,
    change_percent,
)

__all__ = [
    "Column",
    "ConcernMonth",
    "QuarterlyContent",
    "ReportTable",
    "actions_at",
    "change_percent",
    "complete_quarters",
    "quarterly_content",
]


def quarterly_content(
    *, strategy: Strategy, quarter: Quarter, today: datetime.date
) -> QuarterlyContent:
    """Gather the report on ``quarter`` of ``strategy``, made on ``today``."""
    rating, plan_table, flagged = plan_tables(strategy, quarter)
    content = QuarterlyContent(
        strategy_name=strategy.name,
        quarter=quarter,
        generated_on=today,
        plan_rating=rating,
        incidents_total=0,
        incidents_previous=0,
        incidents_year_ago=0,
        incidents_date_unknown=0,
    )
    content.add(plan_table)
    content.add(flagged)
    incident_tables(content)
    concern_tables(content)
    measure_tables(content, strategy)
    centre_tables(content)
    meeting_tables(content, strategy)
    return content


def complete_quarters(strategy: Strategy, *, today: datetime.date) -> list[Quarter]:
    """The quarters of the strategy's period that have ended by ``today``, latest first."""
    latest = Quarter.latest_complete(today)
    quarters: list[Quarter] = []
    quarter = Quarter.of(strategy.starts_on)
    while quarter <= latest and quarter.start <= strategy.ends_on:
        quarters.append(quarter)
        quarter = quarter.shift(1)
    return quarters[::-1]
