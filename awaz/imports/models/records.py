"""Imported records: each a report, known by its source and its own reference, with a new
version whenever a later extract changes its outcome, strands or classification."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from awaz.core.fields import EncryptedTextField
from awaz.core.models import BaseModel
from awaz.imports.vocabulary import Classification, RecordedAs


class ImportedRecord(BaseModel):
    """The link from a partner's record to its report. Never deleted: a record a later full
    extract leaves out is flagged (``missing_since``)."""

    source = models.ForeignKey(
        "imports.ImportSource",
        on_delete=models.PROTECT,
        related_name="records",
        db_comment="Where the record came from",
    )
    report = models.OneToOneField(
        "reporting.Report",
        on_delete=models.PROTECT,
        related_name="imported_record",
        db_comment="The report made from it",
    )
    reference = EncryptedTextField(db_comment="Encrypted: the record's reference in its source")
    reference_index = models.CharField(
        max_length=64, db_comment="Blind index of the reference: the key within the source"
    )
    first_run = models.ForeignKey(
        "imports.ImportRun",
        on_delete=models.PROTECT,
        related_name="+",
        db_comment="The run that first imported it",
    )
    last_seen_run = models.ForeignKey(
        "imports.ImportRun",
        on_delete=models.PROTECT,
        related_name="+",
        db_comment="The latest run whose file held it",
    )
    missing_since = models.ForeignKey(
        "imports.ImportRun",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_comment="The first full extract that left it out (empty: it is in the latest)",
    )
    version = models.PositiveIntegerField(default=1, db_comment="Number of its current version")
    recorded_as = models.CharField(
        max_length=20, choices=RecordedAs.choices, db_comment="Police crime, police NCHI, partner"
    )
    classification = models.CharField(
        max_length=10,
        choices=Classification.choices,
        blank=True,
        db_comment="Crime or non-crime in the source's terms (empty: not given)",
    )
    outcome = models.CharField(
        max_length=10, blank=True, db_comment="Home Office outcome code, or 'pending'"
    )
    outcome_date = models.DateField(null=True, blank=True, db_comment="When the outcome was given")
    offence_group = models.CharField(max_length=24, blank=True, db_comment="OffenceGroup code")
    how_reported = models.CharField(max_length=20, blank=True, db_comment="HowReported code")
    who_reported = models.CharField(max_length=20, blank=True, db_comment="WhoReported code")
    offence_to = models.DateField(
        null=True, blank=True, db_comment="Last day it happened, if over several days"
    )

    class Meta:
        db_table_comment = "Records imported from partners' systems, each linked to its report"
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "reference_index"], name="imported_record_once_per_source"
            ),
            models.CheckConstraint(
                condition=~Q(reference_index=""), name="imported_record_has_reference"
            ),
        ]
        indexes = [models.Index(fields=["source", "missing_since"], name="imported_missing")]

    def __str__(self) -> str:
        return f"imported record {self.pk} (v{self.version})"


class ImportedRecordVersion(models.Model):
    """What one run said about a record's outcome, strands and classification: version 1
    when it arrived, and one more each time a later file changed any of them."""

    record = models.ForeignKey(
        ImportedRecord, on_delete=models.CASCADE, related_name="versions", db_comment="The record"
    )
    number = models.PositiveIntegerField(db_comment="1 for the first, then 2, 3 ...")
    run = models.ForeignKey(
        "imports.ImportRun",
        on_delete=models.PROTECT,
        related_name="+",
        db_comment="The run whose file said this",
    )
    created_at = models.DateTimeField(db_comment="When it was saved")
    recorded_as = models.CharField(max_length=20, db_comment="RecordedAs code")
    classification = models.CharField(max_length=10, blank=True, db_comment="Classification")
    outcome = models.CharField(max_length=10, blank=True, db_comment="Outcome code")
    outcome_date = models.DateField(null=True, blank=True, db_comment="Outcome date")
    strand_codes = models.JSONField(default=list, db_comment="Strand codes, sorted")
    changed = models.JSONField(
        default=list, db_comment="Which of them changed from the version before"
    )

    class Meta:
        db_table_comment = "History of each imported record's outcome, strands and class"
        ordering = ["record", "number"]
        constraints = [
            models.UniqueConstraint(fields=["record", "number"], name="imported_version_once")
        ]

    def __str__(self) -> str:
        return f"record {self.record_id} v{self.number}"
