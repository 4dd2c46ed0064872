"""Classifying a case and recording threshold decisions (lead caseworkers), and the rules
page where administrators add a new version of a classification without a deploy."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from awaz.cases import access
from awaz.cases.forms.classification import (
    ClassificationVersionForm,
    ClassifyForm,
    ThresholdForm,
)
from awaz.cases.selectors import (
    classification_options_for,
    classification_versions,
    subject_data_allowed,
    threshold_decisions_for,
)
from awaz.cases.services.classification import (
    case_classify,
    classification_version_add,
    threshold_decision_record,
)
from awaz.cases.views.case_actions import action_page, add_service_error, case_for_page
from awaz.core.exceptions import ApplicationError, PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def case_classification(request: HttpRequest, case_id: int) -> HttpResponse:
    return action_page(
        request,
        case_id,
        lead=True,
        title=gettext_lazy("Classify the case"),
        intro=gettext_lazy(
            "The choices are the versions of the rules in force on the day the case was opened."
        ),
        make_form=lambda case, data: ClassifyForm(
            data,
            options=classification_options_for(case=case, user=request.user),
            initial={"classification": case.classification_id},
        ),
        handle=lambda case, data, user: case_classify(
            case=case, classification=data["classification"], actor=user
        ),
        done=gettext_lazy("Classification saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_threshold(request: HttpRequest, case_id: int) -> HttpResponse:
    case = case_for_page(request, case_id, lead=True)
    if case.classification is None or not case.classification.requires_threshold_decision:
        messages.info(request, _("This case's classification needs no threshold decision."))
        return redirect("cases:case_detail", case.pk)
    form = ThresholdForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            threshold_decision_record(
                case=case,
                classification=case.classification,
                meets_threshold=form.cleaned_data["meets_threshold"],
                reason=form.cleaned_data["reason"],
                actor=request.user,
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Threshold decision recorded."))
            return redirect("cases:case_detail", case.pk)
    return render(
        request,
        "cases/case/threshold.html",
        {
            "case": case,
            "form": form,
            "decisions": threshold_decisions_for(case=case),
            "allowed": subject_data_allowed(case),
        },
    )


def _require_rules(request: HttpRequest) -> None:
    if not (request.user.is_superuser or access.user_can(request.user, "rules.manage")):
        raise PermissionDenied()


@login_required
def rules(request: HttpRequest) -> HttpResponse:
    _require_rules(request)
    return render(request, "cases/rules/list.html", {"versions": list(classification_versions())})


@login_required
@require_http_methods(["GET", "POST"])
def rules_classification_add(request: HttpRequest) -> HttpResponse:
    _require_rules(request)
    initial = {}
    code = request.GET.get("code", "")
    latest = classification_versions().filter(code=code).first() if code else None
    if latest is not None:
        initial = {
            "code": latest.code,
            "name": latest.name,
            "description": latest.description,
            "retention_months": latest.retention_months,
            "flags": [
                flag
                for flag in (
                    "is_police_record",
                    "is_crime",
                    "victims_code_applies",
                    "requires_threshold_decision",
                )
                if getattr(latest, flag)
            ],
        }
    form = ClassificationVersionForm(
        request.POST if request.method == "POST" else None, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        flags = set(data["flags"])
        try:
            created = classification_version_add(
                code=data["code"],
                name=data["name"],
                description=data["description"],
                effective_from=data["effective_from"],
                retention_months=data["retention_months"],
                is_police_record="is_police_record" in flags,
                is_crime="is_crime" in flags,
                victims_code_applies="victims_code_applies" in flags,
                requires_threshold_decision="requires_threshold_decision" in flags,
                actor=request.user,
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Version %(version)s of %(name)s added.")
                % {"version": created.version, "name": created.name},
            )
            return redirect("cases:rules")
    return render(request, "cases/rules/add.html", {"form": form})


urlpatterns = [
    path("<int:case_id>/classification/", case_classification, name="case_classify"),
    path("<int:case_id>/threshold/", case_threshold, name="case_threshold"),
    path("rules/", rules, name="rules"),
    path("rules/classifications/add/", rules_classification_add, name="rules_classification_add"),
]
