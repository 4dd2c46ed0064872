"""Delivery projects: the list with totals, a project's page, and adding and changing one
(the chair)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from awaz.core.exceptions import ApplicationError
from awaz.partners.selectors import organisation_list
from awaz.strategy import access
from awaz.strategy.forms import ProjectForm
from awaz.strategy.models import Project, Strategy
from awaz.strategy.selectors import project_list, project_page, project_totals, strategy_actions
from awaz.strategy.services import ProjectDetails, project_change, project_create
from awaz.strategy.views.pages import add_service_error, form_page


def projects_url(strategy: Strategy) -> str:
    return reverse("strategy:project_list", args=[strategy.pk])


def project_url(project: Project) -> str:
    return reverse("strategy:project_detail", args=[project.pk])


@login_required
def project_list_view(request: HttpRequest, strategy_id: int) -> HttpResponse:
    strategy = access.access_strategy_by_id(request.user, strategy_id)
    return render(
        request,
        "strategy/projects.html",
        {
            "strategy": strategy,
            "projects": project_list(strategy),
            "totals": project_totals(strategy),
            "can_edit": access.user_can(request.user, "plan.edit"),
        },
    )


@login_required
def project_detail_view(request: HttpRequest, project_id: int) -> HttpResponse:
    project = access.access_project_by_id(request.user, project_id)
    return render(
        request,
        "strategy/project.html",
        {**project_page(project), "can_edit": access.user_can(request.user, "plan.edit")},
    )


def _form(request: HttpRequest, strategy: Strategy, **kwargs: object) -> ProjectForm:
    return ProjectForm(
        request.POST or None,
        organisations=organisation_list(),
        actions=strategy_actions(strategy),
        **kwargs,
    )


def _details(form: ProjectForm) -> ProjectDetails:
    data = form.cleaned_data
    return ProjectDetails(
        name=data["name"],
        plan=data["plan"],
        status=data["status"],
        lead_organisation=data["lead_organisation"],
        partners=tuple(data["partners"]),
        actions=tuple(data["actions"]),
        starts_on=data["starts_on"],
        ends_on=data["ends_on"],
        budget=data["budget"],
        sessions_held=data["sessions_held"],
        people_reached=data["people_reached"],
        outcomes=data["outcomes"],
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_create_view(request: HttpRequest, strategy_id: int) -> HttpResponse:
    strategy = access.access_strategy_by_id(request.user, strategy_id, edit=True)
    form = _form(request, strategy)
    if request.method == "POST" and form.is_valid():
        try:
            project = project_create(strategy=strategy, details=_details(form), actor=request.user)
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Project added."))
            return redirect(project_url(project))
    return form_page(
        request,
        form,
        title=_("Add a delivery project"),
        caption=strategy.name,
        back_url=projects_url(strategy),
        button=_("Add the project"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_edit_view(request: HttpRequest, project_id: int) -> HttpResponse:
    project = access.access_project_by_id(request.user, project_id, edit=True)
    initial = {
        "name": project.name,
        "plan": project.plan,
        "status": project.status,
        "lead_organisation": project.lead_organisation_id,
        "partners": list(project.partners.values_list("pk", flat=True)),
        "actions": list(project.actions.values_list("pk", flat=True)),
        "starts_on": project.starts_on,
        "ends_on": project.ends_on,
        "budget": project.budget,
        "sessions_held": project.sessions_held,
        "people_reached": project.people_reached,
        "outcomes": project.outcomes,
    }
    form = _form(request, project.strategy, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            project_change(project=project, details=_details(form), actor=request.user)
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Project changed."))
            return redirect(project_url(project))
    return form_page(
        request,
        form,
        title=_("Change the project"),
        caption=project.name,
        back_url=project_url(project),
        button=_("Save changes"),
    )
