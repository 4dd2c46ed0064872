"""Closing a case with its outcome, and the victim's satisfaction survey. The forms only
check what was typed; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from awaz.cases.models import CaseOutcome


class CaseCloseForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("What was the outcome?"),
        choices=CaseOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the outcome")},
    )


SCALE = [
    ("5", _("5: very good")),
    ("4", _("4: good")),
    ("3", _("3: neither good nor poor")),
    ("2", _("2: poor")),
    ("1", _("1: very poor")),
]
LISTENED = [
    ("5", _("5: completely")),
    ("4", _("4: mostly")),
    ("3", _("3: partly")),
    ("2", _("2: not much")),
    ("1", _("1: not at all")),
]
YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class SatisfactionForm(forms.Form):
    overall = forms.TypedChoiceField(
        label=_("Overall, how well did we deal with your report?"),
        choices=SCALE,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how well we dealt with your report")},
    )
    felt_listened_to = forms.TypedChoiceField(
        label=_("Did you feel listened to?"),
        choices=LISTENED,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether you felt listened to")},
    )
    would_report_again = forms.TypedChoiceField(
        label=_("Would you report to us again?"),
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose yes if you would report to us again")},
    )
