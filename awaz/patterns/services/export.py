"""The filtered incident list as CSV or XLSX.

One row per incident in the dashboard's filters (``selectors.dashboard.facts_in``), with the
report's reference and strands: 15 columns, none personal. Personal columns (the account,
where it happened in words, the contact name, the contact e-mail and phone, and whether
the row's personal details are included or withheld) are added only when the user asked
for them and their role is in ``patterns.export_personal``; even then each row's cells are
filled only for a report the user could open anyway: one their organisation received
(``reporting.access``) or one in a case it leads (``cases.selectors.cases_led_by_user_org``).
The e-mail and phone are filled only where the organisation received the report and the
reporter's consent to be contacted by it is in force at the moment of the download. Cases
merely referred to the organisation are left out: consent is checked at the moment of each
share there, and an export is not that moment. Other rows keep the non-personal columns
only and say "withheld".

Every text cell goes through ``csvsafe.safe_cell`` so no spreadsheet runs it as a formula.
The CSV streams; the XLSX is written to a temporary file (openpyxl's write-only mode keeps
memory flat). ``export_audit`` records one audit event per download.
"""

from __future__ import annotations

import csv
import datetime
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import batched
from typing import IO, Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from awaz.audit.events import AuditEventType
from awaz.audit.services import audit_record
from awaz.cases.models import CaseReport
from awaz.cases.selectors import cases_led_by_user_org
from awaz.partners.services.accounts import actor_for
from awaz.patterns.access import user_can
from awaz.patterns.csvsafe import safe_cell
from awaz.patterns.selectors.dashboard import Filters, facts_in
from awaz.reporting.access import reports_visible_to
from awaz.reporting.models import ConsentPurpose, IncidentFact, RecipientKind, Report
from awaz.reporting.selectors import consent_allows_exists
from awaz.reporting.services.facts import type_codes

FORMATS = ("csv", "xlsx")
# Above this many rows the user is asked to narrow the filters (settings may change it).
DEFAULT_MAX_ROWS = 100_000
BATCH = 1000

_FACT_COLUMNS = (
    "report_id",
    "report__reference",
    "occurred_on",
    "date_known",
    "reported_on",
    "weekday",
    "hour",
    "area__code",
    "area__name",
    "local_authority__name",
    "type_mask",
    "channel",
    "source",
    "grid_easting",
    "grid_northing",
)


def export_max_rows() -> int:
    return int(getattr(settings, "PATTERNS_EXPORT_MAX_ROWS", DEFAULT_MAX_ROWS))


def export_header(*, personal: bool) -> list[str]:
    header = [
        _("Reference"),
        _("Date of incident"),
        _("Date known"),
        _("Date reported"),
        _("Day of week"),
        _("Hour"),
        _("Area code"),
        _("Area"),
        _("Local authority"),
        _("Strands"),
        _("Incident types"),
        _("Channel"),
        _("Who reported"),
        _("Grid easting"),
        _("Grid northing"),
    ]
    if personal:
        header += [
            _("What happened"),
            _("Where it happened"),
            _("Contact name"),
            _("Contact e-mail"),
            _("Contact phone"),
            _("Personal details"),
        ]
    return [str(h) for h in header]


def export_queryset(filters: Filters) -> QuerySet[IncidentFact]:
    return facts_in(filters).order_by("occurred_on", "report_id")


def personal_allowed(user: Any) -> bool:
    """Whether the user's role may have personal columns at all."""
    return user_can(user, "patterns.export_personal")


def _visible_report_ids(user: Any, report_ids: list[int]) -> set[int]:
    """Of ``report_ids``, those the user could open anyway (received, or in a case led)."""
    own = set(reports_visible_to(user).filter(pk__in=report_ids).values_list("pk", flat=True))
    led = set(
        CaseReport.objects.filter(
            report_id__in=report_ids, case__in=cases_led_by_user_org(user=user).values("pk")
        ).values_list("report_id", flat=True)
    )
    return own | led


def _contactable_report_ids(user: Any, report_ids: list[int]) -> set[int]:
    """Of ``report_ids``, those the user's organisation received whose reporter consents,
    now, to be contacted by it: only these rows carry the e-mail and phone."""
    allowed = consent_allows_exists(
        purpose=ConsentPurpose.CONTACT, recipient=RecipientKind.RECEIVING_ORGANISATION
    )
    return set(
        reports_visible_to(user)
        .filter(pk__in=report_ids, is_anonymous=False)
        .annotate(may_contact=allowed)
        .filter(may_contact=True)
        .values_list("pk", flat=True)
    )


def personal_row_count(user: Any, filters: Filters) -> int:
    """How many rows of the export would carry personal details for ``user``."""
    ids = export_queryset(filters).values("report_id")
    own = reports_visible_to(user).filter(pk__in=ids).values("pk")
    led = CaseReport.objects.filter(
        report_id__in=ids, case__in=cases_led_by_user_org(user=user).values("pk")
    ).values("report_id")
    return Report.objects.filter(Q(pk__in=own) | Q(pk__in=led)).count()


@dataclass(frozen=True)
class ExportPlan:
    """What a download will contain: rows, whether personal columns are present, and how
    many rows fill them."""

    filters: Filters
    rows: int
    personal: bool
    personal_rows: int

    @property
    def too_many(self) -> bool:
        return self.rows > export_max_rows()


def export_plan(*, user: Any, filters: Filters, want_personal: bool) -> ExportPlan:
    """What a download holds. ``personal_rows`` is counted for every role that may have
    personal columns, so the page can say how many rows would carry them."""
    rows = export_queryset(filters).count()
    allowed = personal_allowed(user)
    return ExportPlan(
        filters=filters,
        rows=rows,
        personal=want_personal and allowed,
        personal_rows=personal_row_count(user, filters) if allowed else 0,
    )


def export_rows(*, user: Any, plan: ExportPlan) -> Iterator[list[Any]]:
    """The rows of the export as Python values (dates, numbers, text), in date order."""
    weekdays = {i: str(name) for i, name in WEEKDAYS.items()}
    included, withheld = str(_("included")), str(_("withheld"))
    facts = export_queryset(plan.filters).values_list(*_FACT_COLUMNS)
    for batch in batched(facts.iterator(chunk_size=BATCH), BATCH):
        ids = [row[0] for row in batch]
        strands: dict[int, list[str]] = {}
        for report_id, code in (
            Report.strands.through.objects.filter(report_id__in=ids)
            .order_by("strand__sort_order", "strand__code")
            .values_list("report_id", "strand__code")
        ):
            strands.setdefault(report_id, []).append(code)
        texts: dict[int, tuple[str, str, str, str, str]] = {}
        if plan.personal:
            visible = _visible_report_ids(user, ids)
            contactable = _contactable_report_ids(user, list(visible))
            for report in Report.objects.filter(pk__in=visible).only(
                "pk",
                "what_happened",
                "location_description",
                "contact_name",
                "contact_email",
                "contact_phone",
            ):
                may_contact = report.pk in contactable
                texts[report.pk] = (
                    report.what_happened,
                    report.location_description,
                    report.contact_name,
                    report.contact_email if may_contact else "",
                    report.contact_phone if may_contact else "",
                )
        for row in batch:
            rid, ref, occurred, known, reported, weekday, hour = row[:7]
            area_code, area_name, local_authority, mask = row[7:11]
            channel, source, easting, northing = row[11:]
            out: list[Any] = [
                ref,
                occurred,
                known,
                reported,
                weekdays.get(weekday, ""),
                hour,
                area_code,
                area_name,
                local_authority,
                ";".join(strands.get(rid, [])),
                ";".join(type_codes(mask)),
                channel,
                source,
                easting,
                northing,
            ]
            if plan.personal:
                if rid in texts:
                    out += [*texts[rid], included]
                else:
                    out += ["", "", "", "", "", withheld]
            yield out


def export_audit(*, user: Any, plan: ExportPlan, fmt: str) -> None:
    """One audit event per download: how many rows, and whether personal columns came."""
    f = plan.filters
    audit_record(
        event_type=AuditEventType.INCIDENTS_EXPORTED,
        actor=actor_for(user),
        target_type="patterns.incident_export",
        details={
            "format": fmt,
            "rows": plan.rows,
            "personal": plan.personal,
            "personal_rows": plan.personal_rows if plan.personal else 0,
            "filters": {
                "start": f.start.isoformat(),
                "end": f.end.isoformat(),
                "strands": list(f.strands),
                "area": f.area,
                "incident_types": list(f.incident_types),
                "channels": list(f.channels),
                "sources": list(f.sources),
            },
        },
    )


# --- writing ----------------------------------------------------------------------------------


class _Echo:
    """A file-like object whose ``write`` returns the line, for a streamed CSV."""

    def write(self, value: str) -> str:
        return value


def csv_lines(header: list[str], rows: Iterable[list[Any]]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        yield writer.writerow([safe_cell(cell) for cell in row])


def _xlsx_value(value: Any) -> Any:
    """Numbers, booleans and dates stay typed; text is neutralised like the CSV and loses the
    control characters XLSX cannot hold."""
    if value is None or isinstance(value, bool | int | float | datetime.date):
        return value
    return ILLEGAL_CHARACTERS_RE.sub("", safe_cell(value))


def xlsx_file(header: list[str], rows: Iterable[list[Any]]) -> IO[bytes]:
    """The workbook in a temporary file, positioned at its start (deleted when closed)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Incidents")[:31])
    sheet.append([_xlsx_value(h) for h in header])
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=_xlsx_value(value))
            if isinstance(value, datetime.date):
                cell.number_format = "yyyy-mm-dd"
            cells.append(cell)
        sheet.append(cells)
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 - the response closes it
    workbook.save(handle)
    handle.seek(0)
    return handle
