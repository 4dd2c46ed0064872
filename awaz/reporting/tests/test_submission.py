"""report_submit: what is stored, encrypted and indexed, routing, and idempotency."""

from __future__ import annotations

import datetime
import json
import threading

import pytest
from django.db import connection, connections, transaction
from django.urls import reverse
from django.utils import timezone

from awaz.audit.events import AuditEventType
from awaz.audit.models import AuditEvent
from awaz.audit.services import PUBLIC
from awaz.core.crypto import blind_index, normalise_email, normalise_name
from awaz.core.exceptions import ApplicationError
from awaz.geo.models import AreaLevel, PostcodeUnit
from awaz.partners.tests.factories import OrganisationFactory
from awaz.reporting import codes
from awaz.reporting.answers import ReportAnswers
from awaz.reporting.models import (
    Channel,
    ConsentMethod,
    ConsentRecord,
    EntryKind,
    LocationSource,
    Report,
    ReportDraft,
    ReportingHub,
    Strand,
)
from awaz.reporting.services import submission
from awaz.reporting.services.drafts import draft_ensure, draft_new_token, draft_token_hash
from awaz.reporting.services.submission import report_submit
from awaz.reporting.tests.factories import make_area
from awaz.reporting.tests.journey_support import CANARY_EMAIL, CANARY_NAME, complete_journey

CANARY_TEXT = "Fictional canary sentence xq7"


def answers(**overrides) -> ReportAnswers:
    values = {
        "reporter_role": "victim",
        "incident_types": ["verbal_abuse"],
        "what_happened": CANARY_TEXT,
        "location_description": "Fictional canary place xq7",
        "postcode": "ca1 1aa",
        "strand_codes": ["race", "religion"],
        "perception_by": "victim",
        "victim_details": {"age_band": "25_34", "religion": "prefer_not_to_say"},
        "consents": {("share", "police"): True, ("share", "council"): False},
        "contact_name": CANARY_NAME,
        "contact_email": CANARY_EMAIL,
        "contact_phone": "07700 900123",
        "contact_methods": ["email"],
        "contact_safe_times": "Fictional canary times xq7",
        "police_reference": "Fictional canary ref xq7",
    }
    values.update(overrides)
    return ReportAnswers(**values)


def submit(key: str = "k" * 64, **kwargs):
    params = {
        "answers": answers(),
        "submission_key": key,
        "channel": Channel.ONLINE,
        "actor": PUBLIC,
        "consent_method": ConsentMethod.ONLINE,
    }
    params.update(kwargs)
    return report_submit(**params)


def test_stores_the_report(db, default_hub):
    report, code = submit()
    assert codes.REFERENCE_RE.match(report.reference)
    assert len(code) == 20 and report.followup_code_hash == codes.followup_code_hash(code)
    assert code not in report.followup_code_hash
    report.refresh_from_db()
    assert report.receiving_organisation == default_hub.organisation
    assert report.what_happened == CANARY_TEXT
    assert report.postcode == "CA1 1AA" and report.postcode_district == "CA1"
    assert sorted(report.strands.values_list("code", flat=True)) == ["race", "religion"]
    assert report.victim_details == {"age_band": "25_34", "religion": "prefer_not_to_say"}
    assert report.email_index == blind_index("email", normalise_email(CANARY_EMAIL))
    assert report.name_index == blind_index("name", normalise_name(CANARY_NAME))
    assert report.phone_index == blind_index("phone", "07700900123")
    assert report.entries.get().kind == EntryKind.SUBMITTED
    consents = {(c.purpose, c.recipient_kind): c for c in ConsentRecord.objects.all()}
    assert consents[("share", "police")].granted is True
    assert consents[("share", "council")].granted is False
    assert consents[("contact", "receiving")].granted is True
    assert {c.method for c in consents.values()} == {"online"}
    assert {c.given_by for c in consents.values()} == {"victim"}


def test_audit_event_has_the_channel_and_no_personal_data(db, default_hub):
    report, _code = submit()
    event = AuditEvent.objects.get(event_type=AuditEventType.REPORT_SUBMITTED)
    assert event.target_id == str(report.pk)
    assert event.details["channel"] == "online"
    dumped = json.dumps(event.details)
    for canary in (CANARY_TEXT, CANARY_NAME, CANARY_EMAIL, "07700"):
        assert canary not in dumped


def test_encrypted_columns_hold_no_plaintext(db, default_hub):
    report, _code = submit(
        answers=answers(location_point=(54.8925, -2.9329), witnesses="Fictional canary xq7")
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM reporting_report WHERE id = %s", [report.pk])
        row = cursor.fetchone()
    raw = " ".join(str(value) for value in row)
    for canary in ("xq7", CANARY_NAME, CANARY_EMAIL, "07700", "54.8925", "25_34", "CA1 1AA"):
        assert canary not in raw
    assert raw.count("enc1:") >= 10


def test_anonymous_report_stores_no_contact(db, default_hub):
    report, _code = submit(answers=answers(is_anonymous=True))
    report.refresh_from_db()
    assert report.is_anonymous
    assert report.contact_name == report.contact_email == report.contact_phone == ""
    assert report.email_index == report.phone_index == report.name_index == ""
    contact = ConsentRecord.objects.get(purpose="contact")
    assert contact.granted is False


def test_place_from_postcode_gives_grid_square_and_area(db, default_hub):
    area = make_area("TEST-LA", "Fictional Town", lon=-2.95, lat=54.87)
    PostcodeUnit.objects.create(postcode="CA1 1AA", lat=54.8925, lon=-2.9329)
    report, _code = submit()
    assert report.location_source == LocationSource.POSTCODE
    assert report.area == area
    assert report.grid_easting % 50 == 25 and report.grid_northing % 50 == 25
    assert report.location_point == {"lat": 54.8925, "lon": -2.9329}


def test_device_point_wins_over_postcode(db, default_hub):
    report, _code = submit(answers=answers(location_point=(54.9, -2.93)))
    assert report.location_source == LocationSource.DEVICE


def test_unknown_postcode_leaves_no_place(db, default_hub):
    report, _code = submit(answers=answers(postcode="LA9 9ZZ"))
    assert report.location_source == LocationSource.NONE
    assert report.area is None and report.grid_easting is None
    assert report.postcode_district == "LA9"


# Routing -------------------------------------------------------------------------------------


def test_routes_to_the_hub_of_the_area_or_its_nearest_ancestor(db, default_hub):
    town = make_area("TEST-LA", "Fictional Town", lon=-2.95, lat=54.87, size=0.1)
    ward = make_area(
        "TEST-WARD",
        "Fictional Ward",
        level=AreaLevel.WARD,
        parent=town,
        lon=-2.94,
        lat=54.88,
        size=0.02,
    )
    town_hub = OrganisationFactory(name="Fictional Town Hub")
    ReportingHub.objects.create(area=town, organisation=town_hub)
    report, _code = submit(key="a" * 64, answers=answers(location_point=(54.89, -2.93)))
    assert report.area == ward
    assert report.receiving_organisation == town_hub
    elsewhere, _code = submit(key="b" * 64, answers=answers(location_point=(51.5, -0.12)))
    assert elsewhere.receiving_organisation == default_hub.organisation


def test_explicit_receiver_is_used(db, default_hub, org_b):
    report, _code = submit(receiving_organisation=org_b)
    assert report.receiving_organisation == org_b


def test_without_any_hub_nothing_is_stored(db):
    with pytest.raises(ApplicationError):
        submit()
    assert not Report.objects.exists()


# Idempotency ---------------------------------------------------------------------------------


def test_second_submit_of_the_same_draft_returns_the_same_report_and_code(db, default_hub):
    token = draft_new_token()
    draft_ensure(token=token)
    first, code = submit(key=draft_token_hash(token))
    second, code_again = submit(key=draft_token_hash(token))
    assert Report.objects.count() == 1
    assert second.pk == first.pk and code_again == code
    draft = ReportDraft.objects.get()
    assert draft.report_id == first.pk and draft.followup_code == code
    assert draft.expires_at <= timezone.now() + datetime.timedelta(minutes=30)


def test_second_submit_without_a_draft_returns_the_report_without_a_code(db, default_hub):
    first, _code = submit()
    second, code_again = submit()
    assert second.pk == first.pk and code_again == ""
    assert Report.objects.count() == 1


def test_lost_race_on_the_unique_key_returns_the_winner(db, default_hub, monkeypatch):
    """The request that loses the race does not see the winner before inserting: the
    unique submission key refuses its row, and it returns the winner's report."""
    first, _code = submit()
    real = submission._find_submitted
    calls = {"n": 0}

    def blind_first_look(key):
        calls["n"] += 1
        return None if calls["n"] == 1 else real(key)

    monkeypatch.setattr(submission, "_find_submitted", blind_first_look)
    second, _code = submit()
    assert second.pk == first.pk
    assert Report.objects.count() == 1
    assert AuditEvent.objects.filter(event_type=AuditEventType.REPORT_SUBMITTED).count() == 1


def test_reference_collision_is_retried(db, default_hub, monkeypatch):
    first, _code = submit(key="a" * 64)
    fresh = iter([first.reference, "HC-0000-0001"])
    monkeypatch.setattr(codes, "new_reference", lambda: next(fresh))
    second, _code = submit(key="b" * 64)
    assert second.reference == "HC-0000-0001"


@pytest.mark.django_db(transaction=True)
def test_concurrent_submits_store_one_report(default_hub):
    barrier = threading.Barrier(2)
    results: list[int] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            barrier.wait()
            report, _code = submit(key="c" * 64)
            results.append(report.pk)
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(results) == 2 and results[0] == results[1]
    assert Report.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_submit_commits_before_it_returns(default_hub):
    with pytest.raises(RuntimeError), transaction.atomic():
        submit()  # durable: it refuses to run inside someone else's transaction
    report, _code = submit(key="d" * 64)
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT reference FROM reporting_report")
            assert [row[0] for row in cursor.fetchall()] == [report.reference]
    finally:
        other.close()


@pytest.mark.django_db(transaction=True)
def test_confirmation_is_shown_only_for_a_committed_report(client, default_hub):
    # Transactional tests start from a flushed database: the national strands may be gone.
    Strand.objects.get_or_create(code="race", defaults={"name": "Race or ethnicity"})
    complete_journey(client)
    response = client.post(reverse("reporting:journey_submit"))
    assert response["Location"] == reverse("reporting:journey_confirmation")
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT reference FROM reporting_report")
            (reference,) = cursor.fetchone()
    finally:
        other.close()
    assert reference in client.get(response["Location"]).content.decode()


def test_submitted_at_override_for_demo_data(db, default_hub):
    moment = timezone.now() - datetime.timedelta(days=400)
    report, _code = submit(submitted_at=moment)
    assert report.submitted_at == moment
    assert report.entries.get().created_at == moment
