"""Tasks: "My tasks", "Overdue", a new task on a case, done and not done (POST), and the
case page's "Tasks" panel."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from awaz.cases.access import access_case_by_id, require, user_can
from awaz.cases.forms.tasks import TaskForm
from awaz.cases.models import Case
from awaz.cases.services import task_complete, task_create, task_reopen
from awaz.cases.tasklists import (
    task_assignee_choices,
    task_assignee_from_choice,
    tasks_done_recently_for_user,
    tasks_for_case,
    tasks_for_user,
    tasks_overdue_for_user,
)
from awaz.cases.views.risk import add_service_error, case_url
from awaz.core.exceptions import ApplicationError, ConflictError


@login_required
def my_tasks(request: HttpRequest) -> HttpResponse:
    require(request.user, "task.view")
    return render(
        request,
        "cases/tasks/my_tasks.html",
        {
            "tasks": list(tasks_for_user(user=request.user)),
            "done": list(tasks_done_recently_for_user(user=request.user)),
            "today": timezone.localdate(),
            "can_edit": user_can(request.user, "task.edit"),
        },
    )


@login_required
def overdue_tasks(request: HttpRequest) -> HttpResponse:
    require(request.user, "task.view")
    return render(
        request,
        "cases/tasks/overdue.html",
        {
            "tasks": list(tasks_overdue_for_user(user=request.user)),
            "today": timezone.localdate(),
            "can_edit": user_can(request.user, "task.edit"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def task_create_view(request: HttpRequest, case_id: int) -> HttpResponse:
    require(request.user, "task.edit")
    case = access_case_by_id(request.user, case_id)
    form = TaskForm(
        request.POST if request.method == "POST" else None,
        assignee_choices=task_assignee_choices(user=request.user, case=case),
    )
    if request.method == "POST" and form.is_valid():
        assignee_user, assignee_organisation = task_assignee_from_choice(
            form.cleaned_data["assignee"]
        )
        try:
            task_create(
                title=form.cleaned_data["title"],
                due_on=form.cleaned_data["due_on"],
                case=case,
                assignee_user=assignee_user,
                assignee_organisation=assignee_organisation,
                notes=form.cleaned_data["notes"],
                actor=request.user,
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Task added."))
            return redirect(case_url(case))
    return render(request, "cases/tasks/create.html", {"case": case, "form": form})


def _back(request: HttpRequest) -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(reverse("cases:my_tasks"))


@login_required
@require_POST
def task_complete_view(request: HttpRequest, task_id: int) -> HttpResponse:
    try:
        task_complete(task_id=task_id, actor=request.user)
    except ConflictError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Task marked as done."))
    return _back(request)


@login_required
@require_POST
def task_reopen_view(request: HttpRequest, task_id: int) -> HttpResponse:
    try:
        task_reopen(task_id=task_id, actor=request.user)
    except ConflictError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Task marked as not done."))
    return _back(request)


def tasks_panel_context(case: Case, user: Any) -> dict[str, Any]:
    return {
        "tasks": list(tasks_for_case(case=case)),
        "today": timezone.localdate(),
        "can_edit": user_can(user, "task.edit"),
    }


urlpatterns = [
    path("tasks/", my_tasks, name="my_tasks"),
    path("tasks/overdue/", overdue_tasks, name="overdue_tasks"),
    path("<int:case_id>/tasks/new/", task_create_view, name="task_create"),
    path("tasks/<int:task_id>/done/", task_complete_view, name="task_complete"),
    path("tasks/<int:task_id>/not-done/", task_reopen_view, name="task_reopen"),
]
