"""Choosing the quarter of a quarterly report: one of the strategy's complete quarters."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from awaz.core.quarters import Quarter


class QuarterForm(forms.Form):
    quarter = forms.ChoiceField(
        label=_("Which quarter?"),
        help_text=_(
            "Only quarters of the strategy that have ended are listed. Making a report can "
            "take a minute."
        ),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a quarter"),
            "invalid_choice": _("Choose one of the quarters listed"),
        },
    )

    def __init__(self, *args: Any, quarters: list[Quarter], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["quarter"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(q.start.isoformat(), f"{q.label} ({q.months_label})") for q in quarters]
        if quarters and not self.is_bound:
            self.initial.setdefault("quarter", quarters[0].start.isoformat())

    def chosen(self) -> Quarter:
        return Quarter(datetime.date.fromisoformat(self.cleaned_data["quarter"]))
