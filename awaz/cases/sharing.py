"""What another organisation may see of a case, given consent at this moment.

A case's consent is the consent on its primary report (``CaseReport.is_primary``), recorded
in the reporting app per purpose and recipient kind (``reporting.selectors.consent_allows``).

- The lead organisation sees everything: it received the report.
- An organisation the case was referred to sees the full report only while the referral
  was not anonymised AND consent to share with its kind of organisation is in force now
  (given, not withdrawn, not expired). Otherwise it sees the anonymised view: no name,
  contact details, exact place or free text about people; the area and postcode district
  stay, so it can still plan support.
- An organisation kind with no matching recipient kind (probation, community groups,
  reporting centres, the PCC's office ...) is never covered by a reporter's consent, so
  only an anonymised referral is possible. Reporters were asked about the police, victim
  support, the council, housing and health; anything else would need a consent they never
  gave.

Every share and every view asks again, so a withdrawal stops sharing at once.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.db.models import Case as DbCase
from django.db.models import Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awaz.cases.access import user_can
from awaz.cases.models import Case, CaseReport, Referral, ReferralStatus
from awaz.core.exceptions import NotFound
from awaz.partners.models import Organisation, OrganisationKind
from awaz.partners.selectors import membership_for_user
from awaz.reporting.models import (
    ConsentPurpose,
    ConsentRecord,
    IncidentType,
    RecipientKind,
    Report,
)
from awaz.reporting.selectors import consent_allows, consent_current

# Which reporter consent covers which kind of organisation. Kinds not listed have no
# consent question, so only an anonymised referral is possible for them.
ORGANISATION_RECIPIENT: dict[str, RecipientKind] = {
    OrganisationKind.POLICE: RecipientKind.POLICE,
    OrganisationKind.VICTIM_SUPPORT: RecipientKind.VICTIM_SUPPORT,
    OrganisationKind.COUNCIL: RecipientKind.COUNCIL,
    OrganisationKind.HEALTH: RecipientKind.HEALTH,
}

# Recipient kinds staff may record consent for (the reporter's form asks the same).
SHARE_RECIPIENTS: tuple[RecipientKind, ...] = (
    RecipientKind.POLICE,
    RecipientKind.VICTIM_SUPPORT,
    RecipientKind.COUNCIL,
    RecipientKind.HOUSING,
    RecipientKind.HEALTH,
)

LIVE_REFERRAL = (ReferralStatus.PENDING, ReferralStatus.ACCEPTED)


def recipient_kind_for(organisation: Organisation) -> RecipientKind | None:
    """The consent recipient kind that covers this organisation, or None (none does)."""
    return ORGANISATION_RECIPIENT.get(organisation.kind)


def recipient_phrase(recipient: RecipientKind) -> str:
    """The recipient kind's label to use inside a sentence ("the police")."""
    label = str(recipient.label)
    return label[:1].lower() + label[1:]


def case_primary_report(case: Case) -> Report | None:
    link = CaseReport.objects.select_related("report").filter(case=case, is_primary=True).first()
    return link.report if link is not None else None


# Why consent does not cover a share ---------------------------------------------------


class ConsentState(StrEnum):
    GIVEN = "given"
    NONE = "none"  # never asked or never answered
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"
    NO_RECIPIENT_KIND = "no_recipient_kind"
    NO_REPORT = "no_report"


@dataclass(frozen=True)
class ConsentCheck:
    """Whether consent covers sharing with one organisation now, and if not, why."""

    state: ConsentState
    recipient: RecipientKind | None
    record: ConsentRecord | None = None

    @property
    def allowed(self) -> bool:
        return self.state == ConsentState.GIVEN

    @property
    def explanation(self) -> str:
        """Why sharing the full report is not possible, in words for the caseworker."""
        label = recipient_phrase(self.recipient) if self.recipient is not None else ""
        record = self.record
        if self.state == ConsentState.GIVEN:
            return _("Consent to share with %(recipient)s is in force.") % {"recipient": label}
        if self.state == ConsentState.NO_RECIPIENT_KIND:
            return _(
                "Reporters are not asked for consent to share with this kind of organisation, "
                "so only an anonymised referral is possible."
            )
        if self.state == ConsentState.NO_REPORT:
            return _("This case has no primary report, so there is no consent to share it.")
        if self.state == ConsentState.WITHDRAWN and record is not None:
            return _("Consent to share with %(recipient)s was withdrawn on %(date)s.") % {
                "recipient": label,
                "date": _date(record.recorded_at),
            }
        if self.state == ConsentState.REFUSED:
            return _("The reporter said no to sharing with %(recipient)s.") % {"recipient": label}
        if self.state == ConsentState.EXPIRED and record is not None and record.expires_at:
            return _("Consent to share with %(recipient)s ended on %(date)s.") % {
                "recipient": label,
                "date": _date(record.expires_at),
            }
        return _("Nobody has recorded consent to share with %(recipient)s.") % {"recipient": label}


def _date(moment: datetime.datetime) -> str:
    return date_format(timezone.localtime(moment), "j F Y")


def consent_check(*, report: Report | None, recipient: RecipientKind | None) -> ConsentCheck:
    """Whether consent to share ``report`` with ``recipient`` is in force now, and why not.

    Agrees with ``reporting.selectors.consent_allows`` (asked last, so the answer is
    always the reporting app's own)."""
    if recipient is None:
        return ConsentCheck(ConsentState.NO_RECIPIENT_KIND, None)
    if report is None:
        return ConsentCheck(ConsentState.NO_REPORT, recipient)
    record = consent_current(report=report).get((ConsentPurpose.SHARE, recipient))
    if consent_allows(report=report, purpose=ConsentPurpose.SHARE, recipient=recipient):
        return ConsentCheck(ConsentState.GIVEN, recipient, record)
    if record is None:
        state = ConsentState.NONE
    elif record.granted:
        state = ConsentState.EXPIRED
    elif record.is_withdrawal:
        state = ConsentState.WITHDRAWN
    else:
        state = ConsentState.REFUSED
    return ConsentCheck(state, recipient, record)


def referral_consent_check(*, case: Case, organisation: Organisation) -> ConsentCheck:
    """Whether the full case may be shared with ``organisation`` now."""
    return consent_check(
        report=case_primary_report(case), recipient=recipient_kind_for(organisation)
    )


# What a viewer may see ------------------------------------------------------------------


class ViewLevel(StrEnum):
    FULL = "full"
    ANONYMISED = "anonymised"


ANONYMISED_EXPLAINED = gettext_lazy(
    "You see an anonymised version: no name, contact details, exact place or account in "
    "the reporter's own words, because those are personal data."
)


@dataclass(frozen=True)
class ReportView:
    """The fields of a report a viewer may see. In the anonymised view every personal
    field is empty and ``hidden_reason`` says why."""

    level: ViewLevel
    hidden_reason: str
    reference: str
    submitted_at: datetime.datetime
    channel: str
    reporter_role: str
    is_anonymous: bool
    incident_types: list[str]
    incident_date: datetime.date | None
    is_ongoing: bool
    strands: list[str]
    strand_not_sure: bool
    perception_by: str
    area_name: str
    postcode_district: str
    police_told: str
    support_wanted: list[str]
    # Personal data: empty in the anonymised view.
    what_happened: str = ""
    incident_type_other: str = ""
    strand_other: str = ""
    location_description: str = ""
    postcode: str = ""
    location_point: dict[str, Any] | None = None
    reporter_relationship: str = ""
    victim_details: dict[str, Any] = field(default_factory=dict)
    communication_needs: dict[str, Any] = field(default_factory=dict)
    offender_details: dict[str, Any] = field(default_factory=dict)
    witnesses: str = ""
    police_reference: str = ""
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    contact_methods: list[str] = field(default_factory=list)
    contact_address: str = ""
    contact_safe_times: str = ""

    @property
    def is_full(self) -> bool:
        return self.level == ViewLevel.FULL


def _incident_labels(codes: list[str]) -> list[str]:
    labels = []
    for code in codes or []:
        try:
            labels.append(str(IncidentType(code).label))
        except ValueError:
            labels.append(str(code))
    return labels


def _base_fields(report: Report) -> dict[str, Any]:
    return {
        "reference": report.reference,
        "submitted_at": report.submitted_at,
        "channel": str(report.get_channel_display()),
        "reporter_role": str(report.get_reporter_role_display()),
        "is_anonymous": report.is_anonymous,
        "incident_types": _incident_labels(report.incident_types),
        "incident_date": report.incident_date,
        "is_ongoing": report.is_ongoing,
        "strands": [strand.name for strand in report.strands.all()],
        "strand_not_sure": report.strand_not_sure,
        "perception_by": str(report.get_perception_by_display()) if report.perception_by else "",
        "area_name": report.area.name if report.area_id and report.area else "",
        "postcode_district": report.postcode_district,
        "police_told": str(report.get_police_told_display()) if report.police_told else "",
        "support_wanted": list(report.support_wanted or []),
    }


def _as_dict(value: Any) -> dict[str, Any]:
    return dict(value) if isinstance(value, dict) else {}


def _personal_fields(report: Report) -> dict[str, Any]:
    point: Any = report.location_point
    return {
        "what_happened": report.what_happened,
        "incident_type_other": report.incident_type_other,
        "strand_other": report.strand_other,
        "location_description": report.location_description,
        "postcode": report.postcode,
        "location_point": point if isinstance(point, dict) and point else None,
        "reporter_relationship": report.reporter_relationship,
        "victim_details": _as_dict(report.victim_details),
        "communication_needs": _as_dict(report.communication_needs),
        "offender_details": _as_dict(report.offender_details),
        "witnesses": report.witnesses,
        "police_reference": report.police_reference,
        "contact_name": "" if report.is_anonymous else report.contact_name,
        "contact_email": "" if report.is_anonymous else report.contact_email,
        "contact_phone": "" if report.is_anonymous else report.contact_phone,
        "contact_methods": list(report.contact_methods or []),
        "contact_address": "" if report.is_anonymous else report.contact_address,
        "contact_safe_times": report.contact_safe_times,
    }


def viewer_referral(*, user: Any, case: Case) -> Referral | None:
    """The live referral of ``case`` to the user's organisation, if any (newest)."""
    membership = membership_for_user(user)
    if membership is None:
        return None
    return (
        Referral.objects.filter(
            case=case, to_organisation_id=membership.organisation_id, status__in=LIVE_REFERRAL
        )
        .select_related("to_organisation")
        .order_by("-sent_at", "-id")
        .first()
    )


def view_level_for(*, user: Any, case: Case, report: Report | None = None) -> tuple[ViewLevel, str]:
    """How much of ``report`` (default: the primary report) the user may see now on
    ``case``, and if not all, why. A linked report is covered by its own reporter's
    consent, not the primary reporter's.

    The caller has already authorised the user to see the case (``access_case_by_id``)."""
    membership = membership_for_user(user)
    if membership is not None and membership.organisation_id == case.lead_organisation_id:
        return ViewLevel.FULL, ""
    referral = viewer_referral(user=user, case=case)
    if referral is None:
        return ViewLevel.ANONYMISED, str(ANONYMISED_EXPLAINED)
    if referral.is_anonymised:
        reason = _("The case was referred to you anonymised.")
        return ViewLevel.ANONYMISED, f"{reason} {ANONYMISED_EXPLAINED}"
    check = consent_check(
        report=report if report is not None else case_primary_report(case),
        recipient=recipient_kind_for(referral.to_organisation),
    )
    if not check.allowed:
        return ViewLevel.ANONYMISED, f"{check.explanation} {ANONYMISED_EXPLAINED}"
    return ViewLevel.FULL, ""


def report_view_for(*, user: Any, case: Case, report: Report) -> ReportView:
    """The report as ``user`` may see it on ``case``: everything for the lead organisation;
    for a receiver, everything only while consent covers it now and the referral was not
    anonymised; otherwise the anonymised view. ``report`` must belong to ``case``."""
    if not CaseReport.objects.filter(case=case, report=report).exists():
        raise ValueError("the report is not part of this case")
    level, reason = view_level_for(user=user, case=case, report=report)
    fields = _base_fields(report)
    if level == ViewLevel.FULL:
        fields.update(_personal_fields(report))
    return ReportView(level=level, hidden_reason=reason, **fields)


# Referrals a user may see ---------------------------------------------------------------


def referrals_received_for(*, user: Any) -> QuerySet[Referral]:
    """Referrals to the user's organisation, waiting ones first, then newest; with what the
    list shows in the same query (no encrypted column is read)."""
    membership = membership_for_user(user)
    if membership is None or not user_can(user, "case.refer"):
        return Referral.objects.none()
    waiting_first = DbCase(When(status=ReferralStatus.PENDING, then=Value(0)), default=Value(1))
    return (
        Referral.objects.filter(to_organisation_id=membership.organisation_id)
        .select_related("case", "from_organisation")
        .only(
            "id",
            "status",
            "sent_at",
            "decided_at",
            "is_anonymised",
            "case__id",
            "case__reference",
            "from_organisation__id",
            "from_organisation__name",
        )
        .order_by(waiting_first, "-sent_at", "-id")
    )


def case_referrals(*, case: Case) -> list[Referral]:
    """Every referral of the case, newest first, with both organisations."""
    return list(
        Referral.objects.filter(case=case)
        .select_related("from_organisation", "to_organisation", "decided_by")
        .order_by("-sent_at", "-id")
    )


def access_referral_by_id(user: Any, referral_id: int) -> Referral:
    """A referral to the user's organisation, or of a case it leads; ``NotFound`` for
    missing and not yours alike."""
    membership = membership_for_user(user)
    if membership is None or not user_can(user, "case.refer"):
        raise NotFound(target_type="cases.referral", target_id=referral_id)
    org_id = membership.organisation_id
    referral = (
        Referral.objects.select_related("case", "from_organisation", "to_organisation")
        .filter(pk=referral_id)
        .filter(Q(to_organisation_id=org_id) | Q(case__lead_organisation_id=org_id))
        .first()
    )
    if referral is None:
        raise NotFound(target_type="cases.referral", target_id=referral_id)
    return referral
