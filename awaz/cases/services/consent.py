"""Consent as data, on the staff side.

- ``case_consent_record``: a caseworker records consent the reporter gave (or refused) by
  phone or in person. The decision is the reporting app's ``ConsentRecord`` on the case's
  primary report (``reporting.services.consent.consent_record`` writes the rows and the
  audit row); the case's timeline gets a CONSENT entry.
- ``consent_withdrawals_to_action`` and ``consent_withdrawal_tasks_create``: a reporter
  withdraws consent on the follow-up page (the reporting app records the fact and knows
  nothing of cases); the periodic job turns each withdrawal into a task for every
  organisation holding the case (the lead, and each live referral), once.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awaz.cases.access import is_lead, require
from awaz.cases.models import Case, CaseReport, EventKind, Referral, Task, TaskKind
from awaz.cases.services.tasks import task_add
from awaz.cases.services.timeline import case_event_record
from awaz.cases.sharing import LIVE_REFERRAL, case_primary_report, recipient_phrase
from awaz.core.exceptions import ApplicationError, NotFound, PermissionDenied
from awaz.partners.models import Organisation
from awaz.reporting.models import (
    ConsentMethod,
    ConsentPurpose,
    ConsentRecord,
    RecipientKind,
    ReporterRole,
)
from awaz.reporting.services.consent import consent_record
from awaz.reporting.services.triage import staff_actor


class ConsentUnchanged(ApplicationError):
    default_message = gettext_lazy("Nothing changed: these decisions are already in force.")


@transaction.atomic(durable=True)
def case_consent_record(
    *,
    case: Case,
    decisions: dict[tuple[ConsentPurpose, RecipientKind], bool],
    method: ConsentMethod,
    given_by: ReporterRole,
    expires_at: datetime.datetime | None,
    actor: Any,
    at: datetime.datetime | None = None,
) -> list[ConsentRecord]:
    """Record consent decisions the reporter made by phone or in person, on the case's
    primary report. Only the lead organisation records consent (it holds the reporter's
    details). Returns the new rows; raises ``ConsentUnchanged`` if none differ. ``at``
    (default now) is for demo data and imports only."""
    require(actor, "case.consent")
    if not is_lead(actor, case):
        raise PermissionDenied()
    if method == ConsentMethod.ONLINE:
        raise ApplicationError(_("Staff record consent given by phone or in person."))
    report = case_primary_report(case)
    if report is None:
        raise NotFound()
    rows = consent_record(
        report=report,
        decisions=decisions,
        method=method,
        given_by=given_by,
        actor=staff_actor(actor),
        recorded_by=actor,
        expires_at=expires_at,
        at=at,
    )
    if not rows:
        raise ConsentUnchanged()
    case_event_record(
        case=case,
        kind=EventKind.CONSENT,
        user=actor,
        details={
            "report_id": report.pk,
            "method": str(method),
            "given_by": str(given_by),
            "expires_at": expires_at.isoformat() if expires_at else None,
            "changes": [
                {"purpose": r.purpose, "recipient": r.recipient_kind, "granted": r.granted}
                for r in rows
            ],
        },
        occurred_at=at,
    )
    return rows


# Withdrawals turned into work --------------------------------------------------------


@dataclass(frozen=True)
class WithdrawalToAction:
    """One withdrawal on a case's primary report, and the organisations still to be told."""

    record: ConsentRecord
    case: Case
    organisation_ids: list[int]


def withdrawal_task_key(*, record_id: int, organisation_id: int) -> str:
    return f"consent-withdrawn:{record_id}:{organisation_id}"


def consent_withdrawals_to_action() -> list[WithdrawalToAction]:
    """Withdrawals on the primary reports of cases whose holders (the lead organisation and
    every organisation with a pending or accepted referral) have not all been given a task.

    A fixed number of queries, whatever the number of withdrawals."""
    links = {
        link.report_id: link.case
        for link in CaseReport.objects.filter(
            is_primary=True,
            report__consents__is_withdrawal=True,
        )
        .select_related("case")
        .distinct()
    }
    if not links:
        return []
    records = list(
        ConsentRecord.objects.filter(report_id__in=links, is_withdrawal=True).order_by(
            "recorded_at", "id"
        )
    )
    case_ids = {case.pk for case in links.values()}
    holders: dict[int, set[int]] = {case.pk: {case.lead_organisation_id} for case in links.values()}
    for case_id, org_id in Referral.objects.filter(
        case_id__in=case_ids, status__in=LIVE_REFERRAL
    ).values_list("case_id", "to_organisation_id"):
        holders[case_id].add(org_id)
    wanted = {
        withdrawal_task_key(record_id=record.pk, organisation_id=org_id)
        for record in records
        for org_id in holders[links[record.report_id].pk]
    }
    done = set(Task.objects.filter(source_key__in=wanted).values_list("source_key", flat=True))
    found = []
    for record in records:
        case = links[record.report_id]
        missing = sorted(
            org_id
            for org_id in holders[case.pk]
            if withdrawal_task_key(record_id=record.pk, organisation_id=org_id) not in done
        )
        if missing:
            found.append(WithdrawalToAction(record=record, case=case, organisation_ids=missing))
    return found


def _withdrawal_title(record: ConsentRecord) -> str:
    """The task's title: what was withdrawn, never who."""
    recipient = recipient_phrase(RecipientKind(record.recipient_kind))
    if record.purpose == ConsentPurpose.CONTACT:
        return _("Consent to contact the reporter was withdrawn: stop contacting them")
    return _("Consent to share with %(recipient)s was withdrawn: stop sharing") % {
        "recipient": recipient
    }


@transaction.atomic(durable=True)
def consent_withdrawal_tasks_create() -> list[Task]:
    """Give every organisation holding a case a task for each consent withdrawal on its
    primary report, due today (``services.tasks.task_add`` writes the audit row and the
    timeline entry and notifies). Idempotent: each (withdrawal, organisation) has one
    ``source_key``, so running again creates nothing new. Run by the periodic job."""
    created: list[Task] = []
    today = timezone.localdate()
    to_action = consent_withdrawals_to_action()
    organisations = Organisation.objects.in_bulk(
        sorted({org_id for item in to_action for org_id in item.organisation_ids})
    )
    for item in to_action:
        for org_id in item.organisation_ids:
            key = withdrawal_task_key(record_id=item.record.pk, organisation_id=org_id)
            try:
                with transaction.atomic():
                    task = task_add(
                        title=_withdrawal_title(item.record),
                        due_on=today,
                        case=item.case,
                        assignee_organisation=organisations[org_id],
                        kind=TaskKind.CONSENT_WITHDRAWN,
                        source_key=key,
                    )
            except IntegrityError:  # another run made it first
                continue
            created.append(task)
    return created
