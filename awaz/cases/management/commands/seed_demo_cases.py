"""``manage.py seed_demo_cases [--if-empty] [--seed 42]``: the demo partnership's case work
on the demo reports (run after ``manage.py seed_demo``)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from awaz.cases.demo import demo_cases_present, demo_cases_seed
from awaz.reporting.models import Report


class Command(BaseCommand):
    help = (
        "Triage the fictional demo reports into cases and work them (consent, referrals, "
        "messages, tasks, risk, case reviews, outcomes). Run after seed_demo."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if there is case work already, or no demo reports (for `make run`).",
        )
        parser.add_argument(
            "--seed", type=int, default=42, help="Random seed: the same seed, the same cases."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        quiet_skip = options["if_empty"]
        if demo_cases_present():
            if quiet_skip:
                self.stdout.write("The database already has case work: demo cases not loaded.")
                return
            raise CommandError(
                "The database already has case work. seed_demo_cases runs once, after "
                "seed_demo (use --if-empty to skip quietly)."
            )
        if not Report.objects.filter(receiving_organisation__is_demo=True).exists():
            if quiet_skip:
                self.stdout.write("No demo reports: demo cases not loaded.")
                return
            raise CommandError("No demo reports: run `manage.py seed_demo` first.")
        verbose = options["verbosity"] >= 1
        summary = demo_cases_seed(
            seed=options["seed"], progress=self.stdout.write if verbose else None
        )
        if not verbose:
            return
        c = summary.counts
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo case work loaded in {summary.seconds:.1f} s: {c['cases']} cases "
                f"({c['closed']} closed), {c['linked']} reports linked to a repeat victim's "
                f"case, {summary.closed_at_triage} closed at triage, {summary.untriaged} "
                f"reports waiting in inboxes; {summary.police_reports} crimes reported to "
                "the police."
            )
        )
        self.stdout.write(
            f"Referrals: {c['referrals']} ({c['referrals_accepted']} accepted, "
            f"{c['referrals_declined']} declined, {c['referrals_pending']} waiting, "
            f"{c['referrals_anonymised']} anonymised); consent taken by phone: "
            f"{c['consents_recorded']}; messages: {c['messages']}; contacts: {c['contacts']}; "
            f"notes: {c['notes'] + c['notes_shared']} ({c['notes_shared']} shared)."
        )
        self.stdout.write(
            f"Tasks: {c['tasks']} ({c['tasks_done']} done, {c['tasks_overdue']} overdue); "
            f"risk assessments: {c['risk_standard']} standard, {c['risk_medium']} medium, "
            f"{c['risk_high']} high; key decisions: {c['decisions']}; ASB case reviews: "
            f"{summary.case_reviews}; satisfaction answers: {c['satisfaction_answers']}."
        )
