"""Report detail and evidence download for staff: scoping, audit, map."""

from __future__ import annotations

import datetime
import json
import re

import pytest
from django.urls import reverse

from awaz.audit.events import AuditEventType
from awaz.audit.models import AuditEvent
from awaz.core.tests.db_writes import tables_written
from awaz.partners.tests.factories import StaffFactory
from awaz.reporting.models import (
    EntryKind,
    ReportEntry,
    ReportStatus,
)
from awaz.reporting.tests.factories import (
    FICTIONAL_EMAIL,
    make_area,
    make_evidence,
    make_report,
)
from awaz.reporting.tests.triage_support import detail_url, start_url
from awaz.reporting.views.triage.detail import incident_when, os_grid_reference


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

    def test_opening_changes_nothing_but_the_audit_log(self, staff_client, report):
        # A crawler or a link preview following the link must not move the report on.
        with tables_written() as written:
            assert staff_client.get(detail_url(report)).status_code == 200
            assert staff_client.get(detail_url(report)).status_code == 200
        assert written == set()
        report.refresh_from_db()
        assert report.status == ReportStatus.RECEIVED
        assert not ReportEntry.objects.filter(report=report, kind=EntryKind.STATUS_CHANGED)
        assert not AuditEvent.objects.filter(event_type=AuditEventType.REPORT_STATUS_CHANGED)

    def test_start_looking_is_a_post_that_marks_being_looked_at(self, staff_client, report):
        page = staff_client.get(detail_url(report)).content.decode()
        assert "Start looking at this" in page
        assert f'action="{start_url(report)}"' in page
        assert staff_client.get(start_url(report)).status_code == 405
        response = staff_client.post(start_url(report))
        assert response.status_code == 302
        assert response["Location"] == detail_url(report)
        staff_client.post(start_url(report))  # a second press changes nothing more
        report.refresh_from_db()
        assert report.status == ReportStatus.IN_REVIEW
        assert ReportEntry.objects.filter(report=report, kind=EntryKind.STATUS_CHANGED).count() == 1
        assert (
            AuditEvent.objects.filter(event_type=AuditEventType.REPORT_STATUS_CHANGED).count() == 1
        )
        assert "Start looking at this" not in staff_client.get(detail_url(report)).content.decode()

    def test_start_looking_leaves_a_later_status_alone(self, staff_client, report):
        report.status = ReportStatus.CLOSED
        report.save(update_fields=["status"])
        staff_client.post(start_url(report))
        report.refresh_from_db()
        assert report.status == ReportStatus.CLOSED

    def test_start_looking_at_another_organisations_report_is_404(
        self, client, report, caseworker_b
    ):
        client.force_login(caseworker_b)
        assert client.post(start_url(report)).status_code == 404
        report.refresh_from_db()
        assert report.status == ReportStatus.RECEIVED

    def test_still_happening_keeps_the_date_given(self, staff_client, org_a):
        report, _code = make_report(
            organisation=org_a,
            incident_date=datetime.date(2026, 3, 3),
            incident_time=datetime.time(14, 30),
            is_ongoing=True,
        )
        body = staff_client.get(detail_url(report)).content.decode()
        assert "3 March 2026 at about 14:30, and it is still happening" in body

    def test_when_in_words(self):
        day, time = datetime.date(2026, 3, 3), datetime.time(9, 5)
        assert incident_when(incident_date=day) == "3 March 2026"
        assert incident_when(incident_date=day, incident_time=time) == "3 March 2026 at about 09:05"
        assert (
            incident_when(incident_date=day, is_ongoing=True)
            == "3 March 2026, and it is still happening"
        )
        assert incident_when(incident_date=None, is_ongoing=True) == "It is still happening"
        assert incident_when(incident_date=None) == ""

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
