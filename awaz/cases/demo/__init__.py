"""The demo partnership at work: case work on the demo reports, through the cases services.

``manage.py seed_demo_cases`` (after ``manage.py seed_demo``) calls ``demo_cases_seed``.
The reports seed lives in ``awaz.reporting.demo``; case work needs this app, which sits
above reporting, so it lives here.
"""

from awaz.cases.demo.seed import DemoCasesSummary, demo_cases_present, demo_cases_seed

__all__ = ["DemoCasesSummary", "demo_cases_present", "demo_cases_seed"]
