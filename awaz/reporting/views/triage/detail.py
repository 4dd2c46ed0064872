"""A report's page for staff of the receiving organisation, and its evidence files.

Opening either writes a ``*_VIEWED`` audit row in the same transaction as the read
(``services.triage``) and nothing else; "Start looking at this" is a POST of its own. The
map shows the report's area only: the exact point is never put on a map at this stage; the
text gives the area and the generalised 50 m grid square.
"""

from __future__ import annotations

import datetime
import mimetypes
import re
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from awaz.geo.selectors import area_geojson
from awaz.reporting.access import user_can
from awaz.reporting.forms import choices
from awaz.reporting.models import (
    ConsentPurpose,
    EntryKind,
    IncidentType,
    LocationSource,
    RecipientKind,
    Report,
    ReportStatus,
)
from awaz.reporting.panels import report_panels
from awaz.reporting.selectors import report_child_safeguarding
from awaz.reporting.services.triage import evidence_open, report_open, report_review_start

VICTIM_LABELS = {
    "age_band": gettext_lazy("Age"),
    "gender": gettext_lazy("Gender"),
    "ethnicity": gettext_lazy("Ethnicity"),
    "disability": gettext_lazy("Disability"),
    "religion": gettext_lazy("Religion or belief"),
    "sexual_orientation": gettext_lazy("Sexual orientation"),
}
COMMUNICATION_LABELS = {
    "language": gettext_lazy("Language"),
    "interpreter": gettext_lazy("Needs an interpreter"),
    "bsl": gettext_lazy("British Sign Language"),
    "easy_read": gettext_lazy("Easy read"),
}
OFFENDER_LABELS = {
    "count": gettext_lazy("How many people"),
    "known_to_victim": gettext_lazy("Known to the victim"),
    "description": gettext_lazy("Description"),
}
# The journey's answer options, so stored codes read as the reporter saw them.
VALUE_LABELS: dict[str, dict[str, Any]] = {
    "age_band": dict(choices.AGE_BANDS),
    "gender": dict(choices.GENDER),
    "ethnicity": dict(choices.ETHNICITY),
    "disability": dict(choices.DISABILITY),
    "religion": dict(choices.RELIGION),
    "sexual_orientation": dict(choices.SEXUAL_ORIENTATION),
    "count": dict(choices.OFFENDER_COUNT),
    "known_to_victim": dict(choices.YES_NO_NOT_SURE),
    "support_wanted": dict(choices.SUPPORT_KINDS),
    "contact_methods": dict(choices.CONTACT_METHODS),
}
COMMON_LABELS: dict[str, Any] = {
    choices.PREFER_NOT_TO_SAY: gettext_lazy("Prefer not to say"),
    choices.DONT_KNOW: gettext_lazy("Does not know"),
    choices.NOT_SURE: gettext_lazy("Not sure"),
}
_CODE = re.compile(r"^[a-z0-9_]+$")


def _humanise(value: Any, key: str = "") -> str:
    """A stored answer in words: codes with the journey's labels (or ``prefer_not_to_say``
    as "Prefer not to say"), booleans as yes/no, lists joined; free text as typed."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list | tuple):
        return ", ".join(part for part in (_humanise(v, key) for v in value) if part)
    text = str(value)
    label = VALUE_LABELS.get(key, {}).get(text) or COMMON_LABELS.get(text)
    if label is not None:
        return str(label)
    if _CODE.match(text):
        text = text.replace("_", " ")
        return text[:1].upper() + text[1:]
    return text


def _pairs(values: Any, labels: dict[str, Any]) -> list[tuple[str, str]]:
    """Rows for a summary list: known keys first, in order, then any others."""
    values = values or {}
    keys = [k for k in labels if k in values] + [k for k in values if k not in labels]
    rows = [(str(labels.get(k, _humanise(k))), _humanise(values[k], k)) for k in keys]
    return [(label, value) for label, value in rows if value]


def os_grid_reference(easting: int, northing: int) -> str:
    """An Ordnance Survey grid reference to 10 m (``NY 4012 5597``) for a BNG point."""
    e100k, n100k = easting // 100000, northing // 100000
    if not (0 <= e100k < 7 and 0 <= n100k < 13):
        return ""
    first = (19 - n100k) - (19 - n100k) % 5 + (e100k + 10) // 5
    second = (19 - n100k) * 5 % 25 + e100k % 5
    letters = "".join(chr(ord("A") + i + (1 if i > 7 else 0)) for i in (first, second))
    return f"{letters} {easting % 100000 // 10:04d} {northing % 100000 // 10:04d}"


def _incident_types(report: Report) -> str:
    labels = []
    for code in report.incident_types or []:
        try:
            labels.append(str(IncidentType(code).label))
        except ValueError:
            labels.append(_humanise(code))
    return ", ".join(labels)


def _exact_point(report: Report) -> str:
    """The exact point as text, for the caseworker only (never on a map at this stage)."""
    point: Any = report.location_point
    if not isinstance(point, dict) or "lat" not in point or "lon" not in point:
        return ""
    return _("%(lat)s, %(lon)s (latitude, longitude)") % {
        "lat": f"{float(point['lat']):.5f}",
        "lon": f"{float(point['lon']):.5f}",
    }


def incident_when(
    *,
    incident_date: datetime.date | None,
    incident_time: datetime.time | None = None,
    is_ongoing: bool = False,
) -> str:
    """When it happened in words: the date (and time) the reporter gave, and that it is
    still happening if they said so; one never hides the other."""
    day = ""
    if incident_date is not None:
        day = date_format(incident_date, "j F Y")
        if incident_time is not None:
            day = _("%(day)s at about %(time)s") % {
                "day": day,
                "time": time_format(incident_time, "H:i"),
            }
    if not is_ongoing:
        return day
    if not day:
        return _("It is still happening")
    return _("%(when)s, and it is still happening") % {"when": day}


def _when(report: Report) -> str:
    return incident_when(
        incident_date=report.incident_date,
        incident_time=report.incident_time,
        is_ongoing=report.is_ongoing,
    )


def _strands_text(strands: list[str], not_sure: bool) -> str:
    names = list(strands)
    if not_sure:
        names.append(_("Not sure"))
    return ", ".join(names)


def _consent_rows(consents: dict[tuple[str, str], Any]) -> list[dict[str, Any]]:
    rows = []
    for (purpose, kind), record in sorted(consents.items()):
        rows.append(
            {
                "purpose": ConsentPurpose(purpose).label,
                "recipient": RecipientKind(kind).label,
                "record": record,
            }
        )
    return rows


def _no_area_reason(report: Report) -> str:
    """Why a report has no area, for the "Area" row: a postcode the lookup did not know
    placed nothing, which is not the same as no place given."""
    if report.area_id is not None:
        return ""
    if report.location_source == LocationSource.NONE:
        if report.postcode:
            return _("Postcode given but not found in the lookup")
        return _("Not given")
    return _("Outside the partnership's areas")


@login_required
@require_GET
def triage_report_detail(request: HttpRequest, report_id: int) -> HttpResponse:
    detail = report_open(report_id=report_id, user=request.user)
    report = detail.report
    grid = ""
    if report.grid_easting is not None and report.grid_northing is not None:
        grid = os_grid_reference(report.grid_easting, report.grid_northing)
    area_features = area_geojson([report.area]) if report.area is not None else None
    return render(
        request,
        "reporting/triage/detail.html",
        {
            "report": report,
            "safeguarding_reasons": report_child_safeguarding(report=report),
            "strands_text": _strands_text(detail.strands, report.strand_not_sure),
            "when": _when(report),
            "incident_types": _incident_types(report),
            "victim_rows": _pairs(report.victim_details, VICTIM_LABELS),
            "communication_rows": _pairs(report.communication_needs, COMMUNICATION_LABELS),
            "offender_rows": _pairs(report.offender_details, OFFENDER_LABELS),
            "support_wanted": _humanise(report.support_wanted, "support_wanted"),
            "contact_methods": _humanise(report.contact_methods, "contact_methods"),
            "exact_point": _exact_point(report),
            "no_area_reason": _no_area_reason(report),
            "consent_rows": _consent_rows(detail.consents),
            "timeline": detail.timeline,
            "report_panels": report_panels(user=request.user, report=report),
            "information_added": EntryKind.INFORMATION_ADDED,
            "evidence": detail.evidence,
            "can_download": user_can(request.user, "report.view_evidence"),
            "can_start_review": report.status == ReportStatus.RECEIVED
            and user_can(request.user, "report.review"),
            "grid_reference": grid,
            "area_geojson": area_features if area_features and area_features["features"] else None,
            "map_tile_url": settings.MAP_TILE_URL or "",
            "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION or "",
        },
    )


@login_required
@require_POST
def triage_report_review_start(request: HttpRequest, report_id: int) -> HttpResponse:
    """The report page's "Start looking at this": the reporter then sees "being looked at"."""
    report_review_start(report_id=report_id, user=request.user)
    messages.success(request, _("You have started looking at this report."))
    return redirect("reporting:triage_report_detail", report_id)


@login_required
@require_GET
def triage_evidence_download(
    request: HttpRequest, report_id: int, evidence_id: int
) -> HttpResponse:
    evidence, data = evidence_open(report_id=report_id, evidence_id=evidence_id, user=request.user)
    extension = mimetypes.guess_extension(evidence.content_type) or ".bin"
    # A neutral name: the uploaded name may itself be personal data.
    filename = f"evidence-{evidence.pk}{extension}"
    response = HttpResponse(data, content_type=evidence.content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Length"] = str(len(data))
    return response
