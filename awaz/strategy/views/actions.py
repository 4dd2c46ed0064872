"""An action's page (milestones, timeline newest first, linked projects), and its forms:
add and change the action, its milestones and RAG status, and progress updates with
evidence. Evidence files are served only as attachments."""

from __future__ import annotations

import mimetypes
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from awaz.core.exceptions import ApplicationError, ConflictError
from awaz.partners.selectors import organisation_list
from awaz.strategy import access
from awaz.strategy.forms import (
    ActionForm,
    MilestoneDoneForm,
    MilestoneForm,
    ProgressUpdateForm,
    RagForm,
)
from awaz.strategy.models import Action, Strategy
from awaz.strategy.selectors import action_page
from awaz.strategy.services import (
    ActionDetails,
    action_change,
    action_create,
    evidence_file_open,
    milestone_add,
    milestone_change,
    milestone_done_set,
    progress_update_add,
    rag_change_record,
)
from awaz.strategy.views.pages import add_service_error, form_page
from awaz.strategy.views.plan import plan_url


def action_url(action: Action) -> str:
    return reverse("strategy:action_detail", args=[action.pk])


@login_required
def action_detail(request: HttpRequest, action_id: int) -> HttpResponse:
    action = access.access_action_by_id(request.user, action_id)
    page = action_page(action=action, today=timezone.localdate())
    return render(
        request,
        "strategy/action.html",
        {
            **page,
            "today": timezone.localdate(),
            "can_edit": access.user_can(request.user, "plan.edit"),
            "can_update": access.is_action_updatable(request.user, action),
            "can_status": access.is_action_statusable(request.user, action),
        },
    )


def _action_form(request: HttpRequest, strategy: Strategy, **kwargs: Any) -> ActionForm:
    return ActionForm(
        request.POST or None,
        strands=strategy.strands.order_by("number"),
        organisations=organisation_list(),
        objectives=strategy.objectives.order_by("number"),
        **kwargs,
    )


def _details(form: ActionForm) -> ActionDetails:
    data = form.cleaned_data
    return ActionDetails(
        strand=data["strand"],
        title=data["title"],
        description=data["description"],
        lead_organisation=data["lead_organisation"],
        supporting_organisations=tuple(data["supporting_organisations"]),
        objectives=tuple(data["objectives"]),
        starts_on=data["starts_on"],
        due_on=data["due_on"],
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_create_view(request: HttpRequest, strategy_id: int) -> HttpResponse:
    strategy = access.access_strategy_by_id(request.user, strategy_id, edit=True)
    form = _action_form(request, strategy, initial={"strand": request.GET.get("strand")})
    if request.method == "POST" and form.is_valid():
        try:
            action = action_create(details=_details(form), actor=request.user)
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("Action %(reference)s added.") % {"reference": action.reference}
            )
            return redirect(action_url(action))
    return form_page(
        request,
        form,
        title=_("Add an action"),
        caption=strategy.name,
        back_url=plan_url(strategy),
        button=_("Add the action"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_edit_view(request: HttpRequest, action_id: int) -> HttpResponse:
    action = access.access_action_for_edit_by_id(request.user, action_id)
    initial = {
        "strand": action.strand_id,
        "title": action.title,
        "description": action.description,
        "lead_organisation": action.lead_organisation_id,
        "supporting_organisations": list(
            action.supporting_organisations.values_list("pk", flat=True)
        ),
        "objectives": list(action.objectives.values_list("pk", flat=True)),
        "starts_on": action.starts_on,
        "due_on": action.due_on,
    }
    form = _action_form(request, action.strand.strategy, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            action = action_change(action=action, details=_details(form), actor=request.user)
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Action changed."))
            return redirect(action_url(action))
    return form_page(
        request,
        form,
        title=_("Change the action"),
        caption=str(action),
        back_url=action_url(action),
        button=_("Save changes"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def rag_change_view(request: HttpRequest, action_id: int) -> HttpResponse:
    action = access.access_action_for_status_by_id(request.user, action_id)
    form = RagForm(
        request.POST or None,
        initial={"rag_status": action.rag_status, "reason": action.rag_reason},
        earliest=action.strand.strategy.starts_on,
    )
    if request.method == "POST" and form.is_valid():
        try:
            rag_change_record(
                action=action,
                rag_status=form.cleaned_data["rag_status"],
                reason=form.cleaned_data["reason"],
                effective_on=form.cleaned_data["effective_on"],
                actor=request.user,
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("RAG status recorded."))
            return redirect(action_url(action))
    return form_page(
        request,
        form,
        title=_("Record the RAG status"),
        caption=str(action),
        back_url=action_url(action),
        button=_("Record the status"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def progress_update_view(request: HttpRequest, action_id: int) -> HttpResponse:
    action = access.access_action_for_update_by_id(request.user, action_id)
    form = ProgressUpdateForm(
        request.POST or None,
        request.FILES or None,
        earliest=action.strand.strategy.starts_on,
    )
    if request.method == "POST" and form.is_valid():
        try:
            progress_update_add(
                action=action,
                update_on=form.cleaned_data["update_on"],
                text=form.cleaned_data["text"],
                links=form.cleaned_data["links"],
                attachments=form.cleaned_data["attachments"],
                actor=request.user,
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Progress update added."))
            return redirect(action_url(action))
    return form_page(
        request,
        form,
        title=_("Add a progress update"),
        caption=str(action),
        back_url=action_url(action),
        button=_("Add the update"),
        multipart=True,
        files_lost=form.files_sent,
    )


@login_required
@require_http_methods(["GET", "POST"])
def milestone_add_view(request: HttpRequest, action_id: int) -> HttpResponse:
    action = access.access_action_for_edit_by_id(request.user, action_id)
    form = MilestoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            milestone_add(action=action, actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Milestone added."))
            return redirect(action_url(action))
    return form_page(
        request,
        form,
        title=_("Add a milestone"),
        caption=str(action),
        back_url=action_url(action),
        button=_("Add the milestone"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def milestone_edit_view(request: HttpRequest, milestone_id: int) -> HttpResponse:
    milestone = access.access_milestone_for_edit_by_id(request.user, milestone_id)
    form = MilestoneForm(
        request.POST or None,
        initial={"title": milestone.title, "target_on": milestone.target_on},
    )
    if request.method == "POST" and form.is_valid():
        try:
            milestone_change(milestone=milestone, actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Milestone changed."))
            return redirect(action_url(milestone.action))
    return form_page(
        request,
        form,
        title=_("Change the milestone"),
        caption=str(milestone.action),
        back_url=action_url(milestone.action),
        button=_("Save changes"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def milestone_done_view(request: HttpRequest, milestone_id: int) -> HttpResponse:
    milestone = access.access_milestone_for_status_by_id(request.user, milestone_id)
    form = MilestoneDoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            milestone_done_set(
                milestone_id=milestone.pk,
                done_on=form.cleaned_data["done_on"],
                actor=request.user,
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Milestone marked as reached."))
            return redirect(action_url(milestone.action))
    return form_page(
        request,
        form,
        title=_("Mark the milestone as reached"),
        caption=milestone.title,
        back_url=action_url(milestone.action),
        button=_("Mark as reached"),
    )


@login_required
@require_POST
def milestone_reopen_view(request: HttpRequest, milestone_id: int) -> HttpResponse:
    milestone = access.access_milestone_for_status_by_id(request.user, milestone_id)
    try:
        milestone_done_set(milestone_id=milestone.pk, done_on=None, actor=request.user)
    except ConflictError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Milestone marked as not reached."))
    return redirect(action_url(milestone.action))


@login_required
def evidence_download(request: HttpRequest, file_id: int) -> HttpResponse:
    evidence, data = evidence_file_open(file_id=file_id, user=request.user)
    extension = mimetypes.guess_extension(evidence.content_type) or ".bin"
    response = HttpResponse(data, content_type=evidence.content_type)
    # A neutral name: never a name from outside in a header.
    filename = f"plan-evidence-{evidence.pk}{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Length"] = str(len(data))
    return response
