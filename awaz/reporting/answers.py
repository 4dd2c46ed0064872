"""The answers of one report, as a plain value passed from the journey (or an assisted
recording, or the demo generator) to ``report_submit``.

Keys of the dict forms (``victim_details`` ...) are documented on each field. Everything is
optional except what happened, its types, and who is reporting.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any


@dataclass
class ReportAnswers:
    # Who is reporting: "victim" | "witness" | "on_behalf" (ReporterRole)
    reporter_role: str
    # IncidentType codes, at least one
    incident_types: list[str]
    # The account in the reporter's words
    what_happened: str
    reporter_relationship: str = ""  # when on_behalf: e.g. "parent", "friend", in words
    reporter_is_under_18: bool = False
    # When the victim's answers about their age disagreed, which they said is right when
    # asked: "" (no disagreement), "under_18" or "18_or_over".
    age_confirmed: str = ""
    incident_type_other: str = ""
    # When: a date, optional time, or ongoing
    incident_date: datetime.date | None = None
    incident_time: datetime.time | None = None
    is_ongoing: bool = False
    # Where
    location_description: str = ""
    postcode: str = ""  # as typed; validated for format by the form
    location_point: tuple[float, float] | None = None  # (lat, lon) from "use my location"
    # Why: Strand codes the reporter perceives; "not sure" allowed
    strand_codes: list[str] = field(default_factory=list)
    strand_not_sure: bool = False
    strand_other: str = ""
    perception_by: str = ""  # PerceptionBy
    # About the victim: {"age_band", "gender", "ethnicity", "disability", "religion",
    # "sexual_orientation"}; each value a code or "prefer_not_to_say"
    victim_details: dict[str, Any] = field(default_factory=dict)
    # {"language": str, "interpreter": bool, "bsl": bool, "easy_read": bool}
    communication_needs: dict[str, Any] = field(default_factory=dict)
    # {"count": "1"|"2"|"3_or_more"|"not_sure", "known_to_victim": "yes"|"no"|"not_sure",
    #  "description": str}
    offender_details: dict[str, Any] = field(default_factory=dict)
    witnesses: str = ""
    police_told: str = ""  # PoliceTold
    police_reference: str = ""
    support_wanted: list[str] = field(default_factory=list)
    # Consent: {(purpose, recipient_kind): granted} using ConsentPurpose/RecipientKind values
    consents: dict[tuple[str, str], bool] = field(default_factory=dict)
    # Contact; all empty (and is_anonymous) for a fully anonymous report
    is_anonymous: bool = False
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    contact_methods: list[str] = field(
        default_factory=list
    )  # "email" | "phone" | "text" | "letter"
    contact_address: str = ""  # postal address, for "letter"
    contact_safe_times: str = ""
