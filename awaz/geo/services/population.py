"""Importing residents per area, so the dashboard can show rates per 1,000."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from awaz.audit.events import AuditEventType
from awaz.audit.services import Actor, audit_record
from awaz.core.models import User
from awaz.geo.importers.population import PopulationTable
from awaz.geo.models import Area
from awaz.geo.services.areas import area_populations_set


@dataclass
class PopulationImportResult:
    filename: str
    dry_run: bool
    saved: bool = False
    updated: int = 0  # areas given a population (or that would be)
    unknown: list[str] = field(default_factory=list)  # codes matching no area
    errors: list[str] = field(default_factory=list)


def population_import(
    *,
    table: PopulationTable,
    year: int | None = None,
    skip_unknown: bool = False,
    dry_run: bool = False,
    actor: Actor,
) -> PopulationImportResult:
    """Set the population of each area in ``table``. All or nothing: a bad row, a code
    given twice for one year, or a code that matches no area (unless ``skip_unknown``,
    for national tables) stops the import with everything listed.

    ``year`` is used for rows without one; when a table gives several years for an area, the
    latest counts.
    """
    result = PopulationImportResult(filename=table.filename, dry_run=dry_run)
    result.errors.extend(table.errors)
    if not table.year_column and year is None:
        result.errors.append(
            _("%(file)s has no year column: say which year the figures are for.")
            % {"file": table.filename}
        )
    chosen: dict[str, tuple[int, int | None]] = {}
    lines: dict[tuple[str, int | None], int] = {}
    for row in table.rows:
        row_year = row.year if row.year is not None else year
        if (row.code, row_year) in lines:
            result.errors.append(
                _("Line %(line)s: %(code)s is given twice for %(year)s (also line %(first)s)")
                % {
                    "line": row.line,
                    "code": row.code,
                    "year": row_year,
                    "first": lines[(row.code, row_year)],
                }
            )
            continue
        lines[(row.code, row_year)] = row.line
        current = chosen.get(row.code)
        if current is None or (row_year or 0) > (current[1] or 0):
            chosen[row.code] = (row.population, row_year)
    with transaction.atomic(durable=True):
        known = set(Area.objects.filter(code__in=list(chosen)).values_list("code", flat=True))
        result.unknown = sorted(set(chosen) - known)
        if result.unknown and not skip_unknown:
            result.errors.append(
                _("%(n)s codes match no area: %(codes)s")
                % {"n": len(result.unknown), "codes": ", ".join(result.unknown)}
            )
        values = {code: value for code, value in chosen.items() if code in known}
        result.updated = len(values)
        if result.errors or dry_run:
            return result
        area_populations_set(values=values, by=actor.user if isinstance(actor.user, User) else None)
        result.saved = True
        audit_record(
            event_type=AuditEventType.POPULATION_IMPORTED,
            actor=actor,
            target_type="geo.area",
            details={
                "file": table.filename,
                "updated": result.updated,
                "unknown_skipped": len(result.unknown),
                "years": sorted({y for _p, y in values.values() if y is not None}),
            },
        )
    return result
