"""Reading tasks: "my tasks", "overdue", a case's tasks, and who a task may go to.

Every list selects its related rows in the same query, so the number of queries does not
grow with the number of tasks. A user sees a task assigned to them, to their organisation,
or on a case they may see; anything else is ``NotFound``.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from awaz.cases.access import cases_visible_to
from awaz.cases.models import Case, Referral, ReferralStatus, Task
from awaz.cases.selectors import colleagues_for
from awaz.core.exceptions import NotFound
from awaz.partners.models import Organisation
from awaz.partners.selectors import membership_for_user

RECENTLY_DONE_DAYS = 14


def _tasks() -> QuerySet[Task]:
    return Task.objects.select_related("case", "assignee_user", "assignee_organisation")


def _mine(user: Any) -> Q | None:
    """Assigned to the user, or to their organisation with nobody named."""
    membership = membership_for_user(user)
    if membership is None:
        return None
    return Q(assignee_user_id=user.pk) | Q(
        assignee_organisation_id=membership.organisation_id, assignee_user__isnull=True
    )


def tasks_for_user(*, user: Any) -> QuerySet[Task]:
    """Tasks to do for the user or their organisation (nobody named), soonest due first."""
    mine = _mine(user)
    if mine is None:
        return Task.objects.none()
    return _tasks().filter(mine, done_at__isnull=True).order_by("due_on", "id")


def tasks_done_recently_for_user(*, user: Any, days: int = RECENTLY_DONE_DAYS) -> QuerySet[Task]:
    """Tasks of the user or their organisation done in the last ``days`` (to undo)."""
    mine = _mine(user)
    if mine is None:
        return Task.objects.none()
    since = timezone.now() - datetime.timedelta(days=days)
    return _tasks().filter(mine, done_at__gte=since).order_by("-done_at", "-id")


def tasks_overdue_for_user(*, user: Any, today: datetime.date | None = None) -> QuerySet[Task]:
    """Tasks of the user's organisation (anyone's in it) not done and due before today."""
    membership = membership_for_user(user)
    if membership is None:
        return Task.objects.none()
    day = today or timezone.localdate()
    return (
        _tasks()
        .filter(
            Q(assignee_organisation_id=membership.organisation_id) | Q(assignee_user_id=user.pk),
            done_at__isnull=True,
            due_on__lt=day,
        )
        .order_by("due_on", "id")
    )


def tasks_for_case(*, case: Case) -> QuerySet[Task]:
    """Every task on the case: to do first (soonest due), then done."""
    return _tasks().filter(case=case).order_by("done_at", "due_on", "id")


def access_task_by_id(user: Any, task_id: int) -> Task:
    """The task if it is the user's, their organisation's, or on a case they may see."""
    membership = membership_for_user(user)
    if membership is None:
        raise NotFound()
    visible = (
        Q(assignee_user_id=user.pk)
        | Q(assignee_organisation_id=membership.organisation_id)
        | Q(case__in=cases_visible_to(user))
    )
    task = _tasks().filter(visible, pk=task_id).first()
    if task is None:
        raise NotFound()
    return task


def case_holder_ids(case: Case) -> set[int]:
    """Organisations holding the case: the lead and those with a live referral."""
    referred = Referral.objects.filter(
        case=case, status__in=[ReferralStatus.PENDING, ReferralStatus.ACCEPTED]
    ).values_list("to_organisation_id", flat=True)
    return {case.lead_organisation_id, *referred}


def task_assignee_allowed(
    *,
    actor: Any,
    assignee_user: Any,
    assignee_organisation: Organisation | None,
    holder_ids: set[int],
) -> bool:
    """A colleague (active caseworker of the actor's organisation), the actor's own
    organisation, or an organisation holding the case."""
    membership = membership_for_user(actor)
    if membership is None:
        return False
    if assignee_user is not None:
        return colleagues_for(user=actor).filter(user_id=assignee_user.pk).exists()
    if assignee_organisation is None:
        return False
    return assignee_organisation.pk in holder_ids | {membership.organisation_id}


def task_assignee_choices(*, user: Any, case: Case | None) -> list[tuple[str, str]]:
    """Form choices: ``user:<id>`` for each colleague, ``org:<id>`` for the user's
    organisation and each organisation holding the case."""
    membership = membership_for_user(user)
    if membership is None:
        return []
    choices = [
        (f"user:{m.user_id}", m.user.full_name or m.user.email) for m in colleagues_for(user=user)
    ]
    org_ids = {membership.organisation_id} | (case_holder_ids(case) if case else set())
    for org in Organisation.objects.filter(pk__in=org_ids).order_by("name"):
        choices.append((f"org:{org.pk}", org.name))
    return choices


def task_assignee_from_choice(value: str) -> tuple[Any, Organisation | None]:
    """(user, organisation) for a ``user:<id>`` or ``org:<id>`` choice (one is None)."""
    from awaz.core.models import User

    kind, _sep, raw = value.partition(":")
    if not raw.isdigit():
        return None, None
    if kind == "user":
        return User.objects.filter(pk=int(raw), is_active=True).first(), None
    if kind == "org":
        return None, Organisation.objects.filter(pk=int(raw)).first()
    return None, None
