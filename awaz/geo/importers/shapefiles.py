"""Reading a zipped shapefile (``.shp`` with its ``.shx``, ``.dbf`` and ``.prj``) in memory
with pyshp; nothing is extracted to disk. The ``.prj`` WKT gives the projection."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import Any

import shapefile
from django.utils.translation import gettext as _
from pyproj import CRS
from pyproj.exceptions import CRSError

from awaz.geo.importers.errors import ImportFileError
from awaz.geo.importers.features import BoundaryFile, boundary_file_build

# A zip may unpack to at most this much (guards against a "zip bomb").
MAX_UNZIPPED_BYTES = 500 * 1024 * 1024


def _zip_members(archive: zipfile.ZipFile, filename: str) -> dict[str, zipfile.ZipInfo]:
    members = {}
    for info in archive.infolist():
        path = PurePosixPath(info.filename)
        if info.is_dir() or "__MACOSX" in path.parts or path.name.startswith("."):
            continue
        members[info.filename] = info
    if sum(info.file_size for info in members.values()) > MAX_UNZIPPED_BYTES:
        raise ImportFileError(_("%(file)s unpacks to too much data.") % {"file": filename})
    return members


def _shapefile_records(reader: shapefile.Reader) -> Iterator[tuple[dict[str, Any], Any]]:
    for record in reader.iterShapeRecords():
        if record.shape.shapeType == shapefile.NULL:
            yield record.record.as_dict(), None
        else:
            yield record.record.as_dict(), record.shape.__geo_interface__


def shapefile_read(
    content: bytes, *, filename: str, level: str, code_field: str, name_field: str, repair: bool
) -> BoundaryFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except zipfile.BadZipFile as exc:
        raise ImportFileError(_("%(file)s is not a zip file.") % {"file": filename}) from exc
    with archive:
        members = _zip_members(archive, filename)
        shps = sorted(m for m in members if m.lower().endswith(".shp"))
        if not shps:
            raise ImportFileError(_("%(file)s holds no .shp file.") % {"file": filename})
        if len(shps) > 1:
            raise ImportFileError(
                _("%(file)s holds several shapefiles (%(names)s): zip one at a time.")
                % {"file": filename, "names": ", ".join(shps)}
            )
        shp_name = shps[0]
        stem = shp_name[: -len(".shp")]
        by_suffix = {
            name[len(stem) :].lower(): name
            for name in members
            if name.lower().startswith(stem.lower() + ".")
        }
        for needed in (".shx", ".dbf"):
            if needed not in by_suffix:
                raise ImportFileError(
                    _("%(file)s: %(shp)s has no %(suffix)s file beside it.")
                    % {"file": filename, "shp": shp_name, "suffix": needed}
                )
        if ".prj" not in by_suffix:
            raise ImportFileError(
                _(
                    "%(file)s: %(shp)s has no .prj file, so its projection is unknown. Add the "
                    ".prj that came with the shapefile."
                )
                % {"file": filename, "shp": shp_name}
            )
        prj_name = by_suffix[".prj"]
        wkt = archive.read(prj_name).decode("utf-8", errors="replace").strip()
        try:
            crs = CRS.from_wkt(wkt)
        except CRSError as exc:
            raise ImportFileError(
                _("%(file)s: unknown projection in %(prj)s.") % {"file": filename, "prj": prj_name}
            ) from exc
        encoding = "utf-8"
        if ".cpg" in by_suffix:
            declared = archive.read(by_suffix[".cpg"]).decode("ascii", errors="ignore").strip()
            encoding = f"cp{declared}" if declared.isdigit() else (declared or "utf-8")
        parts = {s: io.BytesIO(archive.read(by_suffix[s])) for s in (".shx", ".dbf")}
        shp_bytes = archive.read(shp_name)

    def read(codec: str) -> list[tuple[dict[str, Any], Any]]:
        for part in parts.values():
            part.seek(0)
        try:
            reader = shapefile.Reader(
                shp=io.BytesIO(shp_bytes), shx=parts[".shx"], dbf=parts[".dbf"], encoding=codec
            )
        except (shapefile.ShapefileException, LookupError) as exc:
            raise ImportFileError(
                _("%(file)s: %(shp)s cannot be read (%(reason)s).")
                % {"file": filename, "shp": shp_name, "reason": exc}
            ) from exc
        with reader:
            if reader.shapeType not in {
                shapefile.POLYGON,
                shapefile.POLYGONZ,
                shapefile.POLYGONM,
                shapefile.NULL,
            }:
                raise ImportFileError(
                    _("%(file)s: %(shp)s holds %(type)s shapes, not polygons.")
                    % {"file": filename, "shp": shp_name, "type": reader.shapeTypeName}
                )
            return list(_shapefile_records(reader))

    try:
        items = read(encoding)
    except UnicodeDecodeError:
        if ".cpg" in by_suffix:
            raise ImportFileError(
                _("%(file)s: the attributes are not in the encoding its .cpg names.")
                % {"file": filename}
            ) from None
        items = read("latin-1")  # shapefiles without a .cpg are often Windows-1252/Latin-1
    return boundary_file_build(
        items,
        filename=filename,
        crs=crs,
        level=level,
        code_field=code_field,
        name_field=name_field,
        repair=repair,
    )
