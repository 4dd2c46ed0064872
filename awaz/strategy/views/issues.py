"""The issue log: the list with its filters, an issue's page with its history, raising an
issue (the chair and contributors), and the chair's forms: change, record a discussion,
escalate to the county action group, resolve or close, the owner, notes."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from awaz.core.exceptions import ApplicationError
from awaz.core.models import User
from awaz.partners.models import Role
from awaz.partners.selectors import organisation_list
from awaz.strategy import access
from awaz.strategy.forms.issues import (
    IssueConcludeForm,
    IssueDiscussForm,
    IssueEscalateForm,
    IssueFilterForm,
    IssueForm,
    IssueNoteForm,
    IssueOwnerForm,
)
from awaz.strategy.models import Issue, IssueStatus, Strategy
from awaz.strategy.selectors import strategy_current
from awaz.strategy.selectors_meetings import (
    access_issue_by_id,
    issue_list,
    issue_owner_choices,
    issue_page,
    issue_raisers,
    meeting_choices,
)
from awaz.strategy.services.issues import (
    IssueDetails,
    issue_change,
    issue_conclude,
    issue_discuss,
    issue_escalate,
    issue_note_add,
    issue_owner_set,
    issue_raise,
)
from awaz.strategy.views.pages import add_service_error, form_page


def issues_url(strategy: Strategy) -> str:
    return reverse("strategy:issue_list", args=[strategy.pk])


def issue_url(issue: Issue) -> str:
    return reverse("strategy:issue_detail", args=[issue.pk])


def _caption(issue: Issue) -> str:
    return _("%(reference)s %(title)s") % {"reference": issue.reference, "title": issue.title}


@login_required
@require_GET
def issues_home(request: HttpRequest) -> HttpResponse:
    """The current strategy's issue log (a short address to bookmark)."""
    access.require(request.user, "issue.view")
    strategy = strategy_current(today=timezone.localdate())
    if strategy is None:
        return redirect("strategy:plan")
    return redirect("strategy:issue_list", strategy_id=strategy.pk)


@login_required
def issue_list_view(request: HttpRequest, strategy_id: int) -> HttpResponse:
    access.require(request.user, "issue.view")
    strategy = access.access_strategy_by_id(request.user, strategy_id)
    form = IssueFilterForm(request.GET or None, raisers=issue_raisers(strategy))
    filters = form.filters()
    return render(
        request,
        "strategy/issues.html",
        {
            "strategy": strategy,
            "issues": issue_list(strategy, filters),
            "filter_form": form,
            "filters": filters,
            "selected": form.selected(),
            "can_raise": access.user_can(request.user, "issue.raise"),
        },
    )


@login_required
def issue_detail_view(request: HttpRequest, issue_id: int) -> HttpResponse:
    issue = access_issue_by_id(request.user, issue_id)
    page = issue_page(issue)
    return render(
        request,
        "strategy/issue.html",
        {
            **page,
            "can_manage": access.user_can(request.user, "issue.manage"),
            "can_escalate": issue.status == IssueStatus.DISCUSSED,
        },
    )


def _details(form: IssueForm, organisation: Any) -> IssueDetails:
    data = form.cleaned_data
    return IssueDetails(
        title=data["title"],
        description=data["description"],
        raised_by_organisation=data.get("raised_by_organisation") or organisation,
        raised_on=data["raised_on"],
    )


@login_required
@require_http_methods(["GET", "POST"])
def issue_raise_view(request: HttpRequest, strategy_id: int) -> HttpResponse:
    membership = access.require(request.user, "issue.raise")
    strategy = access.access_strategy_by_id(request.user, strategy_id)
    is_chair = Role(membership.role) in access.CHAIR
    form = IssueForm(request.POST or None, organisations=organisation_list() if is_chair else None)
    if request.method == "POST" and form.is_valid():
        try:
            issue = issue_raise(
                strategy=strategy,
                details=_details(form, membership.organisation),
                actor=request.user,
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("Issue %(reference)s raised.") % {"reference": issue.reference}
            )
            return redirect(issue_url(issue))
    return form_page(
        request,
        form,
        title=_("Raise an issue"),
        caption=(
            strategy.name
            if is_chair
            else _("For %(organisation)s") % {"organisation": membership.organisation.name}
        ),
        back_url=issues_url(strategy),
        button=_("Raise the issue"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def issue_edit_view(request: HttpRequest, issue_id: int) -> HttpResponse:
    issue = access_issue_by_id(request.user, issue_id, manage=True)
    initial = {
        "title": issue.title,
        "description": issue.description,
        "raised_by_organisation": issue.raised_by_organisation_id,
        "raised_on": issue.raised_on,
    }
    form = IssueForm(request.POST or None, organisations=organisation_list(), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            issue_change(issue=issue, details=_details(form, None), actor=request.user)
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Issue changed."))
            return redirect(issue_url(issue))
    return form_page(
        request,
        form,
        title=_("Change the issue"),
        caption=_caption(issue),
        back_url=issue_url(issue),
        button=_("Save changes"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def issue_discuss_view(request: HttpRequest, issue_id: int) -> HttpResponse:
    issue = access_issue_by_id(request.user, issue_id, manage=True)
    meetings = meeting_choices(issue.strategy, today=timezone.localdate())
    form = IssueDiscussForm(
        request.POST or None,
        meetings=meetings,
        initial={"meeting": request.GET.get("meeting")},
    )
    if request.method == "POST" and form.is_valid():
        meeting = form.cleaned_data["meeting"]
        try:
            issue_discuss(
                issue=issue, note=form.cleaned_data["note"], meeting=meeting, actor=request.user
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Discussion recorded."))
            if meeting is not None and request.GET.get("back") == "meeting":
                return redirect(reverse("strategy:meeting_detail", args=[meeting.pk]) + "#agenda")
            return redirect(issue_url(issue))
    return form_page(
        request,
        form,
        title=_("Record that the group discussed the issue"),
        caption=_caption(issue),
        back_url=issue_url(issue),
        button=_("Record the discussion"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def issue_escalate_view(request: HttpRequest, issue_id: int) -> HttpResponse:
    issue = access_issue_by_id(request.user, issue_id, manage=True)
    form = IssueEscalateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            issue_escalate(issue=issue, actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Issue escalated to the county action group."))
            return redirect(issue_url(issue))
    return form_page(
        request,
        form,
        title=_("Escalate to the county action group"),
        caption=_caption(issue),
        back_url=issue_url(issue),
        button=_("Escalate the issue"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def issue_conclude_view(request: HttpRequest, issue_id: int) -> HttpResponse:
    issue = access_issue_by_id(request.user, issue_id, manage=True)
    form = IssueConcludeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            issue_conclude(
                issue=issue,
                outcome=IssueStatus(form.cleaned_data["outcome"]),
                resolution=form.cleaned_data["resolution"],
                ended_on=form.cleaned_data["ended_on"],
                actor=request.user,
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Issue updated."))
            return redirect(issue_url(issue))
    return form_page(
        request,
        form,
        title=_("Resolve or close the issue"),
        caption=_caption(issue),
        back_url=issue_url(issue),
        button=_("Save"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def issue_owner_view(request: HttpRequest, issue_id: int) -> HttpResponse:
    issue = access_issue_by_id(request.user, issue_id, manage=True)
    owners = (
        User.objects.filter(membership__in=issue_owner_choices())
        .select_related("membership__organisation")
        .order_by("full_name")
    )
    form = IssueOwnerForm(
        request.POST or None,
        owners=owners,
        organisations=organisation_list(),
        initial={"owner": issue.owner_id, "owner_organisation": issue.owner_organisation_id},
    )
    if request.method == "POST" and form.is_valid():
        try:
            issue_owner_set(issue=issue, actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Owner recorded."))
            return redirect(issue_url(issue))
    return form_page(
        request,
        form,
        title=_("Who is taking the issue forward?"),
        caption=_caption(issue),
        back_url=issue_url(issue),
        button=_("Save"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def issue_note_view(request: HttpRequest, issue_id: int) -> HttpResponse:
    issue = access_issue_by_id(request.user, issue_id, manage=True)
    form = IssueNoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            issue_note_add(issue=issue, note=form.cleaned_data["note"], actor=request.user)
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Note added."))
            return redirect(issue_url(issue))
    return form_page(
        request,
        form,
        title=_("Add a note"),
        caption=_caption(issue),
        back_url=issue_url(issue),
        button=_("Add the note"),
    )
