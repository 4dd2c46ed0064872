"""The demo strategy and action plan, through the strategy services.

``manage.py seed_demo_strategy`` (after ``manage.py seed_demo``) calls
``demo_strategy_seed``."""

from awaz.strategy.demo.seed import (
    DemoPartnersMissing,
    DemoStrategySummary,
    demo_strategy_present,
    demo_strategy_seed,
)

__all__ = [
    "DemoPartnersMissing",
    "DemoStrategySummary",
    "demo_strategy_present",
    "demo_strategy_seed",
]
