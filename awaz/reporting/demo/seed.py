"""Loading the whole demonstration: geography, partnership, local strands and reports.

Reports go through ``report_submit``, the same service as the public journey and assisted
recording, so they are encrypted, placed, routed, consented and audited like real ones. It
commits each report on its own (it is a durable entry service), so a failure part-way
leaves the reports made so far; the command refuses to run again on a non-empty database.
"""

from __future__ import annotations

import datetime
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone

from awaz.audit.services import PUBLIC, Actor
from awaz.geo.demo import demo_geography_create
from awaz.partners.models import Organisation
from awaz.reporting.demo.generator import TriggerEvent, demo_reports_generate
from awaz.reporting.demo.history import StatusHistory, demo_status_history_apply
from awaz.reporting.demo.partners import (
    CENTRES,
    demo_partners_create,
    demo_password_new,
    demo_strands_create,
)
from awaz.reporting.models import Channel, ConsentMethod, Report
from awaz.reporting.services.submission import report_submit

REPORTS_PER_YEAR = 330


@dataclass
class DemoSummary:
    organisations: int = 0
    staff: int = 0
    areas: int = 0
    reports: int = 0
    by_channel: Counter[str] = field(default_factory=Counter)
    events: list[TriggerEvent] = field(default_factory=list)
    repeat_victims: int = 0
    repeat_places: int = 0
    seconds: float = 0.0


def demo_database_is_empty() -> bool:
    """``--if-empty`` treats a database with any organisation as already set up."""
    return not Organisation.objects.exists()


def demo_seed(
    *,
    years: int = 3,
    reports: int | None = None,
    seed: int = 42,
    now: datetime.datetime | None = None,
    progress: Callable[[str], None] | None = None,
) -> DemoSummary:
    """Create the demo dataset: ``reports`` reports (default about 330 a year) over the
    ``years`` up to ``now``. The same seed gives the same data on the same day."""
    started = time.monotonic()
    now = now or timezone.now()
    say = progress or (lambda _message: None)
    rng = random.Random(seed)
    count = REPORTS_PER_YEAR * years if reports is None else reports
    summary = DemoSummary()

    say("Geography: the county, two authorities and 15 town areas")
    summary.areas = len(demo_geography_create())
    say("Partnership: organisations, reporting centres, staff and hubs")
    partners = demo_partners_create(password=demo_password_new())
    demo_strands_create()
    summary.organisations = len(partners.organisations)
    summary.staff = len(partners.staff)

    start = (now - datetime.timedelta(days=round(365.25 * years))).date()
    plan = demo_reports_generate(
        rng=rng,
        count=count,
        start=start,
        now=now,
        centre_towns=[slug for slug, _name in CENTRES],
        key_prefix=f"awaz-demo:{seed}",
    )
    summary.events = plan.events
    summary.repeat_victims = plan.repeat_victims
    summary.repeat_places = plan.repeat_places

    say(f"Reports: {len(plan.reports)} from {start.day} {start:%B %Y} to today")
    hub_staff = partners.staff["caseworker"]
    histories: list[StatusHistory] = []
    for i, item in enumerate(plan.reports, start=1):
        if item.centre:
            centre = partners.centres[item.centre]
            user = partners.centre_staff[item.centre]
            actor = Actor(user=user, organisation=centre)
            method = (
                ConsentMethod.PHONE if item.channel == Channel.PHONE else ConsentMethod.IN_PERSON
            )
        else:
            centre, user, actor, method = None, hub_staff, PUBLIC, ConsentMethod.ONLINE
        report, _code = report_submit(
            answers=item.answers,
            submission_key=item.key,
            channel=item.channel,
            actor=actor,
            consent_method=method,
            recorded_by_organisation=centre,
            receiving_organisation=centre,
            submitted_at=item.submitted_at,
        )
        histories.append(StatusHistory(report=report, changes=item.statuses, by=user))
        summary.by_channel[item.channel] += 1
        if i % 250 == 0:
            say(f"  {i} reports")
    demo_status_history_apply(histories=histories, actor=PUBLIC)
    summary.reports = Report.objects.count()
    summary.seconds = time.monotonic() - started
    return summary
