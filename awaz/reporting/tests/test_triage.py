"""The triage inbox: scoping, columns, query count and filters."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from awaz.audit.services import PUBLIC
from awaz.geo.models import AreaLevel
from awaz.partners.tests.factories import StaffFactory
from awaz.reporting.models import (
    ConsentMethod,
    ConsentPurpose,
    RecipientKind,
    Report,
    ReporterRole,
    ReportStatus,
)
from awaz.reporting.selectors import InboxFilters, consent_allows, report_inbox_list
from awaz.reporting.services.consent import consent_record
from awaz.reporting.tests.factories import (
    make_area,
    make_report,
    make_strand,
)
from awaz.reporting.tests.triage_support import INBOX, references


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

    def test_table_scrolls_in_its_own_region_on_narrow_screens(self, staff_client, org_a):
        # The browser test (tests/browser/test_triage_inbox_phone.py) measures the page at
        # 375 px; this checks the markup it relies on where no browser is installed.
        make_report(organisation=org_a)
        body = staff_client.get(INBOX).content.decode()
        assert re.search(
            r'<div class="awaz-table-scroll" tabindex="0" role="region" '
            r'aria-labelledby="inbox-caption">\s*<table class="govuk-table">\s*'
            r'<caption class="govuk-table__caption govuk-table__caption--m" id="inbox-caption">',
            body,
        )

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
