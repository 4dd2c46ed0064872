"""ASB case reviews ("community trigger", ASB, Crime and Policing Act 2014): recording a
request and each step of it. The steps run in order: requested, acknowledged, threshold
decided (met: a review meeting follows; not met: the review closes), meeting held. Their
clocks are derived from the dates (``awaz.cases.reviews.case_review_clocks``).

Each step is audited (``CASE_REVIEW_REQUESTED``, ``CASE_REVIEW_UPDATED``) and goes on the
case's timeline as a note with details ``{"case_review": <step>}``.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awaz.audit.events import AuditEventType
from awaz.audit.services import audit_record
from awaz.cases.access import cases_visible_to, require
from awaz.cases.models import Case, CaseReview, CaseReviewStatus, EventKind
from awaz.cases.reviews import OPEN_REVIEW_STATUSES
from awaz.cases.services.timeline import case_event_record
from awaz.core.exceptions import ConflictError, NotFound
from awaz.reporting.services.triage import staff_actor

MSG_REVIEW_OPEN = _("A case review is already in progress for this case")
MSG_WRONG_STEP = _("That step does not follow from where the case review is")
MSG_FUTURE = _("The date of the request cannot be in the future")

# Timeline wording (stored with the event; the step code is in its details).
TIMELINE_TEXT = {
    "requested": "ASB case review requested",
    "acknowledged": "ASB case review request acknowledged",
    "threshold_met": "ASB case review: threshold met",
    "threshold_not_met": "ASB case review: threshold not met",
    "meeting_held": "ASB case review meeting held",
}


def _record(
    *,
    review: CaseReview,
    step: str,
    actor: Any,
    requested: bool = False,
    at: datetime.datetime | None = None,
) -> None:
    details = {"case_review_id": review.pk, "step": step, "status": review.status}
    audit_record(
        event_type=AuditEventType.CASE_REVIEW_REQUESTED
        if requested
        else AuditEventType.CASE_REVIEW_UPDATED,
        actor=staff_actor(actor),
        target_type="cases.case",
        target_id=review.case_id,
        details=details,
    )
    case_event_record(
        case=review.case,
        kind=EventKind.NOTE,
        user=actor,
        text=TIMELINE_TEXT[step],
        details={"case_review": step, "case_review_id": review.pk},
        occurred_at=at,
    )


def _visible_case(*, case_id: int, actor: Any) -> Case:
    require(actor, "case.risk")
    if not cases_visible_to(actor).filter(pk=case_id).exists():
        raise NotFound()
    return Case.objects.select_for_update().get(pk=case_id)


@transaction.atomic(durable=True)
def case_review_request(
    *, case: Case, actor: Any, requested_at: datetime.datetime | None = None
) -> CaseReview:
    """Record a request for an ASB case review (by or for the victim). ``requested_at``
    (when the victim asked; default now) starts the clocks. One review at a time."""
    case = _visible_case(case_id=case.pk, actor=actor)
    now = timezone.now()
    if requested_at is not None and requested_at > now:
        raise ConflictError(MSG_FUTURE)
    if CaseReview.objects.filter(case=case, status__in=OPEN_REVIEW_STATUSES).exists():
        raise ConflictError(MSG_REVIEW_OPEN)
    review = CaseReview.objects.create(
        case=case, requested_at=requested_at or now, requested_by=actor
    )
    _record(review=review, step="requested", actor=actor, requested=True, at=requested_at)
    return review


def _locked_review(*, review_id: int, actor: Any) -> CaseReview:
    require(actor, "case.risk")
    visible = CaseReview.objects.filter(pk=review_id, case__in=cases_visible_to(actor))
    if not visible.exists():
        raise NotFound()
    return CaseReview.objects.select_for_update().select_related("case").get(pk=review_id)


@transaction.atomic(durable=True)
def case_review_acknowledge(
    *, review_id: int, actor: Any, at: datetime.datetime | None = None
) -> CaseReview:
    """Acknowledge the request. ``at`` (default now) is for demo data and imports only."""
    review = _locked_review(review_id=review_id, actor=actor)
    if review.status != CaseReviewStatus.REQUESTED:
        raise ConflictError(MSG_WRONG_STEP)
    review.status = CaseReviewStatus.ACKNOWLEDGED
    review.acknowledged_at = at or timezone.now()
    review.save(update_fields=["status", "acknowledged_at"])
    _record(review=review, step="acknowledged", actor=actor, at=at)
    return review


@transaction.atomic(durable=True)
def case_review_decide(
    *, review_id: int, threshold_met: bool, actor: Any, at: datetime.datetime | None = None
) -> CaseReview:
    """Record whether the threshold is met. Not met closes the review. ``at`` (default
    now) is for demo data and imports only."""
    review = _locked_review(review_id=review_id, actor=actor)
    if review.status != CaseReviewStatus.ACKNOWLEDGED:
        raise ConflictError(MSG_WRONG_STEP)
    review.threshold_met = threshold_met
    review.decided_at = at or timezone.now()
    review.status = CaseReviewStatus.THRESHOLD_DECIDED if threshold_met else CaseReviewStatus.CLOSED
    review.save(update_fields=["status", "threshold_met", "decided_at"])
    _record(
        review=review,
        step="threshold_met" if threshold_met else "threshold_not_met",
        actor=actor,
        at=at,
    )
    return review


@transaction.atomic(durable=True)
def case_review_meeting_held(
    *, review_id: int, actor: Any, at: datetime.datetime | None = None
) -> CaseReview:
    """Record that the review meeting was held. ``at`` (default now) is for demo data and
    imports only."""
    review = _locked_review(review_id=review_id, actor=actor)
    if review.status != CaseReviewStatus.THRESHOLD_DECIDED or not review.threshold_met:
        raise ConflictError(MSG_WRONG_STEP)
    review.status = CaseReviewStatus.MEETING_HELD
    review.met_at = at or timezone.now()
    review.save(update_fields=["status", "met_at"])
    _record(review=review, step="meeting_held", actor=actor, at=at)
    return review
