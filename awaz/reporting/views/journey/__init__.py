"""The public reporting journey: one question per page, "Check your answers", submit and a
confirmation with the reference and follow-up code.

The pages themselves are written once in ``flow`` and shared with assisted recording
(``views/assisted.py``); this module gives the public flow its URLs and its submission.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import path

from awaz.audit.services import PUBLIC
from awaz.reporting.forms import answers_from_steps
from awaz.reporting.models import Channel, ConsentMethod
from awaz.reporting.services.drafts import draft_token_hash
from awaz.reporting.services.evidence import evidence_for_draft
from awaz.reporting.services.submission import report_submit
from awaz.reporting.views.journey.flow import Flow, Loaded, start, urlpatterns_for

PUBLIC_FLOW = Flow(
    name="journey",
    session_key="awaz_report_draft",
    assisted=False,
    start_url_name="public:start",
)


def _submit(request: HttpRequest, flow: Flow, loaded: Loaded) -> Any:
    assert loaded.draft is not None
    return report_submit(
        answers=answers_from_steps(loaded.steps, assisted=False),
        submission_key=draft_token_hash(loaded.token),
        channel=Channel.ONLINE,
        actor=PUBLIC,
        consent_method=ConsentMethod.ONLINE,
        evidence=evidence_for_draft(draft=loaded.draft),
    )


def journey_start(request: HttpRequest) -> HttpResponse:
    """ "Start now": the first question, or where the person left off."""
    return start(request, PUBLIC_FLOW)


def _public(view: Any) -> Any:
    return view


urlpatterns = [
    path("", journey_start, name="journey_start"),
    *urlpatterns_for(PUBLIC_FLOW, prefix="", wrap=_public, do_submit=_submit),
]
