"""The search form: what kind of thing to look for, and the exact value."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from awaz.cases.services.search import SearchKind


class SearchForm(forms.Form):
    kind = forms.ChoiceField(
        choices=SearchKind.choices,
        initial=SearchKind.REFERENCE,
        widget=forms.RadioSelect,
        label=_("Search by"),
        error_messages={"required": _("Choose what to search by")},
    )
    value = forms.CharField(
        max_length=200,
        label=_("Search for"),
        help_text=_("Names, phone numbers and e-mail addresses must match exactly."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": _("Enter what to search for")},
    )
