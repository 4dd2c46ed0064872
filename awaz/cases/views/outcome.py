"""Closing a case with its outcome (staff), and the satisfaction survey the victim answers
with their follow-up code (the reporter's side: it reuses the follow-up session of
``awaz.reporting.views.followup``, so the report id never appears in a URL)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from awaz.cases.access import access_case_by_id, is_lead, require
from awaz.cases.forms.outcome import CaseCloseForm, SatisfactionForm
from awaz.cases.models import CaseStatus
from awaz.cases.services.outcome import case_close, satisfaction_answer, satisfaction_for_report
from awaz.core.exceptions import ApplicationError, ConflictError, PermissionDenied
from awaz.reporting.models import Report
from awaz.reporting.views.followup.views import followup_required


def _case_url(case_id: int) -> str:
    return reverse("cases:case_detail", args=[case_id])


@login_required
@require_http_methods(["GET", "POST"])
def case_close_view(request: HttpRequest, case_id: int) -> HttpResponse:
    require(request.user, "case.edit")
    case = access_case_by_id(request.user, case_id)
    if not is_lead(request.user, case):
        raise PermissionDenied()
    if case.status == CaseStatus.CLOSED:
        messages.info(request, _("This case is closed."))
        return redirect(_case_url(case.pk))
    form = CaseCloseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            closed = case_close(case=case, outcome=form.cleaned_data["outcome"], actor=request.user)
        except ApplicationError as error:
            form.add_error(
                "outcome" if error.extra.get("field") == "outcome" else None, str(error.message)
            )
        else:
            if hasattr(closed, "satisfaction"):
                messages.success(
                    request,
                    _(
                        "The case is closed. The victim can answer a short survey with "
                        "their follow-up code."
                    ),
                )
            else:
                messages.success(request, _("The case is closed."))
            return redirect(_case_url(closed.pk))
    return render(request, "cases/outcome/close.html", {"case": case, "form": form})


@require_http_methods(["GET", "POST"])
@followup_required
def satisfaction_survey(request: HttpRequest, report: Report) -> HttpResponse:
    offered = satisfaction_for_report(report=report)
    if offered is None:
        return render(request, "cases/outcome/survey_none.html")
    if offered.answered_at is not None:
        return render(request, "cases/outcome/survey_done.html", {"already": True})
    form = SatisfactionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            satisfaction_answer(
                report=report,
                overall=form.cleaned_data["overall"],
                felt_listened_to=form.cleaned_data["felt_listened_to"],
                would_report_again=form.cleaned_data["would_report_again"],
            )
        except ConflictError:
            return render(request, "cases/outcome/survey_done.html", {"already": True})
        except ApplicationError as error:
            form.add_error(error.extra.get("field"), str(error.message))
        else:
            return render(request, "cases/outcome/survey_done.html", {"already": False})
    return render(request, "cases/outcome/survey.html", {"form": form})


urlpatterns = [
    path("<int:case_id>/close/", case_close_view, name="case_close"),
    path("follow-up/survey/", satisfaction_survey, name="satisfaction_survey"),
]
