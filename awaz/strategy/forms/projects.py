"""A delivery project: plan, budget, partners, outputs, outcomes and linked actions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from awaz.core.forms import GovukDateField
from awaz.partners.models import Organisation
from awaz.strategy.forms.fields import CountField, PoundsField
from awaz.strategy.models import Action, ProjectStatus
from awaz.strategy.services.projects import MSG_ENDS, MSG_LEAD_PARTNER


class ActionChoiceField(forms.ModelMultipleChoiceField):
    """Actions shown as "2.3 Title"."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.reference} {obj.title}"


class ProjectForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        help_text=_("For example, Schools sessions 2026"),
        max_length=200,
        error_messages={"required": _("Enter the name of the project")},
    )
    plan = forms.CharField(
        label=_("Plan (optional)"),
        help_text=_("What will happen, where, for whom, and when."),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=6000,
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=ProjectStatus.choices,
        widget=forms.RadioSelect,
        initial=ProjectStatus.PLANNED,
        error_messages={"required": _("Choose the status")},
    )
    lead_organisation = forms.ModelChoiceField(
        label=_("Lead organisation"),
        queryset=Organisation.objects.none(),
        empty_label=_("Choose an organisation"),
        error_messages={"required": _("Choose the lead organisation")},
    )
    partners = forms.ModelMultipleChoiceField(
        label=_("Partners (optional)"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    actions = ActionChoiceField(
        label=_("Actions it delivers (optional)"),
        queryset=Action.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    starts_on = GovukDateField(
        label=_("Start date (optional)"),
        help_text=_("For example, 1 9 2026"),
        not_in_future=False,
        required=False,
        subject=_("The start date"),
    )
    ends_on = GovukDateField(
        label=_("End date (optional)"),
        help_text=_("For example, 31 7 2027"),
        not_in_future=False,
        required=False,
        subject=_("The end date"),
    )
    budget = PoundsField(
        label=_("Budget in pounds (optional)"),
        help_text=_("For example, 1500 or 1500.50"),
        required=False,
        error_messages={
            "invalid": _("Enter the budget as an amount of money, such as 1500 or 1500.50"),
            "min_value": _("The budget must be £0 or more"),
            "max_digits": _("The budget must be less than £100,000,000"),
            "max_whole_digits": _("The budget must be less than £100,000,000"),
            "max_decimal_places": _("Enter the budget in pounds and pence, such as 1500.50"),
        },
    )
    sessions_held = CountField(
        label=_("Sessions held so far"),
        help_text=_("Sessions, events or courses delivered"),
        initial=0,
        error_messages={"required": _("Enter the number of sessions held, or 0")},
    )
    people_reached = CountField(
        label=_("People reached so far"),
        help_text=_("People who took part or were reached"),
        initial=0,
        error_messages={"required": _("Enter the number of people reached, or 0")},
    )
    outcomes = forms.CharField(
        label=_("Outcomes (optional)"),
        help_text=_("What changed because of it: evaluation, feedback, follow-up."),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=6000,
    )

    def __init__(
        self,
        *args: Any,
        organisations: QuerySet[Organisation],
        actions: QuerySet[Action],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        for name, queryset in (
            ("lead_organisation", organisations),
            ("partners", organisations),
            ("actions", actions),
        ):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = queryset

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        lead = cleaned.get("lead_organisation")
        if lead is not None and lead in (cleaned.get("partners") or []):
            self.add_error("partners", MSG_LEAD_PARTNER)
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", MSG_ENDS)
        return cleaned
