"""Recording consent the reporter gave by phone or in person."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awaz.cases.sharing import SHARE_RECIPIENTS
from awaz.core.forms import GovukDateField
from awaz.reporting.models import ConsentMethod, ConsentPurpose, RecipientKind, ReporterRole

YES = "yes"
NO = "no"

QUESTIONS: dict[tuple[str, str], Any] = {
    (ConsentPurpose.SHARE, RecipientKind.POLICE): _("Share the report with the police"),
    (ConsentPurpose.SHARE, RecipientKind.VICTIM_SUPPORT): _(
        "Share the report with victim support services"
    ),
    (ConsentPurpose.SHARE, RecipientKind.COUNCIL): _("Share the report with the council"),
    (ConsentPurpose.SHARE, RecipientKind.HOUSING): _("Share the report with housing providers"),
    (ConsentPurpose.SHARE, RecipientKind.HEALTH): _("Share the report with health services"),
    (ConsentPurpose.CONTACT, RecipientKind.RECEIVING_ORGANISATION): _(
        "Contact them about the report"
    ),
}

STAFF_METHODS = [
    (ConsentMethod.PHONE.value, ConsentMethod.PHONE.label),
    (ConsentMethod.IN_PERSON.value, ConsentMethod.IN_PERSON.label),
]
GIVEN_BY = [
    (ReporterRole.VICTIM.value, _("The victim")),
    (ReporterRole.WITNESS.value, _("A witness")),
    (ReporterRole.ON_BEHALF.value, _("Someone reporting for the victim")),
]


def consent_pairs(*, is_anonymous: bool) -> list[tuple[ConsentPurpose, RecipientKind]]:
    """The decisions staff can record: sharing with each kind of recipient, and contact
    (not for an anonymous report: there is nobody to contact)."""
    pairs = [(ConsentPurpose.SHARE, kind) for kind in SHARE_RECIPIENTS]
    if not is_anonymous:
        pairs.append((ConsentPurpose.CONTACT, RecipientKind.RECEIVING_ORGANISATION))
    return pairs


def field_name(purpose: str, kind: str) -> str:
    return f"{purpose}__{kind}"


class StaffConsentForm(forms.Form):
    """Who decided, how, until when, and one yes/no per purpose and recipient kind,
    starting from the decisions in force."""

    given_by = forms.ChoiceField(
        label=_("Who gave or refused consent?"),
        choices=GIVEN_BY,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select who gave or refused consent")},
    )
    method = forms.ChoiceField(
        label=_("How did they tell you?"),
        choices=STAFF_METHODS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how they told you")},
    )
    expires_on = GovukDateField(
        label=_("Until when does consent last? (optional)"),
        help_text=_(
            "Leave empty if they did not give an end date. Consent ends at the end of this "
            "day. For example, 31 12 2027"
        ),
        required=False,
        not_in_future=False,
        subject=_("The end date"),
    )

    def __init__(
        self,
        *args: Any,
        pairs: list[tuple[ConsentPurpose, RecipientKind]],
        current: dict[tuple[str, str], bool],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.pairs = pairs
        self.current = current
        for purpose, kind in pairs:
            self.fields[field_name(purpose, kind)] = forms.ChoiceField(
                label=QUESTIONS.get((purpose, kind), RecipientKind(kind).label),
                choices=[(YES, _("Yes")), (NO, _("No"))],
                widget=forms.RadioSelect,
                initial=YES if current.get((purpose, kind)) else NO,
                error_messages={"required": _("Select yes or no")},
            )

    def decision_fields(self) -> list[forms.BoundField]:
        return [self[field_name(purpose, kind)] for purpose, kind in self.pairs]

    def clean_expires_on(self) -> datetime.date | None:
        value: datetime.date | None = self.cleaned_data.get("expires_on")
        if value is not None and value < timezone.localdate():
            raise forms.ValidationError(_("The end date must be today or in the future"))
        return value

    def expires_at(self) -> datetime.datetime | None:
        """The end of the chosen day, Europe/London (consent lapses after it)."""
        day = self.cleaned_data.get("expires_on")
        if day is None:
            return None
        end = datetime.datetime.combine(day, datetime.time(23, 59, 59))
        return timezone.make_aware(end)

    def decisions(self) -> dict[tuple[ConsentPurpose, RecipientKind], bool]:
        """The answers, leaving out a "no" where nothing was ever recorded (still no
        consent: nothing to record)."""
        result = {}
        for purpose, kind in self.pairs:
            granted = self.cleaned_data[field_name(purpose, kind)] == YES
            if not granted and (purpose, kind) not in self.current:
                continue
            result[(purpose, kind)] = granted
        return result
