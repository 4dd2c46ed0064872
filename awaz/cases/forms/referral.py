"""Sending, declining referrals."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from awaz.partners.models import Organisation

FULL = "full"
ANONYMISED = "anonymised"


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return f"{obj.name} ({obj.get_kind_display()})"


class ReferralForm(forms.Form):
    to_organisation = OrganisationChoiceField(
        label=_("Which organisation are you referring the case to?"),
        queryset=Organisation.objects.none(),
        empty_label=_("Choose an organisation"),
        error_messages={
            "required": _("Choose the organisation to refer the case to"),
            "invalid_choice": _("Choose an organisation from the list"),
        },
    )
    reason = forms.CharField(
        label=_("Why are you referring it?"),
        help_text=_(
            "Say what you are asking them to do. If you share it anonymised, do not write "
            "names, contact details or addresses here."
        ),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("Enter why you are referring the case"),
            "max_length": _("The reason must be 5,000 characters or fewer"),
        },
    )
    sharing = forms.ChoiceField(
        label=_("What do you want to share?"),
        choices=[
            (FULL, _("The full report")),
            (ANONYMISED, _("An anonymised version")),
        ],
        widget=forms.RadioSelect,
        initial=FULL,
        error_messages={"required": _("Choose what you want to share")},
    )

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["to_organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = organisations
        sharing = self.fields["sharing"]
        sharing.choice_hints = {  # type: ignore[attr-defined]
            FULL: _("Only possible where the reporter's consent to share covers them now."),
            ANONYMISED: _(
                "No name, contact details, exact place or account in the reporter's words."
            ),
        }

    @property
    def anonymised(self) -> bool:
        return self.cleaned_data.get("sharing") == ANONYMISED


class ReferralDeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are you declining the referral?"),
        help_text=_("The referring organisation will see this."),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("Enter why you are declining the referral"),
            "max_length": _("The reason must be 5,000 characters or fewer"),
        },
    )
