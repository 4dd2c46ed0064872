"""API clients' writes: making and revoking a client (administrators), recording each call,
and what the partner API's calls store (a report, an extract to import)."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass
from typing import Any, cast

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awaz.api_clients.access import organisation_for
from awaz.api_clients.exceptions import AnswersInvalid, IdempotencyKeyReused
from awaz.api_clients.models import ApiClient, ApiImport, ApiSubmission, Scope
from awaz.api_clients.selectors import TARGET, api_submission_find
from awaz.api_clients.tokens import token_hash, token_new
from awaz.audit.events import AuditEventType
from awaz.audit.services import Actor, audit_record
from awaz.core.exceptions import ApplicationError, NotFound
from awaz.imports.access import access_source_by_id
from awaz.imports.models import ImportRun
from awaz.imports.services import import_confirm, import_upload
from awaz.reporting.forms.flat import answers_from_flat
from awaz.reporting.models import Channel, ConsentMethod, Report
from awaz.reporting.services.submission import report_submit

MAX_LIFETIME = datetime.timedelta(days=366)
MSG_NO_SCOPES = _("Select at least one thing the client may do")
MSG_EXPIRY_PAST = _("The expiry date must be in the future")
MSG_EXPIRY_FAR = _("The expiry date must be within a year")
MSG_NAME_TAKEN = _("Your organisation already has a client with this name")
MSG_REVOKED = _("This client has already been revoked")


@transaction.atomic(durable=True)
def api_client_create(
    *, name: str, scopes: list[str], expires_at: datetime.datetime, actor: Any
) -> tuple[ApiClient, str]:
    """A client for the administrator's organisation, and its token: shown once, never
    stored (only its prefix and HMAC are kept)."""
    organisation = organisation_for(actor, "api_client.manage")
    chosen = sorted({Scope(s).value for s in scopes})
    if not chosen:
        raise ApplicationError(MSG_NO_SCOPES, extra={"field": "scopes"})
    now = timezone.now()
    if expires_at <= now:
        raise ApplicationError(MSG_EXPIRY_PAST, extra={"field": "expires_at"})
    if expires_at > now + MAX_LIFETIME:
        raise ApplicationError(MSG_EXPIRY_FAR, extra={"field": "expires_at"})
    if ApiClient.objects.filter(organisation=organisation, name=name).exists():
        raise ApplicationError(MSG_NAME_TAKEN, extra={"field": "name"})
    token, prefix = token_new()
    client = ApiClient.objects.create(
        organisation=organisation,
        name=name,
        token_prefix=prefix,
        token_hash=token_hash(token),
        scopes=chosen,
        expires_at=expires_at,
        created_by=actor,
        modified_by=actor,
    )
    audit_record(
        event_type=AuditEventType.API_CLIENT_CREATED,
        actor=Actor(user=actor, organisation=organisation),
        target_type=TARGET,
        target_id=client.pk,
        details={"name": name, "scopes": chosen, "expires_at": expires_at.isoformat()},
    )
    return client, token


@transaction.atomic(durable=True)
def api_client_revoke(*, client: ApiClient, actor: Any) -> ApiClient:
    organisation = organisation_for(actor, "api_client.manage")
    client = ApiClient.objects.select_for_update().get(pk=client.pk)
    if client.organisation_id != organisation.pk:
        raise NotFound(target_type=TARGET, target_id=client.pk)
    if client.revoked_at is not None:
        raise ApplicationError(MSG_REVOKED)
    client.revoked_at = timezone.now()
    client.revoked_by = actor
    client.modified_by = actor
    client.save()
    audit_record(
        event_type=AuditEventType.API_CLIENT_REVOKED,
        actor=Actor(user=actor, organisation=organisation),
        target_type=TARGET,
        target_id=client.pk,
        details={"name": client.name},
    )
    return client


def client_actor(client: ApiClient) -> Actor:
    """Calls act for the administrator who made the client, in its organisation."""
    return Actor(user=client.created_by, organisation=client.organisation)


def api_call_record(
    *, client: ApiClient | None, method: str, path: str, status: int, refusal: str = ""
) -> None:
    """One call: by a client (``API_CALLED``), or refused for its token (``API_TOKEN_REFUSED``,
    with why). ``path`` is the route's pattern, never the URL (it may hold a reference)."""
    details: dict[str, Any] = {"method": method, "path": path, "status": status}
    if client is None:
        audit_record(
            event_type=AuditEventType.API_TOKEN_REFUSED,
            actor=Actor(),
            target_type=TARGET,
            details={**details, "refusal": refusal},
        )
        return
    audit_record(
        event_type=AuditEventType.API_CALLED,
        actor=Actor(organisation=client.organisation),
        target_type=TARGET,
        target_id=client.pk,
        details={**details, "client": client.name},
    )


# Reports ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Submitted:
    response: dict[str, Any]
    replayed: bool


def _stored(submission: ApiSubmission) -> dict[str, Any]:
    return cast(dict[str, Any], submission.response)  # EncryptedJSONField: decrypted JSON


def body_hash(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def report_response(report: Report, followup_code: str) -> dict[str, Any]:
    return {
        "reference": report.reference,
        "status": report.status,
        "submitted_at": report.submitted_at.isoformat(),
        "followup_code": followup_code,
    }


def api_report_submit(
    *, client: ApiClient, idempotency_key: str, body: bytes, fields: dict[str, Any]
) -> Submitted:
    """Store a report from a partner system, checked exactly as the journey checks it
    (``reporting.forms.flat``), recorded and received by the client's organisation as
    assisted recording is. The same key and body return the first response; the same key
    with another body is ``IdempotencyKeyReused``."""
    digest = body_hash(body)
    earlier = api_submission_find(client=client, idempotency_key=idempotency_key)
    if earlier is not None:
        if earlier.body_hash != digest:
            raise IdempotencyKeyReused()
        return Submitted(response=_stored(earlier), replayed=True)
    answers, channel, errors = answers_from_flat(fields)
    if answers is None:
        raise AnswersInvalid(errors)
    organisation = client.organisation
    report, code = report_submit(
        answers=answers,
        submission_key=hashlib.sha256(f"api\0{client.pk}\0{idempotency_key}".encode()).hexdigest(),
        channel=Channel(channel),
        actor=client_actor(client),
        consent_method=ConsentMethod.PHONE if channel == Channel.PHONE else ConsentMethod.IN_PERSON,
        recorded_by_organisation=organisation,
        receiving_organisation=organisation,
    )
    response = report_response(report, code)
    try:
        with transaction.atomic():
            ApiSubmission.objects.create(
                client=client,
                idempotency_key=idempotency_key,
                body_hash=digest,
                report=report,
                response=cast(Any, response),  # EncryptedJSONField: sealed JSON
            )
    except IntegrityError:
        # The same key, at the same time: the report is the same (its submission key).
        first = api_submission_find(client=client, idempotency_key=idempotency_key)
        if first is None or first.body_hash != digest:
            raise IdempotencyKeyReused() from None
        return Submitted(response=_stored(first), replayed=True)
    return Submitted(response=response, replayed=False)


# Imports ------------------------------------------------------------------------------


def api_import_upload(
    *, client: ApiClient, source_id: int, file_name: str, content: bytes, is_full_extract: bool
) -> ImportRun:
    """Upload an extract for one of the organisation's sources and queue its import (the
    imports app's services, acting for the administrator who made the client)."""
    actor = client.created_by
    source = access_source_by_id(actor, source_id)
    if source.organisation_id != client.organisation_id:
        raise NotFound(target_type="imports.importsource", target_id=source_id)
    run = import_upload(
        source=source,
        file_name=file_name,
        content=content,
        is_full_extract=is_full_extract,
        actor=actor,
    )
    ApiImport.objects.create(client=client, run=run)
    return import_confirm(run=run, actor=actor)
