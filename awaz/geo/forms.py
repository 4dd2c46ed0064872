"""Forms of the boundary import in the Django admin."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from awaz.core.exceptions import ApplicationError
from awaz.geo.importers import BOUNDARY_SUFFIXES
from awaz.geo.models import AreaLevel
from awaz.geo.services import parent_options_check

MAX_UPLOAD_BYTES = 50 * 1024 * 1024

PARENT_CODE, PARENT_CONTAINMENT, PARENT_NONE = "code", "containment", "none"


class BoundaryOptionsForm(forms.Form):
    """How to read and place the areas. Also re-validates the options kept in the session
    between the preview and the confirmation."""

    level = forms.ChoiceField(
        label=_("Level of the areas"), choices=AreaLevel.choices, initial=AreaLevel.WARD
    )
    parent_mode = forms.ChoiceField(
        label=_("Parent area"),
        choices=[
            (PARENT_CONTAINMENT, _("The area one level up whose boundary contains each area")),
            (PARENT_CODE, _("One area for all, given by its code")),
            (PARENT_NONE, _("None (counties only)")),
        ],
        initial=PARENT_CONTAINMENT,
        widget=forms.RadioSelect,
    )
    parent_code = forms.CharField(
        label=_("Parent area code"),
        required=False,
        max_length=20,
        help_text=_("Only when one area holds them all, for example E07000026."),
    )
    code_field = forms.CharField(
        label=_("Property holding the code"),
        required=False,
        max_length=60,
        help_text=_("Leave empty to detect it (WD13CD, LAD23CD, code ...)."),
    )
    name_field = forms.CharField(
        label=_("Property holding the name"),
        required=False,
        max_length=60,
        help_text=_("Leave empty to detect it (WD13NM, LAD23NM, name ...)."),
    )
    repair = forms.BooleanField(
        label=_("Repair invalid boundaries (with shapely's make_valid) instead of refusing them"),
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if self.errors:
            return data
        if data["parent_mode"] == PARENT_CODE and not self.chosen_parent_code:
            self.add_error("parent_code", _("Give the code of the parent area."))
            return data
        try:
            parent_options_check(
                level=AreaLevel(data["level"]),
                parent_code=self.chosen_parent_code,
                parent_by_containment=self.chosen_containment,
            )
        except ApplicationError as exc:
            self.add_error("parent_mode", str(exc.message))
        return data

    @property
    def chosen_parent_code(self) -> str:
        """The parent code, when "one area for all" is chosen ("" otherwise)."""
        data = self.cleaned_data
        if data.get("parent_mode") != PARENT_CODE:
            return ""
        return str(data.get("parent_code") or "").strip()

    @property
    def chosen_containment(self) -> bool:
        return bool(self.cleaned_data.get("parent_mode") == PARENT_CONTAINMENT)


class BoundaryUploadForm(BoundaryOptionsForm):
    file = forms.FileField(
        label=_("Boundary file"),
        help_text=_(
            "GeoJSON (.geojson or .json) or a zipped shapefile (.zip, with its .prj), "
            "at most 50 MB."
        ),
    )

    field_order = ["file", "level", "parent_mode", "parent_code", "code_field", "name_field"]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if PurePosixPath(upload.name.lower()).suffix not in BOUNDARY_SUFFIXES:
            raise forms.ValidationError(_("Choose a .geojson, .json or zipped shapefile (.zip)."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file must be smaller than 50 MB."))
        return upload
