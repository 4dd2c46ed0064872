"""Reading the register of third-party reporting centres (strand 2), split by subject
(import from here):

- ``flags``: why a centre needs action or attention (a pure function) and what "verified
  within ``settings.CENTRE_VERIFY_MONTHS`` months" means;
- ``register``: reports received per quarter (one grouped query), the register with its
  filters, the chair's panel and a centre's page;
- ``public``: the centres on the public "Where to report" page, by area, and its map.
"""

# Re-exports only.
# ruff: noqa: F401

from awaz.strategy.selectors_centres.flags import (
    QUIET_QUARTERS,
    CentreFlag,
    FlagCode,
    FlagLevel,
    centre_flags,
    is_verified,
    quiet_quarters,
    verified_cutoff,
    verify_months,
)
from awaz.strategy.selectors_centres.public import (
    AreaCentres,
    centres_by_area,
    centres_map_outlines,
    centres_map_points,
    centres_public,
    languages_list,
)
from awaz.strategy.selectors_centres.register import (
    PAGE_QUARTERS,
    REGISTER_QUARTERS,
    CentreFilters,
    CentrePanel,
    CentreRegister,
    CentreRow,
    QuarterCount,
    centre_page,
    centre_panel,
    centre_register,
    centres_flagged,
    last_quarters,
    reports_received,
)
