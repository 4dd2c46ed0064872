"""What a returning reporter can do with their reference and follow-up code.

- ``followup_code_check``: the code opens the report or nothing. A wrong code, an unknown
  reference and a malformed one take the same path (the hash is always computed and
  compared in constant time), so the answer reveals nothing about which references exist.
- ``followup_throttle_*``: failed attempts are counted in the shared cache per address
  and reference together (tight: one address guessing one report's code is soon stopped),
  per reference from any address (stops a guesser who spreads over many addresses, but is
  looser, so one stranger cannot lock a reporter out of their own report), and per address
  alone with a much higher ceiling (several reporters at one reporting-centre PC share an
  address, and each other's mistakes must not lock them out). Unknown references count
  exactly like real ones, so a refusal reveals nothing.
- ``report_information_add``, ``report_consent_change_by_reporter``: the two changes a
  reporter can make; each is a timeline entry with an audit row in the same transaction
  (files added go through ``services.evidence``).
- ``report_followup_code_reissue``: a lost code is replaced and sent to the e-mail address
  given in the report, only when the address given now matches it. Nothing is shown on
  screen, so the caller always answers with the same neutral page.
"""

from __future__ import annotations

import hmac
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awaz.audit.events import AuditEventType
from awaz.audit.services import PUBLIC, audit_record
from awaz.core.crypto import blind_index, decrypt_str, encrypt_str, normalise_email
from awaz.core.exceptions import ApplicationError
from awaz.core.throttle import Counter, throttle_address, throttle_exceeded, throttle_hit
from awaz.reporting import codes
from awaz.reporting.models import (
    ConsentMethod,
    ConsentPurpose,
    ConsentRecord,
    EntryKind,
    RecipientKind,
    Report,
    ReportEntry,
    ReporterRole,
)
from awaz.reporting.selectors import consent_current
from awaz.reporting.services.consent import consent_record
from awaz.reporting.services.evidence import evidence_add, evidence_files_delete

# Compared against when no report has the reference, so both paths do the same work.
_NO_MATCH = "0" * 64

# Throttle buckets: the code check and the lost-code form count separately.
CHECK = "check"
REISSUE = "reissue"


# Throttling -----------------------------------------------------------------------------


@dataclass(frozen=True)
class AttemptKeys:
    """Who is trying which reference, as keyed hashes (the cache holds neither the address
    nor the reference): the client's IP address and the reference typed ("" if none)."""

    ip: str
    reference: str

    @classmethod
    def build(cls, *, ip_address: str, reference: str) -> AttemptKeys:
        ip = throttle_address(ip_address)
        typed = codes.normalise_reference(reference) if reference.strip() else ""
        return cls(
            ip=blind_index("throttle-ip", ip),
            reference=blind_index("throttle-reference", typed) if typed else "",
        )

    def counters(self, bucket: str) -> list[Counter]:
        limits = settings.AWAZ_FOLLOWUP_ATTEMPTS
        window = settings.AWAZ_FOLLOWUP_WINDOW
        prefix = f"awaz:followup:{bucket}"
        counters = [Counter(f"{prefix}:ip:{self.ip}", limits["ip"], window)]
        if self.reference:
            counters += [
                Counter(f"{prefix}:ref:{self.reference}", limits["reference"], window),
                Counter(
                    f"{prefix}:ipref:{self.ip}:{self.reference}", limits["ip_reference"], window
                ),
            ]
        return counters


def followup_throttle_exceeded(*, attempt: AttemptKeys, bucket: str) -> bool:
    """Whether this address, this reference or the two together have used up their
    attempts in the current window."""
    return throttle_exceeded(attempt.counters(bucket))


def followup_throttle_hit(*, attempt: AttemptKeys, bucket: str) -> None:
    """Count one attempt (each counter's window starts at its first attempt)."""
    throttle_hit(attempt.counters(bucket))


# Checking a code ------------------------------------------------------------------------


def followup_code_check(*, reference: str, code: str) -> Report | None:
    """The report if ``code`` is its current follow-up code; otherwise None.

    Does the same work whether or not the reference exists: one lookup, one keyed hash,
    one constant-time comparison. Audits nothing on failure (a stranger's guess must not
    be tied to a real report); the caller counts failures against the client.
    """
    normalised = codes.normalise_reference(reference)
    report = Report.objects.filter(reference=normalised).first()
    typed_hash = codes.followup_code_hash(code)
    stored = report.followup_code_hash if report is not None else _NO_MATCH
    matches = hmac.compare_digest(typed_hash.encode(), stored.encode())
    if report is None or not matches or not typed_hash:
        return None
    return report


@transaction.atomic(durable=True)
def report_followup_open(*, report: Report) -> None:
    """Record that the reporter opened their report with the code."""
    audit_record(
        event_type=AuditEventType.REPORT_FOLLOWUP_VIEWED,
        actor=PUBLIC,
        target_type="reporting.report",
        target_id=report.pk,
        details={"via": "followup_code"},
    )


# Changes by the reporter ----------------------------------------------------------------


class InformationEmpty(ApplicationError):
    default_message = _("Enter the information you want to add, or choose a file")


@transaction.atomic(durable=True)
def report_information_add(
    *, report: Report, text: str, files: Sequence[UploadedFile] = ()
) -> ReportEntry:
    """Add the reporter's new information (text, files or both) to the report's timeline.

    Each file goes through the evidence checks; if one is refused (``EvidenceRejected``)
    nothing is added, and files already stored for this entry are removed again.
    """
    text = text.strip()
    if not text and not files:
        raise InformationEmpty()
    entry = ReportEntry.objects.create(
        report=report,
        kind=EntryKind.INFORMATION_ADDED,
        text=text,
        by_reporter=True,
        created_at=timezone.now(),
    )
    stored: list[str] = []
    try:
        for upload in files:
            evidence = evidence_add(upload=upload, actor=PUBLIC, report=report, entry=entry)
            stored.append(evidence.storage_name)
    except Exception:
        evidence_files_delete(stored)
        raise
    audit_record(
        event_type=AuditEventType.REPORT_INFORMATION_ADDED,
        actor=PUBLIC,
        target_type="reporting.report",
        target_id=report.pk,
        details={"entry_id": entry.pk, "characters": len(text), "files": len(stored)},
    )
    return entry


def consent_choices_for(*, report: Report) -> list[tuple[ConsentPurpose, RecipientKind]]:
    """The consent decisions a reporter can change: sharing with the police, victim support
    and the council; being contacted (not for anonymous reports, which have no contact
    details); and any other decision already recorded for the report."""
    pairs: list[tuple[ConsentPurpose, RecipientKind]] = [
        (ConsentPurpose.SHARE, RecipientKind.POLICE),
        (ConsentPurpose.SHARE, RecipientKind.VICTIM_SUPPORT),
        (ConsentPurpose.SHARE, RecipientKind.COUNCIL),
    ]
    if not report.is_anonymous:
        pairs.append((ConsentPurpose.CONTACT, RecipientKind.RECEIVING_ORGANISATION))
    for purpose, kind in consent_current(report=report):
        pair = (ConsentPurpose(purpose), RecipientKind(kind))
        if pair not in pairs:
            pairs.append(pair)
    return pairs


@transaction.atomic(durable=True)
def report_consent_change_by_reporter(
    *, report: Report, decisions: dict[tuple[ConsentPurpose, RecipientKind], bool]
) -> list[ConsentRecord]:
    """Record the reporter's own consent decisions, made online.

    A decision is recorded only where it changes what is in force; "no" where nothing was
    ever recorded stays as it was (no consent). A withdrawal stops sharing at once.
    """
    current = consent_current(report=report)
    changed = {
        pair: granted
        for pair, granted in decisions.items()
        if not (pair not in current and not granted)
    }
    return consent_record(
        report=report,
        decisions=changed,
        method=ConsentMethod.ONLINE,
        given_by=ReporterRole(report.reporter_role),
        actor=PUBLIC,
    )


# A lost code ------------------------------------------------------------------------------


def _mail_purpose(report_id: int) -> str:
    return f"reporting.followup-code-mail:{report_id}"


def followup_code_send(*, report_id: int, sealed_code: str, followup_url: str) -> bool:
    """Send a re-issued code to the report's e-mail address (run by a background job, so
    the page answers as fast whether or not the details matched). The job's arguments hold
    no personal data and the code only sealed; a code replaced since is not sent."""
    report = Report.objects.filter(pk=report_id).first()
    if report is None or not report.contact_email:
        return False
    code = decrypt_str(sealed_code, purpose=_mail_purpose(report_id))
    if not hmac.compare_digest(codes.followup_code_hash(code), report.followup_code_hash):
        return False
    context = {
        "code": codes.format_followup_code(code),
        "followup_url": followup_url,
        "service_name": settings.AWAZ_SERVICE_NAME,
    }
    send_mail(
        render_to_string("reporting/followup/email/new_code_subject.txt", context).strip(),
        render_to_string("reporting/followup/email/new_code.txt", context),
        None,
        [report.contact_email],
    )
    return True


def _queue_send(*, report_id: int, sealed_code: str, followup_url: str) -> None:
    from awaz.reporting.tasks import send_followup_code  # tasks import this module

    send_followup_code.delay(report_id, sealed_code, followup_url)


@transaction.atomic(durable=True)
def report_followup_code_reissue(*, reference: str, email: str, followup_url: str) -> bool:
    """Replace the follow-up code and e-mail the new one, if ``email`` is the address given
    in the report; return whether it was sent (for tests and logs: never show it).

    The old code stops working at once. Anonymous reports have no address, so never match.
    """
    normalised = codes.normalise_reference(reference)
    report = Report.objects.select_for_update().filter(reference=normalised).first()
    typed_index = blind_index("email", normalise_email(email))
    stored = report.email_index if report is not None and report.email_index else _NO_MATCH
    matches = hmac.compare_digest(typed_index.encode(), stored.encode())
    if report is None or report.is_anonymous or not typed_index or not matches:
        return False
    if not report.contact_email:
        return False
    code = codes.new_followup_code()
    now = timezone.now()
    report.followup_code_hash = codes.followup_code_hash(code)
    report.followup_code_issued_at = now
    report.save(update_fields=["followup_code_hash", "followup_code_issued_at", "modified_at"])
    ReportEntry.objects.create(
        report=report, kind=EntryKind.CODE_REISSUED, by_reporter=True, created_at=now
    )
    audit_record(
        event_type=AuditEventType.REPORT_FOLLOWUP_CODE_REISSUED,
        actor=PUBLIC,
        target_type="reporting.report",
        target_id=report.pk,
        details={"sent_to": "email"},
    )
    sealed = encrypt_str(code, purpose=_mail_purpose(report.pk))
    report_id = report.pk
    transaction.on_commit(
        lambda: _queue_send(report_id=report_id, sealed_code=sealed, followup_url=followup_url)
    )
    return True
