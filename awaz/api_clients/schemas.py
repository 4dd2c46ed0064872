"""The partner API's request and response bodies. Requests are strict: an unknown field is
refused (422), so a partner's typo never goes unnoticed."""

from __future__ import annotations

import datetime
from typing import Annotated

from ninja import Schema
from pydantic import AfterValidator, ConfigDict, Field

MAX_TEXT = 5000
MAX_ITEMS = 20


def _encodable(value: str) -> str:
    """Text that can be stored: no lone surrogates (JSON can carry them, UTF-8 cannot)."""
    value.encode("utf-8")
    return value


Text = Annotated[str, Field(max_length=MAX_TEXT), AfterValidator(_encodable)]
Code = Annotated[str, Field(max_length=40), AfterValidator(_encodable)]
Codes = Annotated[list[Code], Field(max_length=MAX_ITEMS)]


class Strict(Schema):
    model_config = ConfigDict(extra="forbid")


class ReportIn(Strict):
    """A whole report, with the questions and rules of the reporting journey (as a
    reporting centre records one): codes are the journey's answer values."""

    channel: Code = Field(description="How the person reported to you: phone or in_person")
    reporter_role: Code = Field(description="victim, witness or on_behalf")
    reporter_relationship: Text = Field("", description="When on_behalf: who they are to them")
    reporter_is_under_18: Code = Field(description="yes or no")
    incident_types: Codes = Field(description="verbal_abuse, threats, physical_assault, ...")
    incident_type_other: Text = ""
    what_happened: Text = Field(description="The account, in the person's words")
    incident_date: datetime.date | None = None
    incident_time: Code = Field("", description="Approximate time, like 14:30 or 2:30pm")
    is_ongoing: bool = False
    location_description: Text = ""
    postcode: Code = ""
    strands: Codes = Field(description="Strand codes, other or not_sure")
    strand_other: Text = ""
    perception_by: Code = Field("", description="Whose view it is: victim or other")
    age_band: Code = ""
    age_check: Code = Field("", description="When the age answers disagree: which is right")
    gender: Code = ""
    disability: Code = ""
    ethnicity: Code = ""
    religion: Code = ""
    sexual_orientation: Code = ""
    needs: Codes = Field(default_factory=list, description="interpreter, bsl, easy_read")
    language: Text = ""
    offender_count: Code = ""
    offender_known: Code = ""
    offender_description: Text = ""
    witnesses: Text = ""
    police_told: Code = Field(description="yes, no or not_sure")
    police_reference: Text = ""
    support_wanted: Codes = Field(description="emotional, practical, ... or none")
    share_police: Code = Field(description="yes or no")
    share_victim_support: Code = Field(description="yes or no")
    share_council: Code = Field(description="yes or no")
    wants_contact: Code = Field(description="yes or no")
    contact_name: Text = ""
    contact_methods: Codes = Field(default_factory=list, description="email, phone, text, letter")
    contact_address: Text = ""
    contact_email: Text = ""
    contact_phone: Code = ""
    contact_safe_times: Text = ""


class ReportCreated(Schema):
    reference: str
    status: str
    submitted_at: datetime.datetime
    followup_code: str = Field(
        description="For the person to follow their report up; only in this response"
    )


class ReportStatusOut(Schema):
    reference: str
    status: str
    submitted_at: datetime.datetime


class RowErrorOut(Schema):
    row: int = Field(description="Row in the file (0: the file as a whole)")
    column: str
    reason: str


class ImportJobOut(Schema):
    id: int
    source: int
    file_name: str
    status: str
    failure: str = Field(description="Why nothing was imported, if it failed")
    rows_checked: int
    rows_saved: int
    rows_updated: int
    rows_unchanged: int
    rows_error: int
    records_missing: int
    errors: list[RowErrorOut] = Field(description="The first errors found, by row")


class Message(Schema):
    detail: str


class FieldError(Schema):
    loc: list[str | int]
    msg: str
    type: str


class ValidationErrors(Schema):
    detail: list[FieldError]
