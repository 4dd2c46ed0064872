"""Publishing quarters: when, in what order, frozen, with the year's totals, failing closed."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from awaz.core.exceptions import ConflictError
from awaz.publishing import services
from awaz.publishing.disclosure import DisclosureError
from awaz.publishing.models import Release, ReleaseCell
from awaz.publishing.periods import Quarter
from awaz.publishing.rules import current_rules
from awaz.publishing.services import release_publish, statistics_publish_due

D = datetime.date


def quarter_cells(quarter: Quarter) -> dict[tuple[str, str, str], tuple[int, str]]:
    return {
        (c.table, c.recorded_by, c.category): (c.count, c.suppression)
        for c in ReleaseCell.objects.filter(period_type="quarter", period_start=quarter.start)
    }


def test_nothing_to_publish_without_reports(db):
    assert statistics_publish_due(today=D(2026, 1, 1)) == []
    assert not Release.objects.exists()


def test_a_quarter_is_published_after_the_lag_in_order_and_once(reports):
    reports.partner(D(2025, 5, 1))  # first quarter: 2025-26 Q1 (April to June)
    reports.partner(D(2025, 10, 3))
    assert statistics_publish_due(today=D(2025, 8, 29)) == []  # 30 June + 60 days
    made = statistics_publish_due(today=D(2025, 8, 30))
    assert [r.quarter_start for r in made] == [D(2025, 4, 1)]
    assert made[0].suppress_below == 5 and made[0].lag_days == 60
    assert not made[0].includes_year
    assert statistics_publish_due(today=D(2025, 8, 30)) == []
    # Two quarters later both are due, published in order; the current one never.
    made = statistics_publish_due(today=D(2026, 3, 2))  # 31 December + 60 days, + 1
    assert [r.quarter_start for r in made] == [D(2025, 7, 1), D(2025, 10, 1)]
    assert Release.objects.count() == 3


def test_published_numbers_are_never_revised(reports):
    for day in (D(2025, 4, 3), D(2025, 4, 4), D(2025, 5, 9), D(2025, 6, 1), D(2025, 6, 2)):
        reports.partner(day, area=reports.north)
    statistics_publish_due(today=D(2025, 9, 1))
    before = quarter_cells(Quarter(2025, 1))
    assert before[("local_authority", "partner", "TEST-NORTH")] == (5, "")
    # A late report for the published quarter, and a later police classification.
    reports.police(D(2025, 6, 5), area=reports.north)
    statistics_publish_due(today=D(2025, 12, 1))
    assert quarter_cells(Quarter(2025, 1)) == before


def test_the_fourth_quarter_publishes_the_year(reports):
    for day in (D(2025, 4, 3), D(2025, 7, 4), D(2025, 11, 9), D(2026, 2, 1)):
        for _ in range(5):
            reports.partner(day, area=reports.south)
    made = statistics_publish_due(today=D(2026, 6, 1))
    assert [r.includes_year for r in made] == [False, False, False, True]
    year = {
        (c.table, c.recorded_by, c.category): c.count
        for c in ReleaseCell.objects.filter(period_type="financial_year")
    }
    assert year[("local_authority", "partner", "TEST-SOUTH")] == 20
    assert year[("local_authority", "partner", "total")] == 20
    assert year[("strand", "partner", "race")] == 20
    assert {c.release for c in ReleaseCell.objects.filter(period_type="financial_year")} == {
        made[3]
    }


def test_no_year_totals_when_a_quarter_of_the_year_was_never_published(reports):
    reports.partner(D(2026, 2, 1))  # the first quarter counted is a fourth quarter
    (made,) = statistics_publish_due(today=D(2026, 6, 1))
    assert not made.includes_year
    assert not ReleaseCell.objects.filter(period_type="financial_year").exists()


def test_only_the_next_quarter_can_be_published(reports):
    reports.partner(D(2025, 5, 1))
    with pytest.raises(ConflictError):
        release_publish(quarter=Quarter(2025, 2), rules=current_rules())


def test_a_quarter_that_cannot_be_protected_is_not_published(reports, monkeypatch):
    reports.partner(D(2025, 5, 1))

    def refuse(*args, **kwargs):
        raise DisclosureError("fictional failure")

    monkeypatch.setattr(services, "plan_release", refuse)
    with pytest.raises(DisclosureError):
        statistics_publish_due(today=D(2025, 12, 1))
    assert not Release.objects.exists() and not ReleaseCell.objects.exists()


def test_rules_come_from_settings(reports, settings):
    settings.AWAZ_STATISTICS_SUPPRESS_BELOW = 10
    settings.AWAZ_STATISTICS_LAG_DAYS = 0
    reports.partner(D(2025, 5, 1))
    (made,) = statistics_publish_due(today=D(2025, 7, 1))
    assert (made.suppress_below, made.lag_days) == (10, 0)
    settings.AWAZ_STATISTICS_SUPPRESS_BELOW = 1
    with pytest.raises(ImproperlyConfigured):
        current_rules()


def test_command(reports, time_machine):
    reports.partner(D(2025, 5, 1))
    time_machine.move_to(datetime.datetime(2025, 9, 2, 12, tzinfo=datetime.UTC))
    out = StringIO()
    call_command("statistics_publish", stdout=out)
    assert out.getvalue() == "Published 2025-26 Q1.\n"
    out = StringIO()
    call_command("statistics_publish", stdout=out)
    assert out.getvalue() == "No quarter is due.\n"


def test_a_publisher_that_comes_second_stops_quietly(reports, monkeypatch):
    """Two requests publish at the same moment: the second finds the quarter taken."""
    reports.partner(D(2025, 5, 1))
    first = services.next_quarter_to_publish()
    statistics_publish_due(today=D(2025, 9, 1))
    monkeypatch.setattr(services, "next_quarter_to_publish", lambda: first)
    assert statistics_publish_due(today=D(2025, 9, 1)) == []
    assert Release.objects.count() == 1
