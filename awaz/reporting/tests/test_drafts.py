"""Drafts: only a token in the session, encrypted answers, two-hour expiry, clearing, purge."""

from __future__ import annotations

import datetime
import hashlib
from pathlib import Path

import time_machine
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from awaz.audit.services import PUBLIC
from awaz.reporting.models import Evidence, ReportDraft
from awaz.reporting.services.drafts import (
    draft_ensure,
    draft_get,
    draft_new_token,
    draft_save_step,
    draft_steps,
    drafts_purge_expired,
)
from awaz.reporting.services.evidence import evidence_add
from awaz.reporting.tasks import purge_expired_drafts
from awaz.reporting.tests.journey_support import (
    VICTIM_JOURNEY,
    answer,
    complete_journey,
    error_summary,
    step_url,
)
from awaz.reporting.tests.test_evidence import png_bytes, upload

SESSION_KEY = "awaz_report_draft"


def _later(minutes: int) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(minutes=minutes)


def test_the_session_holds_only_the_token_and_the_database_only_its_hash(db, client):
    answer(client, "who", {"reporter_role": "victim"})
    token = client.session[SESSION_KEY]
    draft = ReportDraft.objects.get()
    assert draft.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in draft.token_hash
    assert set(client.session.keys()) == {SESSION_KEY}


def test_answers_are_encrypted_in_the_draft(db, client):
    complete_journey(client, journey=VICTIM_JOURNEY[:4])
    with connection.cursor() as cursor:
        cursor.execute("SELECT data FROM reporting_reportdraft")
        (raw,) = cursor.fetchone()
    assert raw.startswith("enc1:")
    assert "shouted abuse" not in raw and "victim" not in raw


def test_draft_survives_a_reload(db, client):
    complete_journey(client, journey=VICTIM_JOURNEY[:4])
    page = client.get(step_url("account")).content.decode()
    assert "Fictional: a man shouted abuse at me at the bus stop." in page


def test_draft_expires_two_hours_after_the_last_answer(db):
    token = draft_new_token()
    draft_save_step(token=token, step="who", answers={"reporter_role": "victim"})
    with time_machine.travel(_later(90)):
        draft_save_step(token=token, step="age", answers={"reporter_is_under_18": "no"})
    with time_machine.travel(_later(90 + 119)):
        assert draft_steps(draft_get(token=token)).keys() == {"who", "age"}
    with time_machine.travel(_later(90 + 121)):
        assert draft_get(token=token) is None


def test_an_expired_draft_says_why_the_answers_are_gone(db, client):
    complete_journey(client, journey=VICTIM_JOURNEY[:3])
    with time_machine.travel(_later(121)):
        response = client.get(step_url("account"), follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == step_url("who")
    assert "Your answers were deleted because you had not continued for 2 hours" in html
    assert SESSION_KEY not in client.session


def test_clear_my_answers_deletes_the_draft_and_its_files(
    db, client, settings, django_capture_on_commit_callbacks
):
    complete_journey(client, journey=VICTIM_JOURNEY[:4])
    evidence_url = step_url("evidence")
    client.post(evidence_url, {"action": "upload", "evidence_file": upload("a.png", png_bytes())})
    path = Path(settings.EVIDENCE_ROOT) / Evidence.objects.get().storage_name
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reporting:journey_clear"), {"confirm": "yes"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("public:start")
    assert "Your answers have been cleared" in response.content.decode()
    assert not ReportDraft.objects.exists()
    assert not Evidence.objects.exists()
    assert not path.exists()
    assert SESSION_KEY not in client.session
    assert client.get(step_url("account"))["Location"] == step_url("who")


def test_clear_asks_first_and_a_get_deletes_nothing(db, client):
    complete_journey(client, journey=VICTIM_JOURNEY[:4])
    response = client.get(reverse("reporting:journey_clear") + "?from=account")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Are you sure you want to clear your answers?" in html
    assert "This deletes everything you have typed" in html
    assert 'value="yes"' in html and 'value="no"' in html
    assert 'method="post"' in html
    assert ReportDraft.objects.count() == 1
    assert SESSION_KEY in client.session


def test_clear_without_an_answer_asks_again_and_deletes_nothing(db, client):
    complete_journey(client, journey=VICTIM_JOURNEY[:4])
    response = client.post(reverse("reporting:journey_clear"), {"back_to": "account"})
    assert response.status_code == 200
    assert error_summary(response) == ["Select yes to clear your answers, or no to go back to them"]
    assert ReportDraft.objects.count() == 1
    assert "Fictional: a man shouted" in client.get(step_url("account")).content.decode()


def test_clear_no_goes_back_to_the_question_and_keeps_the_answers(db, client):
    complete_journey(client, journey=VICTIM_JOURNEY[:4])
    response = client.post(
        reverse("reporting:journey_clear"), {"confirm": "no", "back_to": "account"}
    )
    assert response["Location"] == step_url("account")
    assert ReportDraft.objects.count() == 1
    assert "Fictional: a man shouted" in client.get(step_url("account")).content.decode()
    response = client.post(reverse("reporting:journey_clear"), {"confirm": "no", "back_to": "x"})
    assert response["Location"] == reverse("reporting:journey_start")


def test_clear_is_on_every_question_page_away_from_the_main_button(db, client):
    complete_journey(client)
    clear_url = reverse("reporting:journey_clear")
    pages = [(slug, step_url(slug)) for slug, _data in VICTIM_JOURNEY]
    pages.append(("check", reverse("reporting:journey_check")))
    for slug, url in pages:
        html = client.get(url).content.decode()
        assert "Clear my answers" in html, slug
        # A link to the "Are you sure?" page, not a button that clears at once.
        assert f'href="{clear_url}?from={slug}"' in html, slug
        assert f'action="{clear_url}"' not in html, slug
        # Not next to the main button: the main form ends, then a visible section break.
        main_form_end = html.index("</form>", html.index('class="govuk-button"'))
        clear_link = html.index(f'href="{clear_url}')
        between = html[main_form_end:clear_link]
        assert "govuk-section-break--visible" in between, slug
        assert "govuk-button--secondary" in html[clear_link : html.index("</a>", clear_link)]


def test_purge_deletes_expired_drafts_and_their_files(
    db, settings, default_hub, django_capture_on_commit_callbacks
):
    old = draft_ensure(token=draft_new_token())
    fresh = draft_ensure(token=draft_new_token())
    old_file = evidence_add(upload=upload("old.png", png_bytes()), draft=old, actor=PUBLIC)
    fresh_file = evidence_add(upload=upload("new.png", png_bytes()), draft=fresh, actor=PUBLIC)
    ReportDraft.objects.filter(pk=old.pk).update(expires_at=_later(-1))
    root = Path(settings.EVIDENCE_ROOT)
    with django_capture_on_commit_callbacks(execute=True):
        assert purge_expired_drafts.delay().get() == 1
    assert list(ReportDraft.objects.values_list("pk", flat=True)) == [fresh.pk]
    assert not (root / old_file.storage_name).exists()
    assert (root / fresh_file.storage_name).exists()
    assert list(Evidence.objects.values_list("pk", flat=True)) == [fresh_file.pk]


def test_purge_keeps_evidence_of_submitted_reports(
    db, client, settings, default_hub, django_capture_on_commit_callbacks
):
    complete_journey(client, journey=VICTIM_JOURNEY[:4])
    client.post(
        step_url("evidence"), {"action": "upload", "evidence_file": upload("a.png", png_bytes())}
    )
    complete_journey(client, journey=VICTIM_JOURNEY[4:])
    client.post(reverse("reporting:journey_submit"))
    evidence = Evidence.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        assert drafts_purge_expired(now=_later(31)) == 1
    assert not ReportDraft.objects.exists()
    evidence.refresh_from_db()
    assert evidence.report_id is not None
    assert (Path(settings.EVIDENCE_ROOT) / evidence.storage_name).exists()
