"""The daily job publishes what is due, once, and fails closed."""

from __future__ import annotations

import datetime

import pytest

from awaz.publishing import tasks
from awaz.publishing.disclosure import DisclosureError
from awaz.publishing.models import Release

pytestmark = pytest.mark.django_db


def test_the_daily_job_publishes_a_due_quarter_once(reports, time_machine) -> None:
    for day in range(1, 8):
        reports.partner(datetime.date(2025, 4, day), area=reports.north)
    time_machine.move_to(datetime.datetime(2025, 9, 1, 12, tzinfo=datetime.UTC))
    assert tasks.publish_due_statistics.delay().get() == 1
    assert Release.objects.count() == 1
    assert tasks.publish_due_statistics.delay().get() == 0


def test_the_daily_job_fails_closed(monkeypatch) -> None:
    def refuse() -> list:
        raise DisclosureError("cannot protect")

    monkeypatch.setattr(tasks, "statistics_publish_due", refuse)
    assert tasks.publish_due_statistics() == 0
    assert not Release.objects.exists()
