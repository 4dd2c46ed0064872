"""The issue log: matters raised by a community safety partnership or an agency, discussed
by the group, escalated to the county's community-safety action group if the group cannot
resolve them, and resolved or closed.

Statuses move one way: open -> discussed -> escalated, and any of those -> resolved (with
the resolution) or closed. Discussing an issue that is already discussed or escalated
records the discussion and keeps its status. Every change is an ``IssueEvent`` (append-only)
and an audit row (ids and statuses only, never the text).

Anyone may read the log (the PCC office too), so it must never identify a victim:
``identifying_text_check`` refuses e-mail addresses, phone numbers, full postcodes, street
addresses and report, case or crime references in every text it keeps. It is a simple net,
not a guarantee: the forms also tell people not to include names or details that could
identify anyone.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import IntegerField, Max
from django.db.models.functions import Cast, Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awaz.audit.events import AuditEventType
from awaz.core.exceptions import ApplicationError, ConflictError, NotFound
from awaz.partners.models import Organisation, Role
from awaz.partners.selectors import membership_for_user
from awaz.strategy.access import CHAIR, require
from awaz.strategy.models import (
    OPEN_ISSUE_STATUSES,
    Issue,
    IssueEvent,
    IssueStatus,
    Meeting,
    Strategy,
)
from awaz.strategy.services.auditing import changed_fields, plan_audit

REFERENCE_PREFIX = "ISS-"

MSG_TITLE = _("Enter the issue in a line")
MSG_DESCRIPTION = _("Describe the issue")
MSG_EMAIL = _(
    "Remove the email address: nothing in the issue log or the minutes may identify a victim"
)
MSG_PHONE = _(
    "Remove the phone number: nothing in the issue log or the minutes may identify a victim"
)
MSG_POSTCODE = _(
    "Remove the postcode: nothing in the issue log or the minutes may identify a victim. "
    "You can give the area instead, such as the town or the first half of the postcode"
)
MSG_ADDRESS = _(
    "Remove the street address: nothing in the issue log or the minutes may identify a "
    "victim. You can give the area instead, such as the street name without a house number"
)
MSG_REFERENCE = _(
    "Remove the report, case or crime reference: nothing in the issue log or the minutes "
    "may identify a victim"
)
MSG_OWN_ORGANISATION = _("You can raise an issue only for your own organisation")
MSG_ORGANISATION_INACTIVE = _("Choose an organisation that is still in the partnership")
MSG_NOT_FUTURE = _("The date must be today or in the past")
MSG_BEFORE_RAISED = _("The date must be on or after the date the issue was raised")
MSG_ENDED = _("The issue is already resolved or closed")
MSG_DISCUSS_FIRST = _(
    "The group discusses an issue before it is escalated: record the discussion first"
)
MSG_ALREADY_ESCALATED = _("The issue has already been escalated")
MSG_RESOLUTION = _("Enter how the issue was resolved")
MSG_OUTCOME = _("Choose resolved or closed")
MSG_NOTE = _("Enter the note")
MSG_OWNER = _("Choose who is taking the issue forward, their organisation, or both")
MSG_OWNER_ORGANISATION = _("Choose the organisation the owner works for")
MSG_MEETING_OTHER = _("Choose a meeting of this strategy")
MSG_MEETING_AHEAD = _("Choose a meeting that has taken place")

# An e-mail address.
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A UK phone number: 0 or +44 (or 0044), then 9 or 10 more digits, spaces or dashes between.
_PHONE = re.compile(
    r"(?<![\w/])(?:(?:\+|00)44[\s-]?(?:\(0\)[\s-]?)?|0)\d(?:[\s-]?\d){8,9}(?![\w/])"
)
# A full UK postcode (CA1 1AA, ca11aa, EC1A 1BB): the outward code and the inward code.
# The outward code alone (CA1) names a district, which the log may mention.
_POSTCODE = re.compile(
    r"\b(?:GIR\s?0AA|[A-PR-UWYZ](?:\d[A-HJKPSTUW]|[A-HK-Y]\d[ABEHMNPRV-Y]|[A-HK-Y]?\d{1,2})"
    r"\s?\d[ABD-HJLNP-UW-Z]{2})\b",
    re.IGNORECASE,
)
# A street address: a house number (12, 12a, 12-14) then a street: one to three capitalised
# words and a street word (4 Scotch Street, 15a Warwick Road), or one word ending in "gate"
# as Cumbrian and northern streets do (12 Botchergate, 3 Stricklandgate).
_STREET_WORDS = (
    "Road|Rd|Street|St|Lane|Ln|Avenue|Ave|Drive|Close|Court|Crescent|Way|Place|Terrace|"
    "Gardens|Grove|Square|Row|Walk|Hill|Mews|Rise|Parade|Wynd|Brow|Fold|Green|View|Park|"
    "Bank|Yard|Vale|Croft|Meadow|Meadows|Gate"
)
_ADDRESS = re.compile(
    r"(?<![\w/.£$€-])\d{1,3}[A-Za-z]?(?:\s?-\s?\d{1,3}[A-Za-z]?)?,?\s+"
    r"(?:[A-Z][\w'\u2019-]*gate\b|(?:[A-Z][\w'\u2019-]*\s+){1,3}(?:" + _STREET_WORDS + r")\b)"
)
# Awaz report and case references (HC-7KQ4-2M9X, CS-...), crime references written with
# slashes (CR/012345/26), and any run of seven or more digits.
_REFERENCE = re.compile(
    r"\b(?:HC|CS)-[0-9A-Z]{4}-[0-9A-Z]{4}\b|\b[A-Z]{1,4}/\d{3,}/\d{2,4}\b|\b\d{7,}\b",
    re.IGNORECASE,
)


def identifying_text_check(text: str, *, field: str) -> None:
    """``ApplicationError`` on ``field`` if ``text`` holds an e-mail address, a phone number,
    a full postcode, a street address or a report, case or crime reference."""
    for pattern, message in (
        (_EMAIL, MSG_EMAIL),
        (_PHONE, MSG_PHONE),
        (_POSTCODE, MSG_POSTCODE),
        (_ADDRESS, MSG_ADDRESS),
        (_REFERENCE, MSG_REFERENCE),
    ):
        if pattern.search(text):
            raise ApplicationError(message, extra={"field": field})


@dataclass(frozen=True)
class IssueDetails:
    """What is said about an issue (the form's cleaned data)."""

    title: str
    description: str
    raised_by_organisation: Organisation
    raised_on: datetime.date


def _check_details(details: IssueDetails, *, previous_org_id: int | None) -> tuple[str, str]:
    title, description = details.title.strip(), details.description.strip()
    if not title:
        raise ApplicationError(MSG_TITLE, extra={"field": "title"})
    if not description:
        raise ApplicationError(MSG_DESCRIPTION, extra={"field": "description"})
    identifying_text_check(title, field="title")
    identifying_text_check(description, field="description")
    organisation = details.raised_by_organisation
    if not organisation.is_active and organisation.pk != previous_org_id:
        raise ApplicationError(MSG_ORGANISATION_INACTIVE, extra={"field": "raised_by_organisation"})
    if details.raised_on > timezone.localdate():
        raise ApplicationError(MSG_NOT_FUTURE, extra={"field": "raised_on"})
    return title, description


def _next_reference() -> str:
    """ISS-0001, ISS-0002 ... across every strategy (callers hold the strategies' locks)."""
    highest = Issue.objects.aggregate(
        n=Max(Cast(Substr("reference", len(REFERENCE_PREFIX) + 1), IntegerField()))
    )["n"]
    return f"{REFERENCE_PREFIX}{(highest or 0) + 1:04d}"


def _event(
    issue: Issue, *, actor: Any, note: str = "", meeting: Meeting | None = None
) -> IssueEvent:
    return IssueEvent.objects.create(
        issue=issue,
        status=issue.status,
        note=note,
        meeting=meeting,
        recorded_at=timezone.now(),
        recorded_by=actor,
    )


def _audit(event_type: AuditEventType, issue: Issue, actor: Any, **details: Any) -> None:
    plan_audit(
        event_type=event_type,
        actor=actor,
        target=issue,
        details={"reference": issue.reference, "status": issue.status, **details},
    )


def _locked(issue: Issue) -> Issue:
    return Issue.objects.select_for_update(of=("self",)).select_related("strategy").get(pk=issue.pk)


def _check_open(issue: Issue) -> None:
    if issue.status not in OPEN_ISSUE_STATUSES:
        raise ConflictError(MSG_ENDED)


def _check_date(issue: Issue, value: datetime.date, *, field: str) -> None:
    if value > timezone.localdate():
        raise ApplicationError(MSG_NOT_FUTURE, extra={"field": field})
    if value < issue.raised_on:
        raise ApplicationError(MSG_BEFORE_RAISED, extra={"field": field})


def _clean_note(note: str, *, field: str = "note", required: Any = None) -> str:
    """The note stripped and checked; ``required``: the message if it is empty."""
    note = note.strip()
    if required is not None and not note:
        raise ApplicationError(required, extra={"field": field})
    identifying_text_check(note, field=field)
    return note


@transaction.atomic(durable=True)
def issue_raise(*, strategy: Strategy, details: IssueDetails, actor: Any) -> Issue:
    """Log a new issue (open), numbered next (ISS-0007). Contributors raise issues for
    their own organisation; the chair records them for any."""
    membership = require(actor, "issue.raise")
    if (
        Role(membership.role) not in CHAIR
        and details.raised_by_organisation.pk != membership.organisation_id
    ):
        raise ApplicationError(MSG_OWN_ORGANISATION, extra={"field": "raised_by_organisation"})
    title, description = _check_details(details, previous_org_id=None)
    list(Strategy.objects.select_for_update().order_by("pk"))  # one numberer at a time
    issue = Issue.objects.create(
        strategy=strategy,
        reference=_next_reference(),
        title=title,
        description=description,
        raised_by_organisation=details.raised_by_organisation,
        raised_on=details.raised_on,
        status=IssueStatus.OPEN,
        created_by=actor,
        modified_by=actor,
    )
    _event(issue, actor=actor)
    _audit(
        AuditEventType.ISSUE_RAISED,
        issue,
        actor,
        raised_by_organisation_id=details.raised_by_organisation.pk,
    )
    return issue


@transaction.atomic(durable=True)
def issue_change(*, issue: Issue, details: IssueDetails, actor: Any) -> Issue:
    """Change an issue's wording, who raised it or when (the chair; for instance to take
    out something that should not be there)."""
    require(actor, "issue.manage")
    issue = _locked(issue)
    title, description = _check_details(details, previous_org_id=issue.raised_by_organisation_id)
    if issue.escalated_on and details.raised_on > issue.escalated_on:
        raise ApplicationError(MSG_BEFORE_RAISED, extra={"field": "raised_on"})
    changed = changed_fields(
        issue,
        {
            "title": title,
            "description": description,
            "raised_by_organisation_id": details.raised_by_organisation.pk,
            "raised_on": details.raised_on,
        },
    )
    if changed:
        issue.modified_by = actor
        issue.save()
        names = [name.removesuffix("_id") for name in changed]
        _event(issue, actor=actor, note=str(_("Details changed.")))
        _audit(AuditEventType.ISSUE_CHANGED, issue, actor, fields=names)
    return issue


@transaction.atomic(durable=True)
def issue_discuss(
    *, issue: Issue, note: str, meeting: Meeting | None = None, actor: Any
) -> IssueEvent:
    """Record that the group discussed the issue (at ``meeting``, if given) and what was
    said. An open issue becomes discussed; a discussed or escalated one keeps its status."""
    require(actor, "issue.manage")
    issue = _locked(issue)
    _check_open(issue)
    if meeting is not None and meeting.strategy_id != issue.strategy_id:
        raise ApplicationError(MSG_MEETING_OTHER, extra={"field": "meeting"})
    if meeting is not None and meeting.held_on > timezone.localdate():
        raise ApplicationError(MSG_MEETING_AHEAD, extra={"field": "meeting"})
    note = _clean_note(note)
    previous = issue.status
    if issue.status == IssueStatus.OPEN:
        issue.status = IssueStatus.DISCUSSED
        issue.modified_by = actor
        issue.save(update_fields=["status", "modified_at", "modified_by"])
    event = _event(issue, actor=actor, note=note, meeting=meeting)
    _audit(
        AuditEventType.ISSUE_DISCUSSED,
        issue,
        actor,
        previous=previous,
        meeting_id=meeting.pk if meeting else None,
    )
    return event


@transaction.atomic(durable=True)
def issue_escalate(
    *, issue: Issue, escalated_on: datetime.date, note: str, actor: Any
) -> IssueEvent:
    """Escalate a discussed issue to the county's community-safety action group."""
    require(actor, "issue.manage")
    issue = _locked(issue)
    _check_open(issue)
    if issue.status == IssueStatus.ESCALATED:
        raise ConflictError(MSG_ALREADY_ESCALATED)
    if issue.status != IssueStatus.DISCUSSED:
        raise ApplicationError(MSG_DISCUSS_FIRST)
    _check_date(issue, escalated_on, field="escalated_on")
    note = _clean_note(note)
    issue.status = IssueStatus.ESCALATED
    issue.escalated_on = escalated_on
    issue.modified_by = actor
    issue.save(update_fields=["status", "escalated_on", "modified_at", "modified_by"])
    event = _event(issue, actor=actor, note=note)
    _audit(AuditEventType.ISSUE_ESCALATED, issue, actor, escalated_on=escalated_on.isoformat())
    return event


@transaction.atomic(durable=True)
def issue_conclude(
    *,
    issue: Issue,
    outcome: IssueStatus,
    resolution: str,
    ended_on: datetime.date,
    actor: Any,
) -> IssueEvent:
    """End an open issue: resolved (saying how, which is required) or closed without a
    resolution (saying why, if known)."""
    require(actor, "issue.manage")
    issue = _locked(issue)
    _check_open(issue)
    if outcome not in (IssueStatus.RESOLVED, IssueStatus.CLOSED):
        raise ApplicationError(MSG_OUTCOME, extra={"field": "outcome"})
    outcome = IssueStatus(outcome)
    resolution = _clean_note(
        resolution,
        field="resolution",
        required=MSG_RESOLUTION if outcome == IssueStatus.RESOLVED else None,
    )
    _check_date(issue, ended_on, field="ended_on")
    if issue.escalated_on and ended_on < issue.escalated_on:
        raise ApplicationError(MSG_BEFORE_RAISED, extra={"field": "ended_on"})
    previous = issue.status
    issue.status = outcome
    issue.resolution = resolution
    issue.resolved_on = ended_on
    issue.modified_by = actor
    issue.save(update_fields=["status", "resolution", "resolved_on", "modified_at", "modified_by"])
    event = _event(issue, actor=actor, note=resolution)
    _audit(
        AuditEventType.ISSUE_RESOLVED
        if outcome == IssueStatus.RESOLVED
        else AuditEventType.ISSUE_CLOSED,
        issue,
        actor,
        previous=previous,
        ended_on=ended_on.isoformat(),
    )
    return event


@transaction.atomic(durable=True)
def issue_owner_set(
    *,
    issue: Issue,
    owner: Any | None,
    owner_organisation: Organisation | None,
    actor: Any,
) -> Issue:
    """Say who takes an open issue forward: a member of staff (their organisation by
    default), an organisation, or both (the person must work there)."""
    require(actor, "issue.manage")
    issue = _locked(issue)
    _check_open(issue)
    if owner is None and owner_organisation is None:
        raise ApplicationError(MSG_OWNER, extra={"field": "owner"})
    if owner is not None:
        membership = membership_for_user(owner)
        if membership is None or Role(membership.role) == Role.ADMINISTRATOR:
            raise NotFound()
        if owner_organisation is None:
            owner_organisation = membership.organisation
        elif owner_organisation.pk != membership.organisation_id:
            raise ApplicationError(MSG_OWNER_ORGANISATION, extra={"field": "owner_organisation"})
    assert owner_organisation is not None
    changed = changed_fields(
        issue,
        {
            "owner_id": owner.pk if owner is not None else None,
            "owner_organisation_id": owner_organisation.pk,
        },
    )
    if changed:
        issue.modified_by = actor
        issue.save(update_fields=["owner", "owner_organisation", "modified_at", "modified_by"])
        who = owner.full_name if owner is not None else ""
        note = (
            _("Taken forward by %(name)s, %(organisation)s.")
            % {"name": who, "organisation": owner_organisation.name}
            if who
            else _("Taken forward by %(organisation)s.") % {"organisation": owner_organisation.name}
        )
        _event(issue, actor=actor, note=str(note))
        _audit(
            AuditEventType.ISSUE_OWNER_SET,
            issue,
            actor,
            owner_id=issue.owner_id,
            owner_organisation_id=issue.owner_organisation_id,
        )
    return issue


@transaction.atomic(durable=True)
def issue_note_add(*, issue: Issue, note: str, actor: Any) -> IssueEvent:
    """A note on an issue (news from the county action group, a reply); the status stays."""
    require(actor, "issue.manage")
    issue = _locked(issue)
    note = _clean_note(note, required=MSG_NOTE)
    event = _event(issue, actor=actor, note=note)
    _audit(AuditEventType.ISSUE_NOTE_ADDED, issue, actor, event_id=event.pk)
    return event
