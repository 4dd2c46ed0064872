"""One page per action on a case (GOV.UK: one thing per page): add a note, record a
contact, change status or owner, record a key decision and telling the victim, when the
police received the crime, the staff's strands, a correction to a report.

Every page authorises through ``access_case_by_id`` (the same 404 for missing and not
yours); the services check again and decide. A service's ``ApplicationError`` goes into
the GOV.UK error summary, keeping what was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from awaz.cases import access
from awaz.cases.forms.case import (
    ContactForm,
    CorrectionForm,
    DecisionForm,
    NoteForm,
    OwnerForm,
    PoliceReceivedForm,
    StatusForm,
    StrandsForm,
    VictimInformedForm,
)
from awaz.cases.models import Case, CaseEvent, CaseReport, EventKind
from awaz.cases.selectors import colleagues_for, decisions_not_yet_told
from awaz.cases.services import case as services
from awaz.core.exceptions import ApplicationError, PermissionDenied
from awaz.core.models import User


def add_service_error(form: forms.Form, error: ApplicationError) -> None:
    field = error.extra.get("field")
    form.add_error(field if field in form.fields else None, str(error.message))


def case_for_page(request: HttpRequest, case_id: int, *, lead: bool) -> Case:
    """The case for an action page: visible to the user, and led by their organisation
    when the action is the lead's."""
    access.require(request.user, "case.edit")
    case = access.access_case_by_id(request.user, case_id)
    if lead and not access.is_lead(request.user, case):
        raise PermissionDenied()
    return case


def action_page(
    request: HttpRequest,
    case_id: int,
    *,
    lead: bool,
    title: Any,
    make_form: Callable[[Case, Any], forms.Form],
    handle: Callable[[Case, dict[str, Any], Any], Any],
    done: Any,
    intro: Any = "",
) -> HttpResponse:
    case = case_for_page(request, case_id, lead=lead)
    form = make_form(case, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            handle(case, form.cleaned_data, request.user)
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, str(done))
            return redirect("cases:case_detail", case.pk)
    return render(
        request,
        "cases/case/action.html",
        {"case": case, "form": form, "title": title, "intro": intro},
    )


def _colleague_users(user: Any) -> Any:
    return User.objects.filter(pk__in=colleagues_for(user=user).values("user_id")).order_by(
        "full_name", "pk"
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_note(request: HttpRequest, case_id: int) -> HttpResponse:
    return action_page(
        request,
        case_id,
        lead=False,
        title=gettext_lazy("Add a note"),
        make_form=lambda case, data: NoteForm(data),
        handle=lambda case, data, user: services.case_note_add(
            case=case,
            text=data["text"],
            shared_with_reporter=data["audience"] == "reporter",
            actor=user,
        ),
        done=gettext_lazy("Note added."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_contact(request: HttpRequest, case_id: int) -> HttpResponse:
    return action_page(
        request,
        case_id,
        lead=False,
        title=gettext_lazy("Record a contact with the victim"),
        make_form=lambda case, data: ContactForm(data),
        handle=lambda case, data, user: services.case_contact_record(
            case=case,
            method=data["method"],
            text=data["text"],
            occurred_at=data["when"],
            actor=user,
        ),
        done=gettext_lazy("Contact recorded."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_status(request: HttpRequest, case_id: int) -> HttpResponse:
    return action_page(
        request,
        case_id,
        lead=True,
        title=gettext_lazy("Change the status"),
        make_form=lambda case, data: StatusForm(data, initial={"status": case.status}),
        handle=lambda case, data, user: services.case_status_change(
            case=case, status=data["status"], actor=user
        ),
        done=gettext_lazy("Status changed."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_owner(request: HttpRequest, case_id: int) -> HttpResponse:
    return action_page(
        request,
        case_id,
        lead=True,
        title=gettext_lazy("Change who owns the case"),
        make_form=lambda case, data: OwnerForm(
            data, colleagues=_colleague_users(request.user), initial={"owner": case.owner_id}
        ),
        handle=lambda case, data, user: services.case_assign(
            case=case, owner=data["owner"], actor=user
        ),
        done=gettext_lazy("Owner changed."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_decision(request: HttpRequest, case_id: int) -> HttpResponse:
    return action_page(
        request,
        case_id,
        lead=True,
        title=gettext_lazy("Record a key decision"),
        intro=gettext_lazy(
            "The victim must be told of a key decision within the Victims' Code time limit."
        ),
        make_form=lambda case, data: DecisionForm(data),
        handle=lambda case, data, user: services.case_decision_record(
            case=case,
            decision=data["decision"],
            text=data["text"],
            occurred_at=data["when"],
            actor=user,
        ),
        done=gettext_lazy("Decision recorded."),
    )


def _untold(case: Case) -> Any:
    ids = [event.pk for event in decisions_not_yet_told(case=case)]
    return CaseEvent.objects.filter(pk__in=ids, kind=EventKind.DECISION).order_by(
        "occurred_at", "id"
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_victim_informed(request: HttpRequest, case_id: int) -> HttpResponse:
    return action_page(
        request,
        case_id,
        lead=True,
        title=gettext_lazy("Record that the victim was told of a decision"),
        make_form=lambda case, data: VictimInformedForm(data, decisions=_untold(case)),
        handle=lambda case, data, user: services.case_victim_informed_record(
            case=case,
            decision_event_id=data["decision_event"].pk,
            text=data["text"],
            occurred_at=data["when"],
            actor=user,
        ),
        done=gettext_lazy("Recorded that the victim was told."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_police_received(request: HttpRequest, case_id: int) -> HttpResponse:
    return action_page(
        request,
        case_id,
        lead=True,
        title=gettext_lazy("When did the police receive the crime?"),
        intro=gettext_lazy("The Victims' Code time limits run from this moment."),
        make_form=lambda case, data: PoliceReceivedForm(data),
        handle=lambda case, data, user: services.case_police_received_set(
            case=case, received_at=data["when"], actor=user
        ),
        done=gettext_lazy("Date saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_strands(request: HttpRequest, case_id: int) -> HttpResponse:
    return action_page(
        request,
        case_id,
        lead=True,
        title=gettext_lazy("Your assessment of the strands"),
        make_form=lambda case, data: StrandsForm(
            data, initial={"strands": list(case.staff_strands.values_list("pk", flat=True))}
        ),
        handle=lambda case, data, user: services.case_strands_assess(
            case=case, strands=data["strands"], actor=user
        ),
        done=gettext_lazy("Assessment saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_correction(request: HttpRequest, case_id: int) -> HttpResponse:
    return action_page(
        request,
        case_id,
        lead=True,
        title=gettext_lazy("Record a correction to a report"),
        make_form=lambda case, data: CorrectionForm(
            data,
            case_reports=CaseReport.objects.filter(case=case)
            .select_related("report")
            .order_by("-is_primary", "linked_at"),
        ),
        handle=lambda case, data, user: services.case_report_correction_record(
            case=case,
            report_id=data["case_report"].report_id,
            field=data["field"],
            text=data["text"],
            actor=user,
        ),
        done=gettext_lazy("Correction recorded."),
    )


urlpatterns = [
    path("<int:case_id>/note/", case_note, name="case_note"),
    path("<int:case_id>/contact/", case_contact, name="case_contact"),
    path("<int:case_id>/status/", case_status, name="case_status"),
    path("<int:case_id>/owner/", case_owner, name="case_owner"),
    path("<int:case_id>/decision/", case_decision, name="case_decision"),
    path("<int:case_id>/victim-informed/", case_victim_informed, name="case_victim_informed"),
    path("<int:case_id>/police-received/", case_police_received, name="case_police_received"),
    path("<int:case_id>/strands/", case_strands, name="case_strands"),
    path("<int:case_id>/correction/", case_correction, name="case_correction"),
]
