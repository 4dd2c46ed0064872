"""Tasks: something a person or an organisation must do by a date, done or not done.

A task for a person also names their organisation, so "my organisation's tasks" and
"overdue" lists find it; a task for an organisation leaves the person empty until someone
takes it. Tasks on a case go on its timeline; the assignee is notified after commit.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awaz.audit.events import AuditEventType
from awaz.audit.services import audit_record
from awaz.cases.access import access_case_by_id, require
from awaz.cases.models import Case, EventKind, Task, TaskKind
from awaz.cases.services.notifications import notify_task_assigned
from awaz.cases.services.timeline import case_event_record
from awaz.cases.tasklists import access_task_by_id, case_holder_ids, task_assignee_allowed
from awaz.core.exceptions import ApplicationError, ConflictError
from awaz.partners.models import Organisation
from awaz.partners.selectors import membership_for_user
from awaz.reporting.services.triage import staff_actor

MSG_TITLE = _("Enter what needs doing")
MSG_ASSIGNEE = _("Choose who the task is for")
MSG_ASSIGNEE_NOT_ALLOWED = _("Choose a colleague or an organisation that holds the case")
MSG_ALREADY_DONE = _("The task is already done")
MSG_NOT_DONE = _("The task is not done yet")


@transaction.atomic
def task_add(
    *,
    title: str,
    due_on: datetime.date,
    case: Case | None = None,
    assignee_user: Any = None,
    assignee_organisation: Organisation | None = None,
    notes: str = "",
    kind: TaskKind = TaskKind.MANUAL,
    source_key: str = "",
    actor: Any = None,
    at: datetime.datetime | None = None,
) -> Task:
    """Create a task inside the caller's transaction (for other services and jobs, which
    have checked their own permissions). ``actor`` None means the system. ``at`` (when it
    goes on the case's timeline; default now) is for demo data and imports only."""
    title = title.strip()
    if not title:
        raise ApplicationError(MSG_TITLE, extra={"field": "title"})
    if assignee_user is not None and assignee_organisation is None:
        membership = membership_for_user(assignee_user)
        assignee_organisation = membership.organisation if membership else None
    if assignee_user is None and assignee_organisation is None:
        raise ApplicationError(MSG_ASSIGNEE, extra={"field": "assignee"})
    user = actor if actor is not None and actor.is_authenticated else None
    task = Task.objects.create(
        case=case,
        kind=kind,
        title=title,
        notes=notes,
        assignee_user=assignee_user,
        assignee_organisation=assignee_organisation,
        due_on=due_on,
        source_key=source_key,
        created_by=user,
        modified_by=user,
    )
    audit_record(
        event_type=AuditEventType.TASK_CREATED,
        actor=staff_actor(user),
        target_type="cases.task",
        target_id=task.pk,
        details={
            "case_id": case.pk if case else None,
            "kind": str(kind),
            "due_on": due_on.isoformat(),
            "assignee_user_id": task.assignee_user_id,
            "assignee_organisation_id": task.assignee_organisation_id,
        },
    )
    if case is not None:
        case_event_record(
            case=case,
            kind=EventKind.TASK_CREATED,
            user=user,
            text=title,
            details={"task_id": task.pk, "due_on": due_on.isoformat()},
            occurred_at=at,
        )
    if task.assignee_user_id is None or task.assignee_user_id != getattr(user, "pk", None):
        notify_task_assigned(task)
    return task


@transaction.atomic(durable=True)
def task_create(
    *,
    title: str,
    due_on: datetime.date,
    case: Case | None = None,
    assignee_user: Any = None,
    assignee_organisation: Organisation | None = None,
    notes: str = "",
    actor: Any,
    at: datetime.datetime | None = None,
) -> Task:
    """A caseworker's task: for a colleague in their organisation (or themselves), for
    their organisation, or on a case for an organisation that holds the case.
    ``at`` (default now) is for demo data and imports only."""
    require(actor, "task.edit")
    if case is not None:
        case = access_case_by_id(actor, case.pk)
    holders = case_holder_ids(case) if case is not None else set()
    if not task_assignee_allowed(
        actor=actor,
        assignee_user=assignee_user,
        assignee_organisation=assignee_organisation,
        holder_ids=holders,
    ):
        raise ApplicationError(MSG_ASSIGNEE_NOT_ALLOWED, extra={"field": "assignee"})
    return task_add(
        title=title,
        due_on=due_on,
        case=case,
        assignee_user=assignee_user,
        assignee_organisation=assignee_organisation,
        notes=notes,
        actor=actor,
        at=at,
    )


def _locked_task(*, task_id: int, actor: Any) -> Task:
    require(actor, "task.edit")
    task = access_task_by_id(actor, task_id)
    return Task.objects.select_for_update(of=("self",)).select_related("case").get(pk=task.pk)


@transaction.atomic(durable=True)
def task_complete(*, task_id: int, actor: Any, at: datetime.datetime | None = None) -> Task:
    """Mark a task done. Audited ``TASK_COMPLETED``; on the case's timeline.
    ``at`` (default now) is for demo data and imports only."""
    task = _locked_task(task_id=task_id, actor=actor)
    if task.done_at is not None:
        raise ConflictError(MSG_ALREADY_DONE)
    task.done_at = at or timezone.now()
    task.done_by = actor
    task.modified_by = actor
    task.save(update_fields=["done_at", "done_by", "modified_at", "modified_by"])
    audit_record(
        event_type=AuditEventType.TASK_COMPLETED,
        actor=staff_actor(actor),
        target_type="cases.task",
        target_id=task.pk,
        details={"case_id": task.case_id},
    )
    if task.case is not None:
        case_event_record(
            case=task.case,
            kind=EventKind.TASK_DONE,
            user=actor,
            text=task.title,
            details={"task_id": task.pk},
            occurred_at=task.done_at,
        )
    return task


@transaction.atomic(durable=True)
def task_reopen(*, task_id: int, actor: Any) -> Task:
    """Mark a done task as not done again. Audited ``TASK_REOPENED``; noted on the case's
    timeline (a note with ``{"task_reopened": id}``)."""
    task = _locked_task(task_id=task_id, actor=actor)
    if task.done_at is None:
        raise ConflictError(MSG_NOT_DONE)
    task.done_at = None
    task.done_by = None
    task.modified_by = actor
    task.save(update_fields=["done_at", "done_by", "modified_at", "modified_by"])
    audit_record(
        event_type=AuditEventType.TASK_REOPENED,
        actor=staff_actor(actor),
        target_type="cases.task",
        target_id=task.pk,
        details={"case_id": task.case_id},
    )
    if task.case is not None:
        case_event_record(
            case=task.case,
            kind=EventKind.NOTE,
            user=actor,
            text=task.title,
            details={"task_reopened": task.pk},
        )
    return task
