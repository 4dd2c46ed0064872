"""Tasks: who they may go to, done and not done, "my tasks" and "overdue" (query counts
pinned), the form on a case, notices and scoping."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from awaz.audit.events import AuditEventType
from awaz.audit.models import AuditEvent
from awaz.cases.models import CaseEvent, EventKind, Notification, NotificationKind, Task
from awaz.cases.services import task_complete, task_create, task_reopen, triage_make_case
from awaz.cases.services.tasks import MSG_ASSIGNEE_NOT_ALLOWED
from awaz.cases.tasklists import tasks_for_user, tasks_overdue_for_user
from awaz.core.exceptions import ApplicationError, ConflictError, NotFound
from awaz.partners.tests.factories import StaffFactory
from awaz.reporting.tests.factories import make_report


def today() -> datetime.date:
    return timezone.localdate()


@pytest.fixture
def colleague(org_a):
    return StaffFactory(organisation=org_a, role="centre_caseworker", full_name="Cy Example")


@pytest.fixture
def case(org_a, caseworker_a):
    report, _ = make_report(organisation=org_a)
    return triage_make_case(report_id=report.pk, actor=caseworker_a)


def add(case, actor, *, user=None, org=None, due=None, title="Fictional: call back") -> Task:
    return task_create(
        title=title,
        due_on=due or today() + datetime.timedelta(days=2),
        case=case,
        assignee_user=user,
        assignee_organisation=org,
        actor=actor,
    )


def test_a_task_for_a_colleague(case, caseworker_a, colleague, org_a):
    task = add(case, caseworker_a, user=colleague)
    assert task.assignee_user == colleague
    assert task.assignee_organisation == org_a
    audit = AuditEvent.objects.get(event_type=AuditEventType.TASK_CREATED)
    assert audit.target_id == str(task.pk) and audit.details["case_id"] == case.pk
    event = CaseEvent.objects.get(case=case, kind=EventKind.TASK_CREATED)
    assert event.details["task_id"] == task.pk and event.text == "Fictional: call back"
    notice = Notification.objects.get(kind=NotificationKind.TASK_ASSIGNED)
    assert notice.user == colleague
    assert list(tasks_for_user(user=colleague)) == [task]
    assert list(tasks_for_user(user=caseworker_a)) == []


def test_a_task_for_the_organisation_is_everyones_until_taken(case, caseworker_a, colleague, org_a):
    task = add(case, caseworker_a, org=org_a)
    assert task.assignee_user is None
    assert list(tasks_for_user(user=colleague)) == [task]
    assert list(tasks_for_user(user=caseworker_a)) == [task]
    notified = set(
        Notification.objects.filter(kind=NotificationKind.TASK_ASSIGNED).values_list(
            "user_id", flat=True
        )
    )
    assert notified == {caseworker_a.pk, colleague.pk}


def test_only_colleagues_or_organisations_holding_the_case(case, caseworker_a, caseworker_b, org_b):
    for kwargs in ({"user": caseworker_b}, {"org": org_b}):
        with pytest.raises(ApplicationError) as excinfo:
            add(case, caseworker_a, **kwargs)
        assert excinfo.value.message == MSG_ASSIGNEE_NOT_ALLOWED
    assert not Task.objects.exists()


def test_another_organisation_cannot_add_a_task_to_the_case(case, caseworker_b, org_b):
    with pytest.raises(NotFound):
        add(case, caseworker_b, org=org_b)


def test_done_and_not_done(case, caseworker_a, colleague):
    task = add(case, caseworker_a, user=colleague)
    done = task_complete(task_id=task.pk, actor=colleague)
    assert done.done_at is not None and done.done_by == colleague
    assert CaseEvent.objects.filter(case=case, kind=EventKind.TASK_DONE).count() == 1
    with pytest.raises(ConflictError):
        task_complete(task_id=task.pk, actor=colleague)
    reopened = task_reopen(task_id=task.pk, actor=caseworker_a)
    assert reopened.done_at is None and reopened.done_by is None
    with pytest.raises(ConflictError):
        task_reopen(task_id=task.pk, actor=caseworker_a)
    types = list(
        AuditEvent.objects.filter(target_type="cases.task", target_id=str(task.pk))
        .order_by("id")
        .values_list("event_type", flat=True)
    )
    assert types == [
        AuditEventType.TASK_CREATED,
        AuditEventType.TASK_COMPLETED,
        AuditEventType.TASK_REOPENED,
    ]
    note = CaseEvent.objects.get(case=case, kind=EventKind.NOTE)
    assert note.details == {"task_reopened": task.pk}


def test_another_organisation_cannot_complete_a_task(case, caseworker_a, caseworker_b):
    task = add(case, caseworker_a, user=caseworker_a)
    with pytest.raises(NotFound):
        task_complete(task_id=task.pk, actor=caseworker_b)


def test_overdue_is_the_organisations_tasks_due_before_today(case, caseworker_a, colleague, org_a):
    late = add(case, caseworker_a, user=colleague, due=today())
    add(case, caseworker_a, org=org_a, due=today() + datetime.timedelta(days=1))
    tomorrow = today() + datetime.timedelta(days=1)
    assert list(tasks_overdue_for_user(user=caseworker_a, today=tomorrow)) == [late]
    task_complete(task_id=late.pk, actor=colleague)
    assert list(tasks_overdue_for_user(user=caseworker_a, today=tomorrow)) == []


# Pages -----------------------------------------------------------------------------------


@pytest.fixture
def logged_in(client, caseworker_a):
    client.force_login(caseworker_a)
    return client


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("name", ["cases:my_tasks", "cases:overdue_tasks"])
def test_task_lists_use_a_fixed_number_of_queries(logged_in, org_a, caseworker_a, name):
    def make(n: int) -> None:
        for i in range(n):
            report, _ = make_report(organisation=org_a)
            case = triage_make_case(report_id=report.pk, actor=caseworker_a)
            task = add(case, caseworker_a, user=caseworker_a, due=today(), title=f"Fictional {i}")
            Task.objects.filter(pk=task.pk).update(due_on=today() - datetime.timedelta(days=1))

    make(1)
    url = reverse(name)
    _queries(logged_in, url)  # warm up (session, caches)
    one = _queries(logged_in, url)
    make(5)
    assert _queries(logged_in, url) == one
    body = logged_in.get(url).content.decode()
    assert body.count("Mark as done") == 6


def test_my_tasks_page_and_navigation(logged_in, case, caseworker_a):
    add(case, caseworker_a, user=caseworker_a, title="Fictional: ring the housing officer")
    body = logged_in.get(reverse("cases:my_tasks")).content.decode()
    assert "Fictional: ring the housing officer" in body
    assert case.reference in body
    assert f'href="{reverse("cases:my_tasks")}"' in body


def test_mark_done_and_not_done_by_post(logged_in, case, caseworker_a):
    task = add(case, caseworker_a, user=caseworker_a)
    url = reverse("cases:task_complete", args=[task.pk])
    assert logged_in.get(url).status_code == 405
    response = logged_in.post(url, {"next": reverse("cases:case_detail", args=[case.pk])})
    assert response["Location"] == reverse("cases:case_detail", args=[case.pk])
    task.refresh_from_db()
    assert task.done_at is not None
    response = logged_in.post(
        reverse("cases:task_reopen", args=[task.pk]), {"next": "https://example.org/elsewhere"}
    )
    assert response["Location"] == reverse("cases:my_tasks")
    task.refresh_from_db()
    assert task.done_at is None


def test_create_form_on_a_case(logged_in, case, colleague, org_a):
    url = reverse("cases:task_create", args=[case.pk])
    page = logged_in.get(url).content.decode()
    assert "Cy Example" in page and org_a.name in page
    due = today() + datetime.timedelta(days=5)
    response = logged_in.post(
        url,
        {
            "title": "Fictional: arrange a visit",
            "assignee": f"user:{colleague.pk}",
            "due_on-day": due.day,
            "due_on-month": due.month,
            "due_on-year": due.year,
        },
    )
    assert response.status_code == 302
    task = Task.objects.get()
    assert (task.assignee_user, task.due_on, task.case) == (colleague, due, case)
    body = logged_in.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert "Fictional: arrange a visit" in body


def test_create_form_keeps_answers_on_error(logged_in, case):
    past = today() - datetime.timedelta(days=1)
    response = logged_in.post(
        reverse("cases:task_create", args=[case.pk]),
        {
            "title": "Fictional: typed text",
            "due_on-day": past.day,
            "due_on-month": past.month,
            "due_on-year": past.year,
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Choose who the task is for" in body
    assert "The due date must be today or in the future" in body
    assert "Fictional: typed text" in body
    assert not Task.objects.exists()


def test_pages_are_404_for_another_organisation(client, case, caseworker_a, caseworker_b):
    task = add(case, caseworker_a, user=caseworker_a)
    client.force_login(caseworker_b)
    assert client.get(reverse("cases:task_create", args=[case.pk])).status_code == 404
    assert client.post(reverse("cases:task_complete", args=[task.pk])).status_code == 404
    assert "Fictional: call back" not in client.get(reverse("cases:my_tasks")).content.decode()
