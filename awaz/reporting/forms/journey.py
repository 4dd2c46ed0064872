"""The reporting journey as data: its steps in order, when each applies, and how the
saved answers become ``ReportAnswers``.

The public journey and assisted recording by reporting-centre staff use these same steps
(assisted recording adds one first: how the person is reporting). ``steps`` below is the
saved answers, ``{step slug: {field: JSON value}}``, as kept in the draft.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from awaz.reporting.answers import ReportAnswers
from awaz.reporting.forms.about import (
    ChannelForm,
    RelationshipForm,
    RoleForm,
    Under18Form,
    YoungPersonForm,
)
from awaz.reporting.forms.base import JourneyContext, StepForm
from awaz.reporting.forms.choices import NONE, NOT_SURE, OTHER
from awaz.reporting.forms.consent import (
    CONTACT_CONSENT,
    SHARE_FIELDS,
    ConsentForm,
    ContactChoiceForm,
    ContactForm,
)
from awaz.reporting.forms.incident import (
    AccountForm,
    IncidentTypesForm,
    PerceptionForm,
    WhenForm,
    WhereForm,
    WhyForm,
)
from awaz.reporting.forms.people import (
    CommunicationForm,
    OffenderForm,
    PoliceForm,
    SupportForm,
    VictimAboutForm,
    VictimBackgroundForm,
    WitnessesForm,
    age_answers_disagree,
)
from awaz.reporting.models import AgeConfirmed, ConsentPurpose, ReporterRole

Steps = dict[str, dict[str, Any]]


class EvidenceForm(StepForm):
    """One file at a time (works without JavaScript); the page lists what is uploaded."""

    evidence_file = forms.FileField(
        label=_("Upload a file (optional)"),
        help_text=_("Screenshots, photos or PDF documents."),
        required=False,
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/gif,image/webp,.pdf"}),
    )

    def summary_rows(self, stored: dict[str, Any]) -> list:
        return []  # the files are listed by the view, from the draft's evidence


def _answer(steps: Steps, slug: str, name: str, default: Any = None) -> Any:
    return (steps.get(slug) or {}).get(name, default)


def _always(steps: Steps) -> bool:
    return True


def _never(steps: Steps) -> bool:
    return False


@dataclass(frozen=True)
class Step:
    slug: str
    form_class: type[StepForm]
    applies: Callable[[Steps], bool] = _always
    kind: str = "form"  # "form", "evidence" (uploads) or "info" (no questions)
    assisted_only: bool = False
    # The label of this step's section on "Check your answers".
    section: Any = ""
    # True when the step's saved answer still needs something (asked again, not skipped).
    unfinished: Callable[[Steps], bool] = _never

    def is_answered(self, steps: Steps) -> bool:
        return self.slug in steps and not self.unfinished(steps)


def ages_disagree(steps: Steps) -> bool:
    """The victim said they are (not) under 18, then gave an age group that says otherwise."""
    return age_answers_disagree(
        role=_answer(steps, "who", "reporter_role", ""),
        said_under_18=_answer(steps, "age", "reporter_is_under_18", ""),
        age_band=_answer(steps, "about-victim", "age_band", "") or "",
    )


def age_confirmed(steps: Steps) -> str:
    """Which age the victim said is right when their answers disagreed ("" if they agree)."""
    return (
        str(_answer(steps, "about-victim", "age_check", "") or "") if ages_disagree(steps) else ""
    )


def _age_check_unanswered(steps: Steps) -> bool:
    """The answers disagree (perhaps after "Are you under 18?" was changed) and the victim
    has not yet said which is right: "About you" asks."""
    return ages_disagree(steps) and not age_confirmed(steps)


def reporter_under_18(steps: Steps) -> bool:
    """The person reporting is under 18: they said so, or confirmed it when asked."""
    return (
        _answer(steps, "age", "reporter_is_under_18") == "yes"
        or age_confirmed(steps) == AgeConfirmed.UNDER_18
    )


def _strands_chosen(steps: Steps) -> bool:
    chosen = _answer(steps, "why", "strands", []) or []
    return any(code != NOT_SURE for code in chosen)


STEPS: list[Step] = [
    Step("how-reporting", ChannelForm, assisted_only=True, section=_("About the report")),
    Step("who", RoleForm, section=_("About the report")),
    Step(
        "relationship",
        RelationshipForm,
        applies=lambda s: _answer(s, "who", "reporter_role") == ReporterRole.ON_BEHALF,
        section=_("About the report"),
    ),
    Step("age", Under18Form, section=_("About the report")),
    Step(
        "under-18",
        YoungPersonForm,
        applies=lambda s: _answer(s, "age", "reporter_is_under_18") == "yes",
        kind="info",
    ),
    Step("what-happened", IncidentTypesForm, section=_("What happened")),
    Step("account", AccountForm, section=_("What happened")),
    Step("evidence", EvidenceForm, kind="evidence", section=_("What happened")),
    Step("when", WhenForm, section=_("What happened")),
    Step("where", WhereForm, section=_("What happened")),
    Step("why", WhyForm, section=_("Why it happened")),
    Step("whose-view", PerceptionForm, applies=_strands_chosen, section=_("Why it happened")),
    Step(
        "about-victim",
        VictimAboutForm,
        section=_("About the person it happened to"),
        unfinished=_age_check_unanswered,
    ),
    Step("background", VictimBackgroundForm, section=_("About the person it happened to")),
    Step("communication", CommunicationForm, section=_("Communication")),
    Step("offender", OffenderForm, section=_("The people involved")),
    Step("witnesses", WitnessesForm, section=_("The people involved")),
    Step("police", PoliceForm, section=_("Police and support")),
    Step("support", SupportForm, section=_("Police and support")),
    Step("sharing", ConsentForm, section=_("Sharing and contact")),
    Step("contact", ContactChoiceForm, section=_("Sharing and contact")),
    Step(
        "contact-details",
        ContactForm,
        applies=lambda s: _answer(s, "contact", "wants_contact") == "yes",
        section=_("Sharing and contact"),
    ),
]
STEP_BY_SLUG: dict[str, Step] = {step.slug: step for step in STEPS}


def journey_steps(*, assisted: bool) -> list[Step]:
    return [step for step in STEPS if assisted or not step.assisted_only]


def applicable_steps(steps: Steps, *, assisted: bool) -> list[Step]:
    return [step for step in journey_steps(assisted=assisted) if step.applies(steps)]


def first_unanswered(steps: Steps, *, assisted: bool) -> Step | None:
    """The first step that applies and has no saved answer; None when all are answered."""
    for step in applicable_steps(steps, assisted=assisted):
        if not step.is_answered(steps):
            return step
    return None


def step_before(slug: str, steps: Steps, *, assisted: bool) -> Step | None:
    previous = None
    for step in applicable_steps(steps, assisted=assisted):
        if step.slug == slug:
            return previous
        previous = step
    return previous


def step_after(slug: str, steps: Steps, *, assisted: bool) -> Step | None:
    found = False
    for step in applicable_steps(steps, assisted=assisted):
        if found:
            return step
        found = step.slug == slug
    return None


def may_open(slug: str, steps: Steps, *, assisted: bool) -> bool:
    """A step may be opened once every applicable step before it is answered."""
    for step in applicable_steps(steps, assisted=assisted):
        if step.slug == slug:
            return True
        if not step.is_answered(steps):
            return False
    return False


def steps_not_applying(steps: Steps, *, assisted: bool) -> list[str]:
    """Saved steps that no longer apply (their answers must not reach the report)."""
    applying = {step.slug for step in applicable_steps(steps, assisted=assisted)}
    return [slug for slug in steps if slug not in applying]


def journey_context(steps: Steps, *, assisted: bool) -> JourneyContext:
    return JourneyContext(
        role=_answer(steps, "who", "reporter_role", ""),
        is_assisted=assisted,
        reporter_is_under_18=_answer(steps, "age", "reporter_is_under_18", "") or "",
    )


# From saved answers to ReportAnswers ---------------------------------------------------------


def _date(value: Any) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _time(value: Any) -> datetime.time | None:
    return datetime.time.fromisoformat(value) if value else None


def answers_from_steps(steps: Steps, *, assisted: bool = False) -> ReportAnswers:
    """The report as ``report_submit`` takes it. Steps that no longer apply are ignored."""
    applying = {step.slug for step in applicable_steps(steps, assisted=assisted)}
    s: Steps = {slug: value for slug, value in steps.items() if slug in applying}

    strands = list(_answer(s, "why", "strands", []) or [])
    victim_details = {
        name: _answer(s, slug, name)
        for slug, names in (
            ("about-victim", ("age_band", "gender", "disability")),
            ("background", ("ethnicity", "religion", "sexual_orientation")),
        )
        for name in names
        if _answer(s, slug, name)
    }
    needs = _answer(s, "communication", "needs", []) or []
    communication = {
        "language": _answer(s, "communication", "language", ""),
        "interpreter": "interpreter" in needs,
        "bsl": "bsl" in needs,
        "easy_read": "easy_read" in needs,
    }
    offender = {
        "count": _answer(s, "offender", "offender_count", ""),
        "known_to_victim": _answer(s, "offender", "offender_known", ""),
        "description": _answer(s, "offender", "offender_description", ""),
    }
    consents: dict[tuple[str, str], bool] = {
        (ConsentPurpose.SHARE.value, kind.value): _answer(s, "sharing", name) == "yes"
        for name, kind in SHARE_FIELDS.items()
        if _answer(s, "sharing", name)
    }
    anonymous = _answer(s, "contact", "wants_contact") != "yes"
    consents[(CONTACT_CONSENT[0].value, CONTACT_CONSENT[1].value)] = not anonymous
    point = None
    if _answer(s, "where", "lat") is not None and _answer(s, "where", "lon") is not None:
        point = (float(_answer(s, "where", "lat")), float(_answer(s, "where", "lon")))
    contact = {} if anonymous else (s.get("contact-details") or {})
    return ReportAnswers(
        reporter_role=_answer(s, "who", "reporter_role", ""),
        reporter_relationship=_answer(s, "relationship", "reporter_relationship", ""),
        reporter_is_under_18=reporter_under_18(s),
        age_confirmed=age_confirmed(s),
        incident_types=list(_answer(s, "what-happened", "incident_types", []) or []),
        incident_type_other=_answer(s, "what-happened", "incident_type_other", ""),
        what_happened=_answer(s, "account", "what_happened", ""),
        incident_date=_date(_answer(s, "when", "incident_date")),
        incident_time=_time(_answer(s, "when", "incident_time")),
        is_ongoing=bool(_answer(s, "when", "is_ongoing", False)),
        location_description=_answer(s, "where", "location_description", ""),
        postcode=_answer(s, "where", "postcode", ""),
        location_point=point,
        strand_codes=[code for code in strands if code not in {OTHER, NOT_SURE}],
        strand_not_sure=NOT_SURE in strands,
        strand_other=_answer(s, "why", "strand_other", ""),
        perception_by=_answer(s, "whose-view", "perception_by", ""),
        victim_details=victim_details,
        communication_needs=communication,
        offender_details={k: v for k, v in offender.items() if v},
        witnesses=_answer(s, "witnesses", "witnesses", ""),
        police_told=_answer(s, "police", "police_told", ""),
        police_reference=_answer(s, "police", "police_reference", ""),
        support_wanted=[
            k for k in (_answer(s, "support", "support_wanted", []) or []) if k != NONE
        ],
        consents=consents,
        is_anonymous=anonymous,
        contact_name=contact.get("contact_name", ""),
        contact_email=contact.get("contact_email", ""),
        contact_phone=contact.get("contact_phone", ""),
        contact_methods=list(contact.get("contact_methods") or []),
        contact_address=contact.get("contact_address", ""),
        contact_safe_times=contact.get("contact_safe_times", ""),
    )


def channel_from_steps(steps: Steps) -> str:
    return str(_answer(steps, "how-reporting", "channel", ""))
