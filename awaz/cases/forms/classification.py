"""Forms for classifying a case, threshold decisions and new versions of the rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from awaz.cases.models import Classification
from awaz.core.forms import GovukDateField


class ClassificationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return _("%(name)s (version %(version)s)") % {"name": obj.name, "version": obj.version}


class ClassifyForm(forms.Form):
    classification = ClassificationChoiceField(
        queryset=Classification.objects.none(),
        widget=forms.RadioSelect,
        label=_("How is this case classified?"),
        error_messages={
            "required": _("Choose a classification"),
            "invalid_choice": _("Choose a classification from the list"),
        },
    )

    def __init__(self, *args: Any, options: QuerySet[Classification], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["classification"].queryset = options  # type: ignore[attr-defined]
        self.fields["classification"].choice_hints = {  # type: ignore[attr-defined]
            option.pk: option.description for option in options if option.description
        }


class ThresholdForm(forms.Form):
    meets_threshold = forms.TypedChoiceField(
        choices=[("yes", _("Yes: the threshold is met")), ("no", _("No: it is not met"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        label=_("Is the threshold for recording the subject's personal data met?"),
        help_text=_(
            "For example, a real risk of significant harm or of a future criminal offence."
        ),
        error_messages={"required": _("Choose whether the threshold is met")},
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10000,
        label=_("Reason for the decision"),
        error_messages={"required": _("Enter the reason for the decision")},
    )


class ClassificationVersionForm(forms.Form):
    code = forms.SlugField(
        max_length=40,
        label=_("Code"),
        help_text=_(
            "An existing code (such as police_nchi) adds a new version of it; a new code "
            "adds a new classification."
        ),
        error_messages={
            "required": _("Enter the code"),
            "invalid": _("Code must use only lower-case letters, numbers and underscores"),
        },
    )
    name = forms.CharField(
        max_length=120, label=_("Name"), error_messages={"required": _("Enter the name")}
    )
    description = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label=_("When to use it (optional)"),
    )
    effective_from = GovukDateField(
        not_in_future=False,
        label=_("In force from"),
        subject=_("The date it is in force from"),
        help_text=_("The current version ends the day before."),
        error_messages={"required": _("Enter the date it is in force from")},
    )
    retention_months = forms.IntegerField(
        min_value=1,
        max_value=1200,
        label=_("Retention review, in months after closing"),
        error_messages={
            "required": _("Enter the retention period in months"),
            "invalid": _("Retention period must be a whole number of months"),
            "min_value": _("Retention period must be at least 1 month"),
            "max_value": _("Retention period must be 1200 months or fewer"),
        },
    )
    flags = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Rules that apply"),
        choices=[
            ("is_police_record", _("A police record (only the police can choose it)")),
            ("is_crime", _("A police-recorded crime")),
            ("victims_code_applies", _("The Victims' Code time limits apply")),
            (
                "requires_threshold_decision",
                _("Recording the subject's personal data needs a threshold decision"),
            ),
        ],
    )
