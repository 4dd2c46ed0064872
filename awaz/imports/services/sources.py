"""Defining a source: what a partner's extract looks like, and how its values become Awaz's
codes. Only an administrator defines one, for their own organisation."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from awaz.audit.events import AuditEventType
from awaz.audit.services import Actor, audit_record
from awaz.core.exceptions import ApplicationError
from awaz.imports import access
from awaz.imports import vocabulary as v
from awaz.imports.columns import BY_KEY, DATE_FORMATS, PAIRS, REQUIRED, label_of
from awaz.imports.models import FileFormat, ImportSource
from awaz.partners.selectors import membership_for_user
from awaz.reporting.models import Strand

MSG_NAME_TAKEN = _("Your organisation already has a source with this name")
MSG_REQUIRED_COLUMN = _("Enter the heading of the column that holds the %(field)s")
MSG_PAIR = _("Enter the headings of both %(first)s and %(second)s, or neither")
MSG_UNKNOWN_STRAND = _("There is no strand with the code “%(code)s”")
MSG_UNKNOWN_CODE = _("“%(code)s” is not one of the codes for %(kind)s")
MSG_DATE_FORMATS = _("Choose at least one date format")
MSG_SAME_HEADING = _("The heading “%(heading)s” is given for two fields")
MSG_SEPARATOR = _("Enter the character that separates strands in one cell")
MSG_RETENTION = _("Keep the original file for between 1 and 3,650 days")
MSG_NO_ORGANISATION = _("You are not a member of an organisation")


@dataclass
class SourceSettings:
    """Everything a source says, as the form gives it."""

    name: str
    file_format: str
    column_map: dict[str, str]
    sheet_name: str = ""
    strand_columns: dict[str, str] = field(default_factory=dict)
    strand_separator: str = ";"
    value_maps: dict[str, dict[str, str]] = field(default_factory=dict)
    date_formats: list[str] = field(default_factory=lambda: ["%d/%m/%Y"])
    full_extract: bool = False
    file_retention_days: int = 365

    def fields(self) -> dict[str, Any]:
        return {
            "name": self.name.strip(),
            "file_format": self.file_format,
            "sheet_name": self.sheet_name.strip(),
            "column_map": {k: h.strip() for k, h in self.column_map.items() if h and h.strip()},
            "strand_columns": {c: h.strip() for c, h in self.strand_columns.items() if h.strip()},
            "strand_separator": self.strand_separator,
            "value_maps": {
                kind: {v.normalise(value): code for value, code in mapping.items()}
                for kind, mapping in self.value_maps.items()
                if mapping
            },
            "date_formats": list(self.date_formats),
            "full_extract": self.full_extract,
            "file_retention_days": self.file_retention_days,
        }


def _allowed_codes(kind: str) -> set[str]:
    if kind == v.KIND_STRANDS:
        return set(Strand.objects.values_list("code", flat=True))
    return {code for code, _label in v.FIXED_CODES[kind]}


def _check(settings: SourceSettings) -> None:
    """Raise ``ApplicationError`` (with the form field in ``extra``) for a source that
    could not read any file."""
    data = settings.fields()
    if data["file_format"] not in FileFormat.values:
        raise ApplicationError(_("Choose CSV or XLSX"), extra={"field": "file_format"})
    for key in REQUIRED:
        if not data["column_map"].get(key):
            raise ApplicationError(
                MSG_REQUIRED_COLUMN % {"field": label_of(key).lower()},
                extra={"field": f"column_{key}"},
            )
    unknown = set(data["column_map"]) - set(BY_KEY)
    if unknown:
        raise ApplicationError(_("Unknown field %(key)s") % {"key": sorted(unknown)[0]})
    for first, second in PAIRS:
        if bool(data["column_map"].get(first)) != bool(data["column_map"].get(second)):
            raise ApplicationError(
                MSG_PAIR % {"first": label_of(first), "second": label_of(second)},
                extra={"field": f"column_{first}"},
            )
    seen: dict[str, str] = {}
    headings = list(data["column_map"].items()) + [
        (f"strand:{c}", h) for c, h in data["strand_columns"].items()
    ]
    for key, heading in headings:
        normalised = v.normalise(heading)
        if normalised in seen:
            raise ApplicationError(
                MSG_SAME_HEADING % {"heading": heading},
                extra={"field": f"column_{key}" if key in BY_KEY else "strand_columns"},
            )
        seen[normalised] = key
    strands = _allowed_codes(v.KIND_STRANDS)
    for code in data["strand_columns"]:
        if code not in strands:
            raise ApplicationError(
                MSG_UNKNOWN_STRAND % {"code": code}, extra={"field": "strand_columns"}
            )
    if "strands" in data["column_map"] and not data["strand_separator"].strip():
        raise ApplicationError(MSG_SEPARATOR, extra={"field": "strand_separator"})
    for kind, mapping in data["value_maps"].items():
        if kind not in v.VALUE_KINDS:
            raise ApplicationError(_("Unknown kind of value %(kind)s") % {"kind": kind})
        allowed = _allowed_codes(kind)
        for code in mapping.values():
            if code not in allowed:
                raise ApplicationError(
                    MSG_UNKNOWN_CODE % {"code": code, "kind": str(v.VALUE_KINDS[kind]).lower()},
                    extra={"field": f"values_{kind}"},
                )
    if not data["date_formats"] or any(f not in DATE_FORMATS for f in data["date_formats"]):
        raise ApplicationError(MSG_DATE_FORMATS, extra={"field": "date_formats"})
    if not 1 <= data["file_retention_days"] <= 3650:
        raise ApplicationError(MSG_RETENTION, extra={"field": "file_retention_days"})


def _name_taken(*, organisation_id: int, name: str, exclude_id: int | None = None) -> bool:
    qs = ImportSource.objects.filter(organisation_id=organisation_id, name__iexact=name.strip())
    if exclude_id is not None:
        qs = qs.exclude(pk=exclude_id)
    return qs.exists()


def _actor(user: Any) -> Actor:
    membership = membership_for_user(user)
    return Actor(user=user, organisation=membership.organisation if membership else None)


@transaction.atomic(durable=True)
def import_source_create(*, settings: SourceSettings, actor: Any) -> ImportSource:
    """A new source for the administrator's own organisation."""
    access.require(actor, "import.manage")
    membership = membership_for_user(actor)
    if membership is None:
        raise ApplicationError(MSG_NO_ORGANISATION)
    _check(settings)
    if _name_taken(organisation_id=membership.organisation_id, name=settings.name):
        raise ApplicationError(MSG_NAME_TAKEN, extra={"field": "name"})
    source = ImportSource.objects.create(
        organisation_id=membership.organisation_id,
        created_by=actor,
        modified_by=actor,
        **settings.fields(),
    )
    audit_record(
        event_type=AuditEventType.IMPORT_SOURCE_CREATED,
        actor=_actor(actor),
        target_type="imports.importsource",
        target_id=source.pk,
        details={"name": source.name, "file_format": source.file_format},
    )
    return source


@transaction.atomic(durable=True)
def import_source_change(
    *, source: ImportSource, settings: SourceSettings, actor: Any
) -> ImportSource:
    """Change a source's mappings. Files already imported keep what they made; the next
    file is read with the new mappings."""
    access.require(actor, "import.manage")
    source = ImportSource.objects.select_for_update().get(pk=source.pk)
    _check(settings)
    if _name_taken(
        organisation_id=source.organisation_id, name=settings.name, exclude_id=source.pk
    ):
        raise ApplicationError(MSG_NAME_TAKEN, extra={"field": "name"})
    changed = []
    for name, value in settings.fields().items():
        if getattr(source, name) != value:
            changed.append(name)
            setattr(source, name, value)
    if changed:
        source.modified_by = actor
        source.save()
        audit_record(
            event_type=AuditEventType.IMPORT_SOURCE_CHANGED,
            actor=_actor(actor),
            target_type="imports.importsource",
            target_id=source.pk,
            details={"changed": changed},
        )
    return source
