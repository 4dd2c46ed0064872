"""The plan overview (the current strategy, or another by id), and setting up a strategy,
its strands and its objectives (the chair)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from awaz.core.exceptions import ApplicationError
from awaz.strategy import access
from awaz.strategy.forms import ObjectiveForm, PlanFilterForm, StrandForm, StrategyForm
from awaz.strategy.models import Strategy
from awaz.strategy.selectors import (
    lead_organisations,
    next_objective_number,
    next_strand_number,
    plan_overview,
    strand_choices,
    strategy_current,
    strategy_list,
)
from awaz.strategy.selectors_centres import centre_panel
from awaz.strategy.selectors_meetings import meetings_panel
from awaz.strategy.services import (
    objective_add,
    objective_change,
    strand_add,
    strand_change,
    strategy_change,
    strategy_create,
)
from awaz.strategy.views.pages import add_service_error, form_page


def plan_url(strategy: Strategy) -> str:
    return reverse("strategy:strategy_overview", args=[strategy.pk])


def _overview(request: HttpRequest, strategy: Strategy) -> HttpResponse:
    today = timezone.localdate()
    form = PlanFilterForm(
        request.GET or None, strands=strand_choices(strategy), leads=lead_organisations(strategy)
    )
    filters = form.filters()
    overview = plan_overview(strategy=strategy, filters=filters, today=today)
    return render(
        request,
        "strategy/plan.html",
        {
            "overview": overview,
            "strategy": strategy,
            "filter_form": form,
            "filters": filters,
            "selected": form.selected(),
            "others": [s for s in strategy_list() if s.pk != strategy.pk],
            "can_edit": access.user_can(request.user, "plan.edit"),
            "today": today,
            "centre_flags": centre_panel(today=today)
            if access.user_can(request.user, "centre.view")
            else None,
            "meetings_panel": meetings_panel(strategy, today=today)
            if access.user_can(request.user, "meeting.view")
            else None,
        },
    )


@login_required
def plan_home(request: HttpRequest) -> HttpResponse:
    """The current strategy's plan; a page saying there is none yet (with a way to set one
    up, for the chair)."""
    access.require(request.user, "plan.view")
    strategy = strategy_current(today=timezone.localdate())
    if strategy is None:
        return render(
            request,
            "strategy/no_strategy.html",
            {"can_edit": access.user_can(request.user, "plan.edit")},
        )
    return _overview(request, strategy)


@login_required
def strategy_overview(request: HttpRequest, strategy_id: int) -> HttpResponse:
    return _overview(request, access.access_strategy_by_id(request.user, strategy_id))


@login_required
@require_http_methods(["GET", "POST"])
def strategy_create_view(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "plan.edit")
    form = StrategyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            strategy = strategy_create(actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Strategy set up. Add its strands and objectives next."))
            return redirect(plan_url(strategy))
    return form_page(
        request,
        form,
        title=_("Set up a strategy"),
        caption=_("Action plan"),
        back_url=reverse("strategy:plan"),
        button=_("Set up the strategy"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def strategy_edit_view(request: HttpRequest, strategy_id: int) -> HttpResponse:
    strategy = access.access_strategy_by_id(request.user, strategy_id, edit=True)
    initial = {
        "name": strategy.name,
        "starts_on": strategy.starts_on,
        "ends_on": strategy.ends_on,
        "summary": strategy.summary,
    }
    form = StrategyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            strategy_change(strategy=strategy, actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Strategy changed."))
            return redirect(plan_url(strategy))
    return form_page(
        request,
        form,
        title=_("Change the strategy"),
        caption=strategy.name,
        back_url=plan_url(strategy),
        button=_("Save changes"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def strand_add_view(request: HttpRequest, strategy_id: int) -> HttpResponse:
    strategy = access.access_strategy_by_id(request.user, strategy_id, edit=True)
    form = StrandForm(request.POST or None, initial={"number": next_strand_number(strategy)})
    if request.method == "POST" and form.is_valid():
        try:
            strand_add(strategy=strategy, actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Strand added."))
            return redirect(plan_url(strategy))
    return form_page(
        request,
        form,
        title=_("Add a strand"),
        caption=strategy.name,
        back_url=plan_url(strategy),
        button=_("Add the strand"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def strand_edit_view(request: HttpRequest, strand_id: int) -> HttpResponse:
    strand = access.access_strand_for_edit_by_id(request.user, strand_id)
    initial = {"number": strand.number, "title": strand.title, "focus": strand.focus}
    form = StrandForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            strand_change(strand=strand, actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Strand changed."))
            return redirect(plan_url(strand.strategy))
    return form_page(
        request,
        form,
        title=_("Change the strand"),
        caption=strand.strategy.name,
        back_url=plan_url(strand.strategy),
        button=_("Save changes"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def objective_add_view(request: HttpRequest, strategy_id: int) -> HttpResponse:
    strategy = access.access_strategy_by_id(request.user, strategy_id, edit=True)
    form = ObjectiveForm(request.POST or None, initial={"number": next_objective_number(strategy)})
    if request.method == "POST" and form.is_valid():
        try:
            objective_add(strategy=strategy, actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Objective added."))
            return redirect(plan_url(strategy))
    return form_page(
        request,
        form,
        title=_("Add a strategic objective"),
        caption=strategy.name,
        back_url=plan_url(strategy),
        button=_("Add the objective"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def objective_edit_view(request: HttpRequest, objective_id: int) -> HttpResponse:
    objective = access.access_objective_for_edit_by_id(request.user, objective_id)
    form = ObjectiveForm(
        request.POST or None, initial={"number": objective.number, "text": objective.text}
    )
    if request.method == "POST" and form.is_valid():
        try:
            objective_change(objective=objective, actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Objective changed."))
            return redirect(plan_url(objective.strategy))
    return form_page(
        request,
        form,
        title=_("Change the strategic objective"),
        caption=objective.strategy.name,
        back_url=plan_url(objective.strategy),
        button=_("Save changes"),
    )
