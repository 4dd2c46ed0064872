"""Meetings of the group: the list, the next meeting, a meeting's page (its agenda with
when it was built, the minutes, the actions arising and the issues discussed), and the
chair's forms: the meeting itself, rebuilding the agenda from the plan, other business,
the minutes and actions arising."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from awaz.core.exceptions import ApplicationError
from awaz.strategy import access
from awaz.strategy.forms.meetings import AgendaItemForm, MeetingForm, MinutesForm
from awaz.strategy.models import Meeting, Strategy
from awaz.strategy.selectors import strategy_current
from awaz.strategy.selectors_meetings import (
    access_agenda_item_by_id,
    access_meeting_by_id,
    meeting_list,
    meeting_next,
    meeting_page,
)
from awaz.strategy.services.meetings import (
    agenda_item_add,
    agenda_item_move,
    agenda_item_remove,
    meeting_action_arising_add,
    meeting_agenda_build,
    meeting_change,
    meeting_create,
    meeting_minutes_record,
)
from awaz.strategy.views.actions import _action_form, _details
from awaz.strategy.views.pages import add_service_error, form_page


def meetings_url(strategy: Strategy) -> str:
    return reverse("strategy:meeting_list", args=[strategy.pk])


def meeting_url(meeting: Meeting) -> str:
    return reverse("strategy:meeting_detail", args=[meeting.pk])


def meeting_caption(meeting: Meeting) -> str:
    return _("%(title)s, %(date)s") % {
        "title": meeting.title,
        "date": date_format(meeting.held_on, "j F Y"),
    }


def _strategy(request: HttpRequest, strategy_id: int, *, manage: bool = False) -> Strategy:
    access.require(request.user, "meeting.manage" if manage else "meeting.view")
    return access.access_strategy_by_id(request.user, strategy_id)


@login_required
def meeting_list_view(request: HttpRequest, strategy_id: int) -> HttpResponse:
    strategy = _strategy(request, strategy_id)
    today = timezone.localdate()
    meetings = meeting_list(strategy)
    return render(
        request,
        "strategy/meetings.html",
        {
            "strategy": strategy,
            "upcoming": sorted(
                (m for m in meetings if m.held_on >= today), key=lambda m: (m.held_on, m.pk)
            ),
            "past": [m for m in meetings if m.held_on < today],
            "can_manage": access.user_can(request.user, "meeting.manage"),
        },
    )


@login_required
@require_GET
def meetings_home(request: HttpRequest) -> HttpResponse:
    """The current strategy's meetings (a short address to bookmark)."""
    access.require(request.user, "meeting.view")
    strategy = strategy_current(today=timezone.localdate())
    if strategy is None:
        return redirect("strategy:plan")
    return redirect(meetings_url(strategy))


@login_required
def meeting_next_view(request: HttpRequest) -> HttpResponse:
    """The next meeting of the current strategy (its agenda); the list of meetings if none
    is planned."""
    access.require(request.user, "meeting.view")
    today = timezone.localdate()
    strategy = strategy_current(today=today)
    if strategy is None:
        return redirect("strategy:plan")
    meeting = meeting_next(strategy, today=today)
    if meeting is None:
        messages.info(request, _("No meeting is planned yet."))
        return redirect(meetings_url(strategy))
    return redirect(meeting_url(meeting))


@login_required
def meeting_detail_view(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access_meeting_by_id(request.user, meeting_id)
    today = timezone.localdate()
    return render(
        request,
        "strategy/meeting.html",
        {
            **meeting_page(meeting),
            "today": today,
            "can_manage": access.user_can(request.user, "meeting.manage"),
            "can_manage_issues": access.user_can(request.user, "issue.manage"),
            "can_rebuild": meeting.held_on >= today,
            "can_minute": meeting.held_on <= today,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create_view(request: HttpRequest, strategy_id: int) -> HttpResponse:
    strategy = _strategy(request, strategy_id, manage=True)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = meeting_create(strategy=strategy, actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Meeting added. Build its agenda from the plan next."))
            return redirect(meeting_url(meeting))
    return form_page(
        request,
        form,
        title=_("Add a meeting"),
        caption=strategy.name,
        back_url=meetings_url(strategy),
        button=_("Add the meeting"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit_view(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access_meeting_by_id(request.user, meeting_id, manage=True)
    initial = {"title": meeting.title, "held_on": meeting.held_on, "location": meeting.location}
    form = MeetingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            meeting_change(meeting=meeting, actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Meeting changed."))
            return redirect(meeting_url(meeting))
    return form_page(
        request,
        form,
        title=_("Change the meeting"),
        caption=meeting_caption(meeting),
        back_url=meeting_url(meeting),
        button=_("Save changes"),
    )


@login_required
@require_POST
def meeting_agenda_build_view(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access_meeting_by_id(request.user, meeting_id, manage=True)
    try:
        meeting_agenda_build(meeting=meeting, actor=request.user)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Agenda built from the plan."))
    return redirect(meeting_url(meeting) + "#agenda")


@login_required
@require_http_methods(["GET", "POST"])
def agenda_item_add_view(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access_meeting_by_id(request.user, meeting_id, manage=True)
    form = AgendaItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            agenda_item_add(meeting=meeting, actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Item of other business added."))
            return redirect(meeting_url(meeting) + "#agenda")
    return form_page(
        request,
        form,
        title=_("Add an item of other business"),
        caption=meeting_caption(meeting),
        back_url=meeting_url(meeting),
        button=_("Add the item"),
    )


@login_required
@require_POST
def agenda_item_remove_view(request: HttpRequest, item_id: int) -> HttpResponse:
    item = access_agenda_item_by_id(request.user, item_id)
    try:
        agenda_item_remove(item=item, actor=request.user)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Item removed from the agenda."))
    return redirect(meeting_url(item.meeting) + "#agenda")


@login_required
@require_POST
def agenda_item_move_view(request: HttpRequest, item_id: int) -> HttpResponse:
    item = access_agenda_item_by_id(request.user, item_id)
    try:
        agenda_item_move(item=item, up=request.POST.get("direction") == "up", actor=request.user)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    return redirect(meeting_url(item.meeting) + "#agenda")


@login_required
@require_http_methods(["GET", "POST"])
def meeting_minutes_view(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access_meeting_by_id(request.user, meeting_id, manage=True)
    form = MinutesForm(request.POST or None, initial={"minutes": meeting.minutes})
    if request.method == "POST" and form.is_valid():
        try:
            meeting_minutes_record(
                meeting=meeting, minutes=form.cleaned_data["minutes"], actor=request.user
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Minutes recorded."))
            return redirect(meeting_url(meeting) + "#minutes")
    return form_page(
        request,
        form,
        title=_("Record the minutes") if not meeting.minutes else _("Change the minutes"),
        caption=meeting_caption(meeting),
        back_url=meeting_url(meeting),
        button=_("Save the minutes"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_action_add_view(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """A new plan action arising from the meeting (the action form, as on the plan)."""
    meeting = access_meeting_by_id(request.user, meeting_id, manage=True)
    access.require(request.user, "plan.edit")
    form = _action_form(request, meeting.strategy)
    if request.method == "POST" and form.is_valid():
        try:
            action = meeting_action_arising_add(
                meeting=meeting, details=_details(form), actor=request.user
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Action %(reference)s added to the plan, arising from this meeting.")
                % {"reference": action.reference},
            )
            return redirect(meeting_url(meeting) + "#arising")
    return form_page(
        request,
        form,
        title=_("Add an action arising"),
        caption=meeting_caption(meeting),
        back_url=meeting_url(meeting),
        button=_("Add the action to the plan"),
    )
