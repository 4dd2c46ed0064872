"""``manage.py seed_demo [--if-empty] [--years 3] [--reports N] [--seed 42]``: load the
plainly fictional Cumbria demonstration (geography, partnership, staff, reports)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from awaz.reporting.demo import demo_database_is_empty, demo_seed, password_file


class Command(BaseCommand):
    help = (
        "Load the fictional Cumbria demo data: areas, organisations, staff, local strands and "
        "two to three years of reports. Needs an empty database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if the database already has organisations (for `make run`).",
        )
        parser.add_argument(
            "--years", type=int, default=3, help="Years of reports, ending today (default 3)."
        )
        parser.add_argument(
            "--reports",
            type=int,
            default=None,
            help="How many reports in all (default about 330 a year).",
        )
        parser.add_argument(
            "--seed", type=int, default=42, help="Random seed: the same seed, the same data."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not demo_database_is_empty():
            if options["if_empty"]:
                self.stdout.write("The database already has data: demo data not loaded.")
                return
            raise CommandError(
                "The database already has organisations. seed_demo loads the demo into an "
                "empty database only (use --if-empty to skip quietly)."
            )
        if options["years"] < 1 or options["years"] > 10:
            raise CommandError("--years must be between 1 and 10.")
        if options["reports"] is not None and options["reports"] < 0:
            raise CommandError("--reports must not be negative.")
        verbose = options["verbosity"] >= 1
        summary = demo_seed(
            years=options["years"],
            reports=options["reports"],
            seed=options["seed"],
            progress=self.stdout.write if verbose else None,
        )
        if not verbose:
            return
        channels = ", ".join(f"{n} {name}" for name, n in sorted(summary.by_channel.items()))
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data loaded in {summary.seconds:.1f} s: {summary.areas} areas, "
                f"{summary.organisations} organisations, {summary.staff} staff, "
                f"{summary.reports} reports ({channels})."
            )
        )
        self.stdout.write(
            f"Repeat victims: {summary.repeat_victims}; repeat places: {summary.repeat_places}."
        )
        for event in summary.events:
            self.stdout.write(f"Trigger event: {event.label}, {event.day.day} {event.day:%B %Y}.")
        self.stdout.write(f"Demo password written to {password_file()} (manage.py demo_logins).")
