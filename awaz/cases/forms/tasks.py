"""Creating a task on a case."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awaz.core.forms import GovukDateField

MSG_PAST = _("The due date must be today or in the future")


class TaskForm(forms.Form):
    title = forms.CharField(
        label=_("What needs doing"),
        help_text=_("Do not include names or other personal details: they go in the notes."),
        max_length=200,
        error_messages={"required": _("Enter what needs doing")},
    )
    assignee = forms.ChoiceField(
        label=_("Who is it for"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose who the task is for")},
    )
    due_on = GovukDateField(
        label=_("Due date"),
        help_text=_("For example, 27 3 2027"),
        not_in_future=False,
        subject=_("The due date"),
        error_messages={"required": _("Enter the due date")},
    )
    notes = forms.CharField(
        label=_("Notes (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
    )

    def __init__(self, *args: Any, assignee_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        assignee = self.fields["assignee"]
        assert isinstance(assignee, forms.ChoiceField)
        assignee.choices = assignee_choices

    def clean_due_on(self) -> Any:
        due_on = self.cleaned_data["due_on"]
        if due_on is not None and due_on < timezone.localdate():
            raise forms.ValidationError(MSG_PAST)
        return due_on
