"""Reading API clients: finding one by its token, when each was last used (from the audit
log), and what one client may read (its own reports and imports only)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from awaz.api_clients.models import ApiClient, ApiImport, ApiSubmission
from awaz.api_clients.tokens import token_matches, token_prefix
from awaz.audit.events import AuditEventType
from awaz.audit.selectors import audit_last_occurred
from awaz.core.exceptions import NotFound
from awaz.imports.models import ImportRun
from awaz.reporting.models import Report

TARGET = "api_clients.apiclient"


def api_client_for_token(token: str, *, now: datetime.datetime | None = None) -> ApiClient | None:
    """The client the token belongs to, if it is in force (not expired, not revoked, and
    the administrator it acts for is still active); else None."""
    prefix = token_prefix(token)
    if not prefix:
        return None
    client = (
        ApiClient.objects.select_related("organisation", "created_by")
        .filter(token_prefix=prefix)
        .first()
    )
    if client is None or not token_matches(token, client.token_hash):
        return None
    if client.revoked_at is not None or client.expires_at <= (now or timezone.now()):
        return None
    if client.created_by is None or not client.created_by.is_active:
        return None
    return client


def api_client_refusal(token: str) -> str:
    """Why a token was refused, for the audit log (never the token itself)."""
    prefix = token_prefix(token)
    client = ApiClient.objects.filter(token_prefix=prefix).first() if prefix else None
    if client is None or not token_matches(token, client.token_hash):
        return "unknown" if token else "missing"
    if client.revoked_at is not None:
        return "revoked"
    if client.expires_at <= timezone.now():
        return "expired"
    return "inactive_owner"


def api_client_list(*, organisation: Any) -> QuerySet[ApiClient]:
    return ApiClient.objects.filter(organisation=organisation).order_by("name")


def api_clients_last_used(clients: list[ApiClient]) -> dict[int, datetime.datetime]:
    """When each client last made a call (its newest ``API_CALLED`` event)."""
    found = audit_last_occurred(
        event_type=AuditEventType.API_CALLED,
        target_type=TARGET,
        target_ids=[str(c.pk) for c in clients],
    )
    return {int(target_id): last for target_id, last in found.items()}


def api_submission_find(*, client: ApiClient, idempotency_key: str) -> ApiSubmission | None:
    return ApiSubmission.objects.filter(client=client, idempotency_key=idempotency_key).first()


def access_report_by_reference(*, client: ApiClient, reference: str) -> Report:
    """The client's own report; missing or another's is the same ``NotFound``."""
    submission = (
        ApiSubmission.objects.filter(client=client, report__reference=reference)
        .select_related("report")
        .first()
    )
    if submission is None:
        raise NotFound(target_type="reporting.report", target_id=reference)
    return submission.report


def access_import_by_id(*, client: ApiClient, run_id: int) -> ImportRun:
    """A run the client uploaded; missing or another's is the same ``NotFound``."""
    link = ApiImport.objects.filter(client=client, run_id=run_id).select_related("run").first()
    if link is None:
        raise NotFound(target_type="imports.importrun", target_id=run_id)
    return link.run


def access_client_by_id(*, organisation: Any, client_id: int) -> ApiClient:
    """One of the organisation's clients; missing or another's is the same ``NotFound``."""
    client = ApiClient.objects.filter(organisation=organisation, pk=client_id).first()
    if client is None:
        raise NotFound(target_type=TARGET, target_id=client_id)
    return client
