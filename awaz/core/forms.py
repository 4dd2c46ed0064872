"""Form pieces shared by every app: the GOV.UK date input and long text with a character
count."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core import validators
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class GovukDateWidget(forms.Widget):
    """Day, month and year boxes (GOV.UK date input). Keeps exactly what was typed."""

    PARTS = (("day", _("Day"), 2), ("month", _("Month"), 2), ("year", _("Year"), 4))

    def value_from_datadict(self, data: Any, files: Any, name: str) -> dict[str, str]:
        return {key: (data.get(f"{name}-{key}") or "").strip() for key, _label, _w in self.PARTS}

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return not any(f"{name}-{key}" in data for key, _label, _w in self.PARTS)

    @staticmethod
    def parts_from(value: Any) -> dict[str, str]:
        if isinstance(value, dict):
            return value
        if isinstance(value, datetime.date):
            return {"day": str(value.day), "month": str(value.month), "year": str(value.year)}
        if isinstance(value, str) and value:
            try:
                parsed = datetime.date.fromisoformat(value)
            except ValueError:
                return {}
            return {"day": str(parsed.day), "month": str(parsed.month), "year": str(parsed.year)}
        return {}


class GovukDateField(forms.Field):
    """A date from three boxes, with the GOV.UK messages for each way it can be wrong."""

    widget = GovukDateWidget

    def __init__(
        self,
        *,
        not_in_future: bool = True,
        earliest: datetime.date | None = None,
        subject: Any = None,
        **kwargs: Any,
    ) -> None:
        self.not_in_future = not_in_future
        self.earliest = earliest
        self.subject = subject if subject is not None else _("The date")
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> datetime.date | None:
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, str):
            return datetime.date.fromisoformat(value) if value else None
        parts = value or {}
        day, month, year = (parts.get(k, "") for k in ("day", "month", "year"))
        if not (day or month or year):
            return None
        missing = [
            str(label).lower() for key, label, _w in GovukDateWidget.PARTS if not parts.get(key)
        ]
        if missing:
            raise ValidationError(
                _("%(subject)s must include a %(part)s"),
                params={"subject": self.subject, "part": missing[0]},
                code="incomplete",
            )
        try:
            result = datetime.date(int(year), int(month), int(day))
        except ValueError as exc:
            raise ValidationError(
                _("%(subject)s must be a real date"),
                params={"subject": self.subject},
                code="invalid",
            ) from exc
        if len(year) != 4:
            raise ValidationError(_("Year must include 4 numbers"), code="year")
        return result

    def validate(self, value: datetime.date | None) -> None:
        super().validate(value)
        if value is None:
            return
        from django.utils import timezone

        if self.not_in_future and value > timezone.localdate():
            raise ValidationError(
                _("%(subject)s must be today or in the past"),
                params={"subject": self.subject},
                code="future",
            )
        if self.earliest and value < self.earliest:
            raise ValidationError(
                _("%(subject)s must be after %(earliest)s"),
                params={"subject": self.subject, "earliest": self.earliest.strftime("%-d %B %Y")},
                code="too_early",
            )

    def prepare_value(self, value: Any) -> Any:
        return value


def character_count(text: str) -> int:
    """The length of ``text`` as GOV.UK Frontend's character count shows it: JavaScript's
    ``textarea.value.length``, which counts UTF-16 code units and a line break as one
    (browsers send a line break as two characters, CR LF)."""
    normalised = text.replace("\r\n", "\n")
    return len(normalised.encode("utf-16-le")) // 2


class _CharacterCountMaxLength(validators.MaxLengthValidator):
    def clean(self, x: Any) -> int:
        return character_count(str(x))


class LongTextField(forms.CharField):
    """Free text in a textarea with a limit, shown as GOV.UK's character count: the hint
    states the limit, the count runs as the person types (with JavaScript), and text over
    the limit is refused with ``error_messages["max_length"]`` and shown again in full.
    Nothing is cut off: the browser gets no ``maxlength``. Line breaks are kept as LF."""

    def __init__(self, *, max_length: int, rows: int = 5, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": rows}))
        super().__init__(max_length=max_length, **kwargs)
        self.validators = [
            _CharacterCountMaxLength(max_length)
            if isinstance(v, validators.MaxLengthValidator)
            else v
            for v in self.validators
        ]

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        return attrs

    def to_python(self, value: Any) -> str:
        text = super().to_python(value) or ""
        return text.replace("\r\n", "\n").replace("\r", "\n")
