"""``manage.py demo_logins``: print the demo staff sign-ins (used by `make run`)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.urls import reverse

from awaz.reporting.demo import demo_logins_rows, demo_password_read, password_file


class Command(BaseCommand):
    help = "Print the fictional demo staff: e-mail, role, organisation and the shared password."

    def handle(self, *args: Any, **options: Any) -> None:
        rows = demo_logins_rows()
        if not rows:
            self.stdout.write("No demo staff in this database: run `manage.py seed_demo`.")
            return
        password = demo_password_read()
        headers = ("E-mail", "Role", "Organisation")
        widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
        line = "  ".join("{:<%d}" % w for w in widths)  # noqa: UP031
        self.stdout.write(f"Demo sign-in (fictional staff) at {reverse('account_login')}")
        self.stdout.write(line.format(*headers).rstrip())
        self.stdout.write(line.format(*("-" * w for w in widths)).rstrip())
        for row in rows:
            self.stdout.write(line.format(*row).rstrip())
        if password:
            self.stdout.write(f"Password for every demo user: {password}")
        else:
            self.stdout.write(
                f"The demo password file {password_file()} is missing: it was made when the "
                "demo data was loaded. Reset the database and run `manage.py seed_demo`."
            )
        self.stdout.write("Demo users may skip two-factor authentication here (not in production).")
