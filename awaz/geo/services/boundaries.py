"""Importing area boundaries read by ``awaz.geo.importers.boundary_file_read``.

All or nothing: every feature is checked first (its boundary, its code against existing
areas, its parent); if any feature has a problem, or on a dry run, nothing is written and
the result lists what would happen. Otherwise new codes are created and known ones get the
new boundary and name, in one transaction with one audit event, and the point-in-area index
is cleared when it commits.

A parent is given by code (every feature goes under that area) or found by containment: the
area of the level above (a local authority for a ward or neighbourhood, the county for a
local authority) whose boundary contains the feature's representative point.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pyproj import Geod
from shapely import STRtree
from shapely.geometry import shape

from awaz.audit.events import AuditEventType
from awaz.audit.services import Actor, audit_record
from awaz.core.exceptions import ApplicationError
from awaz.core.models import User
from awaz.geo.importers import BoundaryFeature, BoundaryFile
from awaz.geo.models import LEVEL_DEPTH, Area, AreaLevel
from awaz.geo.services.areas import area_boundary_update, area_create

# The level a parent is found at by containment.
PARENT_LEVEL = {
    AreaLevel.LOCAL_AUTHORITY: AreaLevel.COUNTY,
    AreaLevel.WARD: AreaLevel.LOCAL_AUTHORITY,
    AreaLevel.NEIGHBOURHOOD: AreaLevel.LOCAL_AUTHORITY,
}
CREATE, UPDATE = "create", "update"
# Reports keep the area they were placed in when submitted; say how to place them again.
PLACE_REPORTS_HINT = gettext_lazy(
    "Reports keep the areas they were placed in when submitted: run "
    "`manage.py reports_place_again` to place them in the new boundaries."
)
_GEOD = Geod(ellps="WGS84")


@dataclass(frozen=True)
class BoundaryRow:
    """One feature as the preview shows it."""

    number: int
    code: str
    name: str
    level: str
    action: str  # CREATE, UPDATE, or "" when it cannot be imported
    parent_code: str
    parent_name: str
    area_km2: float | None
    repaired: bool
    problem: str

    @property
    def valid(self) -> bool:
        return not self.problem


@dataclass(frozen=True)
class BoundaryImportResult:
    filename: str
    source_crs: str
    code_field: str
    name_field: str
    level: str
    dry_run: bool
    saved: bool
    rows: list[BoundaryRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def created(self) -> int:
        """Areas created (or, when nothing was saved, that would be)."""
        return sum(row.action == CREATE for row in self.rows)

    @property
    def updated(self) -> int:
        return sum(row.action == UPDATE for row in self.rows)


def parent_options_check(
    *, level: AreaLevel, parent_code: str, parent_by_containment: bool
) -> None:
    """A county has no parent; anything else needs a parent code or containment."""
    if level == AreaLevel.COUNTY:
        if parent_code or parent_by_containment:
            raise ApplicationError(_("A county has no parent area."))
        return
    if parent_code and parent_by_containment:
        raise ApplicationError(_("Give a parent code or choose containment, not both."))
    if not parent_code and not parent_by_containment:
        raise ApplicationError(
            _("Say where the areas belong: give a parent code or choose containment.")
        )


def _parent_by_code(level: AreaLevel, parent_code: str) -> Area:
    parent = Area.objects.filter(code=parent_code).first()
    if parent is None:
        raise ApplicationError(_("No area has the code %(code)s.") % {"code": parent_code})
    if LEVEL_DEPTH[AreaLevel(parent.level)] >= LEVEL_DEPTH[level]:
        raise ApplicationError(
            _("%(code)s is a %(parent_level)s: it cannot contain a %(level)s.")
            % {
                "code": parent_code,
                "parent_level": AreaLevel(parent.level).label,
                "level": level.label,
            }
        )
    return parent


class _Containment:
    """The areas one level up, indexed for "which contains this point"."""

    def __init__(self, level: AreaLevel) -> None:
        self.level = PARENT_LEVEL[level]
        self.areas = list(
            Area.objects.filter(level=self.level, geometry__isnull=False).order_by("code")
        )
        if not self.areas:
            raise ApplicationError(
                _(
                    "No %(level)s has a boundary yet, so no parent can be found by containment: "
                    "import those first or give a parent code."
                )
                % {"level": self.level.label.lower()}
            )
        self.tree = STRtree([shape(a.geometry) for a in self.areas])

    def parent_of(self, feature: BoundaryFeature) -> Area | None:
        point = shape(feature.geometry).representative_point()
        hits = sorted(int(i) for i in self.tree.query(point, predicate="intersects"))
        return self.areas[hits[0]] if hits else None


def _area_km2(feature: BoundaryFeature) -> float | None:
    if feature.geometry is None:
        return None
    area, _perimeter = _GEOD.geometry_area_perimeter(shape(feature.geometry))
    return round(abs(area) / 1_000_000, 3)


def _plan(
    boundary_file: BoundaryFile,
    *,
    level: AreaLevel,
    parent_code: str,
    parent_by_containment: bool,
) -> tuple[list[BoundaryRow], dict[str, Area | None], dict[str, Area]]:
    """Rows for the preview, each feature's parent, and the existing areas by code."""
    fixed_parent = _parent_by_code(level, parent_code) if parent_code else None
    containment = _Containment(level) if parent_by_containment else None
    codes = [f.code for f in boundary_file.features if f.code]
    existing = {a.code: a for a in Area.objects.filter(code__in=codes)}
    rows, parents = [], {}
    for feature in boundary_file.features:
        problem = feature.problem
        parent = fixed_parent
        if not problem and containment is not None:
            parent = containment.parent_of(feature)
            if parent is None:
                problem = _("no %(level)s contains it") % {"level": containment.level.label.lower()}
        known = existing.get(feature.code)
        if not problem and known is not None and known.level != level:
            problem = _("the code exists as a %(level)s") % {
                "level": AreaLevel(known.level).label.lower()
            }
        if not problem and parent is not None and parent.code == feature.code:
            problem = _("it would be its own parent")
        parents[feature.code] = parent
        rows.append(
            BoundaryRow(
                number=feature.number,
                code=feature.code,
                name=feature.name,
                level=level,
                action="" if problem else (UPDATE if known is not None else CREATE),
                parent_code=parent.code if parent is not None else "",
                parent_name=parent.name if parent is not None else "",
                area_km2=_area_km2(feature),
                repaired=feature.repaired,
                problem=problem,
            )
        )
    return rows, parents, existing


def boundaries_import(
    *,
    boundary_file: BoundaryFile,
    level: AreaLevel,
    parent_code: str = "",
    parent_by_containment: bool = False,
    dry_run: bool = False,
    actor: Actor,
) -> BoundaryImportResult:
    """Check every feature, then (unless any has a problem, or ``dry_run``) create or
    update the areas. Raises ``ApplicationError`` for unusable options (an unknown parent
    code, no areas to be contained in)."""
    level = AreaLevel(level)
    parent_options_check(
        level=level, parent_code=parent_code, parent_by_containment=parent_by_containment
    )
    by = actor.user if isinstance(actor.user, User) else None
    with transaction.atomic(durable=True):
        rows, parents, existing = _plan(
            boundary_file,
            level=level,
            parent_code=parent_code,
            parent_by_containment=parent_by_containment,
        )
        errors = [
            f"{feature.label}: {row.problem}"
            for feature, row in zip(boundary_file.features, rows, strict=True)
            if row.problem
        ]
        write = not errors and not dry_run
        if write:
            for feature in boundary_file.features:
                assert feature.geometry is not None  # no problem, so it has a boundary
                known = existing.get(feature.code)
                if known is None:
                    area_create(
                        code=feature.code,
                        name=feature.name,
                        level=level,
                        parent=parents[feature.code],
                        geometry=feature.geometry,
                        by=by,
                    )
                else:
                    area_boundary_update(
                        area=known,
                        name=feature.name,
                        parent=parents[feature.code],
                        geometry=feature.geometry,
                        by=by,
                    )
        result = BoundaryImportResult(
            filename=boundary_file.filename,
            source_crs=boundary_file.source_crs,
            code_field=boundary_file.code_field,
            name_field=boundary_file.name_field,
            level=level,
            dry_run=dry_run,
            saved=write,
            rows=rows,
            errors=errors,
        )
        if write:
            audit_record(
                event_type=AuditEventType.AREAS_IMPORTED,
                actor=actor,
                target_type="geo.area",
                details={
                    "file": boundary_file.filename,
                    "level": str(level),
                    "created": result.created,
                    "updated": result.updated,
                    "repaired": sum(row.repaired for row in rows),
                    "parent": parent_code or ("containment" if parent_by_containment else ""),
                },
            )
    return result
