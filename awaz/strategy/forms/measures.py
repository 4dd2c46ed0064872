"""Performance measures: the chair's form for a measure, and a partner's quarterly value."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from awaz.core.quarters import Quarter
from awaz.partners.models import Organisation
from awaz.strategy.models import Computation, GoodDirection, MeasureSource, Strand, Unit
from awaz.strategy.services.measures import MSG_COMPUTATION, MSG_ORGANISATION


class AmountField(forms.DecimalField):
    """A number with up to two decimal places, typed in a text box: "1,200", "45.5" and
    "45.5%" all mean what they say."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"})
        )
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if isinstance(value, str):
            value = value.strip().removesuffix("%").replace(",", "").strip()
        return super().to_python(value)


TARGET_ERRORS = {
    "invalid": _("Enter the target as a number, such as 40 or 75.5"),
    "max_digits": _("Enter a smaller target"),
    "max_whole_digits": _("Enter a smaller target"),
    "max_decimal_places": _("Enter the target with no more than 2 decimal places"),
}
VALUE_ERRORS = {
    "required": _("Enter the value"),
    "invalid": _("Enter the value as a number, such as 40 or 75.5"),
    "max_digits": _("Enter a smaller value"),
    "max_whole_digits": _("Enter a smaller value"),
    "max_decimal_places": _("Enter the value with no more than 2 decimal places"),
}


SOURCE_HINTS = {
    MeasureSource.COMPUTED: _("From reports, cases and survey answers in Awaz, every quarter."),
    MeasureSource.ENTERED: _("A partner enters the figure after each quarter ends."),
}


class MeasureForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        help_text=_("For example, Schools sessions delivered"),
        max_length=200,
        error_messages={"required": _("Enter the name of the measure")},
    )
    description = forms.CharField(
        label=_("How it is counted, and why it matters (optional)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=4000,
    )
    strand = forms.ModelChoiceField(
        label=_("Strand"),
        queryset=Strand.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Choose the strand")},
    )
    source = forms.ChoiceField(
        label=_("Where the figures come from"),
        choices=MeasureSource.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose where the figures come from")},
    )
    computation = forms.ChoiceField(
        label=_("What Awaz computes (for a computed measure)"),
        help_text=_("Awaz sets the unit of a computed measure."),
        choices=[("", _("Choose a computation")), *Computation.choices],
        required=False,
    )
    entered_by_organisation = forms.ModelChoiceField(
        label=_("Organisation that enters it (for an entered measure)"),
        queryset=Organisation.objects.none(),
        empty_label=_("Choose an organisation"),
        required=False,
    )
    unit = forms.ChoiceField(
        label=_("Unit (for an entered measure)"),
        choices=Unit.choices,
        widget=forms.RadioSelect,
        initial=Unit.COUNT,
        error_messages={"required": _("Choose the unit")},
    )
    good_direction = forms.ChoiceField(
        label=_("Which direction is good?"),
        choices=GoodDirection.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether higher or lower is better")},
    )
    target = AmountField(
        label=_("Target each quarter (optional)"),
        help_text=_("In the measure's unit. For example, 40, or 75 for 75%"),
        required=False,
        error_messages=TARGET_ERRORS,
    )
    sort_order = forms.IntegerField(
        label=_("Position in the strand's list"),
        help_text=_("Lower numbers come first"),
        min_value=0,
        max_value=32767,
        initial=100,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={
            "required": _("Enter a position, such as 100"),
            "invalid": _("Enter the position as a whole number, such as 100"),
            "min_value": _("Enter the position as a whole number, such as 100"),
            "max_value": _("Enter a position of 32767 or less"),
        },
    )

    def __init__(
        self,
        *args: Any,
        strands: QuerySet[Strand],
        organisations: QuerySet[Organisation],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        strand = self.fields["strand"]
        assert isinstance(strand, forms.ModelChoiceField)
        strand.queryset = strands
        organisation = self.fields["entered_by_organisation"]
        assert isinstance(organisation, forms.ModelChoiceField)
        organisation.queryset = organisations
        self.fields["source"].choice_hints = SOURCE_HINTS  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        source = cleaned.get("source")
        if source == MeasureSource.COMPUTED and not cleaned.get("computation"):
            self.add_error("computation", MSG_COMPUTATION)
        if source == MeasureSource.ENTERED and not cleaned.get("entered_by_organisation"):
            self.add_error("entered_by_organisation", MSG_ORGANISATION)
        return cleaned


class MeasureValueForm(forms.Form):
    quarter = forms.ChoiceField(
        label=_("Quarter"),
        help_text=_("Financial-year quarters: quarter 1 is April to June"),
        error_messages={
            "required": _("Choose the quarter"),
            "invalid_choice": _("Choose a quarter that has ended"),
        },
    )
    value = AmountField(
        label=_("Value"),
        error_messages=VALUE_ERRORS,
    )
    note = forms.CharField(
        label=_("Note (optional for a first figure, needed for a correction)"),
        help_text=_("Where the figure comes from, any caveats, or why it is being corrected."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )

    def __init__(self, *args: Any, quarters: list[Quarter], unit_hint: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        quarter = self.fields["quarter"]
        assert isinstance(quarter, forms.ChoiceField)
        quarter.choices = [(q.start.isoformat(), f"{q.label} ({q.months_label})") for q in quarters]
        self.fields["value"].help_text = unit_hint

    def cleaned_quarter(self) -> Quarter:
        return Quarter.of(datetime.date.fromisoformat(self.cleaned_data["quarter"]))
