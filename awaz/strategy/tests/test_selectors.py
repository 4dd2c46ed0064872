"""Which strategy is current, the plan's lists, the RAG tag and the read-only admin."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory

from awaz.strategy.models import Action, RagStatus, Strategy
from awaz.strategy.selectors import lead_organisations, strategy_actions, strategy_current
from awaz.strategy.services import strategy_create
from awaz.strategy.templatetags.plan_tags import rag_tag
from awaz.strategy.tests.conftest import Plan

pytestmark = pytest.mark.usefixtures("frozen")


def _strategy(chair: Any, name: str, start: int, end: int) -> Strategy:
    return strategy_create(
        name=name,
        starts_on=datetime.date(start, 4, 1),
        ends_on=datetime.date(end, 3, 31),
        actor=chair,
    )


def test_the_current_strategy(chair: Any) -> None:
    today = datetime.date(2026, 6, 15)
    assert strategy_current(today=today) is None
    old = _strategy(chair, "Fictional 2022-2025", 2022, 2025)
    assert strategy_current(today=today) == old  # none covers today: the latest to start
    current = _strategy(chair, "Fictional 2025-2028", 2025, 2028)
    _strategy(chair, "Fictional 2028-2031", 2028, 2031)
    assert strategy_current(today=today) == current


def test_plan_lists(plan: Plan) -> None:
    assert lead_organisations(plan.strategy) == [
        (plan.supporting_org.pk, plan.supporting_org.name),
        (plan.lead_org.pk, plan.lead_org.name),
    ]
    assert list(strategy_actions(plan.strategy)) == [plan.action, plan.other_action]


@pytest.mark.parametrize(
    ("status", "overdue", "html"),
    [
        (RagStatus.RED, False, '<strong class="govuk-tag govuk-tag--red">Red</strong>'),
        ("amber", True, '<strong class="govuk-tag govuk-tag--orange">Amber (overdue)</strong>'),
        (None, False, '<strong class="govuk-tag govuk-tag--grey">No actions</strong>'),
    ],
)
def test_rag_tag_says_the_status_in_words(status: Any, overdue: bool, html: str) -> None:
    assert rag_tag(status, overdue) == html


def test_the_admin_only_shows_the_plan(plan: Plan) -> None:
    request = RequestFactory().get("/")
    request.user = plan.chair
    admin = site._registry[Action]
    assert not admin.has_add_permission(request)
    assert not admin.has_change_permission(request, plan.action)
    assert not admin.has_delete_permission(request, plan.action)
