"""Forms of the imports pages: a source's mappings, and uploading a file.

Mappings are plain text so they work without JavaScript: one line per value,
``value in the file = Awaz code`` (``R = race``), and one line per strand column,
``strand code = column heading`` (``race = Racially motivated``).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from awaz.imports import vocabulary as v
from awaz.imports.columns import COLUMNS, DATE_FORMATS
from awaz.imports.models import FileFormat, ImportSource
from awaz.imports.services import SourceSettings
from awaz.reporting.models import Strand

# The label of each box of value mappings: not the kind's name alone, which is also the label
# of the box for the column that holds it ("Strands" twice on one form).
VALUE_FIELD_LABELS: dict[str, Any] = {
    v.KIND_STRANDS: _("Strand values"),
    v.KIND_OFFENCE_GROUP: _("Offence group values"),
    v.KIND_OUTCOME: _("Home Office outcome values"),
    v.KIND_HOW_REPORTED: _("How-reported values"),
    v.KIND_WHO_REPORTED: _("Who-reported values"),
    v.KIND_CLASSIFICATION: _("Crime or non-crime values"),
}

MSG_LINE = _("Line %(line)s has no “=”: write it as value = code")
MSG_LINE_EMPTY = _("Line %(line)s needs something on both sides of “=”")


def _lines_to_map(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        if "=" not in line:
            raise forms.ValidationError(MSG_LINE, params={"line": number})
        left, _sep, right = line.partition("=")
        if not left.strip() or not right.strip():
            raise forms.ValidationError(MSG_LINE_EMPTY, params={"line": number})
        found[left.strip()] = right.strip()
    return found


def _map_to_lines(mapping: dict[str, str]) -> str:
    return "\n".join(f"{key} = {value}" for key, value in mapping.items())


def _codes_hint(kind: str) -> str:
    if kind == v.KIND_STRANDS:
        codes = ", ".join(Strand.objects.filter(is_active=True).values_list("code", flat=True))
    else:
        codes = ", ".join(code for code, _label in v.FIXED_CODES.get(kind, []))
    return str(
        _("Codes: %(codes)s. Values already written as a code or its name need no line.")
    ) % {"codes": codes}


class SourceForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the source"),
        max_length=120,
        help_text=_("For example “Monthly hate crime extract”"),
        error_messages={"required": _("Enter a name for the source")},
    )
    file_format = forms.ChoiceField(
        label=_("What kind of file is it?"),
        choices=FileFormat.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose CSV or XLSX")},
    )
    sheet_name = forms.CharField(
        label=_("Worksheet (XLSX only, optional)"),
        required=False,
        max_length=100,
        help_text=_("Leave empty to read the first worksheet"),
    )
    full_extract = forms.BooleanField(
        label=_("Each file holds every record (a full extract): flag records a file leaves out"),
        required=False,
    )
    date_formats = forms.MultipleChoiceField(
        label=_("How are dates written?"),
        help_text=_("Choose every way the file writes dates; spreadsheet dates need none"),
        choices=list(DATE_FORMATS.items()),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one date format")},
    )
    file_retention_days = forms.IntegerField(
        label=_("Days to keep each original file (encrypted)"),
        min_value=1,
        max_value=3650,
        initial=365,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": _("Enter how many days to keep each original file"),
            "invalid": _("Enter a whole number of days"),
            "min_value": _("Keep the original file for between 1 and 3,650 days"),
            "max_value": _("Keep the original file for between 1 and 3,650 days"),
        },
    )
    strand_separator = forms.CharField(
        label=_("Character between several strands in one cell"),
        max_length=3,
        initial=";",
        required=False,
        strip=False,
        widget=forms.TextInput(attrs={"spellcheck": "false"}),
    )
    strand_columns = forms.CharField(
        label=_("One yes/no column per strand (optional)"),
        help_text=_("One line per strand: strand code = column heading, e.g. race = Racial"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false"}),
    )

    def __init__(self, *args: Any, source: ImportSource | None = None, **kwargs: Any) -> None:
        if source is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_from(source)
        super().__init__(*args, **kwargs)
        for column in COLUMNS:
            self.fields[f"column_{column.key}"] = forms.CharField(
                label=column.label,
                help_text=column.hint,
                required=column.required,
                max_length=200,
                error_messages={
                    "required": _("Enter the heading of the column that holds this"),
                },
            )
        for kind, label in v.VALUE_KINDS.items():
            self.fields[f"values_{kind}"] = forms.CharField(
                label=VALUE_FIELD_LABELS.get(kind, label),
                help_text=_codes_hint(kind),
                required=False,
                widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false"}),
            )
        if not self.is_bound and source is None:
            self.initial.setdefault("date_formats", ["%d/%m/%Y", "%Y-%m-%d"])

    @staticmethod
    def initial_from(source: ImportSource) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "name": source.name,
            "file_format": source.file_format,
            "sheet_name": source.sheet_name,
            "full_extract": source.full_extract,
            "date_formats": list(source.date_formats),
            "file_retention_days": source.file_retention_days,
            "strand_separator": source.strand_separator,
            "strand_columns": _map_to_lines(source.strand_columns),
        }
        for key, heading in source.column_map.items():
            initial[f"column_{key}"] = heading
        for kind, mapping in source.value_maps.items():
            initial[f"values_{kind}"] = _map_to_lines(mapping)
        return initial

    def clean_strand_columns(self) -> dict[str, str]:
        return _lines_to_map(self.cleaned_data.get("strand_columns", ""))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for kind in v.VALUE_KINDS:
            name = f"values_{kind}"
            try:
                cleaned[name] = _lines_to_map(cleaned.get(name) or "")
            except forms.ValidationError as error:
                self.add_error(name, error)
        return cleaned

    def column_fields(self) -> list[forms.BoundField]:
        return [self[f"column_{c.key}"] for c in COLUMNS]

    def value_fields(self) -> list[forms.BoundField]:
        return [self[f"values_{kind}"] for kind in v.VALUE_KINDS]

    def settings(self) -> SourceSettings:
        data = self.cleaned_data
        return SourceSettings(
            name=data["name"],
            file_format=data["file_format"],
            sheet_name=data.get("sheet_name", ""),
            column_map={c.key: data.get(f"column_{c.key}", "") for c in COLUMNS},
            strand_columns=data.get("strand_columns") or {},
            strand_separator=data.get("strand_separator") or ";",
            value_maps={kind: data.get(f"values_{kind}") or {} for kind in v.VALUE_KINDS},
            date_formats=list(data["date_formats"]),
            full_extract=bool(data.get("full_extract")),
            file_retention_days=data["file_retention_days"],
        )


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Upload a file"),
        widget=forms.FileInput(attrs={"accept": ".csv,.xlsx"}),
        error_messages={"required": _("Select a file"), "empty": _("The selected file is empty")},
    )
    is_full_extract = forms.BooleanField(
        label=_("This file holds every record of the source (a full extract)"),
        required=False,
    )
