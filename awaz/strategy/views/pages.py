"""The one form page every plan form uses, and putting a service's error on its field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from awaz.core.exceptions import ApplicationError


def add_service_error(form: forms.Form, error: ApplicationError) -> None:
    """Put a service's error on the field it names, or on the form as a whole."""
    name = error.extra.get("field")
    form.add_error(name if name in form.fields else None, str(error.message))


def form_page(
    request: HttpRequest,
    form: forms.Form,
    *,
    title: Any,
    caption: Any,
    back_url: str,
    button: Any,
    multipart: bool = False,
    **extra: Any,
) -> HttpResponse:
    """``strategy/form.html``: the error summary, a caption and heading, every field of
    ``form`` in order (each as its GOV.UK component), and one button."""
    return render(
        request,
        "strategy/form.html",
        {
            "form": form,
            "title": title,
            "caption": caption,
            "back_url": back_url,
            "button": button,
            "multipart": multipart,
            **extra,
        },
    )
