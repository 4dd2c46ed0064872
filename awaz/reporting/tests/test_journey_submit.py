"""Submitting the journey: confirmation, resubmission, anonymity (test client, no JavaScript)."""

from __future__ import annotations

import datetime
import re

from django.urls import reverse

from awaz.reporting.models import Report
from awaz.reporting.tests.journey_support import (
    VICTIM_JOURNEY,
    complete_journey,
    step_url,
    submit,
)

# Submission and confirmation --------------------------------------------------------------------


def test_submit_shows_reference_and_code_once_committed(db, client, default_hub):
    complete_journey(client)
    response = submit(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("reporting:journey_confirmation")
    report = Report.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert report.reference in page
    code = re.search(r'id="followup-code">([0-9A-Z ]+)<', page).group(1)
    assert re.fullmatch(r"([0-9A-Z]{4} ){4}[0-9A-Z]{4}", code)
    from awaz.reporting.codes import followup_code_hash

    assert followup_code_hash(code) == report.followup_code_hash
    assert "awaz-code" in page and "awaz/reporting/print.js" in page
    assert "What you told us" in page and "Fictional: a man shouted abuse" in page
    assert "a new code can only be sent to the contact details you gave" in page


def test_reload_of_confirmation_and_resubmit_show_the_same_report(db, client, default_hub):
    complete_journey(client)
    submit(client)
    first = client.get(reverse("reporting:journey_confirmation")).content.decode()
    again = submit(client)  # back, and "Send report" again
    assert again["Location"] == reverse("reporting:journey_confirmation")
    second = client.get(reverse("reporting:journey_confirmation")).content.decode()
    assert Report.objects.count() == 1
    ref = Report.objects.get().reference
    assert ref in first and ref in second
    code = re.search(r'id="followup-code">([0-9A-Z ]+)<', first).group(1)
    assert code in second


def test_steps_of_a_submitted_report_go_to_the_confirmation(db, client, default_hub):
    complete_journey(client)
    submit(client)
    response = client.get(step_url("account"))
    assert response["Location"] == reverse("reporting:journey_confirmation")


def test_the_code_is_not_shown_after_the_resubmit_window(db, client, default_hub):
    import time_machine

    complete_journey(client)
    submit(client)
    later = datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(minutes=31)
    with time_machine.travel(later):
        response = client.get(reverse("reporting:journey_confirmation"), follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == step_url("who")
    assert Report.objects.get().reference not in html
    assert "had not continued for 2 hours" not in html  # it was sent, not abandoned


def test_start_after_a_submission_begins_a_new_report(db, client, default_hub):
    complete_journey(client)
    submit(client)
    response = client.get(reverse("reporting:journey_start"))
    assert response["Location"] == step_url("who")
    assert client.get(step_url("what-happened"))["Location"] == step_url("who")


def test_anonymous_report_keeps_no_contact_details(db, client, default_hub):
    complete_journey(
        client,
        overrides={"contact": {"wants_contact": "no"}, "contact-details": None},
    )
    submit(client)
    report = Report.objects.get()
    assert report.is_anonymous
    assert (report.contact_name, report.contact_email, report.contact_phone) == ("", "", "")
    assert (report.email_index, report.phone_index, report.name_index) == ("", "", "")
    assert report.contact_methods == []
    page = client.get(reverse("reporting:journey_confirmation")).content.decode()
    assert "nobody can send you a new code if you lose it" in page


def test_under_18_confirmation_explains_what_happens_next(db, client, default_hub):
    journey = [
        ("who", {"reporter_role": "victim"}),
        ("age", {"reporter_is_under_18": "yes"}),
        ("under-18", {}),
        *VICTIM_JOURNEY[2:],
    ]
    # The age group agrees with "under 18" (a contradiction would be asked about).
    complete_journey(client, journey=journey, overrides={"about-victim": {"age_band": "under_18"}})
    submit(client)
    page = client.get(reverse("reporting:journey_confirmation")).content.decode()
    assert Report.objects.get().reporter_is_under_18
    assert "What happens next if you are under 18" in page
