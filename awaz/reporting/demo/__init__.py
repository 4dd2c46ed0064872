"""The demonstration dataset: a plainly fictional Cumbria partnership and its reports.

``manage.py seed_demo`` calls ``demo_seed``; ``manage.py demo_logins`` prints
``demo_logins_rows`` and the password kept in var/demo-password.txt.
"""

from awaz.reporting.demo.partners import demo_logins_rows, demo_password_read, password_file
from awaz.reporting.demo.seed import DemoSummary, demo_database_is_empty, demo_seed

__all__ = [
    "DemoSummary",
    "demo_database_is_empty",
    "demo_logins_rows",
    "demo_password_read",
    "demo_seed",
    "password_file",
]
