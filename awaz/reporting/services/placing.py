"""Placing reports again after new boundaries are imported.

A report is placed once, when it is submitted: its ``area`` is the deepest area containing
its point. New or changed boundaries leave old reports where they were, so
``reports_place_again`` decrypts each report's point, looks up its area in the current
boundaries (``awaz.geo.selectors.area_ids_for_points``), moves the reports whose area
changed, and re-derives the analysis facts. Reports without a point keep their area. One
audit event records the counts (never a report's place).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any, cast

from django.db import transaction

from awaz.audit.events import AuditEventType
from awaz.audit.services import Actor, audit_record
from awaz.geo.selectors import area_ids_for_points
from awaz.reporting.models import Report
from awaz.reporting.services.facts import incident_facts_rebuild

CHUNK = 2000


@dataclass(frozen=True)
class PlacingSummary:
    checked: int  # reports with a point
    changed: int  # of which moved to another area (or out of every area)
    without_point: int  # kept their area: nothing to place them by


def _moves(chunk: list[tuple[int, float, float, int | None]]) -> list[tuple[int, int | None]]:
    found = area_ids_for_points(points=[(lat, lon) for _id, lat, lon, _area in chunk])
    return [
        (report_id, new)
        for (report_id, _lat, _lon, old), new in zip(chunk, found, strict=True)
        if new != old
    ]


@transaction.atomic(durable=True)
def reports_place_again(*, actor: Actor) -> PlacingSummary:
    """Recompute every report's area from its point in the current boundaries."""
    checked = without_point = 0
    moves: dict[int | None, list[int]] = defaultdict(list)
    chunk: list[tuple[int, float, float, int | None]] = []
    rows = Report.objects.order_by("id").values_list("id", "location_point", "area_id")
    for report_id, stored, area_id in rows.iterator(chunk_size=CHUNK):
        point = cast(dict[str, Any] | None, stored)  # EncryptedJSONField: decrypted JSON
        if not point or point.get("lat") is None or point.get("lon") is None:
            without_point += 1
            continue
        checked += 1
        chunk.append((report_id, float(point["lat"]), float(point["lon"]), area_id))
        if len(chunk) >= CHUNK:
            for moved_id, new in _moves(chunk):
                moves[new].append(moved_id)
            chunk = []
    for moved_id, new in _moves(chunk) if chunk else []:
        moves[new].append(moved_id)
    for new_area_id, ids in moves.items():
        for start in range(0, len(ids), 500):
            Report.objects.filter(id__in=ids[start : start + 500]).update(area_id=new_area_id)
    changed = sum(len(ids) for ids in moves.values())
    # Always re-derive: even unmoved reports may now be under another local authority.
    incident_facts_rebuild()
    audit_record(
        event_type=AuditEventType.REPORTS_PLACED_AGAIN,
        actor=actor,
        target_type="reporting.report",
        details={"checked": checked, "changed": changed, "without_point": without_point},
    )
    return PlacingSummary(checked=checked, changed=changed, without_point=without_point)
