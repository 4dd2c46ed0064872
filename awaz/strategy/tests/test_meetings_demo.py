"""The demo's meetings and issue log: three meetings in the last year with agendas, minutes
and actions arising, the next one about two weeks ahead with its agenda built, and six
issues in varied states; loading it again changes nothing."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from awaz.audit.models import AuditEvent
from awaz.audit.selectors import audit_chain_verify
from awaz.reporting.demo.partners import demo_partners_create
from awaz.strategy.demo import demo_strategy_seed
from awaz.strategy.demo.meetings import demo_meetings_seed
from awaz.strategy.models import Action, AgendaItem, Issue, IssueEvent, Meeting, RagStatus
from awaz.strategy.selectors import PlanFilters, plan_overview
from awaz.strategy.selectors_meetings import meeting_next

pytestmark = pytest.mark.usefixtures("frozen")


def test_nothing_without_the_demo_strategy(db: None) -> None:
    assert demo_meetings_seed() == {}
    assert not Meeting.objects.exists()


def test_the_demo_meetings_and_issue_log(db: None) -> None:
    demo_partners_create(password="fictional-demo-password")
    demo_strategy_seed()
    counts = demo_meetings_seed()
    assert counts == {
        "meetings": 4,
        "issues": 6,
        "actions_arising": 3,
        "agenda_items": AgendaItem.objects.count(),
    }
    today = timezone.localdate()
    meetings = list(Meeting.objects.order_by("held_on"))
    past = [m for m in meetings if m.held_on < today]
    assert len(past) == 3
    assert all(today - m.held_on <= datetime.timedelta(days=365) for m in past)
    assert all(m.minutes and m.minutes_recorded_by for m in past)
    assert all(m.actions_arising.count() == 1 for m in past)
    upcoming = meeting_next(meetings[0].strategy, today=today)
    assert upcoming is not None and upcoming.held_on == today + datetime.timedelta(days=14)
    assert upcoming.agenda_built_at is not None and not upcoming.minutes
    kinds = set(upcoming.agenda.values_list("kind", flat=True))
    assert {"red_action", "overdue_action", "escalation", "other"} <= kinds
    # Every meeting's agenda has the issues open before it and the chair's other business.
    assert all(m.agenda.filter(kind="other").exists() for m in meetings)
    assert all(m.agenda.filter(is_generated=True).exists() for m in meetings)

    statuses = sorted(Issue.objects.values_list("status", flat=True))
    assert statuses == sorted(["resolved", "escalated", "escalated", "discussed", "closed", "open"])
    assert Issue.objects.filter(escalated_on__isnull=False).count() == 3
    assert list(Issue.objects.order_by("reference").values_list("reference", flat=True)) == [
        f"ISS-000{n}" for n in range(1, 7)
    ]
    assert IssueEvent.objects.filter(meeting__isnull=False).count() == 8
    # The actions arising are on track and leave the plan's ratings as they were.
    arising = Action.objects.filter(arising_from__isnull=False)
    assert set(arising.values_list("rag_status", flat=True)) == {RagStatus.GREEN}
    overview = plan_overview(strategy=meetings[0].strategy, filters=PlanFilters(), today=today)
    assert [s.tally.rating for s in overview.strands] == [
        RagStatus.GREEN,
        RagStatus.AMBER,
        RagStatus.RED,
        RagStatus.AMBER,
    ]
    assert overview.tally.overdue == 8
    assert audit_chain_verify().problems == []

    events = AuditEvent.objects.count()
    assert demo_meetings_seed() == {}
    assert (Meeting.objects.count(), Issue.objects.count(), AuditEvent.objects.count()) == (
        4,
        6,
        events,
    )
