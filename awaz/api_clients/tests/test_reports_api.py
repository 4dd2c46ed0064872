"""POST /api/v1/reports and GET /api/v1/reports/{reference}."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.utils import timezone

from awaz.api_clients.models import Scope
from awaz.api_clients.services import api_client_revoke
from awaz.api_clients.tests.conftest import make_client, post_report, report_body
from awaz.audit.events import AuditEventType
from awaz.audit.models import AuditEvent
from awaz.reporting.models import Channel, Report


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_submits_a_report_recorded_and_received_by_the_clients_organisation(api, token, centre):
    response = post_report(api, token, report_body())
    assert response.status_code == 201, response.content
    data = response.json()
    report = Report.objects.get(reference=data["reference"])
    assert report.channel == Channel.PHONE
    assert report.recorded_by_organisation == centre
    assert report.receiving_organisation == centre
    assert data["status"] == "received"
    assert data["followup_code"]


def test_same_key_and_body_return_the_first_response(api, token):
    first = post_report(api, token, report_body())
    again = post_report(api, token, report_body())
    assert again.status_code == 200
    assert again.json() == first.json()
    assert Report.objects.count() == 1


def test_same_key_with_another_body_is_409(api, token):
    post_report(api, token, report_body())
    response = post_report(api, token, report_body(what_happened="Something else entirely."))
    assert response.status_code == 409
    assert response.json() == {
        "detail": "This Idempotency-Key was used before with a different body"
    }
    assert Report.objects.count() == 1


def test_the_key_is_per_client(api, token, other_token):
    post_report(api, token, report_body())
    response = post_report(api, other_token, report_body(what_happened="Another account."))
    assert response.status_code == 201
    assert Report.objects.count() == 2


def test_idempotency_key_is_required(api, token):
    response = post_report(api, token, report_body(), key="")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["header", "Idempotency-Key"]
    assert Report.objects.count() == 0


def test_the_journeys_rules_give_field_errors(api, token):
    body = report_body(incident_types=[], postcode="XYZ 123", share_police="maybe")
    response = post_report(api, token, body)
    assert response.status_code == 422
    errors = {tuple(e["loc"]): e["msg"] for e in response.json()["detail"]}
    assert errors[("body", "payload", "incident_types")] == "Select what happened"
    assert errors[("body", "payload", "postcode")] == "Enter a full UK postcode, like CA1 1AA"
    assert ("body", "payload", "share_police") in errors
    assert Report.objects.count() == 0


def test_contact_wanted_needs_a_way_to_contact(api, token):
    response = post_report(api, token, report_body(wants_contact="yes", contact_methods=["email"]))
    assert response.status_code == 422
    fields = {e["loc"][-1] for e in response.json()["detail"]}
    assert "contact_email" in fields


def test_unknown_fields_are_refused(api, token):
    response = post_report(api, token, report_body(favourite_colour="blue"))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "favourite_colour"


def test_a_body_over_the_limit_is_413(api, token, settings):
    settings.AWAZ_API_MAX_BODY_BYTES = 2000
    response = post_report(api, token, report_body(what_happened="x" * 3000))
    assert response.status_code == 413
    assert Report.objects.count() == 0


def test_too_many_calls_are_429_with_retry_after(api, token, settings):
    settings.AWAZ_API_RATE_PER_MINUTE = 2
    codes = [api.get("/api/v1/reports/NOPE", headers=_auth(token)).status_code for _ in range(3)]
    assert codes == [404, 404, 429]
    response = api.get("/api/v1/reports/NOPE", headers=_auth(token))
    assert 1 <= int(response["Retry-After"]) <= 60


@pytest.mark.parametrize("header", [None, "Bearer", "Bearer nonsense", "Basic abc"])
def test_missing_or_bad_tokens_are_401(api, header):
    headers = {"Authorization": header} if header else {}
    response = api.get("/api/v1/reports/ABC", headers=headers)
    assert response.status_code == 401


def test_a_wrong_secret_with_a_real_prefix_is_401(api, token):
    forged = token[: token.rindex("_") + 1] + "x" * 43
    assert api.get("/api/v1/reports/ABC", headers=_auth(forged)).status_code == 401


def test_expired_and_revoked_tokens_are_401(api, centre_admin):
    client, token = make_client(centre_admin)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=31)):
        assert api.get("/api/v1/reports/ABC", headers=_auth(token)).status_code == 401
    assert api.get("/api/v1/reports/ABC", headers=_auth(token)).status_code == 404
    api_client_revoke(client=client, actor=centre_admin)
    assert api.get("/api/v1/reports/ABC", headers=_auth(token)).status_code == 401
    refusal = AuditEvent.objects.filter(event_type=AuditEventType.API_TOKEN_REFUSED).last()
    assert refusal.details["refusal"] == "revoked"


def test_a_scope_the_token_lacks_is_403(api, centre_admin):
    _client, token = make_client(centre_admin, scopes=[Scope.REPORTS_READ])
    assert post_report(api, token, report_body()).status_code == 403
    assert Report.objects.count() == 0


def test_status_of_own_report(api, token):
    reference = post_report(api, token, report_body()).json()["reference"]
    response = api.get(f"/api/v1/reports/{reference}", headers=_auth(token))
    assert response.status_code == 200
    assert response.json()["reference"] == reference
    assert response.json()["status"] == "received"
    assert "followup_code" not in response.json()


def test_anothers_report_is_404_as_missing(api, token, other_token):
    reference = post_report(api, token, report_body()).json()["reference"]
    theirs = api.get(f"/api/v1/reports/{reference}", headers=_auth(other_token))
    missing = api.get("/api/v1/reports/ZZZZZZZZ", headers=_auth(other_token))
    assert theirs.status_code == missing.status_code == 404
    assert theirs.json() == missing.json()


def test_every_call_is_audited_with_its_status(api, token):
    post_report(api, token, report_body())
    api.get("/api/v1/reports/ZZZZZZZZ", headers=_auth(token))
    calls = list(AuditEvent.objects.filter(event_type=AuditEventType.API_CALLED).order_by("id"))
    assert [(c.details["method"], c.details["path"], c.details["status"]) for c in calls] == [
        ("POST", "/api/v1/reports", 201),
        ("GET", "/api/v1/reports/<reference>", 404),
    ]
    assert "ZZZZZZZZ" not in str(calls[1].details)
