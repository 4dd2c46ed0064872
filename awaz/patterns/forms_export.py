"""The incident export's one choice beyond the dashboard filters: whether to include personal
details (offered only to roles in ``patterns.export_personal``; off unless ticked, so nobody
downloads personal data by accident)."""

from __future__ import annotations

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

INCLUDE = "on"


class ExportForm(forms.Form):
    personal = forms.MultipleChoiceField(
        label=_("Personal details"),
        choices=[(INCLUDE, _("Include personal details"))],
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "What happened, where it happened in the reporter's words and the contact name, "
            "only for reports you can open in the triage inbox or as a case your organisation "
            "leads; the contact e-mail and phone too where your organisation received the "
            "report and the reporter agrees to be contacted by it. Other rows say "
            "\u201cwithheld\u201d. Every download of personal details is recorded in the "
            "audit log."
        ),
        required=False,
    )


def hidden_fields(query: str) -> list[tuple[str, str]]:
    """The (name, value) pairs of a query string, to carry the filters through a form."""
    return [(name, value) for name, values in QueryDict(query).lists() for value in values]


def wants_personal(query: QueryDict) -> bool:
    form = ExportForm(query)
    return bool(form.is_valid() and INCLUDE in form.cleaned_data["personal"])
