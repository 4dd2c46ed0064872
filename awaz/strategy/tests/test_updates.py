"""Progress updates with evidence: who may add them, what is checked, how files are kept
(encrypted, outside the web root) and served (only as attachments), and how links show."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from awaz.audit.models import AuditEvent
from awaz.core.exceptions import ApplicationError, NotFound
from awaz.reporting.services.evidence import MSG_TYPE
from awaz.strategy.models import ProgressUpdate, UpdateFile
from awaz.strategy.services import evidence_file_open, progress_update_add
from awaz.strategy.services import updates as update_services
from awaz.strategy.services.actions import MSG_BEFORE_STRATEGY, MSG_NOT_FUTURE
from awaz.strategy.services.evidence import plan_evidence_dir, plan_evidence_read
from awaz.strategy.tests.conftest import TODAY, Plan
from awaz.strategy.tests.factories import small_pdf, small_png

DAY = datetime.timedelta(days=1)
pytestmark = pytest.mark.usefixtures("frozen")


def _add(plan: Plan, **fields: Any) -> ProgressUpdate:
    values: dict[str, Any] = {
        "action": plan.action,
        "update_on": TODAY - 3 * DAY,
        "text": "Fictional: four sessions held.",
        "actor": plan.lead_worker,
    }
    values.update(fields)
    return progress_update_add(**values)


def test_an_update_with_links_and_files(plan: Plan, settings: Any) -> None:
    update = _add(
        plan,
        links=["https://example.org/a", " ", "https://example.org/a", "http://example.org/b"],
        attachments=[small_png(), small_pdf()],
    )
    assert (update.update_on, update.recorded_by, update.organisation) == (
        TODAY - 3 * DAY,
        plan.lead_worker,
        plan.lead_org,
    )
    assert update.recorded_at.date() == TODAY  # when it was written, whatever date it describes
    assert list(update.links.values_list("url", flat=True)) == [
        "https://example.org/a",
        "http://example.org/b",
    ]
    files = list(update.files.all())
    assert [(f.original_name, f.content_type) for f in files] == [
        ("photo.png", "image/png"),
        ("minutes.pdf", "application/pdf"),
    ]
    event = AuditEvent.objects.order_by("-id").first()
    assert event is not None and event.event_name == "PROGRESS_UPDATE_ADDED"
    assert event.details == {
        "action_id": plan.action.pk,
        "update_on": "2026-06-12",
        "links": 2,
        "files": 2,
    }
    # Stored sealed under EVIDENCE_ROOT/plan with a random name, never as uploaded.
    stored = Path(settings.EVIDENCE_ROOT) / "plan" / files[1].storage_name
    assert stored.parent == plan_evidence_dir()
    assert b"Fictional minutes" not in stored.read_bytes()
    assert b"Fictional minutes" in plan_evidence_read(files[1])


def test_a_supporting_organisation_may_add_updates_others_may_not(plan: Plan) -> None:
    assert _add(plan, actor=plan.supporting_worker).organisation == plan.supporting_org
    for user in (plan.other_worker, plan.centre_worker, plan.pcc, plan.administrator):
        with pytest.raises(NotFound):
            _add(plan, actor=user)


@pytest.mark.parametrize(
    ("fields", "message", "field"),
    [
        ({"text": "  "}, update_services.MSG_TEXT, "text"),
        ({"update_on": TODAY + DAY}, MSG_NOT_FUTURE, "update_on"),
        ({"update_on": datetime.date(2025, 3, 31)}, MSG_BEFORE_STRATEGY, "update_on"),
        ({"links": ["javascript:alert(1)"]}, update_services.MSG_LINK, "links"),
        ({"links": ["ftp://example.org/file"]}, update_services.MSG_LINK, "links"),
        ({"links": ["example.org/page"]}, update_services.MSG_LINK, "links"),
        (
            {"links": [f"https://example.org/{i}" for i in range(11)]},
            update_services.MSG_TOO_MANY_LINKS % {"max": 10},
            "links",
        ),
    ],
)
def test_an_update_is_checked(plan: Plan, fields: Any, message: Any, field: str) -> None:
    with pytest.raises(ApplicationError) as error:
        _add(plan, **fields)
    assert (error.value.message, error.value.extra) == (message, {"field": field})
    assert not ProgressUpdate.objects.exists()


def test_a_refused_file_saves_nothing(plan: Plan) -> None:
    text = SimpleUploadedFile("notes.txt", b"plain text", content_type="text/plain")
    with pytest.raises(ApplicationError) as error:
        _add(plan, attachments=[small_png(), text])
    assert (error.value.message, error.value.extra) == (MSG_TYPE, {"field": "attachments"})
    assert not ProgressUpdate.objects.exists()
    assert list(plan_evidence_dir().iterdir()) == []


def test_file_count_and_size_limits(plan: Plan, settings: Any) -> None:
    with pytest.raises(ApplicationError) as error:
        _add(plan, attachments=[small_png(f"p{i}.png") for i in range(6)])
    assert error.value.message == update_services.MSG_TOO_MANY_FILES % {"max": 5}
    settings.EVIDENCE_MAX_BYTES = 1024 * 1024
    big = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * (1024 * 1024), "application/pdf")
    with pytest.raises(ApplicationError) as error:
        _add(plan, attachments=[big])
    assert str(error.value.message) == "The selected file must be smaller than 1 MB"


def test_opening_a_file_is_audited(plan: Plan) -> None:
    update = _add(plan, attachments=[small_pdf()])
    evidence, data = evidence_file_open(file_id=update.files.get().pk, user=plan.pcc)
    assert data.startswith(b"%PDF-")
    event = AuditEvent.objects.order_by("-id").first()
    assert event is not None
    assert (event.event_name, event.target_type, event.details) == (
        "PLAN_EVIDENCE_VIEWED",
        "strategy.updatefile",
        {"update_id": update.pk, "action_id": plan.action.pk},
    )
    with pytest.raises(NotFound):
        evidence_file_open(file_id=evidence.pk, user=plan.administrator)


def test_a_file_is_served_only_as_an_attachment(plan: Plan, client: Client) -> None:
    update = _add(plan, attachments=[small_png("<script>.png")])
    file = UpdateFile.objects.get(update=update)
    client.force_login(plan.other_worker)
    response = client.get(reverse("strategy:evidence_download", args=[file.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == f'attachment; filename="plan-evidence-{file.pk}.png"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_links_and_names_on_the_timeline(plan: Plan, client: Client) -> None:
    _add(plan, links=["https://example.org/report?a=1&b=2"], attachments=[small_png("<b>.png")])
    client.force_login(plan.pcc)
    page = client.get(reverse("strategy:action_detail", args=[plan.action.pk])).content.decode()
    assert (
        '<a class="govuk-link" href="https://example.org/report?a=1&amp;b=2" '
        'rel="noopener noreferrer">https://example.org/report?a=1&amp;b=2</a>'
    ) in page
    assert "&lt;b&gt;.png" in page and "<b>.png" not in page
