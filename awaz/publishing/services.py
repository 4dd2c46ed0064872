"""Publishing quarters: count, protect, freeze.

A quarter is published once it is complete and ``lag_days`` more days have passed
(``rules.py``), in order, each exactly once: ``statistics_publish_due`` publishes every
quarter that is due (the public page calls it, so nobody has to remember; so does
``manage.py statistics_publish``). Publishing counts the quarter from the analysis facts
(``selectors.quarter_counts``), decides what to hide (``tables.plan_release``, which raises
if protection is impossible, so nothing unsafe is ever stored) and stores every cell.

Published numbers are never revised: a report that arrives later for a published quarter, or
a case classified later, does not change them. Revising would let anyone compare the two
versions and see where, when and how one incident was recorded.
"""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awaz.core.exceptions import ConflictError
from awaz.publishing.models import PeriodType, Release, ReleaseCell
from awaz.publishing.periods import Quarter
from awaz.publishing.rules import PublicationRules, current_rules
from awaz.publishing.selectors import first_counted_day, latest_release, quarter_counts
from awaz.publishing.tables import PlannedCell, plan_release

NOT_NEXT = _("Only the next quarter can be published.")


def next_quarter_to_publish() -> Quarter | None:
    """The quarter after the latest release; the first, the quarter of the earliest
    incident counted; None when there is nothing to count yet."""
    latest = latest_release()
    if latest is not None:
        return Quarter.starting(latest.quarter_start).next()
    first = first_counted_day()
    return Quarter.of(first) if first is not None else None


def _planned(cell: ReleaseCell) -> PlannedCell:
    return PlannedCell(
        table=cell.table,
        recorded_by=cell.recorded_by,
        period_type=cell.period_type,
        period_start=cell.period_start,
        period_end=cell.period_end,
        category=cell.category,
        label=cell.label,
        position=cell.position,
        count=cell.count,
        suppression=cell.suppression,
    )


@transaction.atomic(durable=True)
def release_publish(
    *, quarter: Quarter, rules: PublicationRules, at: datetime.datetime | None = None
) -> Release:
    """Publish ``quarter`` (the next one due) under ``rules``. Raises ``ConflictError`` if it
    is not the next quarter, ``disclosure.DisclosureError`` if its tables cannot be protected,
    and ``IntegrityError`` if another process published it first."""
    if next_quarter_to_publish() != quarter:
        raise ConflictError(NOT_NEXT, extra={"quarter": quarter.code})
    year = quarter.year
    earlier = [
        _planned(cell)
        for cell in ReleaseCell.objects.filter(
            period_type=PeriodType.QUARTER,
            period_start__gte=year.start,
            period_start__lt=quarter.start,
        )
    ]
    published_quarters = {c.period_start for c in earlier}
    with_year = quarter.number == 4 and all(
        q.start in published_quarters for q in year.quarters()[:3]
    )
    planned = plan_release(
        quarter,
        quarter_counts(quarter),
        suppress_below=rules.suppress_below,
        earlier=earlier,
        with_year=with_year,
    )
    release = Release.objects.create(
        quarter_start=quarter.start,
        quarter_end=quarter.end,
        published_at=at or timezone.now(),
        suppress_below=rules.suppress_below,
        lag_days=rules.lag_days,
        includes_year=with_year,
    )
    ReleaseCell.objects.bulk_create(
        ReleaseCell(
            release=release,
            table=cell.table,
            recorded_by=cell.recorded_by,
            period_type=cell.period_type,
            period_start=cell.period_start,
            period_end=cell.period_end,
            category=cell.category,
            label=cell.label[:200],
            position=cell.position,
            count=cell.count,
            suppression=cell.suppression,
        )
        for cell in planned
    )
    return release


def statistics_publish_due(*, today: datetime.date | None = None) -> list[Release]:
    """Publish, in order, every quarter that is due by ``today`` (default: today)."""
    rules = current_rules()
    today = today or timezone.localdate()
    made: list[Release] = []
    while True:
        quarter = next_quarter_to_publish()
        if quarter is None or not quarter.is_complete_by(today, lag_days=rules.lag_days):
            return made
        try:
            made.append(release_publish(quarter=quarter, rules=rules))
        except (IntegrityError, ConflictError):
            return made  # another process published it at the same moment
