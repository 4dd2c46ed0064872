"""Submitting a report: the moment answers become a report.

``report_submit`` is the entry service for the public journey, assisted recording by a
reporting centre, and the demo generator. It commits before it returns (durable atomic), so
a reference is only ever shown for a stored report. It is idempotent on ``submission_key``
(the hash of the draft token): submitting the same draft twice, even concurrently, stores
one report and returns it both times.

``report_create`` does the same inside the caller's transaction, for a service that stores
many reports all or nothing (an import of a partner's records: ``awaz.imports``).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awaz.audit.events import AuditEventType
from awaz.audit.services import Actor, audit_record
from awaz.core.crypto import blind_index, normalise_email, normalise_name, normalise_phone
from awaz.core.exceptions import ApplicationError
from awaz.geo import selectors as geo
from awaz.geo.models import Area
from awaz.partners.models import Organisation
from awaz.reporting import codes
from awaz.reporting.answers import ReportAnswers
from awaz.reporting.models import (
    Channel,
    ConsentMethod,
    ConsentPurpose,
    EntryKind,
    Evidence,
    LocationSource,
    RecipientKind,
    Report,
    ReportDraft,
    ReportEntry,
    ReporterRole,
    ReportingHub,
    Strand,
)
from awaz.reporting.services.consent import consent_record
from awaz.reporting.services.facts import incident_facts_record

_REFERENCE_ATTEMPTS = 8

MSG_NO_HUB = _("No organisation is set up to receive reports. Please try again later.")
MSG_NO_CONTACT = _(
    "To be contacted, give at least one way to contact you, with its details (an email "
    "address, a phone number or a postal address), or choose to stay anonymous."
)

# What each way of contact needs: the ReportAnswers field holding its details.
CONTACT_DETAIL_FOR_METHOD = {
    "email": "contact_email",
    "phone": "contact_phone",
    "text": "contact_phone",
    "letter": "contact_address",
}


def _find_submitted(submission_key: str) -> Report | None:
    """The report already stored for this submission key, if any."""
    return Report.objects.filter(submission_key=submission_key).first()


def _code_shown_before(report: Report, submission_key: str) -> str:
    """The follow-up code kept (encrypted) on the draft for the resubmit window, or ""."""
    draft = ReportDraft.objects.filter(token_hash=submission_key, report=report).first()
    return draft.followup_code if draft is not None else ""


def hub_for_area(area: Area | None) -> Organisation:
    """The organisation receiving online reports from ``area``: the hub of the area or of
    the nearest area containing it, else the default hub."""
    if area is not None:
        chain = geo.area_ancestors(area)  # county first
        hubs = {
            hub.area_id: hub
            for hub in ReportingHub.objects.filter(area_id__in=[a.pk for a in chain])
            .select_related("organisation")
            .order_by()
        }
        for candidate in reversed(chain):
            if candidate.pk in hubs:
                return hubs[candidate.pk].organisation
    default = ReportingHub.objects.filter(is_default=True).select_related("organisation").first()
    if default is None:
        raise ApplicationError(MSG_NO_HUB)
    return default.organisation


def _postcode_district(postcode: str) -> str:
    normalised = geo.normalise_postcode(postcode) if postcode else ""
    return normalised.split(" ")[0][:4] if " " in normalised else ""


def _place(answers: ReportAnswers, channel: str) -> dict[str, Any]:
    """Exact point (kept encrypted), its source, the 50 m grid square and the area."""
    return report_places([answers], channel)[0]


def report_places(answers: list[ReportAnswers], channel: str) -> list[dict[str, Any]]:
    """``_place`` of many reports' answers at once (a bulk import): the postcodes are
    looked up in one query and the areas found in one pass over the boundaries."""
    postcodes = {
        geo.normalise_postcode(a.postcode)
        for a in answers
        if a.location_point is None and a.postcode
    }
    known = geo.postcode_points(sorted(postcodes)) if postcodes else {}
    points: list[tuple[tuple[float, float], LocationSource] | None] = []
    for a in answers:
        if a.location_point is not None:
            point = (float(a.location_point[0]), float(a.location_point[1]))
            source = LocationSource.DEVICE if channel == Channel.ONLINE else LocationSource.STAFF
            points.append((point, source))
        elif a.postcode and geo.normalise_postcode(a.postcode) in known:
            points.append((known[geo.normalise_postcode(a.postcode)], LocationSource.POSTCODE))
        else:
            points.append(None)
    found = [p[0] for p in points if p is not None]
    area_ids = geo.area_ids_for_points(points=found) if found else []
    areas = Area.objects.in_bulk({i for i in area_ids if i is not None})
    places: list[dict[str, Any]] = []
    ids = iter(area_ids)
    for placed in points:
        if placed is None:
            places.append({"location_point": None, "location_source": LocationSource.NONE})
            continue
        (lat, lon), how = placed
        area_id = next(ids)
        easting, northing = geo.grid_square(lat=lat, lon=lon)
        places.append(
            {
                "location_point": {"lat": round(lat, 6), "lon": round(lon, 6)},
                "location_source": how,
                "grid_easting": easting,
                "grid_northing": northing,
                "area": areas.get(area_id) if area_id is not None else None,
            }
        )
    return places


def contact_is_usable(answers: ReportAnswers) -> bool:
    """Whether someone can act on "you can contact me": at least one way chosen, and each
    chosen way with its details."""
    methods = list(answers.contact_methods)
    return bool(methods) and all(
        method in CONTACT_DETAIL_FOR_METHOD
        and str(getattr(answers, CONTACT_DETAIL_FOR_METHOD[method])).strip()
        for method in methods
    )


def _consent_decisions(answers: ReportAnswers) -> dict[tuple[ConsentPurpose, RecipientKind], bool]:
    decisions: dict[tuple[ConsentPurpose, RecipientKind], bool] = {}
    for (purpose, kind), granted in answers.consents.items():
        decisions[(ConsentPurpose(purpose), RecipientKind(kind))] = bool(granted)
    contact = (ConsentPurpose.CONTACT, RecipientKind.RECEIVING_ORGANISATION)
    if answers.is_anonymous:
        decisions[contact] = False
    elif contact not in decisions:
        # Contact details given to be contacted: consent to contact by the receiver.
        decisions[contact] = bool(
            answers.contact_email or answers.contact_phone or answers.contact_address
        )
    return decisions


def _contact(answers: ReportAnswers) -> dict[str, Any]:
    if answers.is_anonymous:
        return {"is_anonymous": True}
    name, email, phone = answers.contact_name, answers.contact_email, answers.contact_phone
    return {
        "is_anonymous": False,
        "contact_name": name,
        "contact_email": email,
        "contact_phone": phone,
        "contact_methods": list(answers.contact_methods),
        "contact_address": answers.contact_address,
        "contact_safe_times": answers.contact_safe_times,
        "email_index": blind_index("email", normalise_email(email)) if email else "",
        "phone_index": blind_index("phone", normalise_phone(phone)) if phone else "",
        "name_index": blind_index("name", normalise_name(name)) if name else "",
    }


def report_fields(
    *,
    answers: ReportAnswers,
    channel: Channel | str,
    actor: Actor,
    moment: datetime.datetime,
    place: dict[str, Any],
    recorded_by_organisation: Organisation | None,
    receiving_organisation: Organisation,
    followup_code: str,
) -> dict[str, Any]:
    """The columns of a new report (all but its reference and submission key), shared by
    ``report_create`` and the bulk path of imports (``reports_create_bulk``)."""
    return {
        "followup_code_hash": codes.followup_code_hash(followup_code),
        "followup_code_issued_at": moment,
        "submitted_at": moment,
        "channel": channel,
        "recorded_by_organisation": recorded_by_organisation,
        "receiving_organisation": receiving_organisation,
        "created_by_id": actor.user_id if channel != Channel.ONLINE else None,
        "reporter_role": answers.reporter_role,
        "reporter_relationship": answers.reporter_relationship,
        "reporter_is_under_18": answers.reporter_is_under_18,
        "age_confirmed": answers.age_confirmed,
        "incident_types": list(answers.incident_types),
        "incident_type_other": answers.incident_type_other,
        "what_happened": answers.what_happened,
        "incident_date": answers.incident_date,
        "incident_time": answers.incident_time,
        "is_ongoing": answers.is_ongoing,
        "location_description": answers.location_description,
        "postcode": geo.normalise_postcode(answers.postcode) if answers.postcode else "",
        "postcode_district": _postcode_district(answers.postcode),
        "strand_not_sure": answers.strand_not_sure,
        "strand_other": answers.strand_other,
        "perception_by": answers.perception_by,
        "victim_details": dict(answers.victim_details),
        "communication_needs": dict(answers.communication_needs),
        "offender_details": dict(answers.offender_details),
        "witnesses": answers.witnesses,
        "police_told": answers.police_told,
        "police_reference": answers.police_reference,
        "support_wanted": list(answers.support_wanted),
        **place,
        **_contact(answers),
    }


def _create(*, submission_key: str, fields: dict[str, Any]) -> Report | None:
    """Insert the report under a new reference; None if this submission key already won."""
    for _attempt in range(_REFERENCE_ATTEMPTS):
        reference = codes.new_reference()
        if Report.objects.filter(reference=reference).exists():
            continue
        try:
            with transaction.atomic():
                return Report.objects.create(
                    reference=reference, submission_key=submission_key, **fields
                )
        except IntegrityError:
            # Either another request stored this submission first (it has committed: the
            # unique index made us wait for it), or the reference was taken meanwhile.
            if _find_submitted(submission_key) is not None:
                return None
    raise ApplicationError(_("Could not store the report. Please try again."))


@transaction.atomic(durable=True)
def report_submit(
    *,
    answers: ReportAnswers,
    submission_key: str,
    channel: Channel | str,
    actor: Actor,
    consent_method: ConsentMethod | str = ConsentMethod.ONLINE,
    recorded_by_organisation: Organisation | None = None,
    receiving_organisation: Organisation | None = None,
    evidence: list[Evidence] | None = None,
    submitted_at: datetime.datetime | None = None,
) -> tuple[Report, str]:
    """Store a report from ``answers``; return it and its follow-up code.

    Idempotent: if a report with ``submission_key`` exists (a double click, back and
    resubmit, a retry, a concurrent request), that report is returned with the code kept on
    its draft for the resubmit window ("" when no draft keeps it: the code is never stored
    in clear). ``receiving_organisation`` None routes by area through ``ReportingHub``.
    ``submitted_at`` is for demo data and imports only.
    """
    return report_create(
        answers=answers,
        submission_key=submission_key,
        channel=channel,
        actor=actor,
        consent_method=consent_method,
        recorded_by_organisation=recorded_by_organisation,
        receiving_organisation=receiving_organisation,
        evidence=evidence,
        submitted_at=submitted_at,
    )


@transaction.atomic
def report_create(
    *,
    answers: ReportAnswers,
    submission_key: str,
    channel: Channel | str,
    actor: Actor,
    consent_method: ConsentMethod | str | None = ConsentMethod.ONLINE,
    recorded_by_organisation: Organisation | None = None,
    receiving_organisation: Organisation | None = None,
    evidence: list[Evidence] | None = None,
    submitted_at: datetime.datetime | None = None,
    area: Area | None = None,
) -> tuple[Report, str]:
    """``report_submit`` inside the caller's transaction (the same checks, facts, timeline,
    consent and audit), for services that store many reports all or nothing.

    ``consent_method`` None records no consent decision: the person never gave one to
    Awaz (a record imported from a partner's own system), and no decision means no consent
    (``selectors.consent_allows``). ``area`` places a report that has no point (a partner's
    record that gives only an area code); a point, when there is one, decides.
    """
    existing = _find_submitted(submission_key)
    if existing is not None:
        return existing, _code_shown_before(existing, submission_key)
    # A person telling Awaz who they are is asking to be contacted, so a way to do it must
    # be behind it; a partner's record (no consent given to Awaz) asks nothing of the kind.
    wants_contact = consent_method is not None and not answers.is_anonymous
    if wants_contact and not contact_is_usable(answers):
        raise ApplicationError(MSG_NO_CONTACT, extra={"field": "contact_methods"})

    now = timezone.now()
    moment = submitted_at or now
    place = _place(answers, str(channel))
    if area is not None and place.get("area") is None:
        place["area"] = area
    receiver = receiving_organisation or hub_for_area(place.get("area"))
    code = codes.new_followup_code()
    fields = report_fields(
        answers=answers,
        channel=channel,
        actor=actor,
        moment=moment,
        place=place,
        recorded_by_organisation=recorded_by_organisation,
        receiving_organisation=receiver,
        followup_code=code,
    )
    report = _create(submission_key=submission_key, fields=fields)
    if report is None:
        stored = _find_submitted(submission_key)
        assert stored is not None
        return stored, _code_shown_before(stored, submission_key)

    if answers.strand_codes:
        report.strands.set(Strand.objects.filter(code__in=answers.strand_codes))
    incident_facts_record(report)
    if evidence:
        Evidence.objects.filter(pk__in=[e.pk for e in evidence], report__isnull=True).update(
            report=report
        )
    ReportEntry.objects.create(
        report=report,
        kind=EntryKind.SUBMITTED,
        by_reporter=channel == Channel.ONLINE,
        created_at=moment,
        created_by_id=actor.user_id if channel != Channel.ONLINE else None,
    )
    decisions = _consent_decisions(answers) if consent_method is not None else {}
    if decisions and consent_method is not None:
        consent_record(
            report=report,
            decisions=decisions,
            method=ConsentMethod(consent_method),
            given_by=ReporterRole(answers.reporter_role),
            actor=actor,
            recorded_by=actor.user if channel != Channel.ONLINE else None,
            timeline=False,
        )
    audit_record(
        event_type=AuditEventType.REPORT_SUBMITTED,
        actor=actor,
        target_type="reporting.report",
        target_id=report.pk,
        details={
            "channel": str(channel),
            "evidence_files": len(evidence or []),
            "anonymous": answers.is_anonymous,
        },
    )
    # The same browser sees the same reference and code again for the resubmit window.
    ReportDraft.objects.filter(token_hash=submission_key).update(
        report=report,
        followup_code=code,
        expires_at=now + settings.AWAZ_RESUBMIT_WINDOW,
    )
    return report, code
