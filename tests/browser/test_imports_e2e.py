"""An administrator of a police force imports its extract in a real browser: defines a source
(its columns and what its values mean), uploads a file with errors (an unknown strand, a
future date, the same reference twice), reads each error (row, column, value, reason) on the
page and downloads them as CSV, then uploads the corrected file, previews it, imports it,
reads the counts and finds the imported records and their history; axe-core finds no WCAG 2.x
A or AA violation on any imports page on the way."""

from __future__ import annotations

import csv
import datetime
import io
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.walk import AxeAudit, press, staff_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADINGS = ["Crime Ref", "Recorded Date", "Offence From", "Hate Strands", "Outcome"]


def _extract(rows: list[list[str]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(HEADINGS)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _upload(page: Any, name: str, content: bytes) -> None:
    page.get_by_label("Upload a file", exact=True).set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": content}]
    )
    press(page, "Upload and preview")
    expect(page.locator("h1")).to_have_text(name)
    expect(page.get_by_role("heading", name="Check the first rows", exact=True)).to_be_visible()


def _cells(row: Any) -> list[str]:
    return [cell.strip() for cell in row.locator("td, th").all_inner_texts()]


def test_an_administrator_imports_a_file_with_errors_then_without(axe_page: Any) -> None:
    from django.urls import get_resolver, reverse
    from django.utils import timezone

    from awaz.imports.models import ImportedRecord
    from awaz.partners.tests.factories import OrganisationFactory, StaffFactory

    # Import every app's views now, so the first page, not a step's 10 s, waits for them.
    assert get_resolver().url_patterns
    police = OrganisationFactory(name="Fictional Constabulary", kind="police")
    admin = StaffFactory(
        organisation=police, role="administrator", full_name="Fictional Ada Ministrator"
    )
    today = timezone.localdate()
    recorded = (today - datetime.timedelta(days=20)).strftime("%d/%m/%Y")
    happened = (today - datetime.timedelta(days=22)).strftime("%d/%m/%Y")
    future = (today + datetime.timedelta(days=30)).strftime("%d/%m/%Y")

    page = axe_page
    page.set_viewport_size({"width": 1280, "height": 900})
    audit = AxeAudit(page)
    staff_sign_in(page, admin, home="Staff")

    # The sources: none yet.
    page.get_by_role("link", name="Imports", exact=True).click()
    expect(page.locator("h1")).to_have_text("Imports of partners' records")
    expect(page.get_by_text("Your organisation has no sources yet.")).to_be_visible()
    audit("sources")

    # Defining a source: first with a mistake in a value mapping, then right.
    page.get_by_role("button", name="Define a source").click()
    expect(page.locator("h1")).to_have_text("Define a source")
    audit("define a source")
    page.get_by_label("Name of the source").fill("Fictional monthly crime extract")
    page.get_by_label("CSV").check()
    page.get_by_label("Reference", exact=True).fill("Crime Ref")
    page.get_by_label("Date recorded", exact=True).fill("Recorded Date")
    page.get_by_label("Date it happened (from)", exact=True).fill("Offence From")
    page.get_by_label("Strands", exact=True).fill("Hate Strands")
    page.get_by_label("Outcome", exact=True).fill("Outcome")
    page.get_by_label("Strand values", exact=True).fill("R = race\nRel = religion\nG = goths")
    press(page, "Save the source")
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "“goths” is not one of the codes for strands"
    )
    expect(page.get_by_label("Reference", exact=True)).to_have_value("Crime Ref")
    audit("define a source with errors")
    page.get_by_label("Strand values", exact=True).fill("R = race\nRel = religion")
    page.get_by_label("Home Office outcome values", exact=True).fill("NFA = 18")
    press(page, "Save the source")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Source saved. You can now upload a file for it."
    )
    expect(page.locator("h1")).to_have_text("Fictional monthly crime extract")
    expect(page.get_by_text("Records from this source are police records")).to_be_visible()
    expect(page.locator(".govuk-summary-list")).to_contain_text("r = race")
    audit("source")

    # Uploading with no file chosen says so.
    press(page, "Upload and preview")
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select a file")
    audit("source with errors")

    # A file with errors: previewed, then checked in full, and nothing saved.
    _upload(
        page,
        "extract-with-errors.csv",
        _extract(
            [
                ["FIC/0001/26", recorded, happened, "R", "NFA"],
                ["FIC/0002/26", recorded, happened, "X", "NFA"],
                ["FIC/0003/26", future, happened, "Rel", ""],
                ["FIC/0001/26", recorded, happened, "R", "NFA"],
            ]
        ),
    )
    preview = page.locator("table").first
    expect(preview).to_contain_text("FIC/0001/26")
    audit("preview of a file with errors")
    press(page, "Import the file")
    expect(page.locator("main .govuk-tag")).to_have_text("Not imported")
    expect(page.get_by_role("heading", name="Errors", exact=True)).to_be_visible()
    errors = page.get_by_role("table", name="Errors found in the file, by row")
    rows = [_cells(row) for row in errors.locator("tbody tr").all()]
    assert rows == [
        ["3", "Hate Strands", "X", "Unknown value: add it to the source's mapping of strands"],
        ["4", "Recorded Date", future, "The date is in the future"],
        ["5", "Crime Ref", "FIC/0001/26", "The same reference is on row 2 of this file"],
    ], rows
    assert ImportedRecord.objects.count() == 0
    audit("a file with errors")

    href = page.get_by_role("link", name="Download the errors (CSV)").get_attribute("href")
    download = page.request.get(href)
    assert download.status == 200
    assert download.headers["content-type"].startswith("text/csv")
    assert download.headers["content-disposition"].startswith("attachment;")
    table = list(csv.reader(io.StringIO(download.text().lstrip("\ufeff"))))
    assert table[0] == ["Row", "Column", "Value", "Reason"]
    assert table[1:] == [row for row in rows]

    # The corrected file: previewed, imported, counted.
    page.get_by_role("link", name="Upload a corrected file").click()
    expect(page.get_by_role("table").last).to_contain_text("extract-with-errors.csv")
    _upload(
        page,
        "extract.csv",
        _extract(
            [
                ["FIC/0001/26", recorded, happened, "R", "NFA"],
                ["FIC/0002/26", recorded, happened, "R;Rel", "NFA"],
                ["FIC/0003/26", recorded, happened, "Rel", ""],
            ]
        ),
    )
    first_rows = "The first rows of the file, as they would be imported"
    preview = page.get_by_role("table", name=first_rows)
    expect(preview.locator("tbody tr")).to_have_count(3)
    expect(preview).not_to_contain_text("Error")
    audit("preview")
    press(page, "Import the file")
    expect(page.locator("main .govuk-tag")).to_have_text("Imported")
    counts = page.locator(".govuk-summary-list").first
    expect(counts).to_contain_text(re.compile(r"Rows checked\s*3"))
    expect(counts).to_contain_text(re.compile(r"Rows with errors\s*0"))
    expect(counts).to_contain_text(re.compile(r"New records saved\s*3"))
    expect(page.get_by_role("heading", name="Errors", exact=True)).to_have_count(0)
    audit("a file imported")
    assert ImportedRecord.objects.count() == 3

    # The records, and one record's history.
    page.get_by_role("link", name="See the records imported from this source").click()
    expect(page.locator("h1")).to_have_text("Imported records")
    for reference in ("FIC/0001/26", "FIC/0002/26", "FIC/0003/26"):
        expect(page.get_by_role("link", name=reference)).to_be_visible()
    audit("imported records")
    page.get_by_role("link", name="FIC/0002/26").click()
    expect(page.locator("h1")).to_have_text("FIC/0002/26")
    history = page.locator("table")
    expect(history.locator("tbody tr")).to_have_count(1)
    expect(history).to_contain_text("extract.csv")
    expect(history).to_contain_text("Race")
    expect(history).to_contain_text("Religion")
    audit("imported record")

    # The force's caseworker opens the report made from it: its source, reference, history.
    caseworker = StaffFactory(
        organisation=police, role="partner_caseworker", full_name="Fictional Cas Worker"
    )
    # The reference is stored encrypted: find the record by reading each (three).
    record = next(r for r in ImportedRecord.objects.all() if r.reference == "FIC/0002/26")
    report = record.report
    page.context.clear_cookies()
    staff_sign_in(page, caseworker)
    page.goto(reverse("reporting:triage_report_detail", args=[report.pk]))
    expect(page.locator("h1")).to_have_text(report.reference)
    expect(page.get_by_role("heading", name="Imported record", exact=True)).to_be_visible()
    panel = page.locator(".govuk-summary-list").filter(has_text="Reference in the source")
    expect(panel).to_contain_text("Fictional monthly crime extract (Fictional Constabulary)")
    expect(panel).to_contain_text("FIC/0002/26")
    versions = page.get_by_role("table", name="Versions of the imported record, newest first")
    expect(versions).to_contain_text("extract.csv")
    audit("report made from an imported record")

    audit.assert_clean(
        expected=[
            "sources",
            "define a source",
            "define a source with errors",
            "source",
            "source with errors",
            "preview of a file with errors",
            "a file with errors",
            "preview",
            "a file imported",
            "imported records",
            "imported record",
            "report made from an imported record",
        ]
    )
