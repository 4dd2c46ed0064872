"""Assisted recording: a reporting-centre caseworker records a report for someone who
phones or walks in, with the same questions and validation as the public journey.

The report is marked with the channel (phone or in person), recorded by and received by
the caseworker's centre, and consent is recorded as given by phone or in person.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path

from awaz.audit.services import Actor
from awaz.partners.selectors import membership_for_user
from awaz.reporting.access import require
from awaz.reporting.forms import answers_from_steps, channel_from_steps, journey_steps
from awaz.reporting.models import Channel, ConsentMethod
from awaz.reporting.services.drafts import draft_clear, draft_token_hash
from awaz.reporting.services.evidence import evidence_for_draft
from awaz.reporting.services.submission import report_submit
from awaz.reporting.views.journey.flow import Flow, Loaded, load, urlpatterns_for

ASSISTED_FLOW = Flow(
    name="assisted",
    session_key="awaz_assisted_draft",
    assisted=True,
    start_url_name="reporting:assisted_start",
)


def _centre_staff_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed in, and a reporting-centre caseworker (others get 403)."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        require(request.user, "report.record_assisted")
        return view(request, *args, **kwargs)

    return wrapped


def _submit(request: HttpRequest, flow: Flow, loaded: Loaded) -> Any:
    assert loaded.draft is not None
    membership = membership_for_user(request.user)
    assert membership is not None
    centre = membership.organisation
    channel = Channel(channel_from_steps(loaded.steps))
    return report_submit(
        answers=answers_from_steps(loaded.steps, assisted=True),
        submission_key=draft_token_hash(loaded.token),
        channel=channel,
        actor=Actor(user=request.user, organisation=centre),
        consent_method=ConsentMethod.PHONE if channel == Channel.PHONE else ConsentMethod.IN_PERSON,
        recorded_by_organisation=centre,
        receiving_organisation=centre,
        evidence=evidence_for_draft(draft=loaded.draft),
    )


@_centre_staff_only
def assisted_start(request: HttpRequest) -> HttpResponse:
    """What assisted recording is; continue a report in progress or start a new one (POST)."""
    flow = ASSISTED_FLOW
    if request.method == "POST":
        token = request.session.pop(flow.session_key, "")
        if token:
            draft_clear(token=token)
        return redirect(flow.url("step", journey_steps(assisted=True)[0].slug))
    loaded = load(request, flow)
    in_progress = loaded.draft is not None and loaded.draft.report_id is None
    return render(
        request,
        "reporting/journey/assisted_start.html",
        {"flow": flow, "in_progress": in_progress, "continue_url": flow.url("check")},
    )


urlpatterns = [
    path("assisted/", assisted_start, name="assisted_start"),
    *urlpatterns_for(ASSISTED_FLOW, prefix="assisted/", wrap=_centre_staff_only, do_submit=_submit),
]
