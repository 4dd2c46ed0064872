"""Reading boundary, postcode and population files: pure parsing, no database.

Each reader checks and converts what it reads (projections to WGS84 longitude, latitude;
postcodes to their normalised form) and says what is wrong with a file or a row, so the
services in ``awaz.geo.services`` only decide what to store.
"""

from awaz.geo.importers.boundaries import (
    BOUNDARY_SUFFIXES,
    BoundaryFeature,
    BoundaryFile,
    boundary_file_read,
    fields_detect,
)
from awaz.geo.importers.errors import ImportFileError
from awaz.geo.importers.population import PopulationRow, PopulationTable, population_table_read
from awaz.geo.importers.postcodes import (
    CodePointReader,
    OnspdReader,
    PostcodeRow,
    PostcodeSource,
    ReadStats,
    bng_to_wgs84,
)

__all__ = [
    "BOUNDARY_SUFFIXES",
    "BoundaryFeature",
    "BoundaryFile",
    "CodePointReader",
    "ImportFileError",
    "OnspdReader",
    "PopulationRow",
    "PopulationTable",
    "PostcodeRow",
    "PostcodeSource",
    "ReadStats",
    "bng_to_wgs84",
    "boundary_file_read",
    "fields_detect",
    "population_table_read",
]
