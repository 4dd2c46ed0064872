"""GOV.UK form fields: text typed in any direction is shown as typed (issue 16 item 11)."""

from __future__ import annotations

import re

from django import forms
from django.template import Context, Template


class _Form(forms.Form):
    story = forms.CharField(widget=forms.Textarea)
    place = forms.CharField()
    email = forms.EmailField()
    code = forms.CharField(widget=forms.TextInput(attrs={"dir": "ltr"}))


def _tag(html: str, name: str) -> str:
    match = re.search(rf'<(input|textarea)[^>]*name="{name}"[^>]*>', html)
    assert match, name
    return match.group(0)


def _render(form: forms.Form) -> str:
    template = Template(
        "{% load govuk %}{% govuk_field form.story %}{% govuk_field form.place %}"
        "{% govuk_field form.email %}{% govuk_field form.code %}"
    )
    return template.render(Context({"form": form}))


def test_textareas_and_text_inputs_take_their_direction_from_what_is_typed():
    html = _render(_Form())
    assert 'dir="auto"' in _tag(html, "story")
    assert 'dir="auto"' in _tag(html, "place")
    assert "dir=" not in _tag(html, "email")  # an address is not free text
    # A widget's own direction wins, once.
    assert _tag(html, "code").count("dir=") == 1 and 'dir="ltr"' in _tag(html, "code")


def test_mixed_urdu_and_english_is_kept_in_an_auto_direction_field():
    mixed = "فرضی: bus stop پر ایک آدمی نے گالیاں دیں"
    html = _render(_Form(data={"story": mixed, "place": mixed}))
    assert re.search(rf'<textarea[^>]*dir="auto"[^>]*>\n?{mixed}</textarea>', html)
    assert re.search(rf'<input[^>]*value="{mixed}"[^>]*dir="auto"', html)
