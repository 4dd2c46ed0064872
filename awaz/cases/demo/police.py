"""Hate crimes the police received directly, for the demo.

Only a police organisation may record a police classification, and a case is led by the
organisation that received its report; the reports seed's reports reach the hub and the
reporting centres. So the demo adds a few crimes reported online to the police (about one
in seventeen reports), through ``report_submit`` like every other report, received by the
demo police force: their cases run the Victims' Code clocks.
"""

from __future__ import annotations

import datetime
import random

from awaz.audit.services import PUBLIC
from awaz.partners.models import Organisation
from awaz.reporting.demo.generator import demo_reports_generate
from awaz.reporting.models import (
    Channel,
    ConsentMethod,
    ConsentPurpose,
    PoliceTold,
    RecipientKind,
    Report,
)
from awaz.reporting.services.submission import report_submit

SHARE_WITH_POLICE = (ConsentPurpose.SHARE.value, RecipientKind.POLICE.value)


def police_reports_create(
    *,
    rng: random.Random,
    count: int,
    start: datetime.date,
    now: datetime.datetime,
    police: Organisation,
    key_prefix: str,
    named_only: bool = False,
) -> list[Report]:
    """``count`` fictional crimes reported online to the police between ``start`` and now
    (``named_only``: only reporters who gave their name and contact details)."""
    if count <= 0:
        return []
    plan = demo_reports_generate(
        rng=rng,
        count=count * 4 if named_only else count,
        start=start,
        now=now,
        centre_towns=[],
        key_prefix=key_prefix,
    )
    items = [i for i in plan.reports if not (named_only and i.answers.is_anonymous)][:count]
    reports = []
    for item in items:
        answers = item.answers
        answers.police_told = PoliceTold.YES.value
        answers.police_reference = f"DEMO-{item.submitted_at:%y}-{rng.randint(1, 99999):05d}"
        if not answers.is_anonymous:
            answers.consents[SHARE_WITH_POLICE] = True
        report, _code = report_submit(
            answers=answers,
            submission_key=item.key,
            channel=Channel.ONLINE,
            actor=PUBLIC,
            consent_method=ConsentMethod.ONLINE,
            receiving_organisation=police,
            submitted_at=item.submitted_at,
        )
        reports.append(report)
    return reports
