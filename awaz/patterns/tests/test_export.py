"""The incident export: who may download it, which rows carry personal details (asked for,
a role in patterns.export_personal, and a report the user could open anyway), formula
neutralisation in CSV and XLSX, the dashboard filters, the row cap and the audit event."""

from __future__ import annotations

import csv
import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from awaz.audit.events import AuditEventType
from awaz.audit.models import AuditEvent
from awaz.cases.codes import new_case_reference
from awaz.cases.models import Case, CaseReport, Referral
from awaz.partners.tests.factories import StaffFactory
from awaz.reporting.tests.factories import FICTIONAL_EMAIL, make_area, make_report, make_strand

pytestmark = pytest.mark.django_db

PAGE = reverse("patterns:export")
CSV = reverse("patterns:export_download", args=["csv"])
XLSX = reverse("patterns:export_download", args=["xlsx"])
YEAR_2025 = "start-day=1&start-month=1&start-year=2025&end-day=31&end-month=12&end-year=2025"
D = datetime.date
PHONE = "07700 900321"
PERSONAL = [
    "What happened",
    "Where it happened",
    "Contact name",
    "Contact e-mail",
    "Contact phone",
    "Personal details",
]


def report(organisation, day, **kwargs):
    kwargs.setdefault("what_happened", "Fictional account of shouting at a bus stop.")
    kwargs.setdefault("location_description", "Outside the fictional library")
    kwargs.setdefault("contact_name", "Sam Fictional")
    return make_report(organisation=organisation, incident_date=day, **kwargs)[0]


def led_case(lead, rep):
    case = Case.objects.create(
        reference=new_case_reference(), lead_organisation=lead, opened_at=timezone.now()
    )
    CaseReport.objects.create(case=case, report=rep, is_primary=True, linked_at=timezone.now())
    return case


def csv_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(text)))
    return rows[0], [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def xlsx_sheet(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return workbook.active


@pytest.fixture
def analyst(org_a):
    return StaffFactory(organisation=org_a, role="analyst")


@pytest.fixture
def chair(org_a):
    return StaffFactory(organisation=org_a, role="chair")


@pytest.fixture
def caseworker(org_a):
    """Partner caseworkers may open their organisation's reports and the cases it leads, so
    they alone may ask for personal columns, for those rows."""
    return StaffFactory(organisation=org_a, role="partner_caseworker")


# Who may export ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["pcc_office", "centre_caseworker", "administrator"])
def test_roles_without_export_get_404(client, org_a, role):
    report(org_a, D(2025, 3, 1))
    client.force_login(StaffFactory(organisation=org_a, role=role))
    for url in (PAGE, CSV, XLSX):
        assert client.get(f"{url}?{YEAR_2025}").status_code == 404
    assert not AuditEvent.objects.filter(event_type=AuditEventType.INCIDENTS_EXPORTED).exists()


def test_an_unknown_format_is_404(client, analyst):
    client.force_login(analyst)
    url = reverse("patterns:export_download", args=["pdf"])
    assert client.get(url).status_code == 404


def test_the_page_counts_the_rows_and_offers_personal_details_only_to_caseworkers(
    client, org_a, caseworker, analyst, chair
):
    report(org_a, D(2025, 3, 1))
    report(org_a, D(2025, 4, 1))
    report(org_a, D(2024, 4, 1))
    client.force_login(caseworker)
    page = client.get(f"{PAGE}?{YEAR_2025}").content.decode()
    assert '<dd class="govuk-summary-list__value">2</dd>' in page
    assert "1 January 2025 to 31 December 2025" in page
    assert 'name="personal"' in page
    assert f'formaction="{XLSX}"' in page
    assert '<input type="hidden" name="start-year" value="2025">' in page
    # Caseworkers cannot open the dashboard, so the page has its own filters.
    assert f'<form method="get" action="{PAGE}" novalidate>' in page
    assert "Back to the dashboard" not in page
    for other in (analyst, chair):
        client.force_login(other)
        page = client.get(f"{PAGE}?{YEAR_2025}").content.decode()
        assert 'name="personal"' not in page
        assert f'formaction="{CSV}"' in page


# Personal columns ----------------------------------------------------------------------------


def test_a_chair_never_gets_personal_columns(client, org_a, chair):
    report(org_a, D(2025, 3, 1))
    client.force_login(chair)
    header, rows = csv_rows(client.get(f"{CSV}?{YEAR_2025}&personal=on"))
    assert not set(PERSONAL) & set(header)
    assert len(rows) == 1
    event = AuditEvent.objects.get(event_type=AuditEventType.INCIDENTS_EXPORTED)
    assert event.details["personal"] is False and event.details["rows"] == 1


def test_a_caseworker_without_ticking_the_box_gets_no_personal_columns(client, org_a, caseworker):
    report(org_a, D(2025, 3, 1))
    client.force_login(caseworker)
    header, _rows = csv_rows(client.get(f"{CSV}?{YEAR_2025}"))
    assert not set(PERSONAL) & set(header)


def test_an_analyst_never_gets_personal_columns(client, org_a, analyst):
    rep = report(org_a, D(2025, 3, 1))
    client.force_login(analyst)
    header, rows = csv_rows(client.get(f"{CSV}?{YEAR_2025}&personal=on"))
    assert not set(PERSONAL) & set(header)
    assert [row["Reference"] for row in rows] == [rep.reference]


def test_a_caseworker_gets_personal_details_only_for_reports_they_could_open(
    client, org_a, org_b, caseworker
):
    received = report(org_a, D(2025, 3, 1), contact_name="Ada Fictional")
    elsewhere = report(org_b, D(2025, 3, 2), contact_name="Bo Fictional")
    in_our_case = report(org_b, D(2025, 3, 3), contact_name="Cy Fictional")
    led_case(org_a, in_our_case)
    referred_to_us = report(org_b, D(2025, 3, 4), contact_name="Di Fictional")
    case = led_case(org_b, referred_to_us)
    Referral.objects.create(
        case=case,
        from_organisation=org_b,
        to_organisation=org_a,
        recipient_kind="victim_support",
        reason="Fictional reason for referral.",
        status="accepted",
        sent_at=timezone.now(),
    )
    client.force_login(caseworker)
    _header, rows = csv_rows(client.get(f"{CSV}?{YEAR_2025}&personal=on"))
    by_ref = {row["Reference"]: row for row in rows}
    assert by_ref[received.reference]["Contact name"] == "Ada Fictional"
    assert by_ref[received.reference]["What happened"] == received.what_happened
    assert by_ref[received.reference]["Where it happened"] == "Outside the fictional library"
    assert by_ref[received.reference]["Personal details"] == "included"
    assert by_ref[in_our_case.reference]["Contact name"] == "Cy Fictional"
    for other in (elsewhere, referred_to_us):
        row = by_ref[other.reference]
        assert (row["What happened"], row["Contact name"], row["Personal details"]) == (
            "",
            "",
            "withheld",
        )
    event = AuditEvent.objects.get(event_type=AuditEventType.INCIDENTS_EXPORTED)
    assert event.actor_id == caseworker.pk
    assert event.details["personal"] is True
    assert (event.details["rows"], event.details["personal_rows"]) == (4, 2)
    assert event.details["format"] == "csv"
    assert event.details["filters"]["start"] == "2025-01-01"


def test_contact_details_only_for_own_reports_whose_reporter_agrees_to_contact(
    client, org_a, org_b, caseworker
):
    contact = {("contact", "receiving"): True}
    agrees = report(
        org_a, D(2025, 3, 1), email=FICTIONAL_EMAIL, contact_phone=PHONE, consents=contact
    )
    declines = report(
        org_a,
        D(2025, 3, 2),
        email=FICTIONAL_EMAIL,
        contact_phone=PHONE,
        consents={("contact", "receiving"): False},
    )
    # Their consent is to be contacted by the organisation that received it (B), not by us.
    in_our_case = report(
        org_b, D(2025, 3, 3), email=FICTIONAL_EMAIL, contact_phone=PHONE, consents=contact
    )
    led_case(org_a, in_our_case)
    elsewhere = report(org_b, D(2025, 3, 4), email=FICTIONAL_EMAIL, consents=contact)
    client.force_login(caseworker)
    header, rows = csv_rows(client.get(f"{CSV}?{YEAR_2025}&personal=on"))
    assert len(header) == 15 + len(PERSONAL)
    assert header[15:] == PERSONAL
    by_ref = {row["Reference"]: row for row in rows}
    assert (
        by_ref[agrees.reference]["Contact e-mail"],
        by_ref[agrees.reference]["Contact phone"],
    ) == (
        FICTIONAL_EMAIL,
        PHONE,
    )
    for no_contact in (declines, in_our_case):
        row = by_ref[no_contact.reference]
        assert (row["Contact e-mail"], row["Contact phone"]) == ("", "")
        assert (row["Contact name"], row["Personal details"]) == ("Sam Fictional", "included")
    row = by_ref[elsewhere.reference]
    assert [row[column] for column in PERSONAL] == ["", "", "", "", "", "withheld"]
    assert FICTIONAL_EMAIL not in str(AuditEvent.objects.values_list("details", flat=True))


def test_the_page_tells_a_caseworker_how_many_rows_can_carry_personal_details(
    client, org_a, org_b, caseworker
):
    report(org_a, D(2025, 3, 1))
    report(org_a, D(2025, 3, 2))
    report(org_b, D(2025, 3, 3))
    client.force_login(caseworker)
    page = " ".join(client.get(f"{PAGE}?{YEAR_2025}").content.decode().split())
    assert "2 of the 3 incidents are reports your organisation received" in page
    client.force_login(StaffFactory(organisation=org_b, role="partner_caseworker"))
    page = " ".join(client.get(f"{PAGE}?{YEAR_2025}").content.decode().split())
    assert "1 of the 3 incidents is a report your organisation received" in page
    assert not AuditEvent.objects.filter(event_type=AuditEventType.INCIDENTS_EXPORTED).exists()


# Columns, filters and neutralisation ---------------------------------------------------------


def test_columns_and_filters(client, org_a, chair):
    race = make_strand("race", "Race")
    faith = make_strand("faith", "Faith")
    county_town = make_area("TEST-LA1", "Fictional Town")
    ward = make_area("TEST-W1", "Fictional Ward", level="ward", parent=county_town)
    wanted = report(
        org_a,
        D(2025, 3, 5),
        incident_time=datetime.time(21, 30),
        strands=[faith, race],
        area=ward,
        incident_types=["verbal_abuse", "threats"],
        grid_easting=340025,
        grid_northing=555075,
        reporter_role="witness",
    )
    report(org_a, D(2025, 3, 6), strands=[faith], area=ward, reporter_role="witness")
    report(
        org_a,
        D(2025, 3, 6),
        strands=[race],
        area=ward,
        reporter_role="witness",
        incident_types=["verbal_abuse"],
    )
    report(org_a, D(2025, 3, 7), strands=[race], reporter_role="witness")
    report(org_a, D(2025, 3, 8), strands=[race], area=ward, reporter_role="victim")
    report(org_a, D(2024, 3, 5), strands=[race], area=ward, reporter_role="witness")
    client.force_login(chair)
    query = f"{YEAR_2025}&strand=race&area=TEST-LA1&source=witness&type=threats"
    header, rows = csv_rows(client.get(f"{CSV}?{query}"))
    assert header[:6] == [
        "Reference",
        "Date of incident",
        "Date known",
        "Date reported",
        "Day of week",
        "Hour",
    ]
    assert [row["Reference"] for row in rows] == [wanted.reference]
    row = rows[0]
    assert row["Date of incident"] == "2025-03-05"
    assert row["Date known"] == "True"
    assert row["Day of week"] == "Wednesday"
    assert row["Hour"] == "21"
    assert (row["Area code"], row["Area"], row["Local authority"]) == (
        "TEST-W1",
        "Fictional Ward",
        "Fictional Town",
    )
    assert sorted(row["Strands"].split(";")) == ["faith", "race"]
    assert row["Incident types"] == "verbal_abuse;threats"
    assert (row["Channel"], row["Who reported"]) == ("online", "witness")
    assert (row["Grid easting"], row["Grid northing"]) == ("340025", "555075")


def test_csv_cells_cannot_run_as_formulas(client, org_a, caseworker):
    area = make_area("TEST-EVIL", '=HYPERLINK("http://example.invalid")')
    report(
        org_a,
        D(2025, 3, 1),
        area=area,
        what_happened="=1+2",
        location_description="@SUM(A1)",
        contact_name="-Fictional",
    )
    report(org_a, D(2025, 3, 2), what_happened="+44 fictional", contact_name="\tTab Fictional")
    client.force_login(caseworker)
    _header, rows = csv_rows(client.get(f"{CSV}?{YEAR_2025}&personal=on"))
    assert rows[0]["Area"] == '\'=HYPERLINK("http://example.invalid")'
    assert rows[0]["What happened"] == "'=1+2"
    assert rows[0]["Where it happened"] == "'@SUM(A1)"
    assert rows[0]["Contact name"] == "'-Fictional"
    assert rows[1]["What happened"] == "'+44 fictional"
    assert rows[1]["Contact name"] == "'\tTab Fictional"


def test_xlsx_cells_are_text_not_formulas_and_numbers_stay_numbers(client, org_a, caseworker):
    area = make_area("TEST-EVIL", '=HYPERLINK("http://example.invalid")')
    rep = report(
        org_a,
        D(2025, 3, 1),
        area=area,
        what_happened="=1+2\x0b with a control character",
        contact_name="@Fictional",
        grid_easting=340025,
        grid_northing=555075,
    )
    client.force_login(caseworker)
    response = client.get(f"{XLSX}?{YEAR_2025}&personal=on")
    assert (
        'filename="awaz-incidents-2025-01-01-to-2025-12-31.xlsx"'
        in (response["Content-Disposition"])
    )
    sheet = xlsx_sheet(response)
    header = [cell.value for cell in sheet[1]]
    row = {name: cell for name, cell in zip(header, sheet[2], strict=True)}
    assert row["Reference"].value == rep.reference
    for name in ("Area", "What happened", "Contact name"):
        assert row[name].data_type == "s"
        assert row[name].value.startswith("'")
    assert row["What happened"].value == "'=1+2 with a control character"
    assert row["Grid easting"].value == 340025 and row["Grid easting"].data_type == "n"
    assert row["Date of incident"].value.date() == D(2025, 3, 1)
    assert row["Date known"].value is True
    assert not any(cell.data_type == "f" for line in sheet.iter_rows() for cell in line)
    event = AuditEvent.objects.get(event_type=AuditEventType.INCIDENTS_EXPORTED)
    assert (event.details["format"], event.details["personal"]) == ("xlsx", True)


def test_too_many_rows_asks_to_narrow_the_filters(client, org_a, chair, settings):
    settings.PATTERNS_EXPORT_MAX_ROWS = 2
    for day in (1, 2, 3):
        report(org_a, D(2025, 3, day))
    client.force_login(chair)
    for url in (PAGE, CSV):
        response = client.get(f"{url}?{YEAR_2025}")
        assert response.status_code == 200
        page = response.content.decode()
        assert "These filters select 3 incidents, more than the 2 one download can hold." in page
        assert "formaction" not in page
    assert not AuditEvent.objects.filter(event_type=AuditEventType.INCIDENTS_EXPORTED).exists()
    response = client.get(
        f"{CSV}?start-day=1&start-month=3&start-year=2025&end-day=2&end-month=3&end-year=2025"
    )
    _header, rows = csv_rows(response)
    assert len(rows) == 2


def test_rows_come_in_batches_with_their_own_strands(client, org_a, chair, monkeypatch):
    from awaz.patterns.services import export

    monkeypatch.setattr(export, "BATCH", 2)
    race = make_strand("race", "Race")
    made = [
        report(org_a, D(2025, 3, day), strands=[race] if day % 2 else []) for day in range(1, 6)
    ]
    client.force_login(chair)
    _header, rows = csv_rows(client.get(f"{CSV}?{YEAR_2025}"))
    assert [row["Reference"] for row in rows] == [r.reference for r in made]
    assert [row["Strands"] for row in rows] == ["race", "", "race", "", "race"]


def _denials():
    return list(AuditEvent.objects.filter(event_type=AuditEventType.ACCESS_DENIED).order_by("id"))


def _page(response) -> str:
    return re.sub(r'nonce="[^"]+"', "", response.content.decode())


def test_a_refused_role_is_audited_and_sees_an_unknown_formats_404(client, org_a, analyst):
    from django.core.cache import cache

    cache.clear()  # the per-user denial count lives there
    refused = StaffFactory(organisation=org_a, role="pcc_office")
    client.force_login(refused)
    response = client.get(CSV)
    assert response.status_code == 404
    (event,) = _denials()
    assert (event.actor_id, event.target_type, event.target_id) == (
        refused.pk,
        "patterns.export",
        "csv",
    )
    assert event.details["view"] == "patterns:export_download"
    client.get(PAGE)
    assert [(e.target_type, e.target_id) for e in _denials()][1:] == [("patterns.export", "")]
    # What the refused role sees is exactly the 404 of a format that does not exist.
    client.force_login(analyst)
    missing = client.get(reverse("patterns:export_download", args=["pdf"]))
    assert missing.status_code == 404
    client.force_login(refused)
    assert _page(client.get(CSV)) == _page(missing)
    cache.clear()
