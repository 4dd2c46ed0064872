"""The report's staff page shows, for a report made from an imported record, its source,
its reference in the source (for the source's caseworkers) and every version; reporting
learns of this only through ``reporting.panels`` (imports registers at start-up)."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse

from awaz.imports.access import may_see_reference
from awaz.imports.models import ImportedRecord
from awaz.imports.services import import_confirm, import_upload
from awaz.imports.tests.support import csv_bytes, make_source, row
from awaz.partners.tests.factories import StaffFactory
from awaz.reporting.models import Strand
from awaz.reporting.tests.factories import make_report

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("strands")]

NOW = datetime.datetime(2025, 6, 30, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(NOW, tick=False):
        yield


def _import(source, content, actor, capture, name):
    with capture(execute=True):
        run = import_upload(
            source=source, file_name=name, content=content, is_full_extract=False, actor=actor
        )
        import_confirm(run=run, actor=actor)
    run.refresh_from_db()
    assert run.status == "done", list(run.errors.values_list("column", "value", "code"))


def _record_with_two_versions(organisation, admin, capture, **more):
    source = make_source(organisation, name="Fictional monthly crime extract")
    _import(
        source,
        csv_bytes(
            [row(reference="FIC/0042/25", strands="R", outcome="pending", outcome_date="", **more)]
        ),
        admin,
        capture,
        "january.csv",
    )
    _import(
        source,
        csv_bytes([row(reference="FIC/0042/25", strands="R; Rel", outcome="Outcome 18", **more)]),
        admin,
        capture,
        "february.csv",
    )
    return ImportedRecord.objects.get()


def test_the_report_page_shows_the_source_reference_and_history(
    client, police, police_admin, django_capture_on_commit_callbacks
):
    record = _record_with_two_versions(police, police_admin, django_capture_on_commit_callbacks)
    client.force_login(StaffFactory(organisation=police, role="partner_caseworker"))

    response = client.get(reverse("reporting:triage_report_detail", args=[record.report.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Imported record" in page
    assert "Fictional monthly crime extract (Fictional Constabulary)" in page
    assert "Reference in the source" in page and "FIC/0042/25" in page
    assert "It is counted as a police record." in page
    history = response.context["report_panels"][0].context["versions"]
    assert [(h.version.number, h.version.run.file_name) for h in history] == [
        (2, "february.csv"),
        (1, "january.csv"),
    ]
    race, religion = (Strand.objects.get(code=c).name for c in ("race", "religion"))
    assert [h.strands for h in history] == [[race, religion], [race]]
    assert "february.csv" in page and "january.csv" in page
    # The caseworker cannot open the imports pages, so the files are named, not linked.
    assert reverse("imports:run_detail", args=[history[0].version.run_id]) not in page


def test_a_partners_record_is_never_called_a_police_record_on_the_report(
    client, partner, partner_admin, django_capture_on_commit_callbacks
):
    record = _record_with_two_versions(
        partner, partner_admin, django_capture_on_commit_callbacks, how_reported=""
    )
    client.force_login(StaffFactory(organisation=partner, role="partner_caseworker"))

    page = client.get(
        reverse("reporting:triage_report_detail", args=[record.report.pk])
    ).content.decode()

    assert "It is never counted as a police record." in page
    assert "FIC/0042/25" in page


def test_a_report_made_through_awaz_has_no_imported_section(client, police):
    caseworker = StaffFactory(organisation=police, role="partner_caseworker")
    report, _code = make_report(organisation=police)
    client.force_login(caseworker)

    response = client.get(reverse("reporting:triage_report_detail", args=[report.pk]))

    assert response.status_code == 200
    assert response.context["report_panels"] == []
    assert "Imported record" not in response.content.decode()


def test_only_the_sources_caseworkers_may_read_the_reference(
    police, partner, police_admin, django_capture_on_commit_callbacks
):
    record = _record_with_two_versions(police, police_admin, django_capture_on_commit_callbacks)

    assert may_see_reference(StaffFactory(organisation=police, role="partner_caseworker"), record)
    assert not may_see_reference(
        StaffFactory(organisation=partner, role="partner_caseworker"), record
    )
    assert not may_see_reference(police_admin, record)
    assert not may_see_reference(StaffFactory(organisation=police, role="analyst"), record)
