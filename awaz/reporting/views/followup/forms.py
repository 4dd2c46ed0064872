"""Forms of the returning reporter's pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from awaz.core.forms import LongTextField
from awaz.reporting.models import ConsentPurpose, RecipientKind

_CODE_ATTRS = {"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}

WRONG_DETAILS = _(
    "The reference or follow-up code is not right. Check them and try again. "
    "Codes use numbers and capital letters, but you can type them in small letters."
)


class ReferenceField(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            label=_("Reference"),
            help_text=_("For example, HC-7KQ4-2M9X. It was on the page you saw after reporting."),
            max_length=40,
            error_messages={
                "required": _("Enter the reference of your report"),
                "max_length": _("The reference must be 40 characters or fewer"),
            },
            widget=forms.TextInput(attrs=_CODE_ATTRS),
            **kwargs,
        )


class FollowupStartForm(forms.Form):
    reference = ReferenceField()
    code = forms.CharField(
        label=_("Follow-up code"),
        help_text=_("20 letters and numbers, shown in groups of 4. You can leave out the spaces."),
        max_length=60,
        error_messages={
            "required": _("Enter your follow-up code"),
            "max_length": _("The follow-up code must be 60 characters or fewer"),
        },
        widget=forms.TextInput(attrs=_CODE_ATTRS),
    )


class LostCodeForm(forms.Form):
    reference = ReferenceField()
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("The e-mail address you gave when you reported."),
        max_length=254,
        error_messages={
            "required": _("Enter the e-mail address you gave in your report"),
            "invalid": _("Enter an e-mail address in the correct format, like name@example.com"),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one ``<input type="file" multiple>``."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True}))
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        if not data:
            return []
        items = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


class AddInformationForm(forms.Form):
    text = LongTextField(
        label=_("What do you want to add?"),
        help_text=_("For example, something that has happened since, or something you remembered."),
        required=False,
        max_length=10000,
        rows=8,
        error_messages={"max_length": _("The information must be 10,000 characters or fewer")},
    )
    attachments = MultipleFileField(
        label=_("Add files (optional)"),
        help_text=_("Photos, screenshots or PDF files."),
        required=False,
        widget=MultipleFileInput(
            attrs={"multiple": True, "accept": "image/jpeg,image/png,image/gif,image/webp,.pdf"}
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attachments"].help_text = _(
            "Photos, screenshots or PDF files, up to %(count)s in all. "
            "Each must be smaller than %(size)s MB."
        ) % {
            "count": settings.EVIDENCE_MAX_FILES,
            "size": settings.EVIDENCE_MAX_BYTES // (1024 * 1024),
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("text") and not cleaned.get("attachments") and not self.errors:
            self.add_error("text", _("Enter the information you want to add, or choose a file"))
        return cleaned

    def say_files_not_kept(self, *, one_was_refused: bool = False) -> None:
        """The page is shown again with an error and nothing was added. A browser cannot
        fill a file input again, so say which chosen files must be chosen again (a single
        refused file needs no more than the reason it was refused)."""
        names = [f.name for f in self.files.getlist("attachments") if f and f.name]
        if not names or (one_was_refused and len(names) == 1):
            return
        listed = ", ".join(names)
        if one_was_refused:
            message = _(
                "None of your files have been added (%(names)s). "
                "Choose the ones you want to add again."
            ) % {"names": listed}
        else:
            message = ngettext(
                "Your file (%(names)s) has not been added. Choose it again.",
                "Your files (%(names)s) have not been added. Choose them again.",
                len(names),
            ) % {"names": listed}
        self.add_error("attachments", message)


YES = "yes"
NO = "no"

_QUESTIONS: dict[tuple[str, str], Any] = {
    (ConsentPurpose.SHARE, RecipientKind.POLICE): _("Can we share your report with the police?"),
    (ConsentPurpose.SHARE, RecipientKind.VICTIM_SUPPORT): _(
        "Can we share your report with victim support services?"
    ),
    (ConsentPurpose.SHARE, RecipientKind.COUNCIL): _("Can we share your report with the council?"),
    (ConsentPurpose.CONTACT, RecipientKind.RECEIVING_ORGANISATION): _(
        "Can we contact you about your report?"
    ),
}

_HINTS: dict[tuple[str, str], Any] = {
    (ConsentPurpose.CONTACT, RecipientKind.RECEIVING_ORGANISATION): _(
        "We will only use the contact details and times you gave us."
    ),
}


def consent_field_name(purpose: str, kind: str) -> str:
    return f"{purpose}__{kind}"


def _question(purpose: str, kind: str) -> Any:
    if (purpose, kind) in _QUESTIONS:
        return _QUESTIONS[(purpose, kind)]
    return _("%(purpose)s: %(recipient)s") % {
        "purpose": ConsentPurpose(purpose).label,
        "recipient": RecipientKind(kind).label,
    }


class ConsentForm(forms.Form):
    """One yes/no question per purpose and recipient kind, starting from what is in force."""

    def __init__(
        self,
        *args: Any,
        pairs: list[tuple[ConsentPurpose, RecipientKind]],
        current: dict[tuple[str, str], bool],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.pairs = pairs
        for purpose, kind in pairs:
            field = forms.ChoiceField(
                label=_question(purpose, kind),
                help_text=_HINTS.get((purpose, kind), ""),
                choices=[(YES, _("Yes")), (NO, _("No"))],
                widget=forms.RadioSelect,
                initial=YES if current.get((purpose, kind)) else NO,
                error_messages={"required": _("Select yes or no")},
            )
            self.fields[consent_field_name(purpose, kind)] = field

    def decisions(self) -> dict[tuple[ConsentPurpose, RecipientKind], bool]:
        return {
            (purpose, kind): self.cleaned_data[consent_field_name(purpose, kind)] == YES
            for purpose, kind in self.pairs
        }
