"""Referrals: the lead organisation sends a case to another organisation, as far as consent
allows at that moment; the receiver accepts or declines with a reason; the lead may
withdraw a referral that is still live.

Consent is checked inside the sending transaction (``sharing.referral_consent_check``), so
a withdrawal recorded a moment before is respected. A receiver sees the case only while
its referral is pending or accepted (``access.cases_visible_to``), and the full report only
while consent covers it (``sharing.report_view_for``).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awaz.audit.events import AuditEventType
from awaz.audit.services import audit_record
from awaz.cases.access import access_case_by_id, is_lead, require
from awaz.cases.models import Case, CaseReport, CaseStatus, EventKind, Referral, ReferralStatus
from awaz.cases.services.notifications import notify_referral_received
from awaz.cases.services.status import case_status_set
from awaz.cases.services.timeline import case_audit, case_event_record
from awaz.cases.sharing import (
    LIVE_REFERRAL,
    ReportView,
    access_referral_by_id,
    recipient_kind_for,
    referral_consent_check,
    report_view_for,
)
from awaz.core.exceptions import (
    ApplicationError,
    ConflictError,
    ConsentRequired,
    NotFound,
    PermissionDenied,
)
from awaz.partners.models import Organisation
from awaz.partners.selectors import membership_for_user
from awaz.reporting.services.triage import staff_actor


class ReferralNotPossible(ApplicationError):
    default_message = gettext_lazy("This case cannot be referred.")


@transaction.atomic(durable=True)
def referral_send(
    *,
    case: Case,
    to_organisation: Organisation,
    reason: str,
    anonymised: bool,
    actor: Any,
    at: datetime.datetime | None = None,
) -> Referral:
    """Refer ``case`` to ``to_organisation``. A full referral needs consent in force now to
    share with that kind of organisation (``ConsentRequired`` says why not); an anonymised
    one shares no name, contact details, exact place or free text about people.
    ``at`` (default now) is for demo data and imports only."""
    require(actor, "case.refer")
    membership = membership_for_user(actor)
    if membership is None or not is_lead(actor, case):
        raise PermissionDenied()
    case = Case.objects.select_for_update().get(pk=case.pk)
    reason = reason.strip()
    if not reason:
        raise ReferralNotPossible(_("Enter why you are referring the case"))
    if case.status == CaseStatus.CLOSED:
        raise ReferralNotPossible(_("The case is closed, so it cannot be referred."))
    if to_organisation.pk == membership.organisation_id or not to_organisation.is_active:
        raise ReferralNotPossible(_("Choose another organisation in the partnership."))
    if Referral.objects.filter(
        case=case, to_organisation=to_organisation, status__in=LIVE_REFERRAL
    ).exists():
        raise ConflictError(
            _("The case has already been referred to %(organisation)s.")
            % {"organisation": to_organisation.name}
        )
    recipient = recipient_kind_for(to_organisation)
    if not anonymised:
        check = referral_consent_check(case=case, organisation=to_organisation)
        if not check.allowed:
            raise ConsentRequired(check.explanation, extra={"state": str(check.state)})
    now = at or timezone.now()
    referral = Referral.objects.create(
        case=case,
        from_organisation_id=membership.organisation_id,
        to_organisation=to_organisation,
        recipient_kind=str(recipient) if recipient is not None else "",
        is_anonymised=anonymised,
        reason=reason,
        sent_at=now,
        created_by=actor,
        modified_by=actor,
    )
    details = {
        "referral_id": referral.pk,
        "to_organisation_id": to_organisation.pk,
        "recipient_kind": referral.recipient_kind,
        "anonymised": anonymised,
    }
    case_audit(
        event_type=AuditEventType.REFERRAL_SENT,
        case_id=case.pk,
        user=actor,
        details=details,
    )
    case_event_record(
        case=case,
        kind=EventKind.REFERRAL_SENT,
        user=actor,
        text=reason,
        details={**details, "to_organisation": to_organisation.name},
        occurred_at=now,
    )
    notify_referral_received(referral)  # e-mails after commit
    case_status_set(case=case, status=CaseStatus.REFERRED, actor=actor, at=now)
    return referral


def _locked_referral_for_receiver(*, referral: Referral, actor: Any) -> Referral:
    require(actor, "case.refer")
    membership = membership_for_user(actor)
    locked = (
        Referral.objects.select_for_update()
        .select_related("case", "to_organisation")
        .get(pk=referral.pk)
    )
    if membership is None or membership.organisation_id != locked.to_organisation_id:
        raise PermissionDenied()
    if locked.status != ReferralStatus.PENDING:
        raise ConflictError(
            _("This referral has already been answered: %(status)s.")
            % {"status": ReferralStatus(locked.status).label}
        )
    return locked


@transaction.atomic(durable=True)
def referral_accept(
    *, referral: Referral, actor: Any, at: datetime.datetime | None = None
) -> Referral:
    """The receiving organisation takes the case on; the case moves to active support.
    ``at`` (default now) is for demo data and imports only."""
    referral = _locked_referral_for_receiver(referral=referral, actor=actor)
    now = at or timezone.now()
    referral.status = ReferralStatus.ACCEPTED
    referral.decided_at = now
    referral.decided_by = actor
    referral.modified_by = actor
    referral.save(
        update_fields=["status", "decided_at", "decided_by", "modified_at", "modified_by"]
    )
    details = {"referral_id": referral.pk, "to_organisation_id": referral.to_organisation_id}
    case_audit(
        event_type=AuditEventType.REFERRAL_ACCEPTED,
        case_id=referral.case_id,
        user=actor,
        details=details,
    )
    case = Case.objects.select_for_update().get(pk=referral.case_id)
    case_event_record(
        case=case,
        kind=EventKind.REFERRAL_ACCEPTED,
        user=actor,
        details={**details, "to_organisation": referral.to_organisation.name},
        occurred_at=now,
    )
    case_status_set(case=case, status=CaseStatus.ACTIVE_SUPPORT, actor=actor, at=now)
    return referral


@transaction.atomic(durable=True)
def referral_decline(
    *, referral: Referral, reason: str, actor: Any, at: datetime.datetime | None = None
) -> Referral:
    """The receiving organisation declines, saying why; it loses sight of the case.
    ``at`` (default now) is for demo data and imports only."""
    reason = reason.strip()
    if not reason:
        raise ApplicationError(_("Enter why you are declining the referral"))
    referral = _locked_referral_for_receiver(referral=referral, actor=actor)
    now = at or timezone.now()
    referral.status = ReferralStatus.DECLINED
    referral.decided_at = now
    referral.decided_by = actor
    referral.decline_reason = reason
    referral.modified_by = actor
    referral.save(
        update_fields=[
            "status",
            "decided_at",
            "decided_by",
            "decline_reason",
            "modified_at",
            "modified_by",
        ]
    )
    details = {"referral_id": referral.pk, "to_organisation_id": referral.to_organisation_id}
    case_audit(
        event_type=AuditEventType.REFERRAL_DECLINED,
        case_id=referral.case_id,
        user=actor,
        details=details,
    )
    case_event_record(
        case=referral.case,
        kind=EventKind.REFERRAL_DECLINED,
        user=actor,
        text=reason,
        details={**details, "to_organisation": referral.to_organisation.name},
        occurred_at=now,
    )
    return referral


@transaction.atomic(durable=True)
def referral_withdraw(*, referral: Referral, actor: Any) -> Referral:
    """The lead organisation takes back a pending or accepted referral: the receiver loses
    sight of the case at once."""
    require(actor, "case.refer")
    locked = (
        Referral.objects.select_for_update()
        .select_related("case", "to_organisation")
        .get(pk=referral.pk)
    )
    if not is_lead(actor, locked.case):
        raise PermissionDenied()
    if locked.status not in LIVE_REFERRAL:
        raise ConflictError(
            _("This referral has already ended: %(status)s.")
            % {"status": ReferralStatus(locked.status).label}
        )
    locked.status = ReferralStatus.WITHDRAWN
    locked.modified_by = actor
    locked.save(update_fields=["status", "modified_at", "modified_by"])
    details = {"referral_id": locked.pk, "to_organisation_id": locked.to_organisation_id}
    case_audit(
        event_type=AuditEventType.REFERRAL_WITHDRAWN,
        case_id=locked.case_id,
        user=actor,
        details=details,
    )
    case_event_record(
        case=locked.case,
        kind=EventKind.NOTE,
        user=actor,
        text=_("Referral to %(organisation)s withdrawn")
        % {"organisation": locked.to_organisation.name},
        details={
            **details,
            "referral": "withdrawn",
            "to_organisation": locked.to_organisation.name,
        },
    )
    return locked


# Opening, for staff (each view of free text written about the case is audited) --------


@transaction.atomic(durable=True)
def referral_open(*, referral_id: int, user: Any) -> Referral:
    """A referral to the user's organisation or of a case it leads (the same ``NotFound``
    otherwise), with a ``CASE_VIEWED`` audit row: its reason is free text."""
    referral = access_referral_by_id(user, referral_id)
    case_audit(
        event_type=AuditEventType.CASE_VIEWED,
        case_id=referral.case_id,
        user=user,
        details={"page": "referral", "referral_id": referral.pk},
    )
    return referral


@transaction.atomic(durable=True)
def case_report_open(*, case_id: int, report_id: int, user: Any) -> tuple[Case, ReportView]:
    """A report of a case as the user may see it now (``sharing.report_view_for``: full
    or anonymised), with a ``REPORT_VIEWED`` audit row naming which view was shown."""
    require(user, "case.view")
    case = access_case_by_id(user, case_id)
    link = CaseReport.objects.select_related("report").filter(case=case, report_id=report_id)
    found = link.first()
    if found is None:
        raise NotFound()
    view = report_view_for(user=user, case=case, report=found.report)
    audit_record(
        event_type=AuditEventType.REPORT_VIEWED,
        actor=staff_actor(user),
        target_type="reporting.report",
        target_id=found.report_id,
        details={"case_id": case.pk, "view": str(view.level), "via": "case"},
    )
    return case, view
