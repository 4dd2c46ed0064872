"""``manage.py seed_demo_strategy [--if-empty] [--seed 42]``: the demo strategy and action
plan (run after ``manage.py seed_demo``, which makes the demo partners)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from awaz.strategy.demo import DemoPartnersMissing, demo_strategy_present, demo_strategy_seed
from awaz.strategy.demo.centres import demo_centres_seed
from awaz.strategy.demo.measures import demo_measures_seed
from awaz.strategy.demo.meetings import demo_meetings_seed
from awaz.strategy.demo.reports import demo_quarterly_reports_seed


class Command(BaseCommand):
    help = (
        "Load the fictional demo strategy: four strands, three objectives, about 30 actions "
        "with milestones, a year of RAG statuses and progress updates, delivery projects, and "
        "the quarterly reports on the quarters that have ended. "
        "Run after seed_demo."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if there is a strategy already, or no demo partners (for `make run`).",
        )
        parser.add_argument(
            "--seed", type=int, default=42, help="Random seed: the same seed, the same plan."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        quiet_skip = options["if_empty"]
        if demo_strategy_present():
            if quiet_skip:
                self.stdout.write("The database already has a strategy: demo plan not loaded.")
                # A demo loaded before its quarterly reports were: the ended quarters' ones.
                made = demo_quarterly_reports_seed()
                if made:
                    self.stdout.write(f"Demo quarterly reports made: {len(made)}.")
                return
            raise CommandError(
                "The database already has a strategy. seed_demo_strategy runs once, after "
                "seed_demo (use --if-empty to skip quietly)."
            )
        verbose = options["verbosity"] >= 1
        try:
            summary = demo_strategy_seed(
                seed=options["seed"], progress=self.stdout.write if verbose else None
            )
        except DemoPartnersMissing as exc:
            if quiet_skip:
                self.stdout.write("No demo partners: demo plan not loaded.")
                return
            raise CommandError("No demo partners: run `manage.py seed_demo` first.") from exc
        demo_centres_seed(progress=self.stdout.write if verbose else None)
        demo_measures_seed(seed=options["seed"], progress=self.stdout.write if verbose else None)
        demo_meetings_seed(progress=self.stdout.write if verbose else None)
        reports = demo_quarterly_reports_seed(progress=self.stdout.write if verbose else None)
        if verbose:
            c = summary.counts
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo plan loaded in {summary.seconds:.1f} s: {c['actions']} actions, "
                    f"{c['milestones']} milestones ({c['milestones_reached']} reached), "
                    f"{c['rag_changes']} RAG statuses, {c['updates']} progress updates with "
                    f"{c['links']} links and {c['files']} files, {c['projects']} projects, "
                    f"{len(reports)} quarterly reports."
                )
            )
