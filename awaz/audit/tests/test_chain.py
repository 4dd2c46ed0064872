import importlib

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from awaz.audit.events import AuditEventType
from awaz.audit.models import AuditEvent
from awaz.audit.selectors import audit_chain_verify
from awaz.audit.services import PUBLIC, audit_record

pytestmark = pytest.mark.django_db


def _write(n: int) -> list[AuditEvent]:
    return [
        audit_record(
            event_type=AuditEventType.REPORT_VIEWED,
            actor=PUBLIC,
            target_type="reporting.report",
            target_id=i,
            details={"n": i},
        )
        for i in range(n)
    ]


_triggers = importlib.import_module("awaz.audit.migrations.0002_append_only_triggers")


@pytest.fixture
def tamperable():
    """Simulate an attacker with database rights: the triggers go first (and come back)."""
    drop = {"sqlite": _triggers.SQLITE_REVERSE, "postgresql": _triggers.POSTGRES_REVERSE}
    create = {"sqlite": _triggers.SQLITE, "postgresql": _triggers.POSTGRES}
    with connection.cursor() as cursor:
        for sql in drop[connection.vendor]:
            cursor.execute(sql)
    yield
    with connection.cursor() as cursor:
        for sql in create[connection.vendor]:
            cursor.execute(sql)


def test_chain_links_each_row_to_the_previous():
    events = _write(3)
    assert events[0].prev_hash == ""
    assert events[1].prev_hash == events[0].row_hash
    assert events[2].prev_hash == events[1].row_hash
    report = audit_chain_verify()
    assert report.ok and report.checked == 3


def test_database_refuses_update_and_on_postgresql_delete():
    (event,) = _write(1)
    with pytest.raises(Exception, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(actor_label="someone else")
    if connection.vendor == "postgresql":
        with pytest.raises(Exception, match="append-only"), transaction.atomic():
            AuditEvent.objects.filter(pk=event.pk).delete()


@pytest.mark.django_db(transaction=True)
def test_verify_detects_edited_row(capsys, tamperable):
    events = _write(3)
    AuditEvent.objects.filter(pk=events[1].pk).update(details={"n": 99})
    report = audit_chain_verify()
    assert report.problems == [f"event {events[1].pk}: content does not match its hash (edited)"]
    with pytest.raises(SystemExit) as exit_info:
        call_command("audit_verify")
    assert exit_info.value.code == 1
    assert "BROKEN" in capsys.readouterr().err


@pytest.mark.django_db(transaction=True)
def test_verify_detects_deleted_rows(tamperable):
    events = _write(4)
    AuditEvent.objects.filter(pk=events[1].pk).delete()
    assert any("chain broken" in p for p in audit_chain_verify().problems)
    AuditEvent.objects.filter(pk=events[3].pk).delete()
    assert any("chain head" in p for p in audit_chain_verify().problems)


def test_audit_verify_command_passes_on_intact_chain(capsys):
    _write(2)
    call_command("audit_verify")
    assert "intact: 2 events" in capsys.readouterr().out
