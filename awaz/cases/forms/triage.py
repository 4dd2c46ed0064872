"""Forms for triage: link a report to a case, close it, and bulk actions on the inbox."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from awaz.cases.models import Case, CloseReason
from awaz.core.models import User


class CaseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        owner = obj.owner.full_name if obj.owner is not None else _("no owner")
        return _("%(reference)s (opened %(date)s, %(owner)s)") % {
            "reference": obj.reference,
            "date": obj.opened_at.strftime("%-d %b %Y"),
            "owner": owner,
        }


class LinkCaseForm(forms.Form):
    case = CaseChoiceField(
        queryset=Case.objects.none(),
        widget=forms.RadioSelect,
        label=_("Which case is it part of?"),
        error_messages={
            "required": _("Choose the case to link the report to"),
            "invalid_choice": _("Choose the case to link the report to"),
        },
    )

    def __init__(self, *args: Any, cases: QuerySet[Case], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = cases  # type: ignore[attr-defined]


class CloseReportForm(forms.Form):
    reason = forms.ChoiceField(
        choices=CloseReason.choices,
        widget=forms.RadioSelect,
        label=_("Why close it without a case?"),
        error_messages={"required": _("Choose why the report is closed")},
    )


class BulkAction:
    ASSIGN = "assign"
    CLOSE_DUPLICATE = "close_duplicate"


class ColleagueChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.full_name)


class BulkTriageForm(forms.Form):
    reports = forms.TypedMultipleChoiceField(
        coerce=int,
        label=_("Reports"),
        error_messages={
            "required": _("Select at least one report"),
            "invalid_choice": _("Select reports from the list"),
        },
    )
    action = forms.ChoiceField(
        choices=[
            (BulkAction.ASSIGN, _("Assign to a colleague")),
            (BulkAction.CLOSE_DUPLICATE, _("Close as duplicates")),
        ],
        widget=forms.RadioSelect,
        label=_("What do you want to do with the selected reports?"),
        error_messages={"required": _("Choose what to do with the selected reports")},
    )
    assignee = ColleagueChoiceField(
        queryset=User.objects.none(),
        required=False,
        label=_("Colleague"),
        empty_label=_("Choose a colleague"),
        error_messages={"invalid_choice": _("Choose a colleague from the list")},
    )

    def __init__(
        self, *args: Any, report_ids: list[int], colleagues: QuerySet[User], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reports"].choices = [(pk, str(pk)) for pk in report_ids]  # type: ignore[attr-defined]
        self.fields["assignee"].queryset = colleagues  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("action") == BulkAction.ASSIGN and not cleaned.get("assignee"):
            self.add_error("assignee", _("Choose the colleague to assign the reports to"))
        return cleaned
