"""The question pages, "Check your answers", submit, confirmation and "Clear my answers"
(which asks first), written once for both flows: the public journey and assisted recording
by centre staff.

A ``Flow`` says which one is running (URL names, session key, whether staff are typing).
Every page works without JavaScript; every POST ends in a redirect (POST-redirect-GET).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import re_path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from awaz.audit.services import PUBLIC, Actor
from awaz.core.exceptions import ApplicationError
from awaz.reporting import codes
from awaz.reporting.forms import (
    STEP_BY_SLUG,
    JourneyContext,
    Step,
    first_unanswered,
    journey_context,
    journey_steps,
    may_open,
    step_after,
    step_before,
    steps_not_applying,
)
from awaz.reporting.forms.clear import ClearAnswersForm
from awaz.reporting.forms.journey import reporter_under_18
from awaz.reporting.models import ReportDraft
from awaz.reporting.services.drafts import (
    draft_clear,
    draft_discard_steps,
    draft_ensure,
    draft_get,
    draft_new_token,
    draft_save_step,
    draft_steps,
    draft_was_submitted,
)
from awaz.reporting.services.evidence import (
    EvidenceRejected,
    evidence_add,
    evidence_for_draft,
    evidence_remove,
)
from awaz.reporting.views.journey.summary import answer_sections

# Answers that depend on who is reporting: asked again when the role changes.
ROLE_DEPENDENT_STEPS = ["whose-view", "about-victim", "background"]


@dataclass(frozen=True)
class Flow:
    name: str  # URL name prefix: "journey" or "assisted"
    session_key: str
    assisted: bool
    # The page before the first question (the public start page or the staff start page).
    start_url_name: str

    def url(self, what: str, slug: str | None = None, *, change: bool = False) -> str:
        if slug is not None:
            url = reverse(f"reporting:{self.name}_step", kwargs={"step": slug})
        else:
            url = reverse(f"reporting:{self.name}_{what}")
        return f"{url}?change=1" if change else url

    def start_url(self) -> str:
        return reverse(self.start_url_name)

    def user(self, request: HttpRequest) -> Any:
        return request.user if self.assisted else None


@dataclass
class Loaded:
    token: str
    draft: ReportDraft | None

    @property
    def steps(self) -> dict[str, dict[str, Any]]:
        return draft_steps(self.draft)


def load(request: HttpRequest, flow: Flow) -> Loaded:
    """The draft of this browser (or staff user). A token whose draft has gone (expired or
    purged) is dropped with a message, so the person knows why their answers are missing."""
    token = request.session.get(flow.session_key, "")
    draft = draft_get(token=token, is_assisted=flow.assisted, user=flow.user(request))
    if token and draft is None:
        del request.session[flow.session_key]
        if draft_was_submitted(token=token):  # sent: the confirmation window has passed
            return Loaded(token="", draft=None)
        messages.info(
            request,
            _(
                "Your answers were deleted because you had not continued for 2 hours. "
                "Please start again."
            ),
        )
        token = ""
    return Loaded(token=token, draft=draft)


def ensure_token(request: HttpRequest, flow: Flow, loaded: Loaded) -> str:
    if not loaded.token:
        loaded.token = draft_new_token()
        request.session[flow.session_key] = loaded.token
    return loaded.token


def _template(step: Step) -> list[str]:
    return [f"reporting/journey/steps/{step.slug}.html", "reporting/journey/step.html"]


def _next_url(flow: Flow, slug: str, steps: dict[str, Any], *, changing: bool) -> str:
    if changing:
        missing = first_unanswered(steps, assisted=flow.assisted)
        return flow.url("step", missing.slug, change=True) if missing else flow.url("check")
    following = step_after(slug, steps, assisted=flow.assisted)
    return flow.url("step", following.slug) if following else flow.url("check")


def _back_url(flow: Flow, slug: str, steps: dict[str, Any], *, changing: bool) -> str:
    if changing:
        return flow.url("check")
    previous = step_before(slug, steps, assisted=flow.assisted)
    return flow.url("step", previous.slug) if previous else flow.start_url()


def _resume_url(flow: Flow, steps: dict[str, Any]) -> str:
    missing = first_unanswered(steps, assisted=flow.assisted)
    return flow.url("step", missing.slug) if missing else flow.url("check")


def _actor(request: HttpRequest, flow: Flow) -> Actor:
    if not flow.assisted:
        return PUBLIC
    membership = getattr(request.user, "membership", None)
    return Actor(user=request.user, organisation=getattr(membership, "organisation", None))


def start(request: HttpRequest, flow: Flow) -> HttpResponse:
    """Begin or resume. After a submission, "start" begins a new report."""
    loaded = load(request, flow)
    if loaded.draft is not None and loaded.draft.report_id is not None:
        request.session.pop(flow.session_key, None)
        return redirect(flow.url("step", journey_steps(assisted=flow.assisted)[0].slug))
    return redirect(_resume_url(flow, loaded.steps))


def step_page(request: HttpRequest, flow: Flow, step_slug: str) -> HttpResponse:
    step = STEP_BY_SLUG.get(step_slug)
    if step is None or (step.assisted_only and not flow.assisted):
        raise Http404()
    loaded = load(request, flow)
    if loaded.draft is not None and loaded.draft.report_id is not None:
        return redirect(flow.url("confirmation"))
    steps = loaded.steps
    if not step.applies(steps) or not may_open(step.slug, steps, assisted=flow.assisted):
        return redirect(_resume_url(flow, steps))
    changing = request.GET.get("change") == "1"
    journey = journey_context(steps, assisted=flow.assisted)
    files: list[Any] = []
    if request.method == "POST":
        form = step.form_class(request.POST, request.FILES, journey=journey)
        if step.kind == "evidence":
            response = _evidence_post(request, flow, loaded, step, form, changing=changing)
            if response is not None:
                return response
        elif form.is_valid():
            token = ensure_token(request, flow, loaded)
            previous_role = journey.role
            draft = draft_save_step(
                token=token,
                step=step.slug,
                answers=form.to_storage(),
                is_assisted=flow.assisted,
                user=flow.user(request),
            )
            steps = draft_steps(draft)
            stale = steps_not_applying(steps, assisted=flow.assisted)
            asked_again: list[str] = []
            if (
                step.slug == "who"
                and previous_role
                and previous_role != form.to_storage().get("reporter_role")
            ):
                asked_again = [s for s in ROLE_DEPENDENT_STEPS if s in steps and s not in stale]
            if stale or asked_again:
                draft_discard_steps(
                    token=token,
                    steps=stale + asked_again,
                    is_assisted=flow.assisted,
                    user=flow.user(request),
                )
                _say_removed(request, journey, steps, stale=stale, asked_again=asked_again)
                steps = {k: v for k, v in steps.items() if k not in stale + asked_again}
            return redirect(_next_url(flow, step.slug, steps, changing=changing))
    else:
        form = step.form_class(initial=steps.get(step.slug) or {}, journey=journey)
    if step.kind == "evidence" and loaded.draft is not None:
        files = evidence_for_draft(draft=loaded.draft)
    return render(
        request,
        _template(step),
        {
            "flow": flow,
            "step": step,
            "form": form,
            "files": files,
            "max_files": _max_files(),
            "steps": steps,
            "journey": journey,
            "changing": changing,
            "back_url": _back_url(flow, step.slug, steps, changing=changing),
            "under_18": reporter_under_18(steps),
        },
    )


def _gave_answers(stored: dict[str, Any]) -> bool:
    return any(value not in (None, "", [], False) for value in stored.values())


def _say_removed(
    request: HttpRequest,
    journey: JourneyContext,
    steps: dict[str, Any],
    *,
    stale: list[str],
    asked_again: list[str],
) -> None:
    """Answers are removed when a change makes them not apply (or asks them again in other
    words): the next page says which, so nothing the person typed disappears unsaid."""

    def questions(slugs: list[str]) -> str:
        headings = [
            str(STEP_BY_SLUG[slug].form_class(journey=journey).heading)
            for slug in slugs
            if _gave_answers(steps.get(slug) or {})
        ]
        return "; ".join(headings)

    removed, again = questions(stale), questions(asked_again)
    if removed:
        messages.info(
            request,
            _("These answers no longer apply, so they have been removed: %(questions)s")
            % {"questions": removed},
        )
    if again:
        messages.info(
            request,
            _(
                "You changed who you are reporting as, so we have removed your answers to "
                "these questions and will ask them again: %(questions)s"
            )
            % {"questions": again},
        )


def _max_files() -> int:
    return int(settings.EVIDENCE_MAX_FILES)


def _evidence_post(
    request: HttpRequest,
    flow: Flow,
    loaded: Loaded,
    step: Step,
    form: Any,
    *,
    changing: bool,
) -> HttpResponse | None:
    """Upload, remove or continue. Returns None to show the page again with the error."""
    here = flow.url("step", step.slug, change=changing)
    remove = request.POST.get("remove", "")
    if remove:
        # Only this draft's own files can go: another id (someone else's file, one already
        # removed, or made up) removes nothing, and the page says so.
        removed = (
            loaded.draft is not None
            and remove.isdigit()
            and evidence_remove(draft=loaded.draft, evidence_id=int(remove))
        )
        if removed:
            messages.success(request, _("The file was removed"))
        else:
            messages.info(request, _("We could not find that file, so nothing was removed"))
        return redirect(here)
    form.is_valid()
    upload = request.FILES.get("evidence_file")
    if upload is not None:
        token = ensure_token(request, flow, loaded)
        draft = draft_ensure(token=token, is_assisted=flow.assisted, user=flow.user(request))
        loaded.draft = draft
        try:
            evidence_add(upload=upload, draft=draft, actor=_actor(request, flow))
        except EvidenceRejected as exc:
            form.add_error("evidence_file", exc.message)
            return None
    if request.POST.get("action") == "upload":
        if upload is None:
            form.add_error("evidence_file", _("Select a file to upload"))
            return None
        messages.success(request, _("The file was uploaded"))
        return redirect(here)
    token = ensure_token(request, flow, loaded)
    draft = draft_save_step(
        token=token,
        step=step.slug,
        answers={"files": len(evidence_for_draft(draft=loaded.draft)) if loaded.draft else 0},
        is_assisted=flow.assisted,
        user=flow.user(request),
    )
    return redirect(_next_url(flow, step.slug, draft_steps(draft), changing=changing))


def check(request: HttpRequest, flow: Flow) -> HttpResponse:
    loaded = load(request, flow)
    if loaded.draft is None:
        return redirect(flow.url("start"))
    if loaded.draft.report_id is not None:
        return redirect(flow.url("confirmation"))
    steps = loaded.steps
    missing = first_unanswered(steps, assisted=flow.assisted)
    if missing is not None:
        return redirect(flow.url("step", missing.slug))
    return render(request, "reporting/journey/check.html", _check_context(flow, loaded))


def _check_context(flow: Flow, loaded: Loaded) -> dict[str, Any]:
    steps = loaded.steps
    assert loaded.draft is not None
    return {
        "flow": flow,
        "sections": answer_sections(
            steps,
            assisted=flow.assisted,
            evidence=evidence_for_draft(draft=loaded.draft),
            change_url=lambda slug: flow.url("step", slug, change=True),
        ),
        "back_url": _back_url(flow, "", steps, changing=False),
        "anonymous": steps.get("contact", {}).get("wants_contact") != "yes",
    }


SubmitFn = Callable[[HttpRequest, Flow, Loaded], Any]


def submit(request: HttpRequest, flow: Flow, do_submit: SubmitFn) -> HttpResponse:
    """Turn the draft into a report (once: a second POST finds the same report) and
    redirect to the confirmation, which is only reached after the commit."""
    loaded = load(request, flow)
    if loaded.draft is None:
        return redirect(flow.url("start"))
    if loaded.draft.report_id is not None:
        return redirect(flow.url("confirmation"))
    missing = first_unanswered(loaded.steps, assisted=flow.assisted)
    if missing is not None:
        return redirect(flow.url("step", missing.slug))
    try:
        do_submit(request, flow, loaded)
    except ApplicationError as exc:
        context = _check_context(flow, loaded)
        context["submit_error"] = exc.message
        return render(request, "reporting/journey/check.html", context, status=503)
    return redirect(flow.url("confirmation"))


def confirmation(request: HttpRequest, flow: Flow) -> HttpResponse:
    loaded = load(request, flow)
    draft = loaded.draft
    if draft is None or draft.report is None:
        return redirect(flow.url("start"))
    steps = loaded.steps
    report = draft.report
    return render(
        request,
        "reporting/journey/confirmation.html",
        {
            "flow": flow,
            "report": report,
            "followup_code": codes.format_followup_code(draft.followup_code),
            "sections": answer_sections(
                steps, assisted=flow.assisted, evidence=list(report.evidence.all())
            ),
            "anonymous": report.is_anonymous,
            "under_18": report.reporter_is_under_18,
        },
    )


def _clear_back_url(flow: Flow, back_to: str) -> str:
    """Where "No" returns: the question the person came from, or "Check your answers"."""
    if back_to == "check":
        return flow.url("check")
    step = STEP_BY_SLUG.get(back_to)
    if step is None or (step.assisted_only and not flow.assisted):
        return flow.url("start")
    return flow.url("step", step.slug)


def clear(request: HttpRequest, flow: Flow) -> HttpResponse:
    """ "Clear my answers" asks first (GET shows the question); only a POST answering yes
    deletes the draft and its files."""
    if request.method == "POST":
        form = ClearAnswersForm(request.POST, assisted=flow.assisted)
        if form.is_valid():
            if not form.confirmed:
                return redirect(_clear_back_url(flow, form.cleaned_data["back_to"]))
            token = request.session.pop(flow.session_key, "")
            if token:
                draft_clear(token=token)
            messages.success(request, _("Your answers have been cleared"))
            return redirect(flow.start_url())
        back_to = str(request.POST.get("back_to", ""))
    else:
        back_to = str(request.GET.get("from", ""))
        form = ClearAnswersForm(initial={"back_to": back_to}, assisted=flow.assisted)
    return render(
        request,
        "reporting/journey/clear.html",
        {"flow": flow, "form": form, "back_url": _clear_back_url(flow, back_to)},
    )


def urlpatterns_for(
    flow: Flow, *, prefix: str, wrap: Callable[[Any], Any], do_submit: SubmitFn
) -> list[Any]:
    """URL patterns of a flow. Step slugs are listed explicitly so that the journey never
    shadows other reporting pages (follow-up, inbox)."""
    slugs = "|".join(step.slug for step in journey_steps(assisted=flow.assisted))

    def _step(request: HttpRequest, step: str) -> HttpResponse:
        return step_page(request, flow, step)

    def _check(request: HttpRequest) -> HttpResponse:
        return check(request, flow)

    def _confirmation(request: HttpRequest) -> HttpResponse:
        return confirmation(request, flow)

    @require_http_methods(["GET", "POST"])
    def _clear(request: HttpRequest) -> HttpResponse:
        return clear(request, flow)

    @require_POST
    def _submit(request: HttpRequest) -> HttpResponse:
        return submit(request, flow, do_submit)

    p = prefix
    return [
        re_path(rf"^{p}(?P<step>{slugs})/$", wrap(_step), name=f"{flow.name}_step"),
        re_path(rf"^{p}check-your-answers/$", wrap(_check), name=f"{flow.name}_check"),
        re_path(rf"^{p}confirmation/$", wrap(_confirmation), name=f"{flow.name}_confirmation"),
        re_path(rf"^{p}clear/$", wrap(_clear), name=f"{flow.name}_clear"),
        re_path(rf"^{p}submit/$", wrap(_submit), name=f"{flow.name}_submit"),
    ]
