"""Changing areas and the postcode lookup (all writes). Public names are re-exported here,
so callers import ``from awaz.geo.services import area_create`` whatever module holds them."""

from awaz.geo.services.areas import area_boundary_update, area_create, area_populations_set
from awaz.geo.services.boundaries import (
    PARENT_LEVEL,
    PLACE_REPORTS_HINT,
    BoundaryImportResult,
    BoundaryRow,
    boundaries_import,
    parent_options_check,
)
from awaz.geo.services.population import PopulationImportResult, population_import
from awaz.geo.services.postcodes import (
    PostcodeImportResult,
    postcode_units_create,
    postcodes_import,
)

__all__ = [
    "PARENT_LEVEL",
    "PLACE_REPORTS_HINT",
    "BoundaryImportResult",
    "BoundaryRow",
    "PopulationImportResult",
    "PostcodeImportResult",
    "area_boundary_update",
    "area_create",
    "area_populations_set",
    "boundaries_import",
    "parent_options_check",
    "population_import",
    "postcode_units_create",
    "postcodes_import",
]
