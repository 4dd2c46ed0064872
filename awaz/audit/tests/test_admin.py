"""Who reads the audit log (the Django admin: superusers, and staff given "Can view audit
event") can pick out refused access."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from awaz.audit.events import AuditEventType
from awaz.audit.services import PUBLIC, audit_record
from awaz.partners.tests.factories import UserFactory, add_totp

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:audit_auditevent_changelist")


@pytest.fixture
def events():
    for event_type, target_id in [
        (AuditEventType.REPORT_VIEWED, "11"),
        (AuditEventType.ACCESS_DENIED, "22"),
        (AuditEventType.ACCESS_DENIALS_SUPPRESSED, "33"),
    ]:
        audit_record(
            event_type=event_type, actor=PUBLIC, target_type="fictional.thing", target_id=target_id
        )


def _reader(**kwargs):
    user = UserFactory(is_staff=True, **kwargs)
    add_totp(user)
    return user


def _rows(response) -> list[str]:
    return [str(event.target_id) for event in response.context["cl"].result_list]


def test_superuser_filters_refused_access(client, events):
    client.force_login(_reader(is_superuser=True))
    everything = client.get(CHANGELIST)
    assert everything.status_code == 200
    assert "Refused access (all)" in everything.content.decode()
    assert sorted(_rows(everything)) == ["11", "22", "33"]
    assert sorted(_rows(client.get(CHANGELIST, {"event_type": "denials"}))) == ["22", "33"]
    one_kind = client.get(CHANGELIST, {"event_type": str(int(AuditEventType.ACCESS_DENIED))})
    assert _rows(one_kind) == ["22"]


def test_staff_with_the_view_permission_can_too(client, events):
    reader = _reader()
    reader.user_permissions.add(Permission.objects.get(codename="view_auditevent"))
    client.force_login(reader)
    assert sorted(_rows(client.get(CHANGELIST, {"event_type": "denials"}))) == ["22", "33"]


def test_staff_without_it_cannot(client, events):
    client.force_login(_reader())
    assert client.get(CHANGELIST).status_code == 403
