"""``manage.py import_population <file> [--year 2021] [--skip-unknown] [--dry-run]``: set
areas' residents from a CSV (area code, population, perhaps a year), all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from awaz.audit.services import Actor
from awaz.core.exceptions import ApplicationError
from awaz.geo.importers import population_table_read
from awaz.geo.services import population_import

MAX_ERRORS_SHOWN = 30


class Command(BaseCommand):
    help = (
        "Import residents per area from a CSV with an area code and a population column "
        "(and optionally a year), so the dashboard shows rates per 1,000."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--year", type=int, default=None, help="Year of rows without one.")
        parser.add_argument(
            "--skip-unknown",
            action="store_true",
            help="Leave out codes that match no area (for national tables).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Check; save nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path} is not a file.")
        if options["year"] is not None and not 1800 <= options["year"] <= 2200:
            raise CommandError("--year must be a year.")
        try:
            with path.open(newline="", encoding="utf-8-sig") as lines:
                table = population_table_read(lines, filename=path.name)
            result = population_import(
                table=table,
                year=options["year"],
                skip_unknown=options["skip_unknown"],
                dry_run=options["dry_run"],
                actor=Actor(),
            )
        except ApplicationError as exc:
            raise CommandError(str(exc.message)) from exc
        self.stdout.write(
            f"{path.name}: code in {table.code_column!r}, population in "
            f"{table.population_column!r}"
            + (f", year in {table.year_column!r}." if table.year_column else ".")
        )
        if result.errors:
            for error in result.errors[:MAX_ERRORS_SHOWN]:
                self.stderr.write(error)
            if len(result.errors) > MAX_ERRORS_SHOWN:
                self.stderr.write(f"... and {len(result.errors) - MAX_ERRORS_SHOWN} more.")
            raise CommandError(f"Nothing saved: {len(result.errors)} problems.")
        if result.unknown:
            self.stdout.write(f"Left out {len(result.unknown)} codes that match no area.")
        if result.dry_run:
            self.stdout.write(f"Dry run: would set {result.updated} areas. Nothing saved.")
            return
        self.stdout.write(self.style.SUCCESS(f"Population set for {result.updated} areas."))
