"""Questions about what happened, when, where and why."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from awaz.core.forms import GovukDateField, LongTextField
from awaz.geo.selectors import postcode_point
from awaz.reporting.forms.base import (
    PostcodeField,
    StepForm,
    SummaryRow,
    TimeOfDayField,
    by_role,
    exclusive_choice_error,
)
from awaz.reporting.forms.choices import NOT_SURE, OTHER
from awaz.reporting.models import IncidentType, PerceptionBy, Strand


class IncidentTypesForm(StepForm):
    heading_field = "incident_types"
    incident_types = forms.MultipleChoiceField(
        label=_("What happened?"),
        help_text=_("Select all that apply."),
        choices=IncidentType.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Select what happened")},
    )
    incident_type_other = forms.CharField(
        label=_("If something else, what happened?"),
        required=False,
        max_length=500,
        error_messages={"max_length": _("What else happened must be 500 characters or less")},
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        types = data.get("incident_types") or []
        if IncidentType.OTHER in types and not data.get("incident_type_other"):
            self.add_error("incident_type_other", _("Tell us what else happened"))
        # What else happened is kept even if "Something else" is not ticked: nothing
        # typed is dropped unsaid ("Check your answers" shows it).
        return data


class AccountForm(StepForm):
    what_happened = LongTextField(
        label=_("Tell us what happened"),
        rows=8,
        max_length=10000,
        error_messages={
            "required": _("Tell us what happened"),
            "max_length": _("What happened must be 10,000 characters or less"),
        },
    )

    def setup(self) -> None:
        self.fields["what_happened"].help_text = by_role(
            self.journey,
            victim=_(
                "Include what was said or done, and anything that makes you think it was "
                "because of who you are, or who they thought you were."
            ),
            other=_(
                "Include what was said or done, and anything that makes you think it was "
                "because of who the person is, or who they were thought to be."
            ),
        )


class WhenForm(StepForm):
    title = _("When did it happen?")
    incident_date = GovukDateField(
        label=_("Date"),
        help_text=_("For example, 27 3 2025. If you are not sure, give your best guess."),
        required=False,
        subject=_("The date it happened"),
    )
    incident_time = TimeOfDayField(
        label=_("Time (optional)"),
        help_text=_("For example, 14:30 or 2:30pm."),
        required=False,
    )
    is_ongoing = forms.BooleanField(label=_("It is still happening"), required=False)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if (
            not data.get("incident_date")
            and not data.get("is_ongoing")
            and "incident_date" not in self.errors
        ):
            self.add_error(
                "incident_date",
                _("Enter the date it happened, or select that it is still happening"),
            )
        return data


class WhereForm(StepForm):
    title = _("Where did it happen?")
    summary_fields = ("location_description", "postcode")
    location_description = LongTextField(
        label=_("Describe the place"),
        help_text=_(
            "For example, a street, a shop, a bus route, or the website or app if it "
            "happened online."
        ),
        rows=3,
        required=False,
        max_length=1000,
        error_messages={"max_length": _("The place must be 1,000 characters or less")},
    )
    postcode = PostcodeField(
        label=_("Postcode (optional)"),
        help_text=_("If you know it. It helps us see where hate happens."),
        required=False,
    )
    lat = forms.FloatField(required=False, widget=forms.HiddenInput)
    lon = forms.FloatField(required=False, widget=forms.HiddenInput)
    remove_location = forms.BooleanField(
        label=_("Do not use the location from my device"), required=False
    )
    # The postcode the page has already said it could not find: Continue again keeps it.
    postcode_not_found = forms.CharField(required=False, widget=forms.HiddenInput)

    def setup(self) -> None:
        if self.journey.is_assisted:  # the caseworker's device is not the place
            for name in ("lat", "lon", "remove_location"):
                del self.fields[name]
        if not self.is_bound and self.initial.get("postcode"):
            # A postcode saved before was found, or kept after being told: do not ask again.
            self.initial["postcode_not_found"] = self.initial["postcode"]

    @property
    def has_device_location(self) -> bool:
        if "lat" not in self.fields:
            return False
        return bool(self["lat"].value()) and bool(self["lon"].value())

    def _device_point(self, data: dict[str, Any]) -> tuple[float, float] | None:
        """The point the "use my location" script filled in; an error if it is unusable."""
        if "lat" not in self.fields or data.pop("remove_location", False):
            return None
        lat, lon = data.get("lat"), data.get("lon")
        broken = "lat" in self.errors or "lon" in self.errors or (lat is None) != (lon is None)
        if not broken and lat is not None and lon is not None:
            if -90 <= lat <= 90 and -180 <= lon <= 180:
                return round(lat, 6), round(lon, 6)
            broken = True
        if broken:
            self.errors.pop("lat", None)
            self.errors.pop("lon", None)
            self.add_error(
                "postcode",
                _("We could not use the location from your device. Enter a postcode instead"),
            )
        return None

    def _check_postcode_known(self, postcode: str, told: str) -> None:
        """A postcode missing from the lookup places nothing (staff would see no area): say
        so once, offering the other ways to say where; the same postcode again is kept."""
        if not postcode or postcode == told or postcode_point(postcode) is not None:
            return
        if self.journey.is_assisted:
            message = _(
                "We could not find that postcode in our list. Describe the place instead. "
                "If the postcode is right, select Continue to keep it"
            )
        else:
            message = _(
                "We could not find that postcode in our list. You can describe the place "
                "instead, or use your location. If the postcode is right, select Continue "
                "to keep it"
            )
        self.add_error("postcode", message)
        # The page shown again remembers that it has said so about this postcode.
        # (Every field of this page has one value, so a plain dict of the last ones will do.)
        self.data = {**dict(self.data.items()), self.add_prefix("postcode_not_found"): postcode}

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        point = self._device_point(data)
        data.pop("remove_location", None)
        told = data.pop("postcode_not_found", "") or ""
        if "lat" in self.fields:
            data["lat"], data["lon"] = point if point is not None else (None, None)
        given = data.get("location_description") or data.get("postcode") or point is not None
        if not given and "postcode" not in self.errors:
            self.add_error(
                "location_description", _("Describe where it happened, or enter a postcode")
            )
        if point is None and "postcode" not in self.errors:
            self._check_postcode_known(data.get("postcode") or "", told)
        return data

    def summary_rows(self, stored: dict[str, Any]) -> list[SummaryRow]:
        rows = super().summary_rows(stored)
        if stored.get("lat") is not None:
            rows.append(SummaryRow(_("Location from your device"), _("Added")))
        return rows


def strand_choices() -> tuple[list[tuple[str, Any]], dict[str, Any]]:
    """Active strands (national and local) as choices, with their descriptions as hints."""
    strands = list(Strand.objects.filter(is_active=True).order_by("sort_order", "name"))
    choices: list[tuple[str, Any]] = [(s.code, s.name) for s in strands]
    hints: dict[str, Any] = {s.code: s.description for s in strands if s.description}
    choices += [(OTHER, _("Something else")), (NOT_SURE, _("I'm not sure"))]
    return choices, hints


class WhyForm(StepForm):
    heading_field = "strands"
    strands = forms.MultipleChoiceField(
        label=_("Why do you think it happened?"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Select why you think it happened, or select I'm not sure")},
    )
    strand_other = forms.CharField(
        label=_("If something else, what was the reason?"),
        required=False,
        max_length=500,
        error_messages={"max_length": _("The other reason must be 500 characters or less")},
    )

    def setup(self) -> None:
        field: Any = self.fields["strands"]
        field.choices, field.choice_hints = strand_choices()
        field.exclusive_choices = {NOT_SURE}
        field.divider_before = {NOT_SURE}
        field.label = by_role(
            self.journey,
            victim=_("Why do you think you were targeted?"),
            other=_("Why do you think the person was targeted?"),
        )
        field.help_text = _(
            "Select all that apply. It is enough that you, or anyone else, believes it was "
            "because of this. Nobody has to prove it."
        )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        strands = data.get("strands") or []
        if exclusive_choice_error(strands, NOT_SURE):
            self.add_error("strands", _("Select I'm not sure on its own, or select the reasons"))
        if OTHER in strands and not data.get("strand_other"):
            self.add_error("strand_other", _("Tell us the other reason"))
        # The other reason is kept even if "Something else" is not ticked (shown on
        # "Check your answers"): nothing typed is dropped unsaid.
        return data


class PerceptionForm(StepForm):
    perception_by = forms.ChoiceField(
        label=_("Who thinks it happened because of this?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Select who thinks it happened because of this")},
    )

    def setup(self) -> None:
        field: Any = self.fields["perception_by"]
        if self.journey.is_victim:
            field.choices = [
                (PerceptionBy.VICTIM, _("Me")),
                (PerceptionBy.OTHER, _("Someone else, for example a witness")),
            ]
        else:
            field.choices = [
                (PerceptionBy.VICTIM, _("The person it happened to")),
                (PerceptionBy.REPORTER, _("Me")),
                (PerceptionBy.BOTH, _("Both of us")),
                (PerceptionBy.OTHER, _("Someone else")),
            ]
