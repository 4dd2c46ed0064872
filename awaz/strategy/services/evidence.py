"""Files given as evidence of progress: checked and cleaned by the same rules as a
reporter's evidence (``awaz.reporting.services.evidence.evidence_clean``: JPEG, PNG, GIF,
WebP or PDF by content, metadata stripped, size limit), sealed with AES-GCM and written
under ``EVIDENCE_ROOT/plan`` (outside the web root) with a random name. A plan's evidence is
not meant to hold personal data, but a photo of a session might, so it is kept the same way.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from awaz.core.crypto import decrypt_bytes, encrypt_bytes
from awaz.reporting.services.evidence import (
    MSG_TOO_BIG,
    CleanFile,
    EvidenceRejected,
    evidence_clean,
)
from awaz.strategy.models import UpdateFile

SUBFOLDER = "plan"


def plan_evidence_dir() -> Path:
    root = Path(settings.EVIDENCE_ROOT) / SUBFOLDER
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    return root


def _path(storage_name: str) -> Path:
    if not storage_name.isalnum():  # random hex only: never a path from outside
        raise ValueError("bad storage name")
    return plan_evidence_dir() / storage_name


def _purpose(storage_name: str) -> str:
    return f"strategy.evidence:{storage_name}"


def _too_big() -> EvidenceRejected:
    return EvidenceRejected(MSG_TOO_BIG % {"size": settings.EVIDENCE_MAX_BYTES // (1024 * 1024)})


def plan_evidence_clean(upload: UploadedFile) -> tuple[str, CleanFile]:
    """(name, cleaned file) for an upload; ``EvidenceRejected`` says why one is refused."""
    limit = settings.EVIDENCE_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise _too_big()
    upload.seek(0)
    content = bytes(upload.read(limit + 1))
    if len(content) > limit:
        raise _too_big()
    name = os.path.basename(upload.name or "")[:200] or "evidence"
    return name, evidence_clean(content=content, name=name)


def plan_evidence_write(content: bytes) -> str:
    """Seal and write the file; its random storage name."""
    storage_name = secrets.token_hex(16)
    sealed = encrypt_bytes(content, purpose=_purpose(storage_name))
    fd = os.open(_path(storage_name), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(sealed)
    return storage_name


def plan_evidence_delete(storage_names: list[str]) -> None:
    for storage_name in storage_names:
        try:
            _path(storage_name).unlink(missing_ok=True)
        except ValueError:
            continue


def plan_evidence_read(evidence: UpdateFile) -> bytes:
    """The decrypted file. Callers authorise and audit first (``evidence_file_open``)."""
    sealed = _path(evidence.storage_name).read_bytes()
    return decrypt_bytes(sealed, purpose=_purpose(evidence.storage_name))
