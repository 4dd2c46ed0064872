"""What another organisation may see of a case, given consent now: the recipient-kind map,
why consent does or does not cover a share, the full and anonymised views, and the list of
referrals received (scoped, query count pinned)."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from awaz.cases.models import CaseReport
from awaz.cases.services import referral_decline, triage_link_case
from awaz.cases.sharing import (
    ANONYMISED_EXPLAINED,
    ConsentState,
    ViewLevel,
    access_referral_by_id,
    consent_check,
    recipient_kind_for,
    referrals_received_for,
    report_view_for,
)
from awaz.cases.tests.consent_support import (
    FICTIONAL_ACCOUNT,
    FICTIONAL_NAME,
    FICTIONAL_PHONE,
    FICTIONAL_PLACE,
    FICTIONAL_POSTCODE,
    SHARE_COUNCIL,
    accepted_referral,
    police_org,
    police_worker,
    refer,
    report_with_details,
    reporter_decides,
    shared_case,
    shared_report,
    signed_in,
    staff_grants,
)
from awaz.core.exceptions import NotFound
from awaz.partners.tests.factories import OrganisationFactory
from awaz.reporting.models import RecipientKind
from awaz.reporting.tests.factories import FICTIONAL_EMAIL, make_report

__all__ = [  # fixtures used below
    "accepted_referral",
    "police_org",
    "police_worker",
    "shared_case",
    "shared_report",
]

# After the real date, so rows made at fixture time are older.
NOW = datetime.datetime(2031, 5, 6, 10, 0, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("kind", "recipient"),
    [
        ("police", RecipientKind.POLICE),
        ("victim_support", RecipientKind.VICTIM_SUPPORT),
        ("council", RecipientKind.COUNCIL),
        ("health", RecipientKind.HEALTH),
        ("third_sector", None),
        ("probation", None),
        ("reporting_centre", None),
        ("pcc_office", None),
    ],
)
def test_recipient_kind_for_organisation_kinds(db, kind, recipient):
    organisation = OrganisationFactory(kind=kind)
    assert recipient_kind_for(organisation) == recipient


# Why consent does or does not cover a share ------------------------------------------


def test_consent_check_given(shared_report):
    check = consent_check(report=shared_report, recipient=RecipientKind.COUNCIL)
    assert check.allowed
    assert check.state == ConsentState.GIVEN


def test_consent_check_never_recorded_says_so(shared_report):
    check = consent_check(report=shared_report, recipient=RecipientKind.HEALTH)
    assert (check.allowed, check.state) == (False, ConsentState.NONE)
    assert check.explanation == "Nobody has recorded consent to share with health services."


def test_consent_check_refused(org_a):
    report, _code = make_report(organisation=org_a, consents={("share", "police"): False})
    check = consent_check(report=report, recipient=RecipientKind.POLICE)
    assert check.state == ConsentState.REFUSED
    assert check.explanation == "The reporter said no to sharing with the police."


def test_consent_check_withdrawn_names_the_day(shared_report):
    with time_machine.travel(NOW, tick=False):
        reporter_decides(shared_report, {SHARE_COUNCIL: False})
        check = consent_check(report=shared_report, recipient=RecipientKind.COUNCIL)
    assert check.state == ConsentState.WITHDRAWN
    assert check.explanation == "Consent to share with the council was withdrawn on 6 May 2031."


def test_consent_check_expired(org_a):
    report, _code = make_report(organisation=org_a)
    with time_machine.travel(NOW, tick=False):
        staff_grants(report, ("share", "police"), expires_at=NOW + datetime.timedelta(days=1))
        assert consent_check(report=report, recipient=RecipientKind.POLICE).allowed
    with time_machine.travel(NOW + datetime.timedelta(days=2), tick=False):
        check = consent_check(report=report, recipient=RecipientKind.POLICE)
    assert check.state == ConsentState.EXPIRED
    assert check.explanation == "Consent to share with the police ended on 7 May 2031."


def test_consent_check_without_recipient_kind(shared_report):
    check = consent_check(report=shared_report, recipient=None)
    assert check.state == ConsentState.NO_RECIPIENT_KIND
    assert not check.allowed


# The views ----------------------------------------------------------------------------


def test_lead_sees_everything(shared_case, shared_report, caseworker_a):
    view = report_view_for(user=caseworker_a, case=shared_case, report=shared_report)
    assert view.level == ViewLevel.FULL
    assert view.is_full
    assert view.hidden_reason == ""
    assert (view.contact_name, view.contact_email, view.contact_phone) == (
        FICTIONAL_NAME,
        FICTIONAL_EMAIL,
        FICTIONAL_PHONE,
    )
    assert view.what_happened == FICTIONAL_ACCOUNT
    assert view.postcode == FICTIONAL_POSTCODE
    assert view.location_point == {"lat": 54.89, "lon": -2.93}


def test_the_postal_address_is_shown_with_the_contact_details(
    shared_case, shared_report, caseworker_a
):
    shared_report.contact_address = "1 Imaginary Road, Carlisle CA1 1AA"
    shared_report.save(update_fields=["contact_address"])
    view = report_view_for(user=caseworker_a, case=shared_case, report=shared_report)
    assert view.contact_address == "1 Imaginary Road, Carlisle CA1 1AA"


def test_receiver_with_consent_sees_everything(accepted_referral, shared_report, caseworker_b):
    view = report_view_for(user=caseworker_b, case=accepted_referral.case, report=shared_report)
    assert view.level == ViewLevel.FULL
    assert view.contact_name == FICTIONAL_NAME
    assert view.location_description == FICTIONAL_PLACE


def _assert_anonymised(view):
    assert view.level == ViewLevel.ANONYMISED
    assert not view.is_full
    for name in (
        "contact_name",
        "contact_email",
        "contact_phone",
        "contact_address",
        "contact_safe_times",
        "postcode",
        "location_description",
        "what_happened",
        "witnesses",
        "police_reference",
        "reporter_relationship",
        "strand_other",
        "incident_type_other",
    ):
        assert getattr(view, name) == "", name
    assert view.location_point is None
    assert view.victim_details == {}
    assert view.offender_details == {}
    assert view.contact_methods == []
    # What stays: the generalised place and the categorical answers.
    assert view.area_name == "Fictional Borough"
    assert view.postcode_district == "CA3"
    assert view.incident_types == ["Verbal abuse, insults or name-calling"]
    assert str(ANONYMISED_EXPLAINED) in view.hidden_reason


def test_anonymised_referral_hides_the_personal_fields(
    shared_case, shared_report, org_b, caseworker_a, caseworker_b
):
    refer(shared_case, org_b, caseworker_a, anonymised=True)
    view = report_view_for(user=caseworker_b, case=shared_case, report=shared_report)
    _assert_anonymised(view)
    assert view.hidden_reason.startswith("The case was referred to you anonymised.")


def test_withdrawal_blocks_the_full_view_for_an_existing_receiver(
    accepted_referral, shared_report, caseworker_b
):
    reporter_decides(shared_report, {SHARE_COUNCIL: False})
    view = report_view_for(user=caseworker_b, case=accepted_referral.case, report=shared_report)
    _assert_anonymised(view)
    assert "withdrawn" in view.hidden_reason


def test_expiry_blocks_the_full_view_for_an_existing_receiver(
    org_a, org_b, caseworker_a, caseworker_b
):
    from awaz.cases.services import referral_accept, triage_make_case

    report = report_with_details(org_a, consents={})
    with time_machine.travel(NOW, tick=False):
        staff_grants(report, SHARE_COUNCIL, expires_at=NOW + datetime.timedelta(days=3))
        case = triage_make_case(report_id=report.pk, actor=caseworker_a)
        referral_accept(referral=refer(case, org_b, caseworker_a), actor=caseworker_b)
        assert report_view_for(user=caseworker_b, case=case, report=report).is_full
    with time_machine.travel(NOW + datetime.timedelta(days=4), tick=False):
        view = report_view_for(user=caseworker_b, case=case, report=report)
    _assert_anonymised(view)
    assert "ended on 9 May 2031" in view.hidden_reason


def test_linked_report_is_covered_by_its_own_reporters_consent(
    accepted_referral, org_a, caseworker_a, caseworker_b
):
    other = report_with_details(org_a, consents={("share", "council"): False})
    triage_link_case(report_id=other.pk, case_id=accepted_referral.case_id, actor=caseworker_a)
    case = accepted_referral.case
    assert not report_view_for(user=caseworker_b, case=case, report=other).is_full
    assert report_view_for(user=caseworker_a, case=case, report=other).is_full


def test_a_report_outside_the_case_is_refused(shared_case, org_a, caseworker_a):
    stranger, _code = make_report(organisation=org_a)
    with pytest.raises(ValueError):
        report_view_for(user=caseworker_a, case=shared_case, report=stranger)
    assert not CaseReport.objects.filter(report=stranger).exists()


# Referrals a user may see -------------------------------------------------------------


def test_referrals_received_are_scoped_and_waiting_first(
    db, org_a, org_b, caseworker_a, caseworker_b, police_org, police_worker
):
    from awaz.cases.services import triage_make_case

    cases = []
    for _ in range(3):
        report = report_with_details(org_a)
        cases.append(triage_make_case(report_id=report.pk, actor=caseworker_a))
    first = refer(cases[0], org_b, caseworker_a)
    referral_decline(referral=first, reason="Fictional: not for us.", actor=caseworker_b)
    waiting = refer(cases[1], org_b, caseworker_a)
    refer(cases[2], police_org, caseworker_a)
    received = list(referrals_received_for(user=caseworker_b))
    assert [r.pk for r in received] == [waiting.pk, first.pk]
    assert list(referrals_received_for(user=caseworker_a)) == []


def test_referrals_received_query_count_does_not_grow(
    db, org_a, org_b, caseworker_a, caseworker_b, django_assert_num_queries
):
    from awaz.cases.services import triage_make_case

    def make(n):
        for _ in range(n):
            report = report_with_details(org_a)
            refer(triage_make_case(report_id=report.pk, actor=caseworker_a), org_b, caseworker_a)

    make(2)
    with django_assert_num_queries(1):
        rows = list(referrals_received_for(user=caseworker_b))
        names = [(r.case.reference, r.from_organisation.name) for r in rows]
    make(5)
    with django_assert_num_queries(1):
        rows = list(referrals_received_for(user=caseworker_b))
        names = [(r.case.reference, r.from_organisation.name) for r in rows]
    assert len(names) == 7


def test_access_referral_by_id_same_answer_for_missing_and_not_yours(
    shared_case, org_b, caseworker_a, caseworker_b, police_worker
):
    referral = refer(shared_case, org_b, caseworker_a)
    assert access_referral_by_id(caseworker_a, referral.pk) == referral
    assert access_referral_by_id(caseworker_b, referral.pk) == referral
    with pytest.raises(NotFound):
        access_referral_by_id(police_worker, referral.pk)
    with pytest.raises(NotFound):
        access_referral_by_id(caseworker_b, referral.pk + 1000)


def test_consent_is_read_at_the_moment(shared_report):
    """A share checked after a withdrawal is refused, with no cache in between."""
    assert consent_check(report=shared_report, recipient=RecipientKind.COUNCIL).allowed
    reporter_decides(shared_report, {SHARE_COUNCIL: False})
    assert not consent_check(report=shared_report, recipient=RecipientKind.COUNCIL).allowed


def test_anonymised_receiver_sees_the_timeline_without_its_text(
    shared_case, org_b, caseworker_a, caseworker_b
):
    from django.urls import reverse

    from awaz.cases.services import case_note_add

    case_note_add(case=shared_case, text="Fictional private note about Ada", actor=caseworker_a)
    refer(shared_case, org_b, caseworker_a, anonymised=True)
    url = reverse("cases:case_detail", args=[shared_case.pk])

    receiver_page = signed_in(caseworker_b).get(url).content.decode()
    assert "Fictional private note about Ada" not in receiver_page
    assert "What was written in each entry is hidden" in receiver_page

    lead_page = signed_in(caseworker_a).get(url).content.decode()
    assert "Fictional private note about Ada" in lead_page
