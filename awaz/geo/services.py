"""Changing areas. Boundary import from files arrives with the patterns work."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from shapely.geometry import shape
from shapely.validation import explain_validity

from awaz.core.exceptions import ApplicationError
from awaz.geo.models import Area, AreaLevel, PostcodeUnit
from awaz.geo.selectors import POSTCODE_RE, area_index_clear, normalise_postcode


@transaction.atomic
def area_create(
    *,
    code: str,
    name: str,
    level: AreaLevel,
    parent: Area | None,
    geometry: dict[str, Any] | None,
    is_demo: bool = False,
) -> Area:
    bounds: tuple[float, float, float, float] | tuple[None, None, None, None] = (
        None,
        None,
        None,
        None,
    )
    if geometry is not None:
        geom = shape(geometry)
        if geom.geom_type not in {"Polygon", "MultiPolygon"}:
            raise ApplicationError(f"{code}: a boundary must be a Polygon or MultiPolygon")
        if not geom.is_valid:
            raise ApplicationError(f"{code}: invalid boundary ({explain_validity(geom)})")
        bounds = geom.bounds
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
    )
    transaction.on_commit(area_index_clear)
    return area


@transaction.atomic
def postcode_units_create(
    *, units: Iterable[tuple[str, float, float]], is_demo: bool = False
) -> int:
    """Add postcode centroids ``(postcode, lat, lon)``; postcodes are normalised first.

    Returns how many were added. A postcode already known raises (the lookup is unique).
    """
    rows = []
    for postcode, lat, lon in units:
        normalised = normalise_postcode(postcode)
        if not POSTCODE_RE.fullmatch(normalised):
            raise ApplicationError(f"{postcode!r} is not a UK postcode")
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise ApplicationError(f"{postcode}: the point is not a WGS84 latitude, longitude")
        rows.append(PostcodeUnit(postcode=normalised, lat=lat, lon=lon, is_demo=is_demo))
    PostcodeUnit.objects.bulk_create(rows)
    return len(rows)
