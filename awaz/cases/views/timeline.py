"""Readable labels for timeline entries.

``timeline_rows(events)`` gives one dict per ``CaseEvent`` (newest first, as given):
``{"event", "label", "text", "shared"}``, looking up the people, classifications and strands
that entries name in a fixed number of queries. A kind without a special label shows its
``EventKind`` label. Another module may add one: ``TIMELINE_LABELS[kind] = fn`` with
``fn(event, lookups) -> str`` (``lookups`` has ``users``, ``classifications``, ``strands``:
dicts by id or code).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from awaz.cases.models import CaseEvent, CaseStatus, Classification, EventKind
from awaz.cases.services.case import CORRECTABLE_FIELDS, ContactMethod, KeyDecision
from awaz.core.models import User
from awaz.reporting.models import Strand

Lookups = dict[str, dict[Any, Any]]
LabelFn = Callable[[CaseEvent, Lookups], str]


def _choice(choices: Any, code: Any) -> str:
    try:
        return str(choices(code).label)
    except ValueError:
        return str(code or "")


def _note(event: CaseEvent, lookups: Lookups) -> str:
    details = event.details or {}
    if "assigned_to" in details:
        user = lookups["users"].get(details["assigned_to"])
        return _("Owner changed to %(name)s") % {"name": user.full_name if user else "?"}
    if "correction" in details:
        field = CORRECTABLE_FIELDS.get(details["correction"], details["correction"])
        return _("Correction to the report: %(field)s") % {"field": field}
    if "police_received_at" in details:
        when = timezone.localtime(datetime.datetime.fromisoformat(details["police_received_at"]))
        return _("Police received the crime on %(date)s") % {
            "date": date_format(when, "j F Y, H:i")
        }
    if event.shared_with_reporter:
        return _("Note, shared with the person who reported")
    return _("Note, for staff only")


def _contact(event: CaseEvent, lookups: Lookups) -> str:
    return _("Contact with the victim: %(method)s") % {
        "method": _choice(ContactMethod, event.details.get("method"))
    }


def _status(event: CaseEvent, lookups: Lookups) -> str:
    return _("Status changed from %(from)s to %(to)s") % {
        "from": _choice(CaseStatus, event.details.get("from")),
        "to": _choice(CaseStatus, event.details.get("to")),
    }


def _decision(event: CaseEvent, lookups: Lookups) -> str:
    return _("Key decision: %(decision)s") % {
        "decision": _choice(KeyDecision, event.details.get("decision"))
    }


def _informed(event: CaseEvent, lookups: Lookups) -> str:
    return _("Victim told of the decision: %(decision)s") % {
        "decision": _choice(KeyDecision, event.details.get("decision"))
    }


def _classified(event: CaseEvent, lookups: Lookups) -> str:
    details = event.details or {}
    if "threshold_decision_id" in details:
        if details.get("meets_threshold"):
            return _("Threshold decision: met (the subject's personal data may be recorded)")
        return _("Threshold decision: not met (no personal data about the subject)")
    found = lookups["classifications"].get(details.get("classification_id"))
    name = (
        _("%(name)s (version %(version)s)") % {"name": found.name, "version": found.version}
        if found
        else details.get("code", "")
    )
    return _("Classified as %(name)s") % {"name": name}


def _linked(event: CaseEvent, lookups: Lookups) -> str:
    reference = event.details.get("reference", "")
    if event.details.get("primary"):
        return _("Case opened from report %(reference)s") % {"reference": reference}
    return _("Report %(reference)s added to the case") % {"reference": reference}


def _strands(event: CaseEvent, lookups: Lookups) -> str:
    codes = event.details.get("strands", [])
    names = [lookups["strands"][c].name if c in lookups["strands"] else c for c in codes]
    if not names:
        return _("Staff assessment of strands: none")
    return _("Staff assessment of strands: %(strands)s") % {"strands": ", ".join(names)}


TIMELINE_LABELS: dict[str, LabelFn] = {
    EventKind.NOTE: _note,
    EventKind.CONTACT: _contact,
    EventKind.STATUS_CHANGED: _status,
    EventKind.DECISION: _decision,
    EventKind.VICTIM_INFORMED: _informed,
    EventKind.CLASSIFIED: _classified,
    EventKind.REPORT_LINKED: _linked,
    EventKind.STRANDS_ASSESSED: _strands,
}


def _lookups(events: list[CaseEvent]) -> Lookups:
    user_ids = {e.details.get("assigned_to") for e in events if e.kind == EventKind.NOTE}
    class_ids = {e.details.get("classification_id") for e in events if e.kind == "classified"}
    codes = {c for e in events if e.kind == "strands" for c in e.details.get("strands", [])}
    user_ids.discard(None)
    class_ids.discard(None)
    return {
        "users": {u.pk: u for u in User.objects.filter(pk__in=user_ids)} if user_ids else {},
        "classifications": {c.pk: c for c in Classification.objects.filter(pk__in=class_ids)}
        if class_ids
        else {},
        "strands": {s.code: s for s in Strand.objects.filter(code__in=codes)} if codes else {},
    }


def timeline_rows(events: list[CaseEvent]) -> list[dict[str, Any]]:
    lookups = _lookups(events)
    rows = []
    for event in events:
        label_fn = TIMELINE_LABELS.get(event.kind)
        label = label_fn(event, lookups) if label_fn else event.get_kind_display()
        rows.append(
            {
                "event": event,
                "label": label,
                "text": event.text,
                "shared": event.shared_with_reporter,
            }
        )
    return rows
