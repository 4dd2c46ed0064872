"""``manage.py import_postcodes <file> [<file> ...] --format onspd|codepoint
[--area-code X] [--dry-run]``: load postcode centroids, streaming, in batches."""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from awaz.audit.services import Actor
from awaz.core.exceptions import ApplicationError
from awaz.geo.importers import CodePointReader, OnspdReader, PostcodeSource
from awaz.geo.selectors import area_by_code
from awaz.geo.services import postcodes_import
from awaz.geo.services.postcodes import BATCH_SIZE

READERS: dict[str, type[OnspdReader] | type[CodePointReader]] = {
    "onspd": OnspdReader,
    "codepoint": CodePointReader,
}


class Command(BaseCommand):
    help = (
        "Import postcode centroids from the ONS Postcode Directory CSV (pcds, lat, long; "
        "terminated postcodes skipped) or OS Code-Point Open CSVs (British National Grid, "
        "converted to WGS84). Known postcodes get the new centroid."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path, help="CSV file(s)")
        parser.add_argument("--format", required=True, choices=sorted(READERS))
        parser.add_argument(
            "--area-code",
            default="",
            help="Keep only postcodes inside this area's boundary (e.g. the county).",
        )
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)
        parser.add_argument("--dry-run", action="store_true", help="Read and count; save nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        paths: list[Path] = options["files"]
        for path in paths:
            if not path.is_file():
                raise CommandError(f"{path} is not a file.")
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1.")
        within = None
        if options["area_code"]:
            within = area_by_code(options["area_code"])
            if within is None:
                raise CommandError(f"No area has the code {options['area_code']}.")
        reader_class = READERS[options["format"]]
        with ExitStack() as stack:
            sources: list[PostcodeSource] = [
                reader_class(
                    stack.enter_context(path.open(newline="", encoding="utf-8-sig")),
                    name=path.name,
                )
                for path in paths
            ]
            try:
                result = postcodes_import(
                    sources=sources,
                    within=within,
                    dry_run=options["dry_run"],
                    batch_size=options["batch_size"],
                    actor=Actor(),
                )
            except ApplicationError as exc:
                raise CommandError(str(exc.message)) from exc
        self.stdout.write(
            f"Read {result.rows} rows: {result.terminated} terminated and "
            f"{result.no_location} without a location skipped, {result.errors} with errors."
        )
        for sample in result.error_samples:
            self.stderr.write(sample)
        if within is not None:
            self.stdout.write(f"{result.outside} outside {within.code} left out.")
        verb = "Would add" if result.dry_run else "Added"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {result.created} postcodes and moved {result.updated} known ones."
                + (" Nothing saved." if result.dry_run else "")
            )
        )
