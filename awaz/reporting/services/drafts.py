"""Answers in progress: an encrypted ``ReportDraft`` keyed by a random token.

The browser's session holds only the token; the database holds only its SHA-256 hash, so
neither alone links a browser to its answers. A draft lives ``settings.AWAZ_DRAFT_TTL`` (two
hours) after the last answer; nothing in it is a report until ``report_submit``. After
submission it keeps the report and the follow-up code (encrypted) for
``settings.AWAZ_RESUBMIT_WINDOW``, so the same browser sees the same reference again.

``draft.data`` is ``{"steps": {step slug: {field: JSON value}}}``.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
from typing import Any, cast

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from awaz.reporting.models import Evidence, ReportDraft
from awaz.reporting.services.evidence import evidence_files_delete


def draft_new_token() -> str:
    """A new random draft token (256 bits) for the browser's session."""
    return secrets.token_urlsafe(32)


def draft_token_hash(token: str) -> str:
    """What the database stores for a token; also the report's ``submission_key``."""
    return hashlib.sha256(token.encode()).hexdigest()


def _scoped(*, is_assisted: bool, user: Any) -> Q:
    if is_assisted:
        return Q(is_assisted=True, created_by_id=getattr(user, "pk", None))
    return Q(is_assisted=False)


def draft_get(*, token: str, is_assisted: bool = False, user: Any = None) -> ReportDraft | None:
    """The unexpired draft for a token; an assisted draft only for the user who made it."""
    if not token:
        return None
    return (
        ReportDraft.objects.filter(
            _scoped(is_assisted=is_assisted, user=user),
            token_hash=draft_token_hash(token),
            expires_at__gt=timezone.now(),
        )
        .select_related("report")
        .first()
    )


def draft_was_submitted(*, token: str) -> bool:
    """Whether this token's draft (expired or not, until purged) became a report."""
    return (
        bool(token)
        and ReportDraft.objects.filter(
            token_hash=draft_token_hash(token), report__isnull=False
        ).exists()
    )


def draft_steps(draft: ReportDraft | None) -> dict[str, dict[str, Any]]:
    """The answers saved so far, step by step (empty for no draft)."""
    if draft is None or not isinstance(draft.data, dict):
        return {}
    steps = draft.data.get("steps")
    return steps if isinstance(steps, dict) else {}


def _delete_drafts(drafts: list[ReportDraft]) -> int:
    """Delete drafts and the evidence that never became part of a report."""
    if not drafts:
        return 0
    ids = [d.pk for d in drafts]
    orphans = Evidence.objects.filter(draft_id__in=ids, report__isnull=True)
    names = list(orphans.values_list("storage_name", flat=True))
    orphans.delete()
    ReportDraft.objects.filter(pk__in=ids).delete()
    if names:
        transaction.on_commit(lambda: evidence_files_delete(names))
    return len(ids)


@transaction.atomic
def draft_ensure(*, token: str, is_assisted: bool = False, user: Any = None) -> ReportDraft:
    """The draft for this token, created if missing (an expired one is replaced), with its
    expiry moved to two hours from now. Raises ``ValueError`` for a submitted draft."""
    token_hash = draft_token_hash(token)
    now = timezone.now()
    draft = ReportDraft.objects.select_for_update().filter(token_hash=token_hash).first()
    if draft is not None and (
        draft.expires_at <= now
        or draft.is_assisted != is_assisted
        or (is_assisted and draft.created_by_id != getattr(user, "pk", None))
    ):
        _delete_drafts([draft])
        draft = None
    if draft is None:
        return ReportDraft.objects.create(
            token_hash=token_hash,
            data=cast(Any, {"steps": {}}),
            is_assisted=is_assisted,
            created_by=user if is_assisted else None,
            expires_at=now + settings.AWAZ_DRAFT_TTL,
        )
    if draft.report_id is not None:
        raise ValueError("the draft was submitted")
    draft.expires_at = now + settings.AWAZ_DRAFT_TTL
    draft.save(update_fields=["expires_at"])
    return draft


@transaction.atomic
def draft_save_step(
    *,
    token: str,
    step: str,
    answers: dict[str, Any],
    is_assisted: bool = False,
    user: Any = None,
) -> ReportDraft:
    """Save one step's answers (JSON values) and keep the draft for two more hours."""
    draft = draft_ensure(token=token, is_assisted=is_assisted, user=user)
    data: dict[str, Any] = cast(Any, draft.data) if isinstance(draft.data, dict) else {}
    steps = dict(data.get("steps") or {})
    steps[step] = answers
    draft.data = cast(Any, {**data, "steps": steps})
    draft.save(update_fields=["data"])
    return draft


@transaction.atomic
def draft_discard_steps(
    *, token: str, steps: list[str], is_assisted: bool = False, user: Any = None
) -> None:
    """Forget answers to steps that no longer apply (e.g. after the reporter's role changed)."""
    draft = draft_get(token=token, is_assisted=is_assisted, user=user)
    if draft is None or draft.report_id is not None:
        return
    data: dict[str, Any] = cast(Any, draft.data) if isinstance(draft.data, dict) else {}
    current = dict(data.get("steps") or {})
    kept = {slug: value for slug, value in current.items() if slug not in steps}
    if kept != current:
        draft.data = cast(Any, {**data, "steps": kept})
        draft.save(update_fields=["data"])


@transaction.atomic
def draft_clear(*, token: str) -> bool:
    """ "Clear my answers": delete the draft and its evidence files. A submitted report is
    not touched (its evidence belongs to the report). True if there was a draft."""
    draft = ReportDraft.objects.filter(token_hash=draft_token_hash(token)).first()
    return bool(_delete_drafts([draft] if draft is not None else []))


@transaction.atomic
def drafts_purge_expired(*, now: datetime.datetime | None = None) -> int:
    """Delete expired drafts and their evidence files (run by Celery beat every 10 minutes)."""
    moment = now or timezone.now()
    expired = list(ReportDraft.objects.filter(expires_at__lte=moment).only("pk"))
    return _delete_drafts(expired)
