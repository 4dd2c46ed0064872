"""``manage.py import_boundaries <file> --level ward [--parent-code X |
--parent-by-containment] [--code-field F --name-field F] [--repair] [--dry-run]``: import
area boundaries from GeoJSON or a zipped shapefile, all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from awaz.audit.services import Actor
from awaz.core.exceptions import ApplicationError
from awaz.geo.importers import boundary_file_read
from awaz.geo.models import AreaLevel
from awaz.geo.services import PLACE_REPORTS_HINT, boundaries_import

MAX_ERRORS_SHOWN = 30


class Command(BaseCommand):
    help = (
        "Import area boundaries from a GeoJSON FeatureCollection or a zipped shapefile "
        "(reprojected to WGS84). Known codes get the new boundary and name; nothing is saved "
        "if any feature has a problem."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help=".geojson, .json or .zip (shapefile)")
        parser.add_argument(
            "--level", required=True, choices=AreaLevel.values, help="Level of the areas."
        )
        parent = parser.add_mutually_exclusive_group()
        parent.add_argument("--parent-code", default="", help="Code of the containing area.")
        parent.add_argument(
            "--parent-by-containment",
            action="store_true",
            help="Find each area's parent: the area one level up containing it.",
        )
        parser.add_argument("--code-field", default="", help="Property holding the code.")
        parser.add_argument("--name-field", default="", help="Property holding the name.")
        parser.add_argument(
            "--repair",
            action="store_true",
            help="Mend invalid boundaries with shapely's make_valid instead of refusing them.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report; save nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path} is not a file.")
        try:
            boundary_file = boundary_file_read(
                path.read_bytes(),
                filename=path.name,
                level=options["level"],
                code_field=options["code_field"],
                name_field=options["name_field"],
                repair=options["repair"],
            )
            result = boundaries_import(
                boundary_file=boundary_file,
                level=AreaLevel(options["level"]),
                parent_code=options["parent_code"],
                parent_by_containment=options["parent_by_containment"],
                dry_run=options["dry_run"],
                actor=Actor(),
            )
        except ApplicationError as exc:
            raise CommandError(str(exc.message)) from exc
        self.stdout.write(
            f"{result.filename}: {len(result.rows)} features, projection {result.source_crs}, "
            f"code in {result.code_field}, name in {result.name_field}."
        )
        repaired = [row for row in result.rows if row.repaired]
        for row in repaired:
            self.stdout.write(f"Repaired: feature {row.number} ({row.code}).")
        level = AreaLevel(result.level).label.lower()
        if result.errors:
            for error in result.errors[:MAX_ERRORS_SHOWN]:
                self.stderr.write(error)
            if len(result.errors) > MAX_ERRORS_SHOWN:
                self.stderr.write(f"... and {len(result.errors) - MAX_ERRORS_SHOWN} more.")
            raise CommandError(
                f"Nothing saved: {len(result.errors)} of {len(result.rows)} features have "
                "problems (--repair mends invalid boundaries)."
            )
        if result.dry_run:
            self.stdout.write(
                f"Dry run: would create {result.created} and update {result.updated} "
                f"({level}). Nothing saved."
            )
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {result.created} and updated {result.updated} areas ({level})."
            )
        )
        self.stdout.write(str(PLACE_REPORTS_HINT))
