"""The administrator's form for a new API client."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from awaz.api_clients.models import Scope

LIFETIMES = [
    ("30", _("30 days")),
    ("90", _("90 days")),
    ("180", _("180 days")),
    ("365", _("365 days")),
]


class ApiClientForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the system"),
        help_text=_("For example, “Case management system”."),
        max_length=120,
        error_messages={"required": _("Enter the name of the system")},
    )
    scopes = forms.MultipleChoiceField(
        label=_("What may it do?"),
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Select at least one thing the client may do")},
    )
    lifetime = forms.ChoiceField(
        label=_("How long should its token work?"),
        choices=LIFETIMES,
        initial="90",
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how long the token should work")},
    )
