"""Actions, milestones and RAG statuses."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awaz.core.forms import GovukDateField
from awaz.partners.models import Organisation
from awaz.strategy.models import REASON_REQUIRED, Objective, RagStatus, Strand
from awaz.strategy.services.actions import MSG_DUE, MSG_LEAD_SUPPORTING, MSG_REASON

RAG_HINTS = {
    RagStatus.NOT_STARTED: _("Work has not begun."),
    RagStatus.GREEN: _("On track: milestones are being met."),
    RagStatus.AMBER: _("At risk: some slippage or problems, which the lead is dealing with."),
    RagStatus.RED: _("Off track: it will not be delivered as planned without help."),
    RagStatus.COMPLETE: _("Delivered."),
}


class ActionForm(forms.Form):
    strand = forms.ModelChoiceField(
        label=_("Strand"),
        queryset=Strand.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Choose the strand")},
    )
    title = forms.CharField(
        label=_("What is the action?"),
        help_text=_("For example, Run hate crime awareness sessions in secondary schools"),
        max_length=200,
        error_messages={"required": _("Enter what the action is")},
    )
    description = forms.CharField(
        label=_("More detail (optional)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=4000,
    )
    lead_organisation = forms.ModelChoiceField(
        label=_("Lead organisation"),
        queryset=Organisation.objects.none(),
        empty_label=_("Choose an organisation"),
        error_messages={"required": _("Choose the lead organisation")},
    )
    supporting_organisations = forms.ModelMultipleChoiceField(
        label=_("Supporting organisations (optional)"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    objectives = forms.ModelMultipleChoiceField(
        label=_("Strategic objectives it serves (optional)"),
        queryset=Objective.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    starts_on = GovukDateField(
        label=_("Start date (optional)"),
        help_text=_("For example, 1 4 2026"),
        not_in_future=False,
        required=False,
        subject=_("The start date"),
    )
    due_on = GovukDateField(
        label=_("Due date (optional)"),
        help_text=_("When it should be complete. For example, 31 3 2027"),
        not_in_future=False,
        required=False,
        subject=_("The due date"),
    )

    def __init__(
        self,
        *args: Any,
        strands: QuerySet[Strand],
        organisations: QuerySet[Organisation],
        objectives: QuerySet[Objective],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._set_queryset("strand", strands)
        self._set_queryset("lead_organisation", organisations)
        self._set_queryset("supporting_organisations", organisations)
        self._set_queryset("objectives", objectives)

    def _set_queryset(self, name: str, queryset: QuerySet[Any]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = queryset

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        lead = cleaned.get("lead_organisation")
        if lead is not None and lead in (cleaned.get("supporting_organisations") or []):
            self.add_error("supporting_organisations", MSG_LEAD_SUPPORTING)
        starts, due = cleaned.get("starts_on"), cleaned.get("due_on")
        if starts and due and due < starts:
            self.add_error("due_on", MSG_DUE)
        return cleaned


class MilestoneForm(forms.Form):
    title = forms.CharField(
        label=_("Milestone"),
        help_text=_("What will have been reached. For example, Sessions booked in 10 schools"),
        max_length=200,
        error_messages={"required": _("Enter the milestone")},
    )
    target_on = GovukDateField(
        label=_("Target date"),
        help_text=_("For example, 30 9 2026"),
        not_in_future=False,
        subject=_("The target date"),
        error_messages={"required": _("Enter the target date")},
    )


def _today_field(label: Any, subject: Any, required_message: Any, hint: Any) -> GovukDateField:
    return GovukDateField(
        label=label,
        help_text=hint,
        subject=subject,
        initial=timezone.localdate,
        error_messages={"required": required_message},
    )


class MilestoneDoneForm(forms.Form):
    done_on = _today_field(
        _("When was it reached?"),
        _("The date it was reached"),
        _("Enter the date it was reached"),
        _("For example, 14 10 2026"),
    )


class RagForm(forms.Form):
    rag_status = forms.ChoiceField(
        label=_("RAG status"),
        choices=RagStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the RAG status")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_("Required for red and amber: what is wrong and what is being done."),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=4000,
    )
    effective_on = _today_field(
        _("Date the status applies from"),
        _("The date the status applies from"),
        _("Enter the date the status applies from"),
        _("Usually today. For example, 14 10 2026"),
    )

    def __init__(self, *args: Any, earliest: datetime.date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["rag_status"]
        field.choice_hints = RAG_HINTS  # type: ignore[attr-defined]
        effective = self.fields["effective_on"]
        assert isinstance(effective, GovukDateField)
        effective.earliest = earliest

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        status = cleaned.get("rag_status")
        if status in REASON_REQUIRED and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", MSG_REASON)
        return cleaned
