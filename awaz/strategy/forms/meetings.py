"""Meetings: the meeting itself, an item of other business, and the minutes. (Actions
arising use the action form.)"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from awaz.core.forms import GovukDateField

NOT_IDENTIFYING = _("Do not include names or details that could identify a victim.")


class MeetingForm(forms.Form):
    title = forms.CharField(
        label=_("Name of the meeting"),
        help_text=_("For example, Quarterly meeting"),
        max_length=200,
        error_messages={"required": _("Enter the name of the meeting")},
    )
    held_on = GovukDateField(
        label=_("Date"),
        help_text=_("For example, 14 10 2026"),
        not_in_future=False,
        subject=_("The date of the meeting"),
        error_messages={"required": _("Enter the date of the meeting")},
    )
    location = forms.CharField(
        label=_("Where (optional)"),
        help_text=_("A place or a video call"),
        max_length=200,
        required=False,
    )


class AgendaItemForm(forms.Form):
    title = forms.CharField(
        label=_("Agenda item"),
        help_text=_("For example, Plans for Hate Crime Awareness Week"),
        max_length=300,
        error_messages={"required": _("Enter the agenda item")},
    )
    detail = forms.CharField(
        label=_("More detail (optional)"),
        help_text=NOT_IDENTIFYING,
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
    )


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=_("Minutes"),
        help_text=_(
            "Plain text, shown as written: who attended by role, what was discussed and "
            "decided. Do not include names or details that could identify a victim."
        ),
        widget=forms.Textarea(attrs={"rows": 16}),
        max_length=50000,
        error_messages={
            "required": _("Enter the minutes"),
            "max_length": _("The minutes must be 50,000 characters or fewer"),
        },
    )
