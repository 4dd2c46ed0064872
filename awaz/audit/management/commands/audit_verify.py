"""``manage.py audit_verify``: recompute the audit hash chain; exit 1 if it was tampered with."""

import sys
from typing import Any

from django.core.management.base import BaseCommand

from awaz.audit.selectors import audit_chain_verify


class Command(BaseCommand):
    help = "Verify the audit log's hash chain and report any edited or deleted rows."

    def handle(self, *args: Any, **options: Any) -> None:
        report = audit_chain_verify()
        for problem in report.problems:
            self.stderr.write(problem)
        if report.ok:
            self.stdout.write(f"Audit chain intact: {report.checked} events checked.")
        else:
            self.stderr.write(
                f"Audit chain BROKEN: {len(report.problems)} problems in {report.checked} events."
            )
            sys.exit(1)
