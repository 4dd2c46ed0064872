"""Imports of partners' records: sources (what a partner's extract looks like), runs (one
uploaded file each, with its counts and errors) and imported records (each a report, with
the versions later extracts made)."""

from awaz.imports.models.records import ImportedRecord, ImportedRecordVersion
from awaz.imports.models.runs import ImportRowError, ImportRun, RunStatus
from awaz.imports.models.sources import FileFormat, ImportSource

__all__ = [
    "FileFormat",
    "ImportRowError",
    "ImportRun",
    "ImportSource",
    "ImportedRecord",
    "ImportedRecordVersion",
    "RunStatus",
]
