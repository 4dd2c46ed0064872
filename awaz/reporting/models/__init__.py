"""Reports of hate incidents and crimes, as the person reporting gave them.

Personal data (names, contact details, free text about people, exact place) is encrypted at
rest (``Encrypted*Field``). Analysis uses only the generalised place (a 50 m grid square of
the British National Grid and the area) and the categorical answers. Matching on contact
details uses blind indexes (``*_index``), never plaintext.
"""

from awaz.reporting.models.consent import (
    ConsentMethod,
    ConsentPurpose,
    ConsentRecord,
    RecipientKind,
)
from awaz.reporting.models.facts import IncidentFact, IncidentStrand, MonthlyCount
from awaz.reporting.models.report import (
    AgeConfirmed,
    Channel,
    IncidentType,
    LocationSource,
    PerceptionBy,
    PoliceTold,
    Report,
    ReporterRole,
    ReportStatus,
    Strand,
)
from awaz.reporting.models.routing import ReportingHub
from awaz.reporting.models.timeline import EntryKind, Evidence, ReportDraft, ReportEntry

__all__ = [
    "AgeConfirmed",
    "Channel",
    "ConsentMethod",
    "ConsentPurpose",
    "ConsentRecord",
    "EntryKind",
    "Evidence",
    "IncidentFact",
    "IncidentStrand",
    "IncidentType",
    "LocationSource",
    "MonthlyCount",
    "PerceptionBy",
    "PoliceTold",
    "RecipientKind",
    "Report",
    "ReportDraft",
    "ReportEntry",
    "ReportStatus",
    "ReporterRole",
    "ReportingHub",
    "Strand",
]
