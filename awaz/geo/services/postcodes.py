"""Storing postcode centroids: the demo's few, or a whole directory streamed in batches."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import shapely
from django.db import transaction
from shapely.geometry import shape

from awaz.audit.events import AuditEventType
from awaz.audit.services import Actor, audit_record
from awaz.core.exceptions import ApplicationError
from awaz.geo.importers.postcodes import PostcodeRow, PostcodeSource
from awaz.geo.models import Area, PostcodeUnit
from awaz.geo.selectors import POSTCODE_RE, normalise_postcode

BATCH_SIZE = 5000


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


@dataclass
class PostcodeImportResult:
    sources: list[str]
    dry_run: bool
    created: int = 0  # (or, on a dry run, would be)
    updated: int = 0
    outside: int = 0  # left out by the area filter
    rows: int = 0  # data rows read
    terminated: int = 0
    no_location: int = 0
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)


class _Within:
    """Keeps the points inside an area's boundary (bounding box first, then the polygon)."""

    def __init__(self, area: Area) -> None:
        if area.geometry is None:
            raise ApplicationError(f"{area.code} has no boundary to filter postcodes by")
        self.geom = shape(area.geometry)
        shapely.prepare(self.geom)
        self.bounds = self.geom.bounds

    def keep(self, batch: list[PostcodeRow]) -> list[PostcodeRow]:
        lons = np.array([r.lon for r in batch], dtype=np.float64)
        lats = np.array([r.lat for r in batch], dtype=np.float64)
        west, south, east, north = self.bounds
        in_box = (lons >= west) & (lons <= east) & (lats >= south) & (lats <= north)
        inside = np.zeros(len(batch), dtype=bool)
        if in_box.any():
            inside[in_box] = shapely.intersects_xy(self.geom, lons[in_box], lats[in_box])
        return [row for row, keep in zip(batch, inside, strict=True) if keep]


def _upsert(batch: list[PostcodeRow], *, dry_run: bool) -> tuple[int, int]:
    """Insert new postcodes and move known ones; returns (created, updated)."""
    latest = {row.postcode: row for row in batch}  # a postcode twice in a batch: last wins
    known = set(
        PostcodeUnit.objects.filter(postcode__in=list(latest)).values_list("postcode", flat=True)
    )
    if not dry_run:
        PostcodeUnit.objects.bulk_create(
            [PostcodeUnit(postcode=r.postcode, lat=r.lat, lon=r.lon) for r in latest.values()],
            update_conflicts=True,
            unique_fields=["postcode"],
            update_fields=["lat", "lon", "is_demo"],
            batch_size=1000,
        )
    return len(latest) - len(known), len(known)


def postcodes_import(
    *,
    sources: list[PostcodeSource],
    within: Area | None = None,
    dry_run: bool = False,
    batch_size: int = BATCH_SIZE,
    actor: Actor,
) -> PostcodeImportResult:
    """Stream every source into the postcode lookup, ``batch_size`` rows at a time: new
    postcodes are added, known ones get the new centroid (and stop being demo rows).

    ``within`` keeps only postcodes inside that area's boundary. Bad rows are counted and
    skipped (the first few described); a failure part-way saves nothing (one transaction).
    """
    result = PostcodeImportResult(sources=[s.name for s in sources], dry_run=dry_run)
    filter_ = _Within(within) if within is not None else None
    with transaction.atomic(durable=True):
        for source in sources:
            for batch in source.batches(batch_size):
                kept = filter_.keep(batch) if filter_ is not None else batch
                result.outside += len(batch) - len(kept)
                if kept:
                    created, updated = _upsert(kept, dry_run=dry_run)
                    result.created += created
                    result.updated += updated
            stats = source.stats
            result.rows += stats.rows
            result.terminated += stats.terminated
            result.no_location += stats.no_location
            result.errors += stats.errors
            result.error_samples.extend(f"{source.name}: {s}" for s in stats.samples)
        if not dry_run:
            audit_record(
                event_type=AuditEventType.POSTCODES_IMPORTED,
                actor=actor,
                target_type="geo.postcodeunit",
                details={
                    "files": result.sources,
                    "created": result.created,
                    "updated": result.updated,
                    "outside": result.outside,
                    "terminated": result.terminated,
                    "no_location": result.no_location,
                    "errors": result.errors,
                    "within": within.code if within is not None else "",
                },
            )
    return result
