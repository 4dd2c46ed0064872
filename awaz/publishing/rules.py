"""The publication rules an administrator can change (DOMAIN: "a threshold such as fewer
than 5 or 10"): Django settings with Awaz's defaults. Each release records the rules it was
made under, so a change applies to later quarters only and never reopens published ones.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# Counts from 1 to SUPPRESS_BELOW - 1 are hidden (UK practice: fewer than 5, or 10).
DEFAULT_SUPPRESS_BELOW = 5
# A quarter is published this many days after it ends, so late reports and the police's
# classification of cases are in by then. Published figures are never revised.
DEFAULT_LAG_DAYS = 60


@dataclass(frozen=True)
class PublicationRules:
    suppress_below: int
    lag_days: int


def current_rules() -> PublicationRules:
    """From ``AWAZ_STATISTICS_SUPPRESS_BELOW`` and ``AWAZ_STATISTICS_LAG_DAYS`` if set."""
    rules = PublicationRules(
        suppress_below=getattr(settings, "AWAZ_STATISTICS_SUPPRESS_BELOW", DEFAULT_SUPPRESS_BELOW),
        lag_days=getattr(settings, "AWAZ_STATISTICS_LAG_DAYS", DEFAULT_LAG_DAYS),
    )
    if rules.suppress_below < 2:
        raise ImproperlyConfigured("AWAZ_STATISTICS_SUPPRESS_BELOW must be at least 2")
    if rules.lag_days < 0:
        raise ImproperlyConfigured("AWAZ_STATISTICS_LAG_DAYS cannot be negative")
    return rules
