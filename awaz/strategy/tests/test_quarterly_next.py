"""When the daily job will make the next quarterly report, from its schedule in
CELERY_BEAT_SCHEDULE (06:30 Europe/London), and the reports page saying so."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from celery.schedules import crontab
from django.test import Client, override_settings
from django.urls import reverse

from awaz.core.quarters import Quarter
from awaz.strategy.reports.selectors import NextReport, quarterly_report_next
from awaz.strategy.services import strategy_change
from awaz.strategy.services.quarterly import quarterly_report_request
from awaz.strategy.tests.conftest import Plan

LONDON = zoneinfo.ZoneInfo("Europe/London")
Q4 = Quarter(datetime.date(2026, 1, 1))  # 2025-26 Q4, January to March 2026
pytestmark = pytest.mark.usefixtures("frozen")  # 15 June 2026, midday


def _at(*args: int) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=LONDON)


def _dates(plan: Plan, starts_on: datetime.date, ends_on: datetime.date) -> None:
    s = plan.strategy
    plan.strategy = strategy_change(
        strategy=s, name=s.name, starts_on=starts_on, ends_on=ends_on, summary="", actor=plan.chair
    )


def _report(plan: Plan, quarter: Quarter) -> None:
    """The chair asks for it (the job that would make it is left queued)."""
    quarterly_report_request(strategy=plan.strategy, quarter=quarter, actor=plan.chair)


def test_the_latest_quarter_still_missing_is_made_at_the_next_run(plan: Plan) -> None:
    # 06:30 British Summer Time is 05:30 UTC.
    assert quarterly_report_next(plan.strategy, now=_at(2026, 6, 15, 12)) == NextReport(
        quarter=Q4, at=_at(2026, 6, 16, 6, 30)
    )
    assert quarterly_report_next(plan.strategy, now=_at(2026, 6, 15, 6, 0)) == NextReport(
        quarter=Q4, at=_at(2026, 6, 15, 6, 30)
    )


def test_once_it_exists_the_next_is_the_current_quarter_after_it_ends(plan: Plan) -> None:
    _report(plan, Q4)
    assert quarterly_report_next(plan.strategy, now=_at(2026, 6, 15, 12)) == NextReport(
        quarter=Q4.shift(1), at=_at(2026, 7, 1, 6, 30)
    )
    # On the last evening of the quarter: the next morning's run makes it.
    assert quarterly_report_next(plan.strategy, now=_at(2026, 6, 30, 22)) == NextReport(
        quarter=Q4.shift(1), at=_at(2026, 7, 1, 6, 30)
    )


def test_a_strategy_not_started_waits_for_its_first_quarter(plan: Plan) -> None:
    _dates(plan, datetime.date(2026, 10, 1), datetime.date(2029, 3, 31))
    assert quarterly_report_next(plan.strategy, now=_at(2026, 6, 15, 12)) == NextReport(
        quarter=Quarter(datetime.date(2026, 10, 1)), at=_at(2027, 1, 1, 6, 30)
    )


def test_an_ended_strategy_gets_its_last_report_then_no_more(plan: Plan) -> None:
    _dates(plan, plan.strategy.starts_on, datetime.date(2026, 3, 31))
    assert quarterly_report_next(plan.strategy, now=_at(2026, 6, 15, 12)) == NextReport(
        quarter=Q4, at=_at(2026, 6, 16, 6, 30)
    )
    _report(plan, Q4)
    assert quarterly_report_next(plan.strategy, now=_at(2026, 6, 15, 12)) is None


def test_it_follows_the_schedule_in_the_settings(plan: Plan) -> None:
    weekly = {
        "strategy-quarterly-reports": {
            "task": "awaz.strategy.tasks.quarterly_reports_periodic",
            "schedule": crontab(hour=5, minute=15, day_of_week="mon"),
        }
    }
    with override_settings(CELERY_BEAT_SCHEDULE=weekly):
        # 15 June 2026 is a Monday; the next Monday run after midday is the 22nd.
        assert quarterly_report_next(plan.strategy, now=_at(2026, 6, 15, 12)) == NextReport(
            quarter=Q4, at=_at(2026, 6, 22, 5, 15)
        )
    with override_settings(CELERY_BEAT_SCHEDULE={}):
        assert quarterly_report_next(plan.strategy, now=_at(2026, 6, 15, 12)) is None


def test_the_empty_page_says_when_the_first_report_will_be_made(plan: Plan, client: Client) -> None:
    client.force_login(plan.pcc)
    page = client.get(reverse("strategy:quarterly_list")).content.decode()
    assert "No report has been made for this strategy yet." in page
    assert (
        "The next report, for 2025-26 Q4 (January to March 2026), will be made automatically "
        "on 16 June 2026 at 06:30." in page
    )


def test_the_page_says_when_the_next_one_will_be_made(plan: Plan, client: Client) -> None:
    _report(plan, Q4)
    client.force_login(plan.chair)
    page = client.get(reverse("strategy:quarterly_list")).content.decode()
    assert (
        "The next report, for 2026-27 Q1 (April to June 2026), will be made automatically "
        "on 1 July 2026 at 06:30." in page
    )


def test_an_ended_strategy_says_no_more_will_be_made(plan: Plan, client: Client) -> None:
    _dates(plan, plan.strategy.starts_on, datetime.date(2026, 3, 31))
    _report(plan, Q4)
    client.force_login(plan.chair)
    url = reverse("strategy:quarterly_list_for", args=[plan.strategy.pk])
    page = client.get(url).content.decode()
    assert "The strategy has ended, so no more reports will be made automatically." in page
    assert "The next report" not in page
