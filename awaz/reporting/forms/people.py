"""Questions about the victim, the people involved, the police and support.

Everything about the victim is optional and has "Prefer not to say"; someone reporting for
another person, or a witness, also has "I don't know", so they answer only what they know.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from awaz.core.forms import LongTextField
from awaz.reporting.forms.base import (
    StepForm,
    SummaryRow,
    by_role,
    exclusive_choice_error,
)
from awaz.reporting.forms.choices import (
    ADULT_AGE_BANDS,
    AGE_BANDS,
    COMMUNICATION_NEEDS,
    DISABILITY,
    DONT_KNOW,
    ETHNICITY,
    GENDER,
    NONE,
    OFFENDER_COUNT,
    PREFER_NOT_TO_SAY,
    RELIGION,
    SEXUAL_ORIENTATION,
    SUPPORT_KINDS,
    UNDER_18,
    YES_NO_NOT_SURE,
    Choices,
)
from awaz.reporting.models import AgeConfirmed

AGE_CHECK_CHOICES: Choices = [
    (AgeConfirmed.UNDER_18, _("I am under 18")),
    (AgeConfirmed.ADULT, _("I am 18 or over")),
]


def age_answers_disagree(*, role: str, said_under_18: str, age_band: str) -> bool:
    """Whether a victim's "Are you under 18?" and their age group contradict each other.
    (Someone reporting for another person, or a witness, answers about two people.)"""
    if role != "victim":
        return False
    return (said_under_18 == "no" and age_band == UNDER_18) or (
        said_under_18 == "yes" and age_band in ADULT_AGE_BANDS
    )


def _optional_radios(choices: Choices) -> forms.ChoiceField:
    return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, required=False)


class _VictimDetailsForm(StepForm):
    """Optional equality questions, worded for the reporter's role."""

    # field name -> (choices, label for the victim, label for someone else)
    questions: dict[str, tuple[Choices, Any, Any]] = {}

    def setup(self) -> None:
        extra: Choices = [(PREFER_NOT_TO_SAY, _("Prefer not to say"))]
        if not self.journey.is_victim:
            extra = [(DONT_KNOW, _("I don't know")), *extra]
        for name, (choices, victim_label, other_label) in self.questions.items():
            field: Any = _optional_radios([*choices, *extra])
            field.label = by_role(self.journey, victim=victim_label, other=other_label)
            field.divider_before = {extra[0][0]}
            self.fields[name] = field


class VictimAboutForm(_VictimDetailsForm):
    questions = {
        "age_band": (AGE_BANDS, _("How old are you?"), _("How old is the person?")),
        "gender": (GENDER, _("What is your gender?"), _("What is the person's gender?")),
        "disability": (
            DISABILITY,
            _("Do you have a disability?"),
            _("Does the person have a disability?"),
        ),
    }

    def setup(self) -> None:
        super().setup()
        self.title = by_role(
            self.journey, victim=_("About you"), other=_("About the person it happened to")
        )
        self.fields["disability"].help_text = _(
            "A physical or mental health condition or illness that has lasted, or is expected "
            "to last, 12 months or more."
        )
        if self._ages_disagree(self._given_age_band()):
            self._add_age_check()

    # When "Are you under 18?" and the age group disagree, the page asks once which is
    # right, under the age group; the answer is kept, so it is not asked again.

    def _given_age_band(self) -> str:
        if self.is_bound:
            return str(self.data.get(self.add_prefix("age_band"), ""))
        return str(self.initial.get("age_band", ""))

    def _ages_disagree(self, age_band: str) -> bool:
        return age_answers_disagree(
            role=self.journey.role,
            said_under_18=self.journey.reporter_is_under_18,
            age_band=age_band,
        )

    def _add_age_check(self) -> None:
        field = forms.ChoiceField(
            label=(
                _("You told us you are not under 18. Which is right?")
                if self.journey.reporter_is_under_18 == "no"
                else _("You told us you are under 18. Which is right?")
            ),
            help_text=_(
                "Your answers about your age do not match. We ask so that we can make sure "
                "you get the right support."
            ),
            choices=AGE_CHECK_CHOICES,
            widget=forms.RadioSelect,
            error_messages={"required": _("Select if you are under 18 or 18 or over")},
        )
        fields = list(self.fields.items())
        at = [name for name, _f in fields].index("age_band") + 1
        self.fields = dict([*fields[:at], ("age_check", field), *fields[at:]])

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        band, confirmed = data.get("age_band") or "", data.get("age_check") or ""
        if confirmed and self._ages_disagree(band):
            if confirmed == AgeConfirmed.ADULT and band == UNDER_18:
                self.add_error(
                    "age_band",
                    _("You said you are 18 or over: select your age, or Prefer not to say"),
                )
            elif confirmed == AgeConfirmed.UNDER_18 and band in ADULT_AGE_BANDS:
                self.add_error(
                    "age_band",
                    _("You said you are under 18: select Under 18, or Prefer not to say"),
                )
        return data

    def summary_rows(self, stored: dict[str, Any]) -> list[SummaryRow]:
        rows = super().summary_rows(stored)
        confirmed = stored.get("age_check")
        if confirmed and self._ages_disagree(str(stored.get("age_band", ""))):
            rows.insert(1, SummaryRow(_("Which is right"), dict(AGE_CHECK_CHOICES)[confirmed]))
        return rows


class VictimBackgroundForm(_VictimDetailsForm):
    questions = {
        "ethnicity": (
            ETHNICITY,
            _("What is your ethnic group?"),
            _("What is the person's ethnic group?"),
        ),
        "religion": (RELIGION, _("What is your religion?"), _("What is the person's religion?")),
        "sexual_orientation": (
            SEXUAL_ORIENTATION,
            _("What is your sexual orientation?"),
            _("What is the person's sexual orientation?"),
        ),
    }

    def setup(self) -> None:
        super().setup()
        self.title = by_role(
            self.journey, victim=_("Your background"), other=_("The person's background")
        )


class CommunicationForm(StepForm):
    heading_field = "needs"
    needs = forms.MultipleChoiceField(
        label=_("Do you need help to communicate with us?"),
        help_text=_("Select all that apply. Leave blank if you do not need any."),
        choices=COMMUNICATION_NEEDS,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    language = forms.CharField(
        label=_("Which language would you like to use? (optional)"),
        required=False,
        max_length=100,
        error_messages={"max_length": _("The language must be 100 characters or less")},
    )


class OffenderForm(StepForm):
    title = _("About the person or people who did it")
    offender_count = forms.ChoiceField(
        label=_("How many people did it?"),
        choices=OFFENDER_COUNT,
        widget=forms.RadioSelect,
        required=False,
    )
    offender_known = forms.ChoiceField(
        label=_("Do you know them?"),
        choices=YES_NO_NOT_SURE,
        widget=forms.RadioSelect,
        required=False,
    )
    offender_description = LongTextField(
        label=_("Can you describe them? (optional)"),
        help_text=_("For example, what they looked like or wore, a name, or a vehicle."),
        rows=4,
        required=False,
        max_length=2000,
        error_messages={"max_length": _("The description must be 2,000 characters or less")},
    )

    def setup(self) -> None:
        self.fields["offender_known"].label = by_role(
            self.journey,
            victim=_("Do you know them?"),
            other=_("Does the person it happened to know them?"),
        )


class WitnessesForm(StepForm):
    witnesses = LongTextField(
        label=_("Did anyone else see or hear it? (optional)"),
        help_text=_("Tell us who, and how to reach them if you know."),
        rows=4,
        required=False,
        max_length=2000,
        error_messages={"max_length": _("Witnesses must be 2,000 characters or less")},
    )


class PoliceForm(StepForm):
    heading_field = "police_told"
    police_told = forms.ChoiceField(
        label=_("Have the police been told about it?"),
        choices=YES_NO_NOT_SURE,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select if the police have been told about it")},
    )
    # Kept whatever the answer above (and shown on "Check your answers"): a reference typed
    # with "No" or "I'm not sure" is not dropped unsaid.
    police_reference = forms.CharField(
        label=_("Crime reference number (optional)"),
        help_text=_("If the police gave you one, for example in a text message or letter."),
        required=False,
        max_length=50,
        error_messages={"max_length": _("The crime reference must be 50 characters or less")},
    )


class SupportForm(StepForm):
    support_wanted = forms.MultipleChoiceField(
        choices=[*SUPPORT_KINDS, (NONE, _("No, I do not want support now"))],
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Select the support you would like, or select that you do not want any")
        },
    )

    def setup(self) -> None:
        field: Any = self.fields["support_wanted"]
        field.label = by_role(
            self.journey,
            victim=_("What support would you like?"),
            other=_("What support would help the person it happened to?"),
        )
        field.help_text = _(
            "Select all that apply. Support is free and confidential, and you can change your "
            "mind later."
        )
        field.exclusive_choices = {NONE}
        field.divider_before = {NONE}

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if exclusive_choice_error(data.get("support_wanted") or [], NONE):
            self.add_error(
                "support_wanted",
                _("Select that you do not want support on its own, or select the support"),
            )
        return data
