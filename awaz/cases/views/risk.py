"""The risk and vulnerability assessment page, and the case page's "Risk" panel."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from awaz.cases import risk
from awaz.cases.access import access_case_by_id, require, user_can
from awaz.cases.forms.risk import ANSWER_LABELS, QUESTION_TEXT, RiskAssessmentForm
from awaz.cases.models import Case
from awaz.cases.reviews import risk_history
from awaz.cases.services import risk_assess
from awaz.core.exceptions import ApplicationError


def case_url(case: Case) -> str:
    return reverse("cases:case_detail", args=[case.pk])


def add_service_error(form: Any, error: ApplicationError) -> None:
    """Put a service's error on the field it names (``field``, or each of ``fields``), or
    on the form as a whole."""
    names = error.extra.get("fields") or [error.extra.get("field")]
    placed = False
    for name in names:
        if name in form.fields:
            form.add_error(name, str(error.message))
            placed = True
    if not placed:
        form.add_error(None, str(error.message))


@login_required
@require_http_methods(["GET", "POST"])
def risk_assess_view(request: HttpRequest, case_id: int) -> HttpResponse:
    require(request.user, "case.risk")
    case = access_case_by_id(request.user, case_id)
    form = RiskAssessmentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = risk_assess(
                case=case,
                answers=form.answers(),
                override_level=form.cleaned_data["override_level"] or None,
                override_reason=form.cleaned_data["override_reason"],
                actor=request.user,
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Risk assessed: %(level)s (score %(score)s).")
                % {"level": assessment.get_level_display(), "score": assessment.score},
            )
            return redirect(case_url(case))
    return render(
        request,
        "cases/risk/assess.html",
        {
            "case": case,
            "form": form,
            "medium_from": risk.MEDIUM_FROM,
            "high_from": risk.HIGH_FROM,
            "max_score": risk.MAX_SCORE,
        },
    )


def risk_panel_context(case: Case, user: Any) -> dict[str, Any]:
    """The assessment in force and the history, newest first, with the answers in words."""
    history = []
    for assessment in risk_history(case=case):
        stored: Any = assessment.answers
        answers: dict[str, str] = stored if isinstance(stored, dict) else {}
        rows = [
            (QUESTION_TEXT[code], ANSWER_LABELS.get(answers[code], answers[code]))
            for code in risk.QUESTION_CODES
            if code in answers
        ]
        history.append({"assessment": assessment, "answers": rows})
    return {
        "history": history,
        "in_force": history[0]["assessment"] if history else None,
        "can_assess": user_can(user, "case.risk"),
    }


urlpatterns = [
    path("<int:case_id>/risk/", risk_assess_view, name="risk_assess"),
]
