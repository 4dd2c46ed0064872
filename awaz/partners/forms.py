"""Forms for staff management and accepting an invitation. They check what was typed;
the services decide (and re-check) everything else."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from awaz.core.models import User
from awaz.partners.models import LeaverReason, Role
from awaz.partners.selectors import organisation_list

ROLE_HINTS = {
    Role.CENTRE_CASEWORKER: _(
        "Records reports made by phone or in person at a third-party reporting centre, and "
        "works on reports the centre receives."
    ),
    Role.PARTNER_CASEWORKER: _("Sees and works on reports their organisation receives."),
    Role.ANALYST: _("Looks at patterns across reports."),
    Role.CHAIR: _("Leads the partnership and its meetings."),
    Role.PCC_OFFICE: _("Oversight of the partnership: no details that identify victims."),
    Role.ADMINISTRATOR: _(
        "Manages staff accounts and settings. Cannot see reports or other personal data."
    ),
}

LEAVER_HINTS = {
    LeaverReason.SECURITY: _("For example, their password or phone may have been lost or shared."),
}


class StaffInviteForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("Use their work e-mail address. The invitation link works for 7 days."),
        max_length=254,
        error_messages={
            "required": _("Enter an e-mail address"),
            "invalid": _("Enter an e-mail address in the correct format, like name@example.org"),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=organisation_list(),
        empty_label=_("Choose an organisation"),
        error_messages={"required": _("Select an organisation")},
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Role.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select a role")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choice_hints = ROLE_HINTS  # type: ignore[attr-defined]
        self.fields["organisation"].queryset = organisation_list()  # type: ignore[attr-defined]


class InvitationAcceptForm(forms.Form):
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        error_messages={"required": _("Enter your full name")},
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
    )
    password1 = forms.CharField(
        label=_("Create a password"),
        help_text=_(
            "At least 12 characters. A few unrelated words together make a strong password."
        ),
        strip=False,
        error_messages={"required": _("Create a password")},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Type the password again"),
        strip=False,
        error_messages={"required": _("Type the password again")},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, email: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        password1 = cleaned.get("password1")
        password2 = cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The passwords do not match"))
        elif password1:
            user = User(email=self.email, full_name=cleaned.get("full_name") or "")
            try:
                password_validation.validate_password(password1, user=user)
            except ValidationError as exc:
                for message in exc.messages:
                    self.add_error("password1", message)
        return cleaned


class StaffDeactivateForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why are you deactivating this account?"),
        choices=LeaverReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select why you are deactivating this account")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].choice_hints = LEAVER_HINTS  # type: ignore[attr-defined]
