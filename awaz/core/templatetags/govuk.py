"""Render Django form fields as GOV.UK Design System components.

``{% govuk_field form.email %}`` picks the component from the widget (input, textarea,
radios, checkboxes, select, file upload, date input) and renders label, hint, error message
and the value typed, so a form with an error loses nothing. Text inputs and textareas get
``dir="auto"``, so mixed-direction text (Urdu with English) is shown as typed.
``heading=True`` makes the label or legend the page's ``<h1>`` (one question per page).
``{% govuk_error_summary form %}`` renders the summary linking to each field.
"""

from __future__ import annotations

from typing import Any

from django import forms, template
from django.template.loader import render_to_string
from django.utils.formats import number_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from awaz.core.forms import GovukDateWidget

register = template.Library()

_TEMPLATES: list[tuple[type, str]] = [
    (GovukDateWidget, "govuk/fields/date.html"),
    # CheckboxSelectMultiple subclasses RadioSelect: it must come first.
    (forms.CheckboxSelectMultiple, "govuk/fields/checkboxes.html"),
    (forms.RadioSelect, "govuk/fields/radios.html"),
    (forms.CheckboxInput, "govuk/fields/checkbox.html"),
    (forms.Select, "govuk/fields/select.html"),
    (forms.ClearableFileInput, "govuk/fields/file.html"),
    (forms.FileInput, "govuk/fields/file.html"),
    (forms.Textarea, "govuk/fields/textarea.html"),
    (forms.HiddenInput, "govuk/fields/hidden.html"),
    (forms.widgets.Input, "govuk/fields/input.html"),
]


# GOV.UK Frontend's character count, in the page's language (its script fills in %{count}).
_CHARACTER_COUNT_I18N = (
    ("characters-under-limit.one", _("You have %{count} character remaining")),
    ("characters-under-limit.other", _("You have %{count} characters remaining")),
    ("characters-at-limit", _("You have 0 characters remaining")),
    ("characters-over-limit.one", _("You have %{count} character too many")),
    ("characters-over-limit.other", _("You have %{count} characters too many")),
)


def _character_count(field: forms.Field) -> dict[str, Any]:
    """What a textarea with a limit needs to be a GOV.UK character count. The limit is
    stated in the hint (all that shows without JavaScript); no ``maxlength`` attribute is
    ever rendered, so nothing pasted is cut off: the server says what is too long."""
    limit = getattr(field, "max_length", None)
    if not limit:
        return {"maxlength": None}
    return {
        "maxlength": limit,
        "maxlength_message": ngettext(
            "You can enter up to %(count)s character",
            "You can enter up to %(count)s characters",
            limit,
        )
        % {"count": number_format(limit, force_grouping=True)},
        "character_count_i18n": _CHARACTER_COUNT_I18N,
    }


def _conditional_html(bound: forms.BoundField, value: Any) -> SafeString | str:
    """Fields revealed under a checkbox (``field.conditional_fields = {value: (names)}``):
    shown when it is ticked; always shown without JavaScript."""
    names = getattr(bound.field, "conditional_fields", {}).get(value, ())
    return SafeString("".join(govuk_field(bound.form[name]) for name in names)) if names else ""


def _template_for(widget: forms.Widget) -> str:
    for cls, name in _TEMPLATES:
        if isinstance(widget, cls):
            return name
    return "govuk/fields/input.html"


@register.simple_tag
def govuk_field(
    bound: forms.BoundField,
    heading: bool = False,
    classes: str = "",
    label_size: str = "l",
    **extra: Any,
) -> SafeString:
    widget = bound.field.widget
    value = bound.value()
    if isinstance(widget, forms.CheckboxSelectMultiple):
        selected = {str(v) for v in (value or [])}
    else:
        selected = {str(value)} if value not in (None, "") else set()
    options = []
    # Radios and checkboxes have no single label target (id_for_label is ""): the first
    # option takes the field's id, so the error summary's link lands on it.
    base_id = bound.id_for_label or bound.auto_id
    choices = getattr(bound.field, "choices", None)
    if choices is not None:
        for index, (opt_value, opt_label) in enumerate(choices):
            if opt_value == "" and not isinstance(widget, forms.Select):
                continue
            hint = ""
            hints = getattr(bound.field, "choice_hints", {})
            if hints:
                hint = hints.get(opt_value, "")
            options.append(
                {
                    "id": base_id if index == 0 else f"{base_id}-{index}",
                    "value": opt_value,
                    "label": opt_label,
                    "hint": hint,
                    "checked": str(opt_value) in selected,
                    "exclusive": opt_value in getattr(bound.field, "exclusive_choices", ()),
                    "divider_before": opt_value in getattr(bound.field, "divider_before", ()),
                    "conditional": _conditional_html(bound, opt_value),
                }
            )
    context = {
        "field": bound,
        "id": base_id,
        "name": bound.html_name,
        "label": bound.label,
        "hint": bound.help_text,
        "errors": bound.errors,
        "value": "" if value is None else value,
        "options": options,
        "heading": heading,
        "label_size": label_size,
        "classes": classes,
        # maxlength would silently cut what is typed or pasted: never rendered.
        "attrs": {k: v for k, v in widget.attrs.items() if k != "maxlength"},
        "input_type": getattr(widget, "input_type", "text"),
        # Typed free text may be Urdu with English in it: the browser sets each input's
        # direction from what is typed (textareas always; a widget's own ``dir`` wins).
        "free_text": getattr(widget, "input_type", "text") in ("text", "search"),
        "required": bound.field.required,
        "divider_text": _("or"),
        **extra,
    }
    if isinstance(widget, forms.Textarea):
        context.update(_character_count(bound.field))
    if isinstance(widget, GovukDateWidget):
        parts = widget.parts_from(value)
        context["date_parts"] = [
            {"key": key, "label": label, "value": parts.get(key, ""), "width": width}
            for key, label, width in widget.PARTS
        ]
    return SafeString(render_to_string(_template_for(widget), context))


@register.simple_tag
def govuk_error_summary(*forms_: forms.Form) -> SafeString:
    items = []
    for form in forms_:
        if form is None or not form.is_bound:
            continue
        for message in form.non_field_errors():
            items.append({"href": "", "text": message})
        for name, errors in form.errors.items():
            if name == "__all__":
                continue
            bound = form[name]
            for message in errors:
                items.append({"href": f"#{bound.id_for_label or bound.auto_id}", "text": message})
    if not items:
        return SafeString("")
    return SafeString(render_to_string("govuk/error_summary.html", {"items": items}))


@register.filter
def has_errors(form: forms.Form | None) -> bool:
    return bool(form is not None and form.is_bound and form.errors)
