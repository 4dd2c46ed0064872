"""Progress updates on actions, with evidence, and opening an evidence file.

An update is append-only and dated: ``update_on`` is the date it describes (today, or
earlier for history brought in later), ``recorded_at`` is when it was written. Links must
be http or https addresses; files are checked and stored by ``services.evidence``. If any
file is refused, nothing is saved and files already written are removed.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awaz.audit.events import AuditEventType
from awaz.core.exceptions import ApplicationError
from awaz.partners.selectors import membership_for_user
from awaz.reporting.services.evidence import EvidenceRejected
from awaz.strategy.access import access_action_for_update_by_id, access_evidence_file_by_id
from awaz.strategy.models import Action, ProgressUpdate, UpdateFile, UpdateLink
from awaz.strategy.services.actions import MSG_BEFORE_STRATEGY, MSG_NOT_FUTURE
from awaz.strategy.services.auditing import plan_audit
from awaz.strategy.services.evidence import (
    plan_evidence_clean,
    plan_evidence_delete,
    plan_evidence_read,
    plan_evidence_write,
)

MAX_LINKS = 10
MAX_URL_LENGTH = 500  # UpdateLink.url
MSG_TEXT = _("Enter what progress has been made")
MSG_LINK = _("Enter each link as a full web address starting with https:// or http://")
MSG_TOO_MANY_LINKS = _("Enter %(max)s links or fewer")
MSG_TOO_MANY_FILES = _("Choose %(max)s files or fewer")

_url = URLValidator(schemes=["http", "https"])


def links_clean(links: Sequence[str]) -> list[str]:
    """The links without blanks or repeats; ``ApplicationError`` on the ``links`` field if
    one is not an http(s) address or there are too many."""
    cleaned: list[str] = []
    for link in links:
        link = link.strip()
        if not link or link in cleaned:
            continue
        try:
            _url(link)
        except ValidationError as exc:
            raise ApplicationError(MSG_LINK, extra={"field": "links"}) from exc
        if len(link) > MAX_URL_LENGTH:
            raise ApplicationError(MSG_LINK, extra={"field": "links"})
        cleaned.append(link)
    if len(cleaned) > MAX_LINKS:
        raise ApplicationError(MSG_TOO_MANY_LINKS % {"max": MAX_LINKS}, extra={"field": "links"})
    return cleaned


@transaction.atomic(durable=True)
def progress_update_add(
    *,
    action: Action,
    update_on: datetime.date,
    text: str,
    actor: Any,
    links: Sequence[str] = (),
    attachments: Sequence[UploadedFile] = (),
) -> ProgressUpdate:
    """Add a progress update to an action the actor may update (``access``), with its
    evidence. Audited ``PROGRESS_UPDATE_ADDED`` with the number of links and files."""
    action = access_action_for_update_by_id(actor, action.pk)
    text = text.strip()
    if not text:
        raise ApplicationError(MSG_TEXT, extra={"field": "text"})
    if update_on > timezone.localdate():
        raise ApplicationError(MSG_NOT_FUTURE, extra={"field": "update_on"})
    if update_on < action.strand.strategy.starts_on:
        raise ApplicationError(MSG_BEFORE_STRATEGY, extra={"field": "update_on"})
    links = links_clean(links)
    if len(attachments) > settings.EVIDENCE_MAX_FILES:
        raise ApplicationError(
            MSG_TOO_MANY_FILES % {"max": settings.EVIDENCE_MAX_FILES},
            extra={"field": "attachments"},
        )
    try:
        cleaned = [plan_evidence_clean(upload) for upload in attachments]
    except EvidenceRejected as exc:
        raise ApplicationError(exc.message, extra={"field": "attachments"}) from exc
    membership = membership_for_user(actor)
    written: list[str] = []
    try:
        update = ProgressUpdate.objects.create(
            action=action,
            update_on=update_on,
            text=text,
            recorded_at=timezone.now(),
            recorded_by=actor,
            organisation=membership.organisation if membership else None,
        )
        UpdateLink.objects.bulk_create(
            UpdateLink(update=update, url=link, position=i) for i, link in enumerate(links)
        )
        for name, clean in cleaned:
            storage_name = plan_evidence_write(clean.content)
            written.append(storage_name)
            UpdateFile.objects.create(
                update=update,
                original_name=name,
                content_type=clean.content_type,
                size_bytes=len(clean.content),
                storage_name=storage_name,
                created_at=timezone.now(),
            )
        plan_audit(
            event_type=AuditEventType.PROGRESS_UPDATE_ADDED,
            actor=actor,
            target=update,
            details={
                "action_id": action.pk,
                "update_on": update_on.isoformat(),
                "links": len(links),
                "files": len(cleaned),
            },
        )
    except Exception:
        plan_evidence_delete(written)
        raise
    return update


@transaction.atomic(durable=True)
def evidence_file_open(*, file_id: int, user: Any) -> tuple[UpdateFile, bytes]:
    """An evidence file the user may open, decrypted, with its audit row."""
    evidence = access_evidence_file_by_id(user, file_id)
    data = plan_evidence_read(evidence)
    plan_audit(
        event_type=AuditEventType.PLAN_EVIDENCE_VIEWED,
        actor=user,
        target=evidence,
        details={"update_id": evidence.update_id, "action_id": evidence.update.action_id},
    )
    return evidence, data
