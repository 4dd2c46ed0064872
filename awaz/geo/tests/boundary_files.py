"""Small, plainly fictional boundary files for the import tests (codes start with T-)."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import shapefile
from pyproj import CRS


def box(west: float, south: float, east: float, north: float) -> dict[str, Any]:
    return {
        "type": "Polygon",
        "coordinates": [
            [[west, south], [east, south], [east, north], [west, north], [west, south]]
        ],
    }


# A "bow tie": the ring crosses itself at (0.5, 0.5).
BOWTIE = {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}


def feature(properties: dict[str, Any], geometry: dict[str, Any] | None) -> dict[str, Any]:
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def collection(features: list[dict[str, Any]], *, crs: str | None = None) -> bytes:
    document: dict[str, Any] = {"type": "FeatureCollection", "features": features}
    if crs is not None:
        document["crs"] = {"type": "name", "properties": {"name": crs}}
    return json.dumps(document).encode()


def wards(*rows: tuple[str, str, dict[str, Any] | None]) -> bytes:
    """A CRS84 FeatureCollection of wards with ONS-style WD23CD/WD23NM properties."""
    return collection(
        [feature({"WD23CD": code, "WD23NM": name}, geom) for code, name, geom in rows],
        crs="urn:ogc:def:crs:OGC:1.3:CRS84",
    )


def shapefile_zip(
    path: Path,
    rows: list[tuple[str, str, list[list[tuple[float, float]]]]],
    *,
    prj: str | None = CRS.from_epsg(27700).to_wkt("WKT1_ESRI"),
    fields: tuple[str, str] = ("LAD23CD", "LAD23NM"),
) -> Path:
    """Write a polygon shapefile with pyshp (in memory) and zip it with its .prj.

    ``rows`` are (code, name, rings); ``prj=None`` leaves the .prj out."""
    shp, shx, dbf = io.BytesIO(), io.BytesIO(), io.BytesIO()
    writer = shapefile.Writer(shp=shp, shx=shx, dbf=dbf, shapeType=shapefile.POLYGON)
    writer.field(fields[0], "C", size=20)
    writer.field(fields[1], "C", size=80)
    for code, name, rings in rows:
        writer.poly(rings)
        writer.record(code, name)
    writer.close()
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("fictional/areas.shp", shp.getvalue())
        archive.writestr("fictional/areas.shx", shx.getvalue())
        archive.writestr("fictional/areas.dbf", dbf.getvalue())
        if prj is not None:
            archive.writestr("fictional/areas.prj", prj)
    return path


def bng_square(easting: float, northing: float, size: float = 1000) -> list[tuple[float, float]]:
    """A clockwise ring (the shapefile convention for an outer ring) in metres."""
    return [
        (easting, northing),
        (easting, northing + size),
        (easting + size, northing + size),
        (easting + size, northing),
        (easting, northing),
    ]
