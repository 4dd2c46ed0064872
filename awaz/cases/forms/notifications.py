"""How a member of staff wants to be told: straight away or in a daily summary."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from awaz.cases.models import NotificationMode


class NotificationSettingsForm(forms.Form):
    mode = forms.ChoiceField(
        label=_("How do you want to get notifications?"),
        help_text=_(
            "E-mails only say what happened and give a link. "
            "They never contain names or other details about people."
        ),
        choices=NotificationMode.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you want to get notifications")},
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["mode"].choice_hints = {  # type: ignore[attr-defined]
            NotificationMode.IMMEDIATE: _("An e-mail for each notification."),
            NotificationMode.DIGEST: _("One e-mail each morning listing the day's notifications."),
        }
