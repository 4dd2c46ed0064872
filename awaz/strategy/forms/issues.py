"""The issue log: raising and changing an issue, recording a discussion, escalating,
resolving or closing, the owner, notes, and the list's filters (GET)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awaz.core.forms import GovukDateField
from awaz.core.models import User
from awaz.partners.models import Organisation
from awaz.strategy.forms.meetings import NOT_IDENTIFYING
from awaz.strategy.models import IssueStatus, Meeting
from awaz.strategy.selectors_meetings import OPEN_FILTER, IssueFilters
from awaz.strategy.services.issues import MSG_RESOLUTION


def _set_queryset(form: forms.Form, name: str, queryset: QuerySet[Any]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = queryset


def _note(label: Any, *, required: bool = False, rows: int = 4) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=NOT_IDENTIFYING,
        widget=forms.Textarea(attrs={"rows": rows}),
        required=required,
        max_length=10000,
        error_messages={"required": _("Enter the note")},
    )


def _date(label: Any, subject: Any, required_message: Any) -> GovukDateField:
    return GovukDateField(
        label=label,
        help_text=_("For example, 14 10 2026"),
        subject=subject,
        initial=timezone.localdate,
        error_messages={"required": required_message},
    )


class IssueForm(forms.Form):
    title = forms.CharField(
        label=_("The issue in a line"),
        help_text=_("For example, Bus staff unsure how to report abuse of passengers"),
        max_length=200,
        error_messages={"required": _("Enter the issue in a line")},
    )
    description = forms.CharField(
        label=_("Describe the issue"),
        help_text=_(
            "What is happening, where in general terms, and what the group is asked to do. "
            "Do not include names or details that could identify a victim."
        ),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=10000,
        error_messages={"required": _("Describe the issue")},
    )
    raised_by_organisation = forms.ModelChoiceField(
        label=_("Raised by"),
        help_text=_("The community safety partnership or agency raising it"),
        queryset=Organisation.objects.none(),
        empty_label=_("Choose an organisation"),
        error_messages={"required": _("Choose who raised the issue")},
    )
    raised_on = _date(
        _("Date raised"), _("The date it was raised"), _("Enter the date it was raised")
    )

    def __init__(
        self, *args: Any, organisations: QuerySet[Organisation] | None, **kwargs: Any
    ) -> None:
        """``organisations``: who may be named as raising it; None for a contributor, who
        raises issues for their own organisation (the field is left out)."""
        super().__init__(*args, **kwargs)
        if organisations is None:
            del self.fields["raised_by_organisation"]
        else:
            _set_queryset(self, "raised_by_organisation", organisations)


class IssueDiscussForm(forms.Form):
    meeting = forms.ModelChoiceField(
        label=_("Meeting (optional)"),
        help_text=_("The meeting where the group discussed it"),
        queryset=Meeting.objects.none(),
        empty_label=_("Not at a meeting"),
        required=False,
    )
    note = _note(_("What was said or decided (optional)"))

    def __init__(self, *args: Any, meetings: QuerySet[Meeting], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_queryset(self, "meeting", meetings)


class IssueEscalateForm(forms.Form):
    escalated_on = _date(
        _("Date escalated"),
        _("The date it was escalated"),
        _("Enter the date it was escalated"),
    )
    note = _note(_("What the county action group is asked to do (optional)"))


OUTCOME_HINTS = {
    IssueStatus.RESOLVED: _("The issue has been dealt with. Say how."),
    IssueStatus.CLOSED: _("It will not be taken further, for example because it was withdrawn."),
}


class IssueConcludeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (IssueStatus.RESOLVED.value, IssueStatus.RESOLVED.label),
            (IssueStatus.CLOSED.value, IssueStatus.CLOSED.label),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose resolved or closed")},
    )
    resolution = _note(_("Resolution"), rows=5)
    ended_on = _date(_("Date"), _("The date"), _("Enter the date"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choice_hints = OUTCOME_HINTS  # type: ignore[attr-defined]
        self.fields["resolution"].help_text = _(
            "Required if resolved: how it was resolved. Do not include names or details that "
            "could identify a victim."
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            cleaned.get("outcome") == IssueStatus.RESOLVED
            and not (cleaned.get("resolution") or "").strip()
        ):
            self.add_error("resolution", MSG_RESOLUTION)
        return cleaned


class OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(
            _("%(name)s (%(organisation)s)")
            % {"name": obj.full_name, "organisation": obj.membership.organisation.name}
        )


class IssueOwnerForm(forms.Form):
    owner = OwnerChoiceField(
        label=_("Who is taking it forward? (optional)"),
        queryset=User.objects.none(),
        empty_label=_("No one in particular"),
        required=False,
    )
    owner_organisation = forms.ModelChoiceField(
        label=_("Organisation (optional)"),
        help_text=_("Leave empty to use the organisation of the person chosen"),
        queryset=Organisation.objects.none(),
        empty_label=_("The person's organisation"),
        required=False,
    )

    def __init__(
        self,
        *args: Any,
        owners: QuerySet[User],
        organisations: QuerySet[Organisation],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        _set_queryset(self, "owner", owners)
        _set_queryset(self, "owner_organisation", organisations)


class IssueNoteForm(forms.Form):
    note = _note(_("Note"), required=True)


class IssueFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False)
    raised_by = forms.ChoiceField(label=_("Raised by"), required=False)
    escalated = forms.ChoiceField(label=_("Escalated"), required=False)

    def __init__(self, *args: Any, raisers: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.options: dict[str, list[tuple[str, str]]] = {
            "status": [
                ("", str(_("Any status"))),
                (OPEN_FILTER, str(_("Open, discussed or escalated"))),
                *((value, str(label)) for value, label in IssueStatus.choices),
            ],
            "raised_by": [
                ("", str(_("Any organisation"))),
                *((str(pk), name) for pk, name in raisers),
            ],
            "escalated": [
                ("", str(_("Escalated or not"))),
                ("yes", str(_("Escalated to the county action group"))),
                ("no", str(_("Never escalated"))),
            ],
        }
        for name, options in self.options.items():
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = options

    def selected(self) -> dict[str, str]:
        data = self.data if self.is_bound else {}
        return {name: str(data.get(name, "")) for name in self.options}

    def filters(self) -> IssueFilters:
        """The filters chosen; an unknown value (an edited address) is ignored."""
        if not self.is_bound:
            return IssueFilters()
        self.is_valid()
        data = self.cleaned_data
        escalated = {"yes": True, "no": False}.get(data.get("escalated") or "")
        return IssueFilters(
            status=data.get("status") or "",
            raised_by_id=int(data["raised_by"]) if data.get("raised_by") else None,
            escalated=escalated,
        )
