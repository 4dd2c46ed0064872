"""``manage.py seed_demo_imports [--if-empty] [--per-year 320] [--seed 42]``: the demo
police force's extract, written under var/demo-imports/ and imported (run after the rest of
the demo: ``seed_demo``, ``seed_demo_cases``, ``seed_demo_strategy``)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from awaz.core.exceptions import ApplicationError
from awaz.imports.demo import PER_YEAR
from awaz.imports.demo_seed import demo_imports_present, demo_imports_seed
from awaz.imports.mapping import problem_message
from awaz.partners.models import Organisation


class Command(BaseCommand):
    help = (
        "Write the fictional demo police extract (CSV and XLSX under var/demo-imports/) and "
        "import the CSV as the demo force's administrator. Run after seed_demo."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if the demo already has an import source, or there is no demo.",
        )
        parser.add_argument(
            "--per-year", type=int, default=PER_YEAR, help="Records a year (default 320)."
        )
        parser.add_argument(
            "--seed", type=int, default=42, help="Random seed: the same seed, the same extract."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        quiet_skip = options["if_empty"]
        if demo_imports_present():
            if quiet_skip:
                self.stdout.write("The demo already has an import source: extract not loaded.")
                return
            raise CommandError("The demo already has an import source (use --if-empty).")
        if quiet_skip and not Organisation.objects.filter(is_demo=True).exists():
            self.stdout.write("No demo data: the demo police extract was not loaded.")
            return
        if not 1 <= options["per_year"] <= 100_000:
            raise CommandError("--per-year must be between 1 and 100000.")
        try:
            summary = demo_imports_seed(seed=options["seed"], per_year=options["per_year"])
        except ApplicationError as error:
            raise CommandError(str(error.message)) from error
        run = summary.run
        if run.status != "done":
            reasons = [
                f"row {e.row_number}: {problem_message(e.code, e.params, field_key=e.field)}"
                for e in run.errors.all()[:5]
            ]
            raise CommandError(f"The demo extract was not imported ({run.failure}): {reasons}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo police extract imported in {summary.seconds:.1f} s: {run.rows_saved} "
                f"records ({summary.also_reported} also reported through Awaz), from "
                f"{summary.csv_path} (the same records as XLSX: {summary.xlsx_path})."
            )
        )
