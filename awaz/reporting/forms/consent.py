"""Consent to share, whether we may make contact, and how."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from awaz.core.crypto import normalise_phone
from awaz.core.forms import LongTextField
from awaz.reporting.forms.base import StepForm, UKPhoneField
from awaz.reporting.forms.choices import CONTACT_CHOICE, CONTACT_METHODS, YES_NO
from awaz.reporting.models import ConsentPurpose, RecipientKind

# field name -> (recipient kind) for the "who can we share with" page
SHARE_FIELDS: dict[str, RecipientKind] = {
    "share_police": RecipientKind.POLICE,
    "share_victim_support": RecipientKind.VICTIM_SUPPORT,
    "share_council": RecipientKind.COUNCIL,
}
CONTACT_CONSENT = (ConsentPurpose.CONTACT, RecipientKind.RECEIVING_ORGANISATION)


def _yes_no(label: Any, hint: Any, required_message: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        help_text=hint,
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": required_message},
    )


class ConsentForm(StepForm):
    title = _("Who can we share your report with?")
    share_police = _yes_no(
        _("Can we share your report with the police?"),
        _("The police can record it and investigate, even if you do not want to go to court."),
        _("Select yes if we can share your report with the police"),
    )
    share_victim_support = _yes_no(
        _("Can we share your report with victim support services?"),
        _("They offer free, confidential support."),
        _("Select yes if we can share your report with victim support services"),
    )
    share_council = _yes_no(
        _("Can we share your report with the council?"),
        _("For example, if it happened in council housing or a public place."),
        _("Select yes if we can share your report with the council"),
    )


class ContactChoiceForm(StepForm):
    wants_contact = forms.ChoiceField(
        label=_("Can we contact you about your report?"),
        choices=CONTACT_CHOICE,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select yes if we can contact you")},
    )

    def setup(self) -> None:
        field: Any = self.fields["wants_contact"]
        field.choice_hints = {
            "yes": _("We will only contact you in the ways you choose, when you say it is safe."),
            "no": _(
                "Nobody will be able to contact you. Your follow-up code will be the only way "
                "to check on your report or add to it, and it cannot be replaced if you lose it."
            ),
        }


class ContactForm(StepForm):
    title = _("How can we contact you?")
    contact_name = forms.CharField(
        label=_("Name we should use (optional)"),
        help_text=_("It does not need to be your full name."),
        required=False,
        max_length=200,
        error_messages={"max_length": _("The name must be 200 characters or less")},
    )
    contact_methods = forms.MultipleChoiceField(
        label=_("How is it safe to contact you?"),
        help_text=_("Select all that apply."),
        choices=CONTACT_METHODS,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Select how we can contact you")},
    )
    contact_address = LongTextField(
        label=_("Postal address"),
        help_text=_("The address we should write to, including the postcode."),
        rows=4,
        required=False,
        max_length=500,
        error_messages={"max_length": _("The address must be 500 characters or less")},
    )
    contact_email = forms.EmailField(
        label=_("Email address"),
        required=False,
        max_length=254,
        error_messages={
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
            "max_length": _("The email address must be 254 characters or less"),
        },
    )
    contact_phone = UKPhoneField(label=_("Phone number"), required=False)
    contact_safe_times = LongTextField(
        label=_("When and how is it safe to contact you? (optional)"),
        help_text=_("For example, only after 6pm, or do not leave a voicemail."),
        rows=3,
        required=False,
        max_length=500,
        error_messages={"max_length": _("This must be 500 characters or less")},
    )
    summary_fields = (
        "contact_name",
        "contact_methods",
        "contact_email",
        "contact_phone",
        "contact_address",
        "contact_safe_times",
    )

    def setup(self) -> None:
        self.fields["contact_email"].widget.attrs.update(
            {"autocomplete": "email", "spellcheck": "false"}
        )
        self.fields["contact_name"].widget.attrs.update({"autocomplete": "name"})
        self.fields["contact_address"].widget.attrs.update({"autocomplete": "street-address"})
        # Shown under "Letter" when it is ticked (always shown without JavaScript).
        methods: Any = self.fields["contact_methods"]
        methods.conditional_fields = {"letter": ("contact_address",)}

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        methods = data.get("contact_methods") or []
        if (
            "email" in methods
            and not data.get("contact_email")
            and "contact_email" not in self.errors
        ):
            self.add_error("contact_email", _("Enter your email address"))
        phone = data.get("contact_phone") or ""
        if ("phone" in methods or "text" in methods) and not phone:
            if "contact_phone" not in self.errors:
                self.add_error("contact_phone", _("Enter your phone number"))
        elif "text" in methods and not normalise_phone(phone).startswith("07"):
            self.add_error(
                "contact_phone",
                _("Enter a mobile number for text messages, like 07700 900 982"),
            )
        if (
            "letter" in methods
            and not data.get("contact_address")
            and "contact_address" not in self.errors
        ):
            self.add_error("contact_address", _("Enter the address to write to"))
        return data
