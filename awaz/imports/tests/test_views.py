"""The administrator's pages: define a source, upload, preview (nothing saved), import,
progress, cancel, result with errors and their CSV, records and their history; only the
source's own organisation's administrators, and the same 404 for not yours."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awaz.audit.events import AuditEventType
from awaz.audit.models import AuditEvent
from awaz.imports.models import ImportedRecord, ImportRun, ImportSource
from awaz.imports.tests.support import csv_bytes, make_source, row
from awaz.partners.tests.factories import StaffFactory
from awaz.reporting.models import Report

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("strands")]

NOW = datetime.datetime(2025, 6, 30, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def admin_client(client, police_admin):
    client.force_login(police_admin)
    return client


def _form_data(**overrides):
    data = {
        "name": "Fictional monthly extract",
        "file_format": "csv",
        "date_formats": ["%d/%m/%Y"],
        "file_retention_days": "365",
        "strand_separator": ";",
        "column_reference": "Crime Ref",
        "column_recorded_date": "Recorded Date",
        "column_strands": "Hate Strands",
        "column_outcome": "Outcome",
        "values_strands": "R = race\nRel = religion",
        "values_outcome": "NFA = 18",
    }
    data.update(overrides)
    return data


def _upload(client, source, content: bytes, name="extract.csv", full=False):
    data = {"file": SimpleUploadedFile(name, content, content_type="text/csv")}
    if full:
        data["is_full_extract"] = "on"
    return client.post(reverse("imports:run_upload", args=[source.pk]), data)


def test_navigation_shows_imports_to_administrators_only(client, police_admin, police):
    analyst = StaffFactory(organisation=police, role="analyst")
    client.force_login(police_admin)
    hrefs = [
        i["href"] for i in client.get(reverse("imports:source_list")).context["awaz_navigation"]
    ]
    assert reverse("imports:source_list") in hrefs

    client.force_login(analyst)
    assert client.get(reverse("imports:source_list")).status_code == 403
    hrefs = [i["href"] for i in client.get(reverse("mfa_index")).context["awaz_navigation"]]
    assert reverse("imports:source_list") not in hrefs


def test_defining_a_source_for_ones_own_organisation(admin_client, police):
    response = admin_client.post(reverse("imports:source_create"), _form_data())

    source = ImportSource.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("imports:source_detail", args=[source.pk])
    assert source.organisation == police
    assert source.column_map == {
        "reference": "Crime Ref",
        "recorded_date": "Recorded Date",
        "strands": "Hate Strands",
        "outcome": "Outcome",
    }
    assert source.value_maps == {
        "strands": {"r": "race", "rel": "religion"},
        "outcome": {"nfa": "18"},
    }
    assert AuditEvent.objects.filter(event_type=AuditEventType.IMPORT_SOURCE_CREATED).count() == 1
    page = admin_client.get(response["Location"]).content.decode()
    assert "Records from this source are police records" in page
    assert "Hate Strands" in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"column_reference": ""}, "Enter the heading of the column that holds this"),
        ({"values_strands": "R race"}, "Line 1 has no “=”: write it as value = code"),
        ({"values_strands": "R = goths"}, "“goths” is not one of the codes for strands"),
        ({"values_outcome": "NFA = 99"}, "“99” is not one of the codes for home office outcomes"),
        ({"column_easting": "E"}, "Enter the headings of both Easting and Northing, or neither"),
        ({"column_outcome": "crime ref"}, "The heading “crime ref” is given for two fields"),
        ({"date_formats": []}, "Choose at least one date format"),
    ],
)
def test_a_source_that_could_not_read_a_file_is_refused_with_the_reason(
    admin_client, overrides, message
):
    response = admin_client.post(reverse("imports:source_create"), _form_data(**overrides))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert "There is a problem" in response.content.decode()
    assert not ImportSource.objects.exists()


def test_changing_a_source(admin_client, police):
    source = make_source(police)
    form = admin_client.get(reverse("imports:source_edit", args=[source.pk]))
    assert "r = race" in form.content.decode()

    response = admin_client.post(
        reverse("imports:source_edit", args=[source.pk]), _form_data(name="Renamed extract")
    )

    assert response.status_code == 302
    source.refresh_from_db()
    assert source.name == "Renamed extract"
    assert AuditEvent.objects.get(event_type=AuditEventType.IMPORT_SOURCE_CHANGED).details[
        "changed"
    ]


def test_another_organisations_administrator_gets_the_same_404_as_for_nothing(
    client, police, partner_admin, police_admin
):
    source = make_source(police)
    run = ImportRun.objects.create(
        source=source,
        uploaded_by=police_admin,
        file_name="x.csv",
        file_hash="0" * 64,
        file_size=1,
        file_expires_at=NOW,
    )
    client.force_login(partner_admin)
    urls = [
        reverse("imports:source_detail", args=[source.pk]),
        reverse("imports:source_edit", args=[source.pk]),
        reverse("imports:record_list", args=[source.pk]),
        reverse("imports:run_detail", args=[run.pk]),
        reverse("imports:run_errors_csv", args=[run.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert client.get(reverse("imports:source_detail", args=[source.pk + 999])).status_code == 404
    for name in ("run_confirm", "run_cancel"):
        assert client.post(reverse(f"imports:{name}", args=[run.pk])).status_code == 404
    upload = SimpleUploadedFile("x.csv", b"a,b\r\n", content_type="text/csv")
    assert (
        client.post(reverse("imports:run_upload", args=[source.pk]), {"file": upload}).status_code
        == 404
    )
    assert source.organisation_id != partner_admin.membership.organisation_id
    assert client.get(reverse("imports:source_list")).context["sources"].count() == 0


def test_upload_preview_then_import(admin_client, police, django_capture_on_commit_callbacks):
    source = make_source(police)
    content = csv_bytes(
        [
            row(reference="FIC/1", victim_name="Fictional Canary Qz"),
            row(reference="FIC/2", strands="Goth"),
        ],
        preamble=[["Fictional Constabulary extract"]],
    )

    response = _upload(admin_client, source, content)
    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("imports:run_detail", args=[run.pk])

    preview = admin_client.get(response["Location"]).content.decode()
    assert "Check the first rows" in preview
    assert "Headings found on row 2." in preview
    assert "FIC/1" in preview and "Public order offences" in preview
    assert "Fictional Canary Qz" not in preview  # personal data is never shown
    assert "Given (not shown: personal data)" in preview
    assert "Unknown value: add it to the source&#x27;s mapping of strands" in preview
    assert "<script>" not in preview and "style=" not in preview
    assert not Report.objects.exists() and not ImportedRecord.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        confirmed = admin_client.post(reverse("imports:run_confirm", args=[run.pk]))
    assert confirmed.status_code == 302
    result = admin_client.get(confirmed["Location"]).content.decode()
    run.refresh_from_db()
    assert run.status == "failed"
    assert "Some rows have errors, so nothing was imported" in result
    assert "Goth" in result and "Hate Strands" in result
    upload_again = reverse("imports:source_detail", args=[source.pk]) + "#upload"
    assert f'href="{upload_again}">Upload a corrected file</a>' in result
    assert not Report.objects.exists()


def test_a_good_file_is_imported_with_its_counts_records_and_history(
    admin_client, police, django_capture_on_commit_callbacks
):
    source = make_source(police)
    _upload(admin_client, source, csv_bytes([row(reference="FIC/1"), row(reference="FIC/2")]))
    first = ImportRun.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("imports:run_confirm", args=[first.pk]))
    _upload(
        admin_client,
        source,
        csv_bytes([row(reference="FIC/1", outcome="OC1", outcome_date="01/06/2025")]),
        full=True,
    )
    second = ImportRun.objects.latest("id")
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("imports:run_confirm", args=[second.pk]))

    page = admin_client.get(reverse("imports:run_detail", args=[second.pk])).content.decode()
    assert "File imported" in page
    records = reverse("imports:record_list", args=[source.pk])
    assert f'href="{records}">See the records imported from this source</a>' in page
    second.refresh_from_db()
    assert (second.rows_updated, second.records_missing) == (1, 1)
    assert "Records this full extract left out (flagged, kept)" in page

    missing = admin_client.get(reverse("imports:record_list", args=[source.pk]) + "?missing=1")
    assert [r.reference for r in missing.context["page"].object_list] == ["FIC/2"]
    record = ImportedRecord.objects.get(reference_index__isnull=False, version=2)
    history = admin_client.get(reverse("imports:record_detail", args=[record.pk])).content.decode()
    assert (
        "Charged or summonsed" in history
        and "Investigation complete: no suspect identified" in history
    )
    assert history.count("extract.csv") == 2


def test_errors_download_as_csv_and_the_download_is_audited(
    admin_client, police, django_capture_on_commit_callbacks
):
    source = make_source(police)
    _upload(
        admin_client, source, csv_bytes([row(reference="FIC/1", outcome="=1+1", victim_name="")])
    )
    run = ImportRun.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("imports:run_confirm", args=[run.pk]))

    response = admin_client.get(reverse("imports:run_errors_csv", args=[run.pk]))

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Row", "Column", "Value", "Reason"]
    assert rows[1] == [
        "2",
        "Outcome",
        "'=1+1",
        "Unknown value: add it to the source's mapping of home office outcomes",
    ]
    assert (
        AuditEvent.objects.filter(event_type=AuditEventType.IMPORT_ERRORS_DOWNLOADED).count() == 1
    )


def test_progress_page_refreshes_itself_without_javascript_and_offers_cancel(
    admin_client, police, police_admin
):
    source = make_source(police)
    _upload(admin_client, source, csv_bytes([row()]))
    run = ImportRun.objects.get()
    ImportRun.objects.filter(pk=run.pk).update(status="checking", rows_checked=250, rows_error=3)

    page = admin_client.get(reverse("imports:run_detail", args=[run.pk])).content.decode()

    assert '<meta http-equiv="refresh" content="3">' in page
    assert "250 rows checked" in page and "3 with errors so far" in page
    assert "Update now" in page and "Cancel the import" in page
    assert "<script>" not in page

    response = admin_client.post(reverse("imports:run_cancel", args=[run.pk]))
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.cancel_requested and run.status == "checking"
    assert (
        "Stopping: nothing will be saved."
        in admin_client.get(reverse("imports:run_detail", args=[run.pk])).content.decode()
    )


def test_saving_progress_says_it_can_no_longer_be_cancelled(admin_client, police):
    source = make_source(police)
    _upload(admin_client, source, csv_bytes([row()]))
    run = ImportRun.objects.get()
    ImportRun.objects.filter(pk=run.pk).update(status="saving", rows_checked=1200)

    page = admin_client.get(reverse("imports:run_detail", args=[run.pk])).content.decode()

    assert "0 of 1,200 rows saved" in page
    assert "can no longer be cancelled" in page and "Cancel the import" not in page


def test_cancel_from_the_preview_deletes_the_upload(
    admin_client, police, django_capture_on_commit_callbacks
):
    source = make_source(police)
    _upload(admin_client, source, csv_bytes([row()]))
    run = ImportRun.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("imports:run_cancel", args=[run.pk]))

    run.refresh_from_db()
    assert run.status == "cancelled" and run.stored_name == ""


def test_an_upload_of_the_wrong_kind_shows_the_error_on_the_source_page(admin_client, police):
    source = make_source(police)

    response = _upload(admin_client, source, b"PK\x03\x04 not really a workbook")

    assert response.status_code == 400
    assert "this source reads CSV" in response.content.decode()
    assert not ImportRun.objects.exists()


def test_pages_write_nothing_on_get(admin_client, police):
    source = make_source(police)
    _upload(admin_client, source, csv_bytes([row()]))
    run = ImportRun.objects.get()
    before = AuditEvent.objects.count()

    for url in (
        reverse("imports:source_list"),
        reverse("imports:source_detail", args=[source.pk]),
        reverse("imports:source_edit", args=[source.pk]),
        reverse("imports:run_detail", args=[run.pk]),
        reverse("imports:record_list", args=[source.pk]),
    ):
        assert admin_client.get(url).status_code == 200, url

    assert AuditEvent.objects.count() == before
    assert ImportRun.objects.get().status == "uploaded"


def test_the_forces_caseworkers_find_imported_records_under_their_channel_only(
    client, police, police_admin, django_capture_on_commit_callbacks
):
    from awaz.imports.services import import_confirm, import_upload

    run = import_upload(
        source=make_source(police),
        file_name="x.csv",
        content=csv_bytes([row()]),
        is_full_extract=False,
        actor=police_admin,
    )
    with django_capture_on_commit_callbacks(execute=True):
        import_confirm(run=run, actor=police_admin)
    report = ImportedRecord.objects.get().report
    caseworker = StaffFactory(organisation=police, role="partner_caseworker")
    client.force_login(caseworker)

    inbox = client.get(reverse("reporting:triage_inbox"))
    chosen = client.get(reverse("reporting:triage_inbox") + "?channel=imported")
    detail = client.get(reverse("reporting:triage_report_detail", args=[report.pk]))

    assert report.reference not in inbox.content.decode()
    assert report.reference in chosen.content.decode()
    assert detail.status_code == 200
    assert "From a partner&#x27;s own records (imported)" in detail.content.decode()


def test_every_box_on_the_source_form_has_a_label_of_its_own(admin_client):
    """A column and the meaning of its values are different boxes: a screen reader user
    (or anyone searching the page) must be able to tell them apart by their labels."""
    import re
    from collections import Counter

    page = admin_client.get(reverse("imports:source_create")).content.decode()
    labels = [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", text)).strip()
        for text in re.findall(r"<label[^>]*>(.*?)</label>", page, flags=re.S)
    ]

    assert "Strand values" in labels
    assert [label for label, n in Counter(labels).items() if n > 1] == []
