"""The base of every step form, and fields the reporting questions share.

A step form knows the journey it is in (``JourneyContext``: who is reporting, public or
assisted), turns its cleaned answers into JSON for the draft (``to_storage``) and back
(``initial``), and describes its answers for "Check your answers" (``summary_rows``).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from awaz.core.crypto import normalise_phone
from awaz.core.forms import GovukDateWidget


@dataclass(frozen=True)
class JourneyContext:
    """What the questions depend on: the reporter's role and who is typing."""

    role: str = ""  # ReporterRole value, "" before the first step
    is_assisted: bool = False
    # The answer to "Are you under 18?": "yes", "no" or "" (not answered yet).
    reporter_is_under_18: str = ""

    @property
    def is_victim(self) -> bool:
        return self.role == "victim"

    @property
    def is_witness(self) -> bool:
        return self.role == "witness"


@dataclass(frozen=True)
class SummaryRow:
    key: Any
    value: Any


def by_role(journey: JourneyContext, *, victim: Any, other: Any, witness: Any = None) -> Any:
    """Pick the wording for the reporter's role (victim; witness; someone reporting for)."""
    if journey.is_victim:
        return victim
    if journey.is_witness and witness is not None:
        return witness
    return other


class StepForm(forms.Form):
    """One page of the journey. ``title`` is the page's heading when it asks several
    questions; a page with one question uses that question's label as the heading."""

    title: Any = None
    # The field whose label is the page's heading when the page has no ``title``.
    heading_field: str | None = None
    # Which stored answers the summary shows; None means every visible field.
    summary_fields: tuple[str, ...] | None = None

    def __init__(self, *args: Any, journey: JourneyContext, **kwargs: Any) -> None:
        self.journey = journey
        super().__init__(*args, **kwargs)
        self.setup()

    def setup(self) -> None:
        """Adjust labels and choices to the journey (override)."""

    @property
    def heading(self) -> Any:
        if self.title is not None:
            return self.title
        name = self.heading_name
        return self.fields[name].label if name else ""

    @property
    def heading_name(self) -> str:
        """Name of the field rendered as the ``<h1>`` ("" when the page has a title)."""
        if self.title is not None:
            return ""
        if self.heading_field:
            return self.heading_field
        visible = self.visible_fields()
        return visible[0].name if visible else ""

    # Draft storage ---------------------------------------------------------------------

    def to_storage(self) -> dict[str, Any]:
        """Cleaned answers as JSON values (dates ISO, times HH:MM)."""
        stored: dict[str, Any] = {}
        for name, value in self.cleaned_data.items():
            if isinstance(value, datetime.date):
                stored[name] = value.isoformat()
            elif isinstance(value, datetime.time):
                stored[name] = value.strftime("%H:%M")
            else:
                stored[name] = value
        return stored

    # Check your answers ----------------------------------------------------------------

    def display(self, name: str, value: Any) -> Any:
        """An answer in words."""
        field = self.fields[name]
        if value in (None, "", []):
            return ""
        choices = getattr(field, "choices", None)
        if choices is not None:
            labels = {str(k): v for k, v in choices}
            if isinstance(value, list):
                return [labels.get(str(v), v) for v in value]
            return labels.get(str(value), value)
        if isinstance(field, forms.BooleanField):
            return _("Yes") if value else _("No")
        if isinstance(field.widget, GovukDateWidget) and isinstance(value, str):
            try:
                return date_format(datetime.date.fromisoformat(value), "j F Y")
            except ValueError:
                return value
        return value

    def summary_rows(self, stored: dict[str, Any]) -> list[SummaryRow]:
        names = self.summary_fields or tuple(
            name
            for name, field in self.fields.items()
            if not isinstance(field.widget, forms.HiddenInput)
        )
        return [SummaryRow(self.fields[n].label, self.display(n, stored.get(n))) for n in names]


# Shared fields -----------------------------------------------------------------------------


# The format of a UK postcode (the Royal Mail's rules, simplified as GOV.UK services do).
POSTCODE_RE = re.compile(
    r"^(GIR ?0AA|[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]"
    r"|[A-HK-Y][0-9][ABEHMNPRVWXY]) ?[0-9][ABD-HJLNP-UW-Z]{2})$"
)


class PostcodeField(forms.CharField):
    """A UK postcode, checked for format and normalised to ``CA1 1AA``."""

    default_error_messages = {"invalid": _("Enter a full UK postcode, like CA1 1AA")}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 10)
        super().__init__(**kwargs)
        self.widget.attrs.update({"autocomplete": "postal-code", "spellcheck": "false"})

    def clean(self, value: Any) -> str:
        value = super().clean(value)
        if not value:
            return ""
        compact = re.sub(r"\s+", "", value).upper()
        if not POSTCODE_RE.match(compact):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return f"{compact[:-3]} {compact[-3:]}"


class UKPhoneField(forms.CharField):
    """A UK phone number (landline or mobile, +44 allowed), kept as typed."""

    default_error_messages = {
        "invalid": _("Enter a UK phone number, like 01632 960 001 or 07700 900 982")
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)
        self.widget.input_type = "tel"
        self.widget.attrs.update({"autocomplete": "tel"})

    def clean(self, value: Any) -> str:
        value = super().clean(value)
        if not value:
            return ""
        if not re.fullmatch(r"[0-9+()\s.-]+", value):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        digits = normalise_phone(value)
        if not re.fullmatch(r"0[1-9][0-9]{8,9}", digits):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return str(value).strip()


_TIME_RE = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$")


class TimeOfDayField(forms.CharField):
    """An approximate time: ``14:30``, ``2:30pm``, ``9pm`` or ``noon``/``midnight``."""

    default_error_messages = {
        "invalid": _("Enter the time in the correct format, like 14:30 or 2:30pm")
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 10)
        super().__init__(**kwargs)
        self.widget.attrs.update({"spellcheck": "false"})

    def clean(self, value: Any) -> datetime.time | None:
        text = (super().clean(value) or "").strip().lower()
        if not text:
            return None
        if text in {"noon", "midday"}:
            return datetime.time(12, 0)
        if text == "midnight":
            return datetime.time(0, 0)
        match = _TIME_RE.match(text)
        if not match:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        suffix = (match.group(3) or "").replace(".", "")
        if suffix:
            if not 1 <= hour <= 12:
                raise ValidationError(self.error_messages["invalid"], code="invalid")
            hour = hour % 12 + (12 if suffix == "pm" else 0)
        if hour > 23 or minute > 59:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return datetime.time(hour, minute)


def exclusive_choice_error(values: list[str], exclusive: str) -> bool:
    """Without JavaScript a "none" box can be ticked with others: that is an error."""
    return exclusive in values and len(values) > 1
