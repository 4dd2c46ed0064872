"""Forms for the case page's actions. They only check what was typed; the services decide."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awaz.cases.models import CaseEvent, CaseReport, CaseStatus
from awaz.cases.services.case import CORRECTABLE_FIELDS, ContactMethod, KeyDecision
from awaz.core.forms import GovukDateField
from awaz.core.models import User
from awaz.reporting.models import Strand

_TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")


class WhenForm(forms.Form):
    """A date (GOV.UK date input) and an optional time (24-hour, ``14:30``), combined into
    ``cleaned_data["when"]`` in local time; empty date means now."""

    when_required = False
    date = GovukDateField(required=False, label=_("Date"), subject=_("The date"))
    time = forms.CharField(
        required=False,
        max_length=5,
        label=_("Time (optional)"),
        help_text=_("Use the 24-hour clock, for example 14:30"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_time(self) -> datetime.time | None:
        typed = (self.cleaned_data.get("time") or "").strip()
        if not typed:
            return None
        match = _TIME.match(typed)
        if match is None:
            raise forms.ValidationError(_("Enter a time like 14:30"))
        return datetime.time(int(match.group(1)), int(match.group(2)))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        day, time = cleaned.get("date"), cleaned.get("time")
        if day is None:
            if self.when_required and "date" not in self.errors:
                self.add_error("date", _("Enter the date"))
            cleaned["when"] = None
            return cleaned
        moment = datetime.datetime.combine(
            day, time or datetime.time(12, 0), tzinfo=timezone.get_current_timezone()
        )
        if time is None and day == timezone.localdate():
            moment = min(moment, timezone.now())
        cleaned["when"] = moment
        return cleaned


class NoteForm(forms.Form):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10000,
        label=_("Note"),
        error_messages={"required": _("Enter the note")},
    )
    audience = forms.ChoiceField(
        choices=[
            ("staff", _("Staff only")),
            ("reporter", _("Staff and the person who reported")),
        ],
        initial="staff",
        widget=forms.RadioSelect,
        label=_("Who can see this note?"),
        help_text=_("The person who reported sees shared notes with their follow-up code."),
        error_messages={"required": _("Choose who can see this note")},
    )


class ContactForm(WhenForm):
    method = forms.ChoiceField(
        choices=ContactMethod.choices,
        widget=forms.RadioSelect,
        label=_("How was the contact made?"),
        error_messages={"required": _("Choose how the contact was made")},
    )
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10000,
        required=False,
        label=_("What was said or agreed (optional)"),
    )
    field_order = ["method", "date", "time", "text"]


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        choices=[(v, label) for v, label in CaseStatus.choices if v != CaseStatus.CLOSED],
        widget=forms.RadioSelect,
        label=_("What is the case's status?"),
        help_text=_("To close the case, record its outcome."),
        error_messages={"required": _("Choose the status")},
    )


class OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.full_name)


class OwnerForm(forms.Form):
    owner = OwnerChoiceField(
        queryset=User.objects.none(),
        label=_("Who owns the case?"),
        empty_label=_("Choose a colleague"),
        error_messages={
            "required": _("Choose the colleague who owns the case"),
            "invalid_choice": _("Choose a colleague from the list"),
        },
    )

    def __init__(self, *args: Any, colleagues: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = colleagues  # type: ignore[attr-defined]


class DecisionForm(WhenForm):
    decision = forms.ChoiceField(
        choices=KeyDecision.choices,
        widget=forms.RadioSelect,
        label=_("What was decided?"),
        error_messages={"required": _("Choose the decision")},
    )
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10000,
        required=False,
        label=_("Details (optional)"),
    )
    field_order = ["decision", "date", "time", "text"]


class DecisionEventField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        code = obj.details.get("decision", "")
        label = KeyDecision(code).label if code in KeyDecision.values else code
        return _("%(decision)s, %(date)s") % {
            "decision": label,
            "date": timezone.localtime(obj.occurred_at).strftime("%-d %b %Y %H:%M"),
        }


class VictimInformedForm(WhenForm):
    decision_event = DecisionEventField(
        queryset=CaseEvent.objects.none(),
        widget=forms.RadioSelect,
        label=_("Which decision was the victim told of?"),
        error_messages={
            "required": _("Choose the decision the victim was told of"),
            "invalid_choice": _("Choose the decision the victim was told of"),
        },
    )
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10000,
        required=False,
        label=_("How they were told (optional)"),
    )
    field_order = ["decision_event", "date", "time", "text"]

    def __init__(self, *args: Any, decisions: QuerySet[CaseEvent], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision_event"].queryset = decisions  # type: ignore[attr-defined]


class PoliceReceivedForm(WhenForm):
    when_required = True
    date = GovukDateField(
        required=False, label=_("Date the police received it"), subject=_("The date")
    )


class StrandsChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class StrandsForm(forms.Form):
    strands = StrandsChoiceField(
        queryset=Strand.objects.filter(is_active=True).order_by("sort_order", "name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Which strands do you assess this as?"),
        help_text=_(
            "Your assessment is kept beside the reporter's own perception, which never changes."
        ),
    )


class ReportChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.report.reference)


class CorrectionForm(forms.Form):
    case_report = ReportChoiceField(
        queryset=CaseReport.objects.none(),
        widget=forms.RadioSelect,
        label=_("Which report does the correction apply to?"),
        error_messages={
            "required": _("Choose the report"),
            "invalid_choice": _("Choose the report"),
        },
    )
    field = forms.ChoiceField(
        choices=list(CORRECTABLE_FIELDS.items()),
        widget=forms.RadioSelect,
        label=_("What does it correct?"),
        error_messages={"required": _("Choose what the correction is about")},
    )
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10000,
        label=_("The correction"),
        help_text=_("The report stays as it was given; the correction is kept on the timeline."),
        error_messages={"required": _("Enter the correction")},
    )

    def __init__(self, *args: Any, case_reports: QuerySet[CaseReport], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case_report"].queryset = case_reports  # type: ignore[attr-defined]
