"""Refused access in the audit log: the middleware and the API handler."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.urls import reverse

from awaz.audit.events import AuditEventType
from awaz.audit.models import AuditEvent
from awaz.core.exceptions import NotFound
from awaz.partners.services import access_denied_audit

pytestmark = pytest.mark.django_db


def _denials():
    return list(AuditEvent.objects.filter(event_type=AuditEventType.ACCESS_DENIED))


def test_a_helper_that_names_no_target_is_audited_by_view_and_id(administrator_client):
    missing_user_id = 987654
    url = reverse("partners:staff_deactivate", args=[missing_user_id])
    assert administrator_client.get(url).status_code == 404
    (event,) = _denials()
    assert event.target_type == "url:partners:staff_deactivate"
    assert event.target_id == str(missing_user_id)
    assert event.details == {
        "view": "partners:staff_deactivate",
        "route": "staff/people/<int:user_id>/deactivate/",
        "method": "GET",
    }


def test_a_url_token_is_never_recorded(administrator):
    """Only whole-number URL arguments are kept, and the pattern, not the URL."""
    from django.urls import resolve

    token = "fictional-secret-token-123"
    request = RequestFactory().get(reverse("partners:invitation_accept", args=[token]))
    request.user = administrator
    request.resolver_match = resolve(request.path)
    access_denied_audit(request=request, exception=NotFound())
    (event,) = _denials()
    assert event.target_type == "url:partners:invitation_accept"
    assert event.target_id == ""
    assert token not in str(event.details)


def test_anonymous_visitors_are_not_audited(db):
    request = RequestFactory().get("/cases/1/")
    request.user = AnonymousUser()
    request.resolver_match = None
    access_denied_audit(request=request, exception=NotFound(target_type="cases.case"))
    assert _denials() == []


def test_the_api_audits_its_404s_too(caseworker_a):
    from config.api import _not_found

    request = RequestFactory().get("/api/reports/1")
    request.user = caseworker_a
    request.resolver_match = None
    response = _not_found(request, NotFound(target_type="reporting.report", target_id=1))
    assert response.status_code == 404
    (event,) = _denials()
    assert (event.actor_id, event.target_type, event.target_id) == (
        caseworker_a.pk,
        "reporting.report",
        "1",
    )
