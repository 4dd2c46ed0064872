"""Creating and changing areas one at a time (the imports and the demo build on these)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from shapely.geometry import shape
from shapely.validation import explain_validity

from awaz.core.exceptions import ApplicationError
from awaz.core.models import User
from awaz.geo.models import Area, AreaLevel
from awaz.geo.selectors import area_index_clear

Bounds = tuple[float, float, float, float] | tuple[None, None, None, None]


def _boundary_bounds(code: str, geometry: dict[str, Any] | None) -> Bounds:
    """The bounding box of a valid Polygon or MultiPolygon; raises for anything else."""
    if geometry is None:
        return None, None, None, None
    geom = shape(geometry)
    if geom.geom_type not in {"Polygon", "MultiPolygon"}:
        raise ApplicationError(f"{code}: a boundary must be a Polygon or MultiPolygon")
    if not geom.is_valid:
        raise ApplicationError(f"{code}: invalid boundary ({explain_validity(geom)})")
    return geom.bounds


@transaction.atomic
def area_create(
    *,
    code: str,
    name: str,
    level: AreaLevel,
    parent: Area | None,
    geometry: dict[str, Any] | None,
    is_demo: bool = False,
    by: User | None = None,
) -> Area:
    bounds = _boundary_bounds(code, geometry)
    area = Area.objects.create(
        code=code,
        name=name,
        level=level,
        parent=parent,
        geometry=geometry,
        min_lon=bounds[0],
        min_lat=bounds[1],
        max_lon=bounds[2],
        max_lat=bounds[3],
        is_demo=is_demo,
        created_by=by,
        modified_by=by,
    )
    transaction.on_commit(area_index_clear)
    return area


@transaction.atomic
def area_boundary_update(
    *,
    area: Area,
    name: str,
    parent: Area | None,
    geometry: dict[str, Any],
    by: User | None = None,
) -> Area:
    """Give an existing area a new boundary, name and parent (its code and level stay)."""
    if parent is not None and parent.pk == area.pk:
        raise ApplicationError(f"{area.code}: an area cannot contain itself")
    if parent is None and area.level != AreaLevel.COUNTY:
        raise ApplicationError(f"{area.code}: only a county has no parent")
    bounds = _boundary_bounds(area.code, geometry)
    area.name = name
    area.parent = parent
    area.geometry = geometry
    area.min_lon, area.min_lat, area.max_lon, area.max_lat = bounds
    area.modified_by = by
    area.save(
        update_fields=[
            "name",
            "parent",
            "geometry",
            "min_lon",
            "min_lat",
            "max_lon",
            "max_lat",
            "modified_by",
            "modified_at",
        ]
    )
    transaction.on_commit(area_index_clear)
    return area


@transaction.atomic
def area_populations_set(
    *,
    values: Mapping[str, tuple[int, int | None]],
    only_missing: bool = False,
    by: User | None = None,
) -> int:
    """Set ``{code: (population, year)}`` on the areas with those codes; ``only_missing``
    leaves areas that already have a population. Returns how many areas changed. Codes
    that match no area are ignored here (``population_import`` reports them)."""
    areas = Area.objects.filter(code__in=list(values))
    if only_missing:
        areas = areas.filter(population__isnull=True)
    changed, now = [], timezone.now()
    for area in areas:
        population, year = values[area.code]
        if population < 0:
            raise ApplicationError(f"{area.code}: a population cannot be negative")
        area.population, area.population_year = population, year
        area.modified_by, area.modified_at = by, now
        changed.append(area)
    Area.objects.bulk_update(
        changed, ["population", "population_year", "modified_by", "modified_at"], batch_size=500
    )
    return len(changed)
