"""Reading the quarterly reports: a strategy's reports, newest quarter first."""

from __future__ import annotations

from django.db.models import QuerySet

from awaz.strategy.models import QuarterlyReport, Strategy

LIST_LIMIT = 100


def quarterly_report_list(strategy: Strategy) -> QuerySet[QuarterlyReport]:
    """The strategy's reports (one query, whoever asked for them), newest quarter first and,
    within a quarter, the latest asked for first."""
    return (
        QuarterlyReport.objects.filter(strategy=strategy)
        .select_related("requested_by")
        .order_by("-quarter_start", "-created_at", "-id")[:LIST_LIMIT]
    )
