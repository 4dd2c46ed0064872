"""Recording consent given by phone or in person, and the case page's "Consent" panel."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from awaz.cases.access import access_case_by_id, is_lead, require, user_can
from awaz.cases.forms.consent import StaffConsentForm, consent_pairs
from awaz.cases.models import Case
from awaz.cases.services import case_consent_record
from awaz.cases.sharing import ViewLevel, case_primary_report, view_level_for
from awaz.core.exceptions import ApplicationError, NotFound, PermissionDenied
from awaz.reporting.models import (
    ConsentMethod,
    ConsentPurpose,
    ConsentRecord,
    RecipientKind,
    Report,
    ReporterRole,
)
from awaz.reporting.selectors import consent_current


def consent_rows(report: Report | None) -> list[dict[str, Any]]:
    """The decisions in force, one row per purpose and recipient kind, with their state."""
    if report is None:
        return []
    rows = []
    for (purpose, kind), record in sorted(consent_current(report=report).items()):
        rows.append(
            {
                "purpose": ConsentPurpose(purpose).label,
                "recipient": RecipientKind(kind).label,
                "record": record,
                "state": _state(record),
            }
        )
    return rows


def _state(record: ConsentRecord) -> str:
    if record.granted:
        if record.expires_at is not None and record.expires_at <= timezone.now():
            return "expired"
        return "given"
    return "withdrawn" if record.is_withdrawal else "refused"


@login_required
@require_http_methods(["GET", "POST"])
def consent_record_view(request: HttpRequest, case_id: int) -> HttpResponse:
    require(request.user, "case.consent")
    case = access_case_by_id(request.user, case_id)
    if not is_lead(request.user, case):
        raise PermissionDenied()
    report = case_primary_report(case)
    if report is None:
        raise NotFound()
    current = {pair: row.granted for pair, row in consent_current(report=report).items()}
    form = StaffConsentForm(
        request.POST if request.method == "POST" else None,
        pairs=consent_pairs(is_anonymous=report.is_anonymous),
        current=current,
    )
    if request.method == "POST" and form.is_valid():
        try:
            case_consent_record(
                case=case,
                decisions=form.decisions(),
                method=ConsentMethod(form.cleaned_data["method"]),
                given_by=ReporterRole(form.cleaned_data["given_by"]),
                expires_at=form.expires_at(),
                actor=request.user,
            )
        except ApplicationError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("Consent recorded. It applies from now on."))
            return redirect(reverse("cases:case_detail", args=[case.pk]))
    return render(
        request,
        "cases/consent/record.html",
        {"case": case, "form": form, "rows": consent_rows(report)},
    )


def consent_panel_context(case: Case, user: Any) -> dict[str, Any]:
    """Consent in force on the primary report (reads only)."""
    lead = is_lead(user, case)
    level, reason = view_level_for(user=user, case=case)
    return {
        "is_lead": lead,
        "rows": consent_rows(case_primary_report(case)) if lead else [],
        "can_record": lead and user_can(user, "case.consent"),
        "full_view": level == ViewLevel.FULL,
        "hidden_reason": reason,
    }


urlpatterns = [
    path("<int:case_id>/consent/", consent_record_view, name="consent_record"),
]
