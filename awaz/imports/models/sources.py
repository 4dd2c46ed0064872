"""A source: one kind of extract a partner sends, and how to read it."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awaz.core.models import BaseModel
from awaz.imports.columns import DEFAULT_DATE_FORMATS


class FileFormat(models.TextChoices):
    CSV = "csv", _("CSV (comma-separated values)")
    XLSX = "xlsx", _("Excel workbook (XLSX)")


def _default_date_formats() -> list[str]:
    return list(DEFAULT_DATE_FORMATS)


class ImportSource(BaseModel):
    """Where imported records come from and how to read them.

    ``column_map`` is ``{field: heading}`` for the fields of ``awaz.imports.columns``;
    ``strand_columns`` is ``{strand code: heading}`` for extracts with one yes/no column per
    strand; ``value_maps`` is ``{kind: {normalised value: code}}`` for the kinds of
    ``awaz.imports.vocabulary.VALUE_KINDS``. The organisation's kind decides whether its
    records are police-recorded (a police force) or partner-recorded (everyone else).
    """

    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="import_sources",
        db_comment="The partner whose records these are (and whose administrators import)",
    )
    name = models.CharField(max_length=120, db_comment="Name, e.g. 'Monthly hate crime extract'")
    file_format = models.CharField(
        max_length=8, choices=FileFormat.choices, db_comment="CSV or XLSX"
    )
    sheet_name = models.CharField(
        max_length=100, blank=True, db_comment="XLSX: the worksheet to read (empty: the first)"
    )
    column_map = models.JSONField(default=dict, db_comment="{field: column heading in the file}")
    strand_columns = models.JSONField(
        default=dict, db_comment="{strand code: heading of its yes/no column}"
    )
    strand_separator = models.CharField(
        max_length=3, default=";", db_comment="Separates several strands in one cell"
    )
    value_maps = models.JSONField(
        default=dict, db_comment="{kind: {value in the file (normalised): Awaz code}}"
    )
    date_formats = models.JSONField(
        default=_default_date_formats, db_comment="strptime formats of dates, tried in order"
    )
    full_extract = models.BooleanField(
        default=False,
        db_comment="Each file holds every record: records missing from one are flagged",
    )
    file_retention_days = models.PositiveIntegerField(
        default=365, db_comment="Days the original file is kept (encrypted) after an import"
    )
    is_active = models.BooleanField(default=True, db_comment="False: no more files accepted")

    class Meta:
        db_table_comment = "Sources of imported records: a partner's extract and how to read it"
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="import_source_name_per_organisation"
            ),
            models.CheckConstraint(
                condition=Q(file_format__in=["csv", "xlsx"]), name="import_source_format"
            ),
        ]

    def __str__(self) -> str:
        return self.name
