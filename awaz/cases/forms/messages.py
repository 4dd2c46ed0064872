"""Writing to the reporter, and the reporter's answer."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from awaz.cases.services.messages import MAX_MESSAGE_CHARS

_MAX_MESSAGE = _("The message must be 5,000 characters or fewer")


class MessageToReporterForm(forms.Form):
    body = forms.CharField(
        label=_("Your message to the reporter"),
        help_text=_(
            "They read it when they sign in with their reference and follow-up code. If "
            "they gave an e-mail address and said we can contact them, they get an e-mail "
            "saying only that there is a new message."
        ),
        max_length=MAX_MESSAGE_CHARS,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Enter your message"), "max_length": _MAX_MESSAGE},
    )


class ReporterReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        help_text=_("Your reply goes to the people working on your report."),
        max_length=MAX_MESSAGE_CHARS,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Enter your reply"), "max_length": _MAX_MESSAGE},
    )
