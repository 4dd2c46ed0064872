"""What every boundary reader shares: the features it returns, which properties hold the code
and name, and how each geometry is checked and reprojected to WGS84 GeoJSON."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import shapely
from django.utils.translation import gettext as _
from pyproj import CRS, Transformer
from shapely.errors import GEOSException
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry
from shapely.validation import explain_validity

from awaz.geo.importers.errors import ImportFileError

MAX_CODE_LENGTH = 20  # Area.code
MAX_NAME_LENGTH = 200  # Area.name

WGS84 = CRS.from_user_input("OGC:CRS84")
# ONS field names: a prefix, a two-digit year, CD for the code and NM for the name
# (WD13CD/WD13NM, LAD23CD/LAD23NM, CTYUA21CD ...). Welsh names end NMW and old codes CDO.
_ONS_CODE = re.compile(r"^(?P<prefix>[A-Z]+)(?P<year>\d{2})CD$", re.IGNORECASE)
# Which ONS prefixes belong to which level, best first.
_LEVEL_PREFIXES = {
    "ward": ("WD",),
    "local_authority": ("LAD", "LTLA", "CMLAD", "UTLA", "CTYUA"),
    "county": ("CTY", "CTYUA", "UTLA"),
    "neighbourhood": ("MSOA", "LSOA"),
}
_GENERIC_CODE_FIELDS = ("code", "area_code", "gss_code", "geography_code", "areacode")
_GENERIC_NAME_FIELDS = ("name", "area_name", "geography_name", "areaname")


@dataclass(frozen=True)
class BoundaryFeature:
    """One feature of a boundary file. ``number`` counts from 1 in file order."""

    number: int
    code: str
    name: str
    geometry: dict[str, Any] | None  # GeoJSON Polygon or MultiPolygon, WGS84; None if unusable
    problem: str = ""  # why it cannot be imported; "" when it can
    repaired: bool = False  # mended with make_valid

    @property
    def label(self) -> str:
        """``Feature 3 (E05003114)``, naming the feature in messages."""
        if self.code:
            return _("Feature %(number)s (%(code)s)") % {"number": self.number, "code": self.code}
        return _("Feature %(number)s") % {"number": self.number}


@dataclass(frozen=True)
class BoundaryFile:
    filename: str
    source_crs: str  # e.g. "OGC:CRS84", "EPSG:27700"
    code_field: str
    name_field: str
    features: list[BoundaryFeature] = field(default_factory=list)

    @property
    def errors(self) -> list[str]:
        return [f"{f.label}: {f.problem}" for f in self.features if f.problem]


def _field_lookup(names: Iterable[str], wanted: str) -> str | None:
    lowered = {n.lower(): n for n in names}
    return lowered.get(wanted.lower())


def fields_detect(
    property_names: Iterable[str],
    *,
    level: str,
    filename: str,
    code_field: str = "",
    name_field: str = "",
) -> tuple[str, str]:
    """Which properties hold the area code and name.

    Given fields are checked to exist. Otherwise an ONS pair (``WD13CD``/``WD13NM``) is
    preferred, the one matching ``level`` when there are several (a ward file often has the
    ward's and its district's), then plain ``code``/``name``. Names match case-insensitively.
    """
    names = sorted(set(property_names))
    found = ", ".join(names) or _("none")
    if code_field:
        actual = _field_lookup(names, code_field)
        if actual is None:
            raise ImportFileError(
                _("%(file)s has no property %(field)s (it has: %(found)s).")
                % {"file": filename, "field": code_field, "found": found}
            )
        code_field = actual
    else:
        pairs: dict[str, str] = {}  # code field -> prefix
        for name in names:
            match = _ONS_CODE.match(name)
            if match:
                pairs[name] = match["prefix"].upper()
        preferred = [
            c for p in _LEVEL_PREFIXES.get(level, ()) for c, cp in pairs.items() if cp == p
        ]
        generic = [g for g in (_field_lookup(names, n) for n in _GENERIC_CODE_FIELDS) if g]
        if preferred:
            code_field = preferred[0]
        elif len(pairs) == 1:
            code_field = next(iter(pairs))
        elif not pairs and generic:
            code_field = generic[0]
        else:
            raise ImportFileError(
                _(
                    "Could not tell which property of %(file)s holds the area code (it has: "
                    "%(found)s). Say which with the code field option."
                )
                % {"file": filename, "found": found}
            )
    if name_field:
        actual = _field_lookup(names, name_field)
        if actual is None:
            raise ImportFileError(
                _("%(file)s has no property %(field)s (it has: %(found)s).")
                % {"file": filename, "field": name_field, "found": found}
            )
        return code_field, actual
    candidates = []
    match = _ONS_CODE.match(code_field)
    if match:
        suffix = "NM" if code_field.isupper() else "nm"
        candidates.append(code_field[: match.end("year")] + suffix)
    candidates.extend(_GENERIC_NAME_FIELDS)
    for candidate in candidates:
        actual = _field_lookup(names, candidate)
        if actual is not None:
            return code_field, actual
    raise ImportFileError(
        _(
            "Could not tell which property of %(file)s holds the area name (it has: "
            "%(found)s). Say which with the name field option."
        )
        % {"file": filename, "found": found}
    )


def crs_label(crs: CRS) -> str:
    """``EPSG:27700``, ``OGC:CRS84``, or the CRS's name when it has no authority code."""
    authority = crs.to_authority()
    return f"{authority[0]}:{authority[1]}" if authority else crs.name


def _is_wgs84_lonlat(crs: CRS) -> bool:
    return crs.equals(WGS84) or crs.to_epsg() == 4326


def transformer_to_wgs84(crs: CRS) -> Transformer | None:
    """A (longitude, latitude) transformer from ``crs``; None when it already is WGS84."""
    if _is_wgs84_lonlat(crs):
        return None
    return Transformer.from_crs(crs, "EPSG:4326", always_xy=True)


def _polygonal(geom: BaseGeometry) -> BaseGeometry:
    if geom.geom_type in {"Polygon", "MultiPolygon"}:
        return geom
    parts = [
        g
        for g in getattr(geom, "geoms", [])
        if g.geom_type in {"Polygon", "MultiPolygon"} and not g.is_empty
    ]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def _prepare(
    raw: Any, transformer: Transformer | None, *, repair: bool
) -> tuple[dict[str, Any] | None, str, bool]:
    """(GeoJSON in WGS84, problem, repaired) for one feature's geometry."""
    if not raw:
        return None, _("it has no geometry"), False
    try:
        geom = shapely.force_2d(shape(raw))
    except (ValueError, TypeError, AttributeError, KeyError, GEOSException) as exc:
        return None, _("its geometry cannot be read (%(reason)s)") % {"reason": exc}, False
    if geom.geom_type not in {"Polygon", "MultiPolygon"}:
        return (
            None,
            _("it is a %(type)s, not a Polygon or MultiPolygon") % {"type": geom.geom_type},
            False,
        )
    if geom.is_empty:
        return None, _("its geometry is empty"), False
    if transformer is not None:
        geom = shapely.transform(
            geom, lambda xs, ys: transformer.transform(xs, ys), interleaved=False
        )
    west, south, east, north = geom.bounds
    if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
        return (
            None,
            _(
                "its coordinates are not longitude and latitude (does the file name its "
                "projection?)"
            ),
            False,
        )
    repaired = False
    if not geom.is_valid:
        if not repair:
            return (
                None,
                _("invalid boundary: %(reason)s") % {"reason": explain_validity(geom)},
                False,
            )
        geom = _polygonal(shapely.make_valid(geom))
        if geom.is_empty or not geom.is_valid:
            return None, _("invalid boundary that could not be repaired"), False
        repaired = True
    return json.loads(shapely.to_geojson(geom)), "", repaired


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def features_build(
    items: Iterable[tuple[dict[str, Any], Any]],
    *,
    code_field: str,
    name_field: str,
    transformer: Transformer | None,
    repair: bool,
) -> list[BoundaryFeature]:
    """One ``BoundaryFeature`` per (properties, GeoJSON-like geometry), in file order."""
    result = []
    seen: set[str] = set()
    for number, (properties, raw_geometry) in enumerate(items, start=1):
        code = _text(properties.get(code_field))
        name = _text(properties.get(name_field))
        geometry, problem, repaired = _prepare(raw_geometry, transformer, repair=repair)
        if not code:
            problem = _("it has no %(field)s") % {"field": code_field}
        elif len(code) > MAX_CODE_LENGTH:
            problem = _("the code is longer than %(n)s characters") % {"n": MAX_CODE_LENGTH}
        elif code in seen:
            problem = _("the code appears more than once in the file")
        elif not name:
            problem = _("it has no %(field)s") % {"field": name_field}
        elif len(name) > MAX_NAME_LENGTH:
            problem = _("the name is longer than %(n)s characters") % {"n": MAX_NAME_LENGTH}
        seen.add(code)
        result.append(
            BoundaryFeature(
                number=number,
                code=code,
                name=name,
                geometry=geometry if not problem else None,
                problem=problem,
                repaired=repaired,
            )
        )
    return result


def boundary_file_build(
    items: list[tuple[dict[str, Any], Any]],
    *,
    filename: str,
    crs: CRS,
    level: str,
    code_field: str,
    name_field: str,
    repair: bool,
) -> BoundaryFile:
    """A ``BoundaryFile`` from a file's (properties, geometry) pairs, whatever the format:
    the code and name fields detected (or checked), every feature reprojected and checked."""
    if not items:
        raise ImportFileError(_("%(file)s has no features.") % {"file": filename})
    code_field, name_field = fields_detect(
        {key for properties, _geometry in items for key in properties},
        level=level,
        filename=filename,
        code_field=code_field,
        name_field=name_field,
    )
    return BoundaryFile(
        filename=filename,
        source_crs=crs_label(crs),
        code_field=code_field,
        name_field=name_field,
        features=features_build(
            items,
            code_field=code_field,
            name_field=name_field,
            transformer=transformer_to_wgs84(crs),
            repair=repair,
        ),
    )
