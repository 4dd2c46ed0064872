"""``{% staff_field form.password %}``: a GOV.UK field for allauth's and Awaz's staff forms.

It wraps ``govuk_field`` and fixes two things allauth's forms do that GOV.UK and security
advise against: placeholders (they vanish as you type and are not labels), and a password
typed into a form with an error being written back into the page.
"""

from __future__ import annotations

from typing import Any

from django import forms, template
from django.utils.safestring import SafeString

from awaz.core.templatetags.govuk import govuk_field

register = template.Library()


@register.simple_tag
def staff_field(bound: forms.BoundField, **kwargs: Any) -> SafeString:
    widget = bound.field.widget
    attrs = {k: v for k, v in widget.attrs.items() if k not in {"placeholder", "class"}}
    kwargs.setdefault("attrs", attrs)
    if isinstance(widget, forms.PasswordInput):
        kwargs["value"] = ""
    kwargs.setdefault("label_size", "s")
    return govuk_field(bound, **kwargs)


@register.filter
def in_groups(value: str, size: int = 4) -> str:
    """``JBSWY3DPEHPK3PXP`` -> ``JBSW Y3DP EHPK 3PXP``: a key easier to read and type."""
    text = str(value)
    return " ".join(text[i : i + size] for i in range(0, len(text), size))
