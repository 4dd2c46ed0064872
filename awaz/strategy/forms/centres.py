"""The reporting-centre register: a centre's details, a training session, and the
register's filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awaz.core.forms import GovukDateField
from awaz.geo.models import Area
from awaz.patterns.forms import INDENT, area_tree
from awaz.patterns.selectors.dashboard import area_rows
from awaz.strategy.forms.fields import CountField
from awaz.strategy.selectors_centres import CentreFilters
from awaz.strategy.services.centres import (
    MAX_STAFF,
    MSG_ADDRESS,
    MSG_COURSE,
    MSG_HOURS,
    MSG_LATITUDE,
    MSG_LONGITUDE,
    MSG_PEOPLE,
    MSG_POSITION_PAIR,
    MSG_TRAINED,
    CentreDetails,
)

YES, NO = "yes", "no"
YES_NO = ((YES, _("Yes")), (NO, _("No")))


def _yes_no(value: Any) -> bool:
    return value == YES


def yes_no_initial(value: bool) -> str:
    return YES if value else NO


class CoordinateField(forms.FloatField):
    """A latitude or longitude in decimal degrees, typed in a text box."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        )
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> float | None:  # type: ignore[override]
        if isinstance(value, str):
            value = value.strip().removesuffix("°")
        return super().to_python(value)


class CentreDetailsForm(forms.Form):
    address = forms.CharField(
        label=_("Address"),
        help_text=_("As a visitor would look for it: building, street and town."),
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "off"}),
        max_length=500,
        error_messages={"required": MSG_ADDRESS},
    )
    postcode = forms.CharField(
        label=_("Postcode (optional)"),
        max_length=8,
        required=False,
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
    )
    area = forms.ChoiceField(
        label=_("Area (optional)"),
        help_text=_("Or choose “Find it from the map position” to have it worked out for you."),
        required=False,
    )
    lat = CoordinateField(
        label=_("Latitude for the map (optional)"),
        help_text=_(
            "In decimal degrees, for example 54.6431. Leave both empty to use the "
            "postcode's position, where it is known."
        ),
        required=False,
        min_value=-90,
        max_value=90,
        error_messages={
            "invalid": MSG_LATITUDE,
            "min_value": MSG_LATITUDE,
            "max_value": MSG_LATITUDE,
        },
    )
    lon = CoordinateField(
        label=_("Longitude for the map (optional)"),
        help_text=_("In decimal degrees, for example -3.5482 (west of Greenwich is negative)."),
        required=False,
        min_value=-180,
        max_value=180,
        error_messages={
            "invalid": MSG_LONGITUDE,
            "min_value": MSG_LONGITUDE,
            "max_value": MSG_LONGITUDE,
        },
    )
    phone = forms.CharField(
        label=_("Phone number for the public (optional)"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    email = forms.EmailField(
        label=_("Email address for the public (optional)"),
        required=False,
        widget=forms.EmailInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
        error_messages={
            "invalid": _("Enter an email address in the correct format, like name@example.com")
        },
    )
    website = forms.URLField(
        label=_("Web page (optional)"),
        required=False,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
        error_messages={"invalid": _("Enter a web address, such as https://example.org")},
    )
    opening_hours = forms.CharField(
        label=_("Opening hours"),
        help_text=_("When someone can call in or phone. For example, Monday to Friday, 9am to 5pm"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": MSG_HOURS},
    )
    languages = forms.CharField(
        label=_("Languages spoken (optional)"),
        help_text=_(
            "Separate them with commas. For example, English, Polish, British Sign Language"
        ),
        max_length=300,
        required=False,
    )
    accessibility = forms.CharField(
        label=_("Accessibility (optional)"),
        help_text=_("For example, step-free entrance, hearing loop, accessible toilet."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
    )
    has_private_space = forms.TypedChoiceField(
        label=_("Is there a private space where someone can talk?"),
        choices=YES_NO,
        coerce=_yes_no,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether there is a private space to talk")},
    )
    trained_staff = CountField(
        label=_("Staff trained to take reports now"),
        help_text=_("Count only those still working at the centre."),
        max_value=MAX_STAFF,
        error_messages={"required": MSG_TRAINED, "max_value": MSG_TRAINED},
    )
    is_listed = forms.TypedChoiceField(
        label=_("List it on the public “Where to report” page?"),
        help_text=_(
            "Only with the centre's agreement. It is shown only while it has been verified "
            "recently."
        ),
        choices=YES_NO,
        coerce=_yes_no,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether to list the centre publicly")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rows = area_rows()
        self._areas = rows
        field = self.fields["area"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            ("", str(_("Find it from the map position"))),
            *((str(row.id), INDENT * depth + str(row.name)) for row, depth in area_tree(rows)),
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        lat, lon = cleaned.get("lat"), cleaned.get("lon")
        if "lat" in cleaned and "lon" in cleaned and (lat is None) != (lon is None):
            self.add_error("lat" if lat is None else "lon", MSG_POSITION_PAIR)
        return cleaned

    def details(self) -> CentreDetails:
        data = self.cleaned_data
        area = Area.objects.filter(pk=int(data["area"])).first() if data.get("area") else None
        return CentreDetails(
            address=data["address"],
            opening_hours=data["opening_hours"],
            postcode=data["postcode"],
            area=area,
            lat=data["lat"],
            lon=data["lon"],
            phone=data["phone"],
            email=data["email"],
            website=data["website"],
            languages=data["languages"],
            accessibility=data["accessibility"],
            has_private_space=data["has_private_space"],
            trained_staff=data["trained_staff"],
            is_listed=data["is_listed"],
        )


class CentreTrainingForm(forms.Form):
    trained_on = GovukDateField(
        label=_("Date of the training"),
        help_text=_("For example, 14 10 2026"),
        subject=_("The date of the training"),
        initial=timezone.localdate,
        error_messages={"required": _("Enter the date of the training")},
    )
    people_trained = CountField(
        label=_("How many of the centre's staff took part?"),
        min_value=1,
        max_value=MAX_STAFF,
        error_messages={"required": MSG_PEOPLE, "min_value": MSG_PEOPLE, "max_value": MSG_PEOPLE},
    )
    course = forms.CharField(
        label=_("Course"),
        help_text=_("For example, Taking third-party hate crime reports"),
        max_length=200,
        error_messages={"required": MSG_COURSE},
    )
    add_to_trained_staff = forms.BooleanField(
        label=_("Add them to the number of staff trained to take reports"),
        required=False,
    )

    def __init__(self, *args: Any, trained_staff: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["add_to_trained_staff"].help_text = _(
            "The centre has %(count)s now. Leave this unticked if they were already counted, "
            "or if they are refreshing their training."
        ) % {"count": trained_staff}


class CentreFilterForm(forms.Form):
    """The register's filters (GET): only centres with a flag, and one area (the options
    are the areas of the centres, which the register's page lists)."""

    flagged = forms.BooleanField(label=_("Only centres with a flag"), required=False)
    area = forms.IntegerField(label=_("Area"), required=False, min_value=1)

    @property
    def selected_area(self) -> str:
        return str(self.data.get("area", "")) if self.is_bound else ""

    def filters(self) -> CentreFilters:
        """The filters chosen; a value that is not an area id (an edited address) is
        ignored."""
        if not self.is_bound:
            return CentreFilters()
        self.is_valid()
        data = self.cleaned_data
        return CentreFilters(
            flagged_only=bool(data.get("flagged")), area_id=data.get("area") or None
        )
