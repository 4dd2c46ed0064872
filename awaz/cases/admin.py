"""Django admin for the cases rule set, for superusers: classifications and time limits.

The rules change without a deploy, but never in place: an existing version is read-only
(cases were classified, and clocks counted, under it), and "add" creates a new version
through the same service as Awaz's own rules page (its non-durable form: the admin wraps
each page in a transaction), which ends the previous version the day
before and writes the audit log. Nothing can be deleted here.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from awaz.cases.models import Classification, TimeLimitSet
from awaz.cases.services.classification import (
    TIME_LIMIT_FIELDS,
    check_version_start,
    classification_version_create,
    time_limit_set_create,
)
from awaz.core.exceptions import ApplicationError


class ClassificationAddForm(forms.ModelForm):
    class Meta:
        model = Classification
        fields = [
            "code",
            "name",
            "description",
            "effective_from",
            "is_police_record",
            "is_crime",
            "victims_code_applies",
            "requires_threshold_decision",
            "retention_months",
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start = cleaned.get("effective_from")
        if start is not None and cleaned.get("code"):
            latest = Classification.objects.filter(code=cleaned["code"]).order_by("-version")
            previous = latest.first()
            try:
                check_version_start(start, previous.effective_from if previous else None)
            except ApplicationError as error:
                self.add_error("effective_from", str(error.message))
        return cleaned


class TimeLimitSetAddForm(forms.ModelForm):
    class Meta:
        model = TimeLimitSet
        fields = ["name", "effective_from", *TIME_LIMIT_FIELDS]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start = cleaned.get("effective_from")
        if start is not None:
            latest = TimeLimitSet.objects.order_by("-effective_from").first()
            try:
                check_version_start(start, latest.effective_from if latest else None)
            except ApplicationError as error:
                self.add_error("effective_from", str(error.message))
        return cleaned


class AddOnlyAdmin(admin.ModelAdmin):
    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)


@admin.register(Classification)
class ClassificationAdmin(AddOnlyAdmin):
    list_display = [
        "name",
        "code",
        "version",
        "effective_from",
        "effective_to",
        "is_police_record",
        "requires_threshold_decision",
        "retention_months",
    ]
    list_filter = ["code", "is_police_record"]
    form = ClassificationAddForm

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        data = form.cleaned_data
        created = classification_version_create(
            code=data["code"],
            name=data["name"],
            description=data.get("description", ""),
            effective_from=data["effective_from"],
            retention_months=data["retention_months"],
            is_police_record=data.get("is_police_record", False),
            is_crime=data.get("is_crime", False),
            victims_code_applies=data.get("victims_code_applies", False),
            requires_threshold_decision=data.get("requires_threshold_decision", False),
            actor=request.user,
        )
        obj.pk = created.pk
        obj.version = created.version


@admin.register(TimeLimitSet)
class TimeLimitSetAdmin(AddOnlyAdmin):
    list_display = ["name", "effective_from"]
    form = TimeLimitSetAddForm

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        data = form.cleaned_data
        created = time_limit_set_create(
            name=data["name"],
            effective_from=data["effective_from"],
            limits={key: data[key] for key in TIME_LIMIT_FIELDS if key in data},
            actor=request.user,
        )
        obj.pk = created.pk
