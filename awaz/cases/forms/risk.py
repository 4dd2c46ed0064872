"""The risk and vulnerability assessment form: one radio question per ``risk.QUESTIONS``
entry (wording here, weights in ``awaz.cases.risk``), then professional judgement."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from awaz.cases import risk
from awaz.cases.models import RiskLevel

QUESTION_TEXT: dict[str, StrOrPromise] = {
    "repeat_victimisation": _("Has the victim been targeted before, in the last 12 months?"),
    "threats_serious_harm": _("Has anyone threatened to kill them or to cause serious harm?"),
    "physical_injury": _("Were they physically injured?"),
    "perpetrator_known_nearby": _(
        "Do they know the person responsible, or does that person live nearby?"
    ),
    "unsafe_at_home": _("Do they feel unsafe in their own home?"),
    "vulnerability": _(
        "Are they vulnerable because of a disability, age, mental health or isolation?"
    ),
    "escalation": _("Is it happening more often, or getting more serious?"),
    "children_affected": _("Are children in the household affected?"),
    "community_tension": _(
        "Is there wider community tension, or a campaign against them (including online)?"
    ),
    "fear_level": _("How afraid is the victim?"),
}
QUESTION_HINT: dict[str, StrOrPromise] = {
    "threats_serious_harm": _("Yes makes the level high whatever the score."),
}
ANSWER_LABELS: dict[str, StrOrPromise] = {
    risk.YES: _("Yes"),
    risk.NO: _("No"),
    risk.NOT_KNOWN: _("Not known"),
    "not_afraid": _("Not afraid"),
    "somewhat_afraid": _("Somewhat afraid"),
    "very_afraid": _("Very afraid"),
}
KEEP_SCORED = ""
MSG_CHOOSE = _("Select an answer")


class RiskAssessmentForm(forms.Form):
    """The questions, then an optional level that replaces the scored one (with a reason:
    the service refuses an override without one)."""

    override_level = forms.ChoiceField(
        label=_("Your professional judgement"),
        help_text=_(
            "Keep the level the answers give, or choose another. If you choose another, say why."
        ),
        choices=[(KEEP_SCORED, _("Keep the level the answers give")), *RiskLevel.choices],
        widget=forms.RadioSelect,
        required=False,
    )
    override_reason = forms.CharField(
        label=_("Why the level differs from the score"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        questions: dict[str, forms.Field] = {}
        for question in risk.QUESTIONS:
            questions[question.code] = forms.ChoiceField(
                label=QUESTION_TEXT[question.code],
                help_text=QUESTION_HINT.get(question.code, ""),
                choices=[(value, ANSWER_LABELS[value]) for value in question.values],
                widget=forms.RadioSelect,
                error_messages={"required": MSG_CHOOSE},
            )
        # The questions first, then the judgement.
        self.fields = {**questions, **self.fields}
        if not self.is_bound:
            self.initial.setdefault("override_level", KEEP_SCORED)

    def question_fields(self) -> list[forms.BoundField]:
        return [self[code] for code in risk.QUESTION_CODES]

    def answers(self) -> dict[str, str]:
        return {code: self.cleaned_data[code] for code in risk.QUESTION_CODES}
