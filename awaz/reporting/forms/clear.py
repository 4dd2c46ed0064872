""" "Clear my answers": the question that confirms it, so one click deletes nothing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

YES = "yes"
NO = "no"


class ClearAnswersForm(forms.Form):
    confirm = forms.ChoiceField(
        label=_("Are you sure you want to clear your answers?"),
        widget=forms.RadioSelect,
        choices=[
            (YES, _("Yes, delete everything I have typed")),
            (NO, _("No, go back to my answers")),
        ],
        error_messages={
            "required": _("Select yes to clear your answers, or no to go back to them"),
            "invalid_choice": _("Select yes to clear your answers, or no to go back to them"),
        },
    )
    # Where "No" (and "Back") returns: a question's slug, or "check".
    back_to = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, assisted: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["confirm"].help_text = (
            _(
                "This deletes everything recorded so far, including uploaded files. "
                "It cannot be undone."
            )
            if assisted
            else _(
                "This deletes everything you have typed, including uploaded files. "
                "You cannot get it back."
            )
        )

    @property
    def confirmed(self) -> bool:
        return self.cleaned_data.get("confirm") == YES
