"""Reading area boundaries from GeoJSON or a zipped shapefile, into WGS84 GeoJSON.

- GeoJSON: a FeatureCollection. Without a ``crs`` member it is longitude, latitude (RFC 7946);
  an older-style ``crs`` naming a projection (``urn:ogc:def:crs:EPSG::27700``, ``EPSG:27700``)
  is reprojected with pyproj.
- Shapefile: a zip holding one ``.shp`` with its ``.shx``, ``.dbf`` and ``.prj``; the ``.prj``
  WKT says the projection. Read in memory with pyshp: nothing is extracted to disk.

Each feature becomes a ``BoundaryFeature`` with its code, name and boundary, or with the
problem that stops it being imported (an invalid polygon is named with shapely's
``explain_validity``; ``repair=True`` mends it with ``make_valid`` instead).
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath
from typing import Any

from django.utils.translation import gettext as _
from pyproj import CRS
from pyproj.exceptions import CRSError

from awaz.geo.importers.errors import ImportFileError
from awaz.geo.importers.features import (
    WGS84,
    BoundaryFeature,
    BoundaryFile,
    boundary_file_build,
    fields_detect,
)
from awaz.geo.importers.shapefiles import shapefile_read

__all__ = [
    "BOUNDARY_SUFFIXES",
    "BoundaryFeature",
    "BoundaryFile",
    "boundary_file_read",
    "fields_detect",
]

BOUNDARY_SUFFIXES = (".geojson", ".json", ".zip")


def _geojson_crs(document: dict[str, Any], filename: str) -> CRS:
    member = document.get("crs")
    if member is None:
        return WGS84
    properties = member.get("properties") if isinstance(member, dict) else None
    kind = member.get("type") if isinstance(member, dict) else None
    if kind == "name" and isinstance(properties, dict) and properties.get("name"):
        given = str(properties["name"])
    elif kind == "EPSG" and isinstance(properties, dict) and properties.get("code"):
        given = f"EPSG:{properties['code']}"
    else:
        raise ImportFileError(
            _("%(file)s: the crs member does not name a projection.") % {"file": filename}
        )
    try:
        return CRS.from_user_input(given)
    except CRSError as exc:
        raise ImportFileError(
            _("%(file)s: unknown projection %(crs)s.") % {"file": filename, "crs": given}
        ) from exc


def _read_geojson(
    content: bytes, *, filename: str, level: str, code_field: str, name_field: str, repair: bool
) -> BoundaryFile:
    try:
        document = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportFileError(
            _("%(file)s is not GeoJSON (%(reason)s).") % {"file": filename, "reason": exc}
        ) from exc
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise ImportFileError(
            _("%(file)s is not a GeoJSON FeatureCollection.") % {"file": filename}
        )
    crs = _geojson_crs(document, filename)
    raw_features = document.get("features") or []
    items = []
    for item in raw_features:
        item = item if isinstance(item, dict) else {}
        properties = item.get("properties")
        items.append((properties if isinstance(properties, dict) else {}, item.get("geometry")))
    return boundary_file_build(
        items,
        filename=filename,
        crs=crs,
        level=level,
        code_field=code_field,
        name_field=name_field,
        repair=repair,
    )


def boundary_file_read(
    content: bytes,
    *,
    filename: str,
    level: str,
    code_field: str = "",
    name_field: str = "",
    repair: bool = False,
) -> BoundaryFile:
    """Read a GeoJSON (``.geojson``/``.json``) or zipped shapefile (``.zip``).

    Raises ``ImportFileError`` when the file as a whole is unusable; problems of single
    features are kept on each ``BoundaryFeature`` (see ``BoundaryFile.errors``).
    """
    suffix = PurePosixPath(filename.lower()).suffix
    if suffix not in BOUNDARY_SUFFIXES:
        raise ImportFileError(
            _("%(file)s: give a .geojson, .json or zipped shapefile (.zip).") % {"file": filename}
        )
    reader = shapefile_read if suffix == ".zip" else _read_geojson
    return reader(
        content,
        filename=filename,
        level=level,
        code_field=code_field,
        name_field=name_field,
        repair=repair,
    )
