"""The triage inbox and the report page for staff: scoping, audit, filters, queries."""

from __future__ import annotations

import datetime
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from awaz.audit.events import AuditEventType
from awaz.audit.models import AuditEvent
from awaz.audit.services import PUBLIC
from awaz.geo.models import AreaLevel
from awaz.partners.tests.factories import StaffFactory
from awaz.reporting.models import (
    ConsentMethod,
    ConsentPurpose,
    EntryKind,
    RecipientKind,
    Report,
    ReportEntry,
    ReporterRole,
    ReportStatus,
)
from awaz.reporting.selectors import InboxFilters, consent_allows, report_inbox_list
from awaz.reporting.services.consent import consent_record
from awaz.reporting.tests.factories import (
    FICTIONAL_EMAIL,
    make_area,
    make_evidence,
    make_report,
    make_strand,
)
from awaz.reporting.views.triage.detail import os_grid_reference

INBOX = reverse("reporting:triage_inbox")


def detail_url(report: Report) -> str:
    return reverse("reporting:triage_report_detail", args=[report.pk])


def references(response) -> list[str]:
    return re.findall(r"HC-[0-9A-Z]{4}-[0-9A-Z]{4}", response.content.decode())


@pytest.fixture
def staff_client(client, caseworker_a):
    client.force_login(caseworker_a)
    return client


class TestInbox:
    def test_lists_only_own_organisation_newest_first(self, staff_client, org_a, org_b):
        now = timezone.now()
        older, _ = make_report(organisation=org_a, submitted_at=now - datetime.timedelta(days=2))
        newer, _ = make_report(organisation=org_a, submitted_at=now - datetime.timedelta(hours=1))
        theirs, _ = make_report(organisation=org_b)
        response = staff_client.get(INBOX)
        assert response.status_code == 200
        assert references(response) == [newer.reference, older.reference]
        assert theirs.reference not in response.content.decode()

    def test_columns(self, staff_client, org_a):
        race = make_strand("race", "Race or ethnicity", 1)
        religion = make_strand("religion", "Religion or belief", 2)
        area = make_area("TEST-LA1", "Fictional Borough")
        make_report(
            organisation=org_a,
            strands=[religion, race],
            area=area,
            channel="phone",
            consents={("share", "police"): True},
        )
        body = staff_client.get(INBOX).content.decode()
        assert "Race or ethnicity, Religion or belief" in body
        assert "Fictional Borough" in body
        assert "Phone, through a reporting centre" in body
        assert "Given" in body
        assert "Received" in body

    def test_needs_sign_in(self, client, db):
        response = client.get(INBOX)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]

    @pytest.mark.parametrize("role", ["administrator", "pcc_office", "analyst"])
    def test_roles_without_inbox_get_403_page(self, client, org_a, role):
        make_report(organisation=org_a)
        client.force_login(StaffFactory(organisation=org_a, role=role))
        response = client.get(INBOX)
        assert response.status_code == 403
        assert "You do not have a triage inbox" in response.content.decode()
        assert references(response) == []

    def test_query_count_does_not_grow_with_rows(self, staff_client, org_a):
        race = make_strand("race", "Race", 1)
        area = make_area("TEST-LA1", "Fictional Borough")

        def add(n: int) -> None:
            for _ in range(n):
                make_report(
                    organisation=org_a,
                    strands=[race],
                    area=area,
                    consents={("share", "police"): True},
                )

        add(2)
        staff_client.get(INBOX)  # warm the session and membership caches
        with CaptureQueriesContext(connection) as few:
            staff_client.get(INBOX)
        add(10)
        with CaptureQueriesContext(connection) as many:
            response = staff_client.get(INBOX)
        assert len(references(response)) == 12
        assert len(many.captured_queries) == len(few.captured_queries)

    def test_query_count_pinned(self, staff_client, org_a, django_assert_max_num_queries):
        race = make_strand("race", "Race", 1)
        for _ in range(5):
            make_report(organisation=org_a, strands=[race], consents={("share", "police"): True})
        staff_client.get(INBOX)  # the first request of a session records it (allauth)
        # Session and user (2); allauth's user-session tracking (5, with its savepoints);
        # membership and MFA check (2); strand and area choices (2); count, the page of
        # reports with police consent and area, and their strands (3). None per row.
        with django_assert_max_num_queries(14):
            response = staff_client.get(INBOX + "?status=received&police_consent=yes&strand=race")
        assert len(references(response)) == 5

    def test_pagination(self, staff_client, org_a):
        now = timezone.now()
        for i in range(30):
            make_report(organisation=org_a, submitted_at=now - datetime.timedelta(minutes=i))
        first = staff_client.get(INBOX + "?status=received")
        assert len(references(first)) == 25
        body = first.content.decode()
        assert 'class="govuk-pagination"' in body
        assert "?status=received&amp;page=2" in body
        second = staff_client.get(INBOX + "?status=received&page=2")
        assert len(references(second)) == 5
        assert set(references(first)).isdisjoint(references(second))


class TestFilters:
    @pytest.fixture
    def reports(self, org_a):
        race = make_strand("race", "Race", 1)
        disability = make_strand("disability", "Disability", 3)
        county_area = make_area("TEST-LA1", "Fictional Borough")
        ward = make_area(
            "TEST-W1",
            "Fictional Ward",
            level=AreaLevel.WARD,
            parent=county_area,
            lon=-2.94,
            lat=54.88,
            size=0.01,
        )
        elsewhere = make_area("TEST-LA2", "Fictional Dale", lon=-2.7, lat=54.3)
        now = timezone.now()
        return {
            "race_ward": make_report(
                organisation=org_a,
                strands=[race],
                area=ward,
                consents={("share", "police"): True},
                submitted_at=now - datetime.timedelta(days=10),
            )[0],
            "disability_dale": make_report(
                organisation=org_a,
                strands=[disability],
                area=elsewhere,
                channel="in_person",
                status=ReportStatus.IN_REVIEW,
                consents={("share", "police"): False},
                submitted_at=now - datetime.timedelta(days=1),
            )[0],
            "plain": make_report(organisation=org_a, submitted_at=now)[0],
        }

    def _refs(self, client, query: str) -> set[str]:
        response = client.get(INBOX + query)
        assert response.status_code == 200
        return set(references(response))

    def test_each_filter(self, staff_client, reports):
        r = {name: report.reference for name, report in reports.items()}
        assert self._refs(staff_client, "?status=in_review") == {r["disability_dale"]}
        assert self._refs(staff_client, "?strand=race") == {r["race_ward"]}
        assert self._refs(staff_client, "?channel=in_person") == {r["disability_dale"]}
        assert self._refs(staff_client, "?police_consent=yes") == {r["race_ward"]}
        assert self._refs(staff_client, "?police_consent=no") == {
            r["disability_dale"],
            r["plain"],
        }
        # A local authority includes the wards inside it.
        assert self._refs(staff_client, "?area=TEST-LA1") == {r["race_ward"]}
        assert self._refs(staff_client, "?area=TEST-W1") == {r["race_ward"]}
        assert self._refs(staff_client, "?area=TEST-LA2") == {r["disability_dale"]}

    def test_dates(self, staff_client, reports):
        r = {name: report.reference for name, report in reports.items()}
        today = timezone.localdate()
        since = today - datetime.timedelta(days=2)
        query = (
            f"?received_from-day={since.day}&received_from-month={since.month}"
            f"&received_from-year={since.year}"
        )
        assert self._refs(staff_client, query) == {r["disability_dale"], r["plain"]}
        until = today - datetime.timedelta(days=5)
        query = (
            f"?received_to-day={until.day}&received_to-month={until.month}"
            f"&received_to-year={until.year}"
        )
        assert self._refs(staff_client, query) == {r["race_ward"]}

    def test_invalid_dates_are_reported_and_ignored(self, staff_client, reports):
        response = staff_client.get(
            INBOX + "?received_from-day=31&received_from-month=2&received_from-year=2026"
        )
        body = response.content.decode()
        assert response.status_code == 200
        assert "govuk-error-summary" in body
        assert "The start date must be a real date" in body
        assert len(references(response)) == 3

    def test_end_before_start(self, staff_client, reports):
        response = staff_client.get(
            INBOX + "?received_from-day=2&received_from-month=3&received_from-year=2026"
            "&received_to-day=1&received_to-month=3&received_to-year=2026"
        )
        assert "The end date must be on or after the start date" in response.content.decode()

    def test_police_consent_matches_consent_allows(self, org_a):
        """The SQL annotation agrees with ``consent_allows`` in every state."""
        past = timezone.now() - datetime.timedelta(days=1)
        given, _ = make_report(organisation=org_a, consents={("share", "police"): True})
        withdrawn, _ = make_report(organisation=org_a, consents={("share", "police"): True})
        consent_record(
            report=withdrawn,
            decisions={(ConsentPurpose.SHARE, RecipientKind.POLICE): False},
            method=ConsentMethod.ONLINE,
            given_by=ReporterRole.VICTIM,
            actor=PUBLIC,
        )
        expired, _ = make_report(organisation=org_a)
        consent_record(
            report=expired,
            decisions={(ConsentPurpose.SHARE, RecipientKind.POLICE): True},
            method=ConsentMethod.PHONE,
            given_by=ReporterRole.VICTIM,
            actor=PUBLIC,
            expires_at=past,
        )
        other_recipient, _ = make_report(
            organisation=org_a, consents={("share", "victim_support"): True}
        )
        none, _ = make_report(organisation=org_a)
        rows = report_inbox_list(reports=Report.objects.all(), filters=InboxFilters())
        annotated = {row.pk: row.police_consent for row in rows}  # type: ignore[attr-defined]
        for report in (given, withdrawn, expired, other_recipient, none):
            assert annotated[report.pk] == consent_allows(
                report=report, purpose=ConsentPurpose.SHARE, recipient=RecipientKind.POLICE
            ), report
        assert annotated[given.pk] is True
        assert annotated[withdrawn.pk] is False


class TestDetail:
    @pytest.fixture
    def report(self, org_a):
        area = make_area("TEST-LA1", "Fictional Borough")
        report, _code = make_report(
            organisation=org_a,
            area=area,
            email=FICTIONAL_EMAIL,
            contact_name="Fictional Person",
            what_happened="Fictional account of shouting at the bus station.",
            location_point={"lat": 54.8912, "lon": -2.9321},
            grid_easting=340025,
            grid_northing=555975,
            consents={("share", "police"): True, ("share", "council"): False},
            victim_details={"age_band": "25_34", "religion": "prefer_not_to_say"},
            support_wanted=["emotional"],
        )
        return report

    def test_shows_what_was_reported(self, staff_client, report):
        response = staff_client.get(detail_url(report))
        assert response.status_code == 200
        body = response.content.decode()
        assert "Fictional account of shouting at the bus station." in body
        assert FICTIONAL_EMAIL in body
        assert "Fictional Person" in body
        assert "The police" in body
        assert "Report submitted" in body  # the timeline
        assert "NY 4002 5597" in body  # the generalised grid square, as text
        assert "54.89120, -2.93210" in body  # the exact point: as text, never on the map
        assert "25 to 34" in body  # codes read as the reporter saw them
        assert "Prefer not to say" in body
        assert "Someone to talk to" in body

    def test_each_view_writes_one_audit_row(self, staff_client, report, caseworker_a, org_a):
        staff_client.get(detail_url(report))
        staff_client.get(detail_url(report))
        views = AuditEvent.objects.filter(
            event_type=AuditEventType.REPORT_VIEWED, target_id=str(report.pk)
        )
        assert views.count() == 2
        assert {(e.actor_id, e.organisation_id) for e in views} == {(caseworker_a.pk, org_a.pk)}

    def test_first_open_marks_being_looked_at(self, staff_client, report):
        staff_client.get(detail_url(report))
        staff_client.get(detail_url(report))
        report.refresh_from_db()
        assert report.status == ReportStatus.IN_REVIEW
        assert ReportEntry.objects.filter(report=report, kind=EntryKind.STATUS_CHANGED).count() == 1
        assert (
            AuditEvent.objects.filter(event_type=AuditEventType.REPORT_STATUS_CHANGED).count() == 1
        )

    def test_other_organisation_gets_the_same_404_as_missing(self, client, report, caseworker_b):
        client.force_login(caseworker_b)
        theirs = client.get(detail_url(report))
        missing = client.get(reverse("reporting:triage_report_detail", args=[report.pk + 999]))
        assert theirs.status_code == missing.status_code == 404
        assert theirs.content == missing.content
        assert not AuditEvent.objects.filter(event_type=AuditEventType.REPORT_VIEWED).exists()
        report.refresh_from_db()
        assert report.status == ReportStatus.RECEIVED

    def test_map_has_area_boundary_only(self, staff_client, report):
        body = staff_client.get(detail_url(report)).content.decode()
        match = re.search(
            r'<script id="report-area-geojson" type="application/json">(.*?)</script>', body
        )
        assert match is not None
        geojson = json.loads(match.group(1))
        assert [f["properties"]["code"] for f in geojson["features"]] == ["TEST-LA1"]
        assert "Point" not in match.group(1)
        assert "54.8912" not in match.group(1)
        assert "leaflet/leaflet.js" in body
        assert "awaz/reporting/triage/area-map.js" in body
        assert "data-tile-url" not in body
        assert "Fictional Borough" in body  # the text alternative

    def test_tile_layer_only_when_configured(self, staff_client, report, settings):
        settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
        body = staff_client.get(detail_url(report)).content.decode()
        assert 'data-tile-url="https://tiles.example.org/{z}/{x}/{y}.png"' in body


class TestEvidenceDownload:
    def test_download_is_audited_with_safe_headers(self, staff_client, org_a):
        report, _ = make_report(organisation=org_a)
        evidence = make_evidence(report=report, content=b"%PDF-1.4 fictional evidence")
        url = reverse("reporting:triage_evidence_download", args=[report.pk, evidence.pk])
        response = staff_client.get(url)
        assert response.status_code == 200
        assert response.content == b"%PDF-1.4 fictional evidence"
        assert response["Content-Type"] == "application/pdf"
        assert (
            response["Content-Disposition"] == f'attachment; filename="evidence-{evidence.pk}.pdf"'
        )
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cache-Control"] == "no-store"
        event = AuditEvent.objects.get(event_type=AuditEventType.REPORT_EVIDENCE_VIEWED)
        assert event.target_id == str(report.pk)
        assert event.details == {"evidence_id": evidence.pk}

    def test_listed_on_the_report_page(self, staff_client, org_a):
        report, _ = make_report(organisation=org_a)
        evidence = make_evidence(report=report)
        body = staff_client.get(detail_url(report)).content.decode()
        assert reverse("reporting:triage_evidence_download", args=[report.pk, evidence.pk]) in body
        assert "fictional-screenshot.pdf" in body

    def test_other_organisation_and_wrong_report_get_404(self, client, org_a, caseworker_b):
        report, _ = make_report(organisation=org_a)
        other, _ = make_report(organisation=org_a)
        evidence = make_evidence(report=report)
        client.force_login(caseworker_b)
        url = reverse("reporting:triage_evidence_download", args=[report.pk, evidence.pk])
        assert client.get(url).status_code == 404
        client.force_login(StaffFactory(organisation=org_a, role="partner_caseworker"))
        wrong = reverse("reporting:triage_evidence_download", args=[other.pk, evidence.pk])
        assert client.get(wrong).status_code == 404
        assert not AuditEvent.objects.filter(
            event_type=AuditEventType.REPORT_EVIDENCE_VIEWED
        ).exists()


@pytest.mark.parametrize(
    ("easting", "northing", "expected"),
    [
        (340025, 555975, "NY 4002 5597"),  # Carlisle
        (351025, 492975, "SD 5102 9297"),  # Kendal
        (651409, 313177, "TG 5140 1317"),  # Ordnance Survey's own example
    ],
)
def test_os_grid_reference(easting, northing, expected):
    assert os_grid_reference(easting, northing) == expected
