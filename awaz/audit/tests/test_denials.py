"""Refused access in the audit log: every refusal up to a per-user limit a minute, then a
running count, so one user cannot flood the log and nothing is silently dropped."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
import time_machine
from django.core.cache import cache

from awaz.audit.events import AuditEventType
from awaz.audit.models import AuditEvent
from awaz.audit.selectors import audit_chain_verify
from awaz.audit.services import Actor, _is_checkpoint, access_denied_record

pytestmark = pytest.mark.django_db


@dataclass
class _Labelled:
    pk: int
    label: str

    def __str__(self) -> str:
        return self.label


PROBER = Actor(user=_Labelled(7, "Fictional Prober"), organisation=_Labelled(3, "Fictional Org"))
OTHER = Actor(user=_Labelled(8, "Fictional Colleague"), organisation=_Labelled(3, "Fictional Org"))
WHERE = {"view": "cases:case_detail", "route": "cases/<int:case_id>/", "method": "GET"}


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def _deny(actor: Actor, target_id: int) -> AuditEvent | None:
    return access_denied_record(
        actor=actor, target_type="cases.case", target_id=target_id, details=WHERE
    )


def test_one_event_per_refusal_with_who_and_what(settings):
    event = _deny(PROBER, 42)
    assert event is not None
    assert event.event_type == AuditEventType.ACCESS_DENIED
    assert (event.actor_id, event.actor_label) == (7, "Fictional Prober")
    assert (event.organisation_id, event.organisation_label) == (3, "Fictional Org")
    assert (event.target_type, event.target_id) == ("cases.case", "42")
    assert event.details == WHERE


def test_a_flood_is_capped_per_user_a_minute_with_a_running_count(settings):
    settings.AWAZ_AUDIT_DENIALS_PER_MINUTE = 3
    with time_machine.travel("2026-03-01 10:00:05+00:00", tick=False) as traveller:
        for target_id in range(1, 31):
            _deny(PROBER, target_id)
        # Another user in the same minute has their own allowance.
        assert _deny(OTHER, 99) is not None
        events = list(AuditEvent.objects.filter(actor_id=7).order_by("id"))
        denied = [e for e in events if e.event_type == AuditEventType.ACCESS_DENIED]
        counts = [e for e in events if e.event_type == AuditEventType.ACCESS_DENIALS_SUPPRESSED]
        assert [e.target_id for e in denied] == ["1", "2", "3"]
        # At the limit plus one, then each doubling: 4, 6, 12, 24 (30 is not a checkpoint).
        assert [e.details["denials_so_far"] for e in counts] == [4, 6, 12, 24]
        assert counts[0].details["minute"] == "2026-03-01T10:00:00+00:00"
        assert counts[0].details["recorded_one_by_one"] == 3
        assert counts[0].details["latest"]["target_id"] == "4"
        assert (counts[0].target_type, counts[0].target_id) == ("core.user", "7")
        # A new minute, a new allowance.
        traveller.shift(60)
        assert _deny(PROBER, 500).event_type == AuditEventType.ACCESS_DENIED
    assert audit_chain_verify().ok


@pytest.mark.parametrize(
    ("count", "expected"),
    [(10, False), (11, True), (12, False), (20, True), (30, False), (40, True), (80, True)],
)
def test_checkpoints(count, expected):
    assert _is_checkpoint(count, 10) is expected
