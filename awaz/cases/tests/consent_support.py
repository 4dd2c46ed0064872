"""Fixtures and helpers shared by the consent, referral, sharing and messages tests.

Import the fixtures a test module uses (``from awaz.cases.tests.consent_support import
shared_case, ...``). Everything is plainly fictional.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from awaz.audit.models import AuditEvent
from awaz.audit.services import PUBLIC
from awaz.cases.models import Case, CaseEvent, Referral
from awaz.cases.services import referral_accept, referral_send, triage_make_case
from awaz.geo.models import Area
from awaz.partners.tests.factories import OrganisationFactory, StaffFactory
from awaz.reporting.models import (
    ConsentMethod,
    ConsentPurpose,
    RecipientKind,
    Report,
    ReporterRole,
)
from awaz.reporting.services.consent import consent_record
from awaz.reporting.tests.factories import FICTIONAL_EMAIL, make_area, make_report

FICTIONAL_NAME = "Fictional Person Example"
FICTIONAL_PHONE = "07700 900456"
FICTIONAL_POSTCODE = "CA3 9ZZ"
FICTIONAL_PLACE = "Outside the fictional corner shop on Example Street"
FICTIONAL_ACCOUNT = "Fictional account: a man shouted abuse at Fictional Person Example."
SHARE_COUNCIL = (ConsentPurpose.SHARE, RecipientKind.COUNCIL)
SHARE_POLICE = (ConsentPurpose.SHARE, RecipientKind.POLICE)
CONTACT = (ConsentPurpose.CONTACT, RecipientKind.RECEIVING_ORGANISATION)


def report_with_details(organisation: Any, **overrides: Any) -> Report:
    """A report with every kind of personal data filled in, and consent to share with the
    council and the police and to be contacted."""
    area = Area.objects.filter(code="TEST-LA-SHARE").first() or make_area(
        "TEST-LA-SHARE", "Fictional Borough"
    )
    fields: dict[str, Any] = {
        "email": FICTIONAL_EMAIL,
        "contact_name": FICTIONAL_NAME,
        "contact_phone": FICTIONAL_PHONE,
        "postcode": FICTIONAL_POSTCODE,
        "postcode_district": "CA3",
        "location_description": FICTIONAL_PLACE,
        "location_point": {"lat": 54.89, "lon": -2.93},
        "what_happened": FICTIONAL_ACCOUNT,
        "witnesses": "Fictional Witness Example",
        "area": area,
        "consents": {
            ("share", "council"): True,
            ("share", "police"): True,
            ("contact", "receiving"): True,
        },
    }
    fields.update(overrides)
    report, _code = make_report(organisation=organisation, **fields)
    return report


def reporter_decides(report: Report, decisions: dict[tuple[str, str], bool]) -> None:
    """The reporter changes consent online (as the follow-up page does)."""
    consent_record(
        report=report,
        decisions={(ConsentPurpose(p), RecipientKind(k)): g for (p, k), g in decisions.items()},
        method=ConsentMethod.ONLINE,
        given_by=ReporterRole.VICTIM,
        actor=PUBLIC,
    )


def staff_grants(report: Report, pair: tuple[str, str], *, expires_at: datetime.datetime) -> None:
    """Consent given by phone with an end date."""
    consent_record(
        report=report,
        decisions={(ConsentPurpose(pair[0]), RecipientKind(pair[1])): True},
        method=ConsentMethod.PHONE,
        given_by=ReporterRole.VICTIM,
        actor=PUBLIC,
        expires_at=expires_at,
    )


def refer(case: Case, to: Any, by: Any, *, anonymised: bool = False) -> Referral:
    return referral_send(
        case=case,
        to_organisation=to,
        reason="Fictional reason: please offer support.",
        anonymised=anonymised,
        actor=by,
    )


def events(case: Case, kind: Any) -> list[CaseEvent]:
    """The case's timeline entries of one kind."""
    return list(CaseEvent.objects.filter(case=case, kind=kind))


def audits(event_type: Any) -> list[AuditEvent]:
    """The audit rows of one event type."""
    return list(AuditEvent.objects.filter(event_type=int(event_type)))


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def reporter_client(report: Report, code: str) -> Client:
    """A browser signed in to ``report`` with its follow-up code."""
    client = Client()
    response = client.post(
        reverse("reporting:followup_start"), {"reference": report.reference, "code": code}
    )
    assert response.status_code == 302
    return client


@pytest.fixture
def shared_report(org_a):
    return report_with_details(org_a)


@pytest.fixture
def shared_case(shared_report, caseworker_a):
    return triage_make_case(report_id=shared_report.pk, actor=caseworker_a)


@pytest.fixture
def police_org(db):
    return OrganisationFactory(name="Fictional Constabulary", kind="police")


@pytest.fixture
def police_worker(police_org):
    return StaffFactory(organisation=police_org, role="partner_caseworker", full_name="Pat Example")


@pytest.fixture
def third_sector_org(db):
    return OrganisationFactory(name="Fictional Community Group", kind="third_sector")


@pytest.fixture
def accepted_referral(shared_case, org_b, caseworker_a, caseworker_b):
    """The case referred in full to the council (org B), and accepted."""
    referral = refer(shared_case, org_b, caseworker_a)
    return referral_accept(referral=referral, actor=caseworker_b)
