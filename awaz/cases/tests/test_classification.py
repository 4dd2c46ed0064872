"""Classification from the versioned rule set: effective dates, the police/partner rule,
retention review dates, threshold decisions, and new versions by administrators."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from awaz.audit.models import AuditEvent
from awaz.cases.models import CaseEvent, Classification, EventKind, TimeLimitSet
from awaz.cases.selectors import (
    classification_options,
    classification_options_for,
    subject_data_allowed,
)
from awaz.cases.services.classification import (
    NOT_IN_FORCE,
    POLICE_ONLY,
    STARTS_TOO_EARLY,
    add_months,
    case_classify,
    case_retention_recompute,
    classification_version_add,
    retention_review_date,
    threshold_decision_record,
    time_limit_set_add,
)
from awaz.cases.tests.case_support import new_case
from awaz.core.exceptions import ApplicationError, PermissionDenied
from awaz.partners.tests.factories import OrganisationFactory, StaffFactory, UserFactory, add_totp


def version(code: str, number: int = 1) -> Classification:
    return Classification.objects.get(code=code, version=number)


@pytest.fixture
def police_org(db):
    return OrganisationFactory(name="Fictional Constabulary", kind="police")


@pytest.fixture
def officer(police_org):
    return StaffFactory(organisation=police_org, role="partner_caseworker", full_name="Di Example")


@pytest.fixture
def administrator(org_a):
    return StaffFactory(organisation=org_a, role="administrator")


class TestRetention:
    @pytest.mark.parametrize(
        ("start", "months", "expected"),
        [
            (datetime.date(2024, 1, 31), 1, datetime.date(2024, 2, 29)),
            (datetime.date(2023, 1, 31), 1, datetime.date(2023, 2, 28)),
            (datetime.date(2024, 11, 15), 2, datetime.date(2025, 1, 15)),
            (datetime.date(2021, 4, 1), 72, datetime.date(2027, 4, 1)),
        ],
    )
    def test_add_months(self, start, months, expected):
        assert add_months(start, months) == expected

    def test_review_date_from_closing_day_or_today(self, db):
        crime = version("police_crime")
        assert retention_review_date(crime, datetime.date(2025, 6, 30)) == datetime.date(
            2031, 6, 30
        )
        with time_machine.travel(datetime.datetime(2026, 3, 2, 12, tzinfo=datetime.UTC)):
            assert retention_review_date(crime, None) == datetime.date(2032, 3, 2)


class TestClassify:
    def test_partner_classifies_and_gets_retention_date(self, org_a, caseworker_a):
        case = new_case(organisation=org_a, user=caseworker_a)
        partner = version("partner_incident")
        case = case_classify(case=case, classification=partner, actor=caseworker_a)
        assert case.classification == partner
        assert case.classified_at is not None
        assert case.retention_review_on == add_months(timezone.localdate(), 24)
        event = CaseEvent.objects.get(case=case, kind=EventKind.CLASSIFIED)
        assert event.details == {
            "classification_id": partner.pk,
            "code": "partner_incident",
            "version": 1,
        }
        audit = AuditEvent.objects.get(event_type=206)
        assert audit.details["code"] == "partner_incident"

    @pytest.mark.parametrize("kind", ["victim_support", "reporting_centre", "council"])
    def test_a_partner_record_is_never_a_police_record(self, db, kind):
        org = OrganisationFactory(kind=kind)
        role = "centre_caseworker" if kind == "reporting_centre" else "partner_caseworker"
        user = StaffFactory(organisation=org, role=role)
        case = new_case(organisation=org, user=user)
        options = classification_options_for(case=case, user=user)
        assert not options.filter(is_police_record=True).exists()
        assert set(options.values_list("code", flat=True)) == {"asb", "partner_incident"}
        for code in ("police_crime", "police_nchi", "intelligence"):
            with pytest.raises(ApplicationError) as caught:
                case_classify(case=case, classification=version(code), actor=user)
            assert caught.value.message == POLICE_ONLY
        case.refresh_from_db()
        assert case.classification is None

    def test_police_may_choose_a_police_record(self, police_org, officer):
        case = new_case(organisation=police_org, user=officer)
        case = case_classify(case=case, classification=version("police_crime"), actor=officer)
        assert case.classification.code == "police_crime"
        assert case.retention_review_on == add_months(timezone.localdate(), 72)

    def test_closing_recomputes_retention_from_the_closing_day(self, org_a, caseworker_a):
        case = new_case(organisation=org_a, user=caseworker_a)
        case = case_classify(
            case=case, classification=version("partner_incident"), actor=caseworker_a
        )
        case.closed_at = datetime.datetime(2030, 1, 31, 10, tzinfo=datetime.UTC)
        assert case_retention_recompute(case=case) == datetime.date(2032, 1, 31)

    def test_page_offers_only_what_the_user_may_choose(self, client, org_a, caseworker_a):
        case = new_case(organisation=org_a, user=caseworker_a)
        client.force_login(caseworker_a)
        url = reverse("cases:case_classify", args=[case.pk])
        body = client.get(url).content.decode()
        assert "Partner-recorded incident" in body
        assert "Police-recorded crime" not in body
        response = client.post(url, {"classification": version("police_crime").pk})
        assert response.status_code == 200
        assert "Choose a classification from the list" in response.content.decode()
        response = client.post(url, {"classification": version("asb").pk})
        assert response.status_code == 302


class TestEffectiveDates:
    def test_a_version_not_yet_in_force_cannot_be_chosen(self, org_a, caseworker_a, administrator):
        today = timezone.localdate()
        start = today + datetime.timedelta(days=10)
        new = classification_version_add(
            code="partner_incident",
            name="Partner-recorded incident",
            effective_from=start,
            retention_months=36,
            actor=administrator,
        )
        old = version("partner_incident")
        assert new.version == 2
        assert old.effective_to == start - datetime.timedelta(days=1)
        assert set(classification_options(on=today).filter(code="partner_incident")) == {old}
        assert set(classification_options(on=start).filter(code="partner_incident")) == {new}
        case = new_case(organisation=org_a, user=caseworker_a)
        with pytest.raises(ApplicationError) as caught:
            case_classify(case=case, classification=new, actor=caseworker_a)
        assert caught.value.message == NOT_IN_FORCE
        # An old case keeps the version in force on its date, even after the change.
        case_classify(case=case, classification=old, actor=caseworker_a)
        with time_machine.travel(start + datetime.timedelta(days=1)):
            later = new_case(organisation=org_a, user=caseworker_a)
            assert new in classification_options_for(case=later, user=caseworker_a)
            assert old not in classification_options_for(case=later, user=caseworker_a)
            assert old in classification_options_for(case=case, user=caseworker_a)
            with pytest.raises(ApplicationError):
                case_classify(case=later, classification=old, actor=caseworker_a)
            case.refresh_from_db()
            assert case.classification == old

    def test_a_new_version_cannot_rewrite_the_past(self, administrator):
        with pytest.raises(ApplicationError) as caught:
            classification_version_add(
                code="asb",
                name="Anti-social behaviour",
                effective_from=timezone.localdate() - datetime.timedelta(days=1),
                retention_months=24,
                actor=administrator,
            )
        assert caught.value.message == STARTS_TOO_EARLY
        assert Classification.objects.filter(code="asb").count() == 1

    def test_only_administrators_change_rules(self, caseworker_a, administrator):
        with pytest.raises(PermissionDenied):
            classification_version_add(
                code="asb",
                name="Anti-social behaviour",
                effective_from=timezone.localdate(),
                retention_months=24,
                actor=caseworker_a,
            )
        limits = time_limit_set_add(
            name="Fictional new Code",
            effective_from=timezone.localdate() + datetime.timedelta(days=30),
            limits={"support_referral_working_days": 3},
            actor=administrator,
        )
        assert limits.support_referral_working_days == 3
        assert limits.key_decision_working_days_enhanced == 1
        assert AuditEvent.objects.filter(event_type=270).count() == 1

    def test_rules_page_for_administrators(self, client, administrator, caseworker_a):
        client.force_login(caseworker_a)
        assert client.get(reverse("cases:rules")).status_code == 403
        client.force_login(administrator)
        body = client.get(reverse("cases:rules")).content.decode()
        assert "Police non-crime hate incident" in body
        start = timezone.localdate() + datetime.timedelta(days=5)
        response = client.post(
            reverse("cases:rules_classification_add"),
            {
                "code": "police_nchi",
                "name": "Police non-crime hate incident (2026 rules)",
                "effective_from-day": start.day,
                "effective_from-month": start.month,
                "effective_from-year": start.year,
                "retention_months": 6,
                "flags": ["is_police_record", "requires_threshold_decision"],
            },
        )
        assert response.status_code == 302
        added = version("police_nchi", 2)
        assert added.retention_months == 6 and added.is_police_record
        assert version("police_nchi").effective_to == start - datetime.timedelta(days=1)

    def test_django_admin_adds_a_version_through_the_service(self, client, db):
        superuser = UserFactory(is_superuser=True, is_staff=True)
        add_totp(superuser)
        client.force_login(superuser)
        assert client.get(reverse("admin:cases_classification_changelist")).status_code == 200
        start = timezone.localdate() + datetime.timedelta(days=3)
        response = client.post(
            reverse("admin:cases_classification_add"),
            {
                "code": "asb",
                "name": "Anti-social behaviour",
                "description": "",
                "effective_from": start.isoformat(),
                "retention_months": 12,
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        assert version("asb", 2).retention_months == 12
        assert version("asb").effective_to == start - datetime.timedelta(days=1)
        assert client.get(reverse("admin:cases_timelimitset_changelist")).status_code == 200
        assert TimeLimitSet.objects.count() == 1


class TestThresholdDecision:
    def test_subject_data_needs_a_decision_that_meets_the_threshold(self, police_org, officer):
        case = new_case(organisation=police_org, user=officer)
        assert subject_data_allowed(case)
        nchi = version("police_nchi")
        case = case_classify(case=case, classification=nchi, actor=officer)
        assert not subject_data_allowed(case)
        with pytest.raises(ApplicationError):
            threshold_decision_record(
                case=case, classification=nchi, meets_threshold=True, reason=" ", actor=officer
            )
        threshold_decision_record(
            case=case,
            classification=nchi,
            meets_threshold=False,
            reason="Fictional: no real risk of harm",
            actor=officer,
        )
        assert not subject_data_allowed(case)
        decision = threshold_decision_record(
            case=case,
            classification=nchi,
            meets_threshold=True,
            reason="Fictional: threats repeated, real risk of significant harm",
            actor=officer,
        )
        assert subject_data_allowed(case)
        audit = AuditEvent.objects.filter(event_type=207).last()
        assert audit.details == {
            "threshold_decision_id": decision.pk,
            "classification_id": nchi.pk,
            "meets_threshold": True,
        }
        assert "Fictional" not in str(audit.details)

    def test_not_for_a_classification_without_threshold(self, org_a, caseworker_a):
        case = new_case(organisation=org_a, user=caseworker_a)
        asb = version("asb")
        case = case_classify(case=case, classification=asb, actor=caseworker_a)
        with pytest.raises(ApplicationError):
            threshold_decision_record(
                case=case, classification=asb, meets_threshold=True, reason="x", actor=caseworker_a
            )

    def test_threshold_page(self, client, police_org, officer):
        case = new_case(organisation=police_org, user=officer)
        case_classify(case=case, classification=version("police_nchi"), actor=officer)
        client.force_login(officer)
        url = reverse("cases:case_threshold", args=[case.pk])
        assert "Threshold decision" in client.get(url).content.decode()
        response = client.post(url, {"meets_threshold": "yes", "reason": "Fictional reason"})
        assert response.status_code == 302
        body = client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
        assert "Threshold met" in body
