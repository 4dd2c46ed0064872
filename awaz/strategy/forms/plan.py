"""Setting up the strategy: its name and period, strands and objectives."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from awaz.core.forms import GovukDateField
from awaz.strategy.forms.fields import CountField

MSG_PERIOD = _("The end date must be after the start date")


class StrategyForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        help_text=_("For example, Hate crime strategy 2025 to 2028"),
        max_length=200,
        error_messages={"required": _("Enter the name of the strategy")},
    )
    starts_on = GovukDateField(
        label=_("Start date"),
        help_text=_("For example, 1 4 2025"),
        not_in_future=False,
        subject=_("The start date"),
        error_messages={"required": _("Enter the start date")},
    )
    ends_on = GovukDateField(
        label=_("End date"),
        help_text=_("For example, 31 3 2028"),
        not_in_future=False,
        subject=_("The end date"),
        error_messages={"required": _("Enter the end date")},
    )
    summary = forms.CharField(
        label=_("Summary (optional)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=4000,
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends <= starts:
            self.add_error("ends_on", MSG_PERIOD)
        return cleaned


class StrandForm(forms.Form):
    number = CountField(
        label=_("Number"),
        min_value=1,
        max_value=99,
        error_messages={
            "required": _("Enter the strand's number"),
            "invalid": _("Enter a whole number, such as 1"),
            "min_value": _("The number must be 1 or more"),
            "max_value": _("The number must be 99 or less"),
        },
    )
    title = forms.CharField(
        label=_("Title"),
        help_text=_("For example, Prevention"),
        max_length=200,
        error_messages={"required": _("Enter the title of the strand")},
    )
    focus = forms.CharField(
        label=_("What it covers (optional)"),
        help_text=_("For example, challenging attitudes and early intervention"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )


class ObjectiveForm(forms.Form):
    number = CountField(
        label=_("Number"),
        min_value=1,
        max_value=99,
        error_messages={
            "required": _("Enter the objective's number"),
            "invalid": _("Enter a whole number, such as 1"),
            "min_value": _("The number must be 1 or more"),
            "max_value": _("The number must be 99 or less"),
        },
    )
    text = forms.CharField(
        label=_("Objective"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Enter the objective")},
    )
