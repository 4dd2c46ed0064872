"""The public "Where to report" page: the centres that are listed (``is_listed``), verified
within ``CENTRE_VERIFY_MONTHS`` months and of an active organisation (an unchecked centre may
have closed, and sending a victim to a closed door is worse than not listing it), grouped by
area, and what the map needs.
"""

from __future__ import annotations

import datetime
import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import F
from shapely.geometry import mapping, shape

from awaz.geo.models import AreaLevel
from awaz.geo.selectors import area_list
from awaz.partners.models import OrganisationKind
from awaz.strategy.models import ReportingCentre
from awaz.strategy.selectors_centres.flags import verified_cutoff, verify_months

# The public page ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AreaCentres:
    name: str  # the area's name; "" for centres with no area recorded
    centres: list[ReportingCentre]


def centres_public(*, today: datetime.date) -> list[ReportingCentre]:
    """Centres on the public page: listed, verified within ``CENTRE_VERIFY_MONTHS``
    months, of an active reporting-centre organisation; by area, then name."""
    cutoff = verified_cutoff(today=today, months=verify_months())
    return list(
        ReportingCentre.objects.filter(
            is_listed=True,
            last_verified_on__gte=cutoff,
            organisation__is_active=True,
            organisation__kind=OrganisationKind.REPORTING_CENTRE,
        )
        .select_related("organisation", "area")
        .order_by(F("area__name").asc(nulls_last=True), "organisation__name")
    )


def centres_by_area(centres: Iterable[ReportingCentre]) -> list[AreaCentres]:
    """Centres grouped under their area's name (areas by name; centres with no area last)."""
    groups: dict[str, list[ReportingCentre]] = defaultdict(list)
    for centre in centres:
        groups[centre.area.name if centre.area else ""].append(centre)
    names = sorted(groups, key=lambda n: (n == "", n))
    return [AreaCentres(name=n, centres=groups[n]) for n in names]


def centres_map_points(centres: Iterable[ReportingCentre]) -> list[dict[str, Any]]:
    """What the map needs of each centre with a position: its name, where it is, and the
    id of its entry in the list (the map links there)."""
    return [
        {
            "name": centre.organisation.name,
            "lat": round(centre.lat, 5),
            "lon": round(centre.lon, 5),
            "anchor": f"centre-{centre.pk}",
        }
        for centre in centres
        if centre.lat is not None and centre.lon is not None
    ]


# Outlines drawn under the dots: about 50 m of detail is plenty at the map's scale, and
# keeps the page small on a phone whatever boundary file was imported.
OUTLINE_TOLERANCE = 0.0005  # degrees
OUTLINE_DECIMALS = 4


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, OUTLINE_DECIMALS)
    if isinstance(value, list | tuple):
        return [_rounded(item) for item in value]
    return value


def centres_map_outlines() -> dict[str, Any]:
    """The local authorities' boundaries, simplified, as a FeatureCollection: the map's
    only background when the site has no map tiles. Cached until an area changes."""
    heads = list(
        area_list(level=AreaLevel.LOCAL_AUTHORITY)
        .filter(geometry__isnull=False)
        .values_list("pk", "modified_at")
    )
    if not heads:
        return {"type": "FeatureCollection", "features": []}
    version = hashlib.sha256(repr(sorted(heads)).encode()).hexdigest()[:16]

    def build() -> dict[str, Any]:
        features = []
        for area in area_list(level=AreaLevel.LOCAL_AUTHORITY).filter(
            pk__in=[pk for pk, _at in heads]
        ):
            simple = shape(area.geometry).simplify(OUTLINE_TOLERANCE, preserve_topology=True)
            geometry = mapping(simple)
            features.append(
                {
                    "type": "Feature",
                    "properties": {"name": area.name},
                    "geometry": {
                        "type": geometry["type"],
                        "coordinates": _rounded(geometry["coordinates"]),
                    },
                }
            )
        return {"type": "FeatureCollection", "features": features}

    outlines = cache.get_or_set(f"strategy:centres-map-outlines:{version}", build, 24 * 3600)
    return outlines if outlines is not None else build()


def languages_list(languages: str) -> list[str]:
    """ "English, Polish ,, Arabic" -> ["English", "Polish", "Arabic"]."""
    return [part.strip() for part in languages.split(",") if part.strip()]
