"""Evidence files: checked by content, stripped of metadata, encrypted on disk.

A file is accepted only if its content is a JPEG, PNG, GIF or WebP image (opened by Pillow)
or a PDF (``%PDF-``), and its name, if it has a known extension, agrees with the content.
Images are re-encoded from their pixels alone, so EXIF (including GPS position), XMP, ICC
profiles and comments are gone. The result is sealed with AES-GCM (``core.crypto``) and
written under ``settings.EVIDENCE_ROOT`` (outside the web root) with a random name; the
associated data binds the ciphertext to that name. Only ``evidence_read`` opens it again.
"""

from __future__ import annotations

import io
import os
import secrets
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from awaz.audit.events import AuditEventType
from awaz.audit.services import Actor, audit_record
from awaz.core.crypto import decrypt_bytes, encrypt_bytes
from awaz.core.exceptions import ApplicationError
from awaz.reporting.models import Evidence, Report, ReportDraft, ReportEntry

# Pillow format -> (content type, file extensions that may name it)
_IMAGE_FORMATS: dict[str, tuple[str, frozenset[str]]] = {
    "JPEG": ("image/jpeg", frozenset({"jpg", "jpeg", "jpe", "jfif"})),
    "PNG": ("image/png", frozenset({"png"})),
    "GIF": ("image/gif", frozenset({"gif"})),
    "WEBP": ("image/webp", frozenset({"webp"})),
}
_PDF = ("application/pdf", frozenset({"pdf"}))
_KNOWN_EXTENSIONS = frozenset().union(*(exts for _ct, exts in _IMAGE_FORMATS.values()), _PDF[1])
# Decoded pixels above this are refused (a small file can decode into gigabytes).
MAX_PIXELS = 40_000_000

MSG_EMPTY = _("The selected file is empty")
MSG_TYPE = _("The selected file must be a JPG, PNG, GIF, WebP or PDF")
MSG_MISMATCH = _("The selected file is not what its name says. Check you chose the right file")
MSG_PDF_SCRIPT = _("The selected PDF contains scripts, so we cannot accept it")
MSG_TOO_MANY_PIXELS = _("The selected image is too large. Take a smaller photo or screenshot")
MSG_TOO_MANY_FILES = _("You have already added %(max)s files. Remove a file before you add another")
MSG_TOO_BIG = _("The selected file must be smaller than %(size)s MB")


class EvidenceRejected(ApplicationError):
    """The file was refused; ``message`` says why, for the GOV.UK error message."""


@dataclass(frozen=True)
class CleanFile:
    content: bytes
    content_type: str


def evidence_dir() -> Path:
    root = Path(settings.EVIDENCE_ROOT)
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    return root


def _path(storage_name: str) -> Path:
    if not storage_name.isalnum():  # random hex only: never a path from outside
        raise ValueError("bad storage name")
    return evidence_dir() / storage_name


def _purpose(storage_name: str) -> str:
    return f"reporting.evidence:{storage_name}"


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _max_size_message() -> Any:
    size = settings.EVIDENCE_MAX_BYTES // (1024 * 1024)
    return MSG_TOO_BIG % {"size": size}


def _reencode(image: Image.Image, fmt: str) -> bytes:
    """The image's pixels in a new file of the same format, with no metadata at all."""
    image = ImageOps.exif_transpose(image) or image  # keep the orientation the EXIF gave
    if image.mode not in {"1", "L", "LA", "P", "RGB", "RGBA", "CMYK", "I", "F"}:
        image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    clean = Image.frombytes(image.mode, image.size, image.tobytes())
    if image.mode == "P":
        palette = image.getpalette()
        if palette:
            clean.putpalette(palette)
        if "transparency" in image.info and isinstance(image.info["transparency"], int):
            clean.info["transparency"] = image.info["transparency"]
    out = io.BytesIO()
    if fmt == "JPEG":
        if clean.mode not in {"L", "RGB", "CMYK"}:
            clean = clean.convert("RGB")
        clean.save(out, format="JPEG", quality=90, optimize=True)
    elif fmt == "PNG":
        clean.save(out, format="PNG", optimize=True)
    elif fmt == "GIF":
        clean.save(out, format="GIF")  # first frame only: an animation is not evidence
    else:
        clean.save(out, format="WEBP", quality=90)
    return out.getvalue()


def evidence_clean(*, content: bytes, name: str) -> CleanFile:
    """Check a file by its content and strip its metadata; ``EvidenceRejected`` if refused."""
    if not content:
        raise EvidenceRejected(MSG_EMPTY)
    if len(content) > settings.EVIDENCE_MAX_BYTES:
        raise EvidenceRejected(_max_size_message())
    extension = _extension(name)
    if content.startswith(b"%PDF-"):
        if extension in _KNOWN_EXTENSIONS and extension not in _PDF[1]:
            raise EvidenceRejected(MSG_MISMATCH)
        if b"/JavaScript" in content or b"/JS" in content:
            raise EvidenceRejected(MSG_PDF_SCRIPT)
        return CleanFile(content=content, content_type=_PDF[0])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content)) as probe:
                fmt = probe.format or ""
                if fmt not in _IMAGE_FORMATS:
                    raise EvidenceRejected(MSG_TYPE)
                if probe.width * probe.height > MAX_PIXELS:
                    raise EvidenceRejected(MSG_TOO_MANY_PIXELS)
                probe.verify()
            with Image.open(io.BytesIO(content)) as image:
                image.load()
                content_type, extensions = _IMAGE_FORMATS[fmt]
                if extension in _KNOWN_EXTENSIONS and extension not in extensions:
                    raise EvidenceRejected(MSG_MISMATCH)
                cleaned = _reencode(image, fmt)
    except EvidenceRejected:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise EvidenceRejected(MSG_TOO_MANY_PIXELS) from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise EvidenceRejected(MSG_TYPE) from exc
    return CleanFile(content=cleaned, content_type=content_type)


def _read_upload(upload: UploadedFile) -> bytes:
    if upload.size is not None and upload.size > settings.EVIDENCE_MAX_BYTES:
        raise EvidenceRejected(_max_size_message())
    upload.seek(0)
    data = upload.read(settings.EVIDENCE_MAX_BYTES + 1)
    if len(data) > settings.EVIDENCE_MAX_BYTES:
        raise EvidenceRejected(_max_size_message())
    return bytes(data)


def _write_sealed(content: bytes) -> str:
    storage_name = secrets.token_hex(16)
    path = _path(storage_name)
    sealed = encrypt_bytes(content, purpose=_purpose(storage_name))
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(sealed)
    return storage_name


def evidence_files_delete(storage_names: list[str]) -> None:
    """Remove stored files (call through ``transaction.on_commit``)."""
    for storage_name in storage_names:
        try:
            _path(storage_name).unlink(missing_ok=True)
        except ValueError:
            continue


@transaction.atomic
def evidence_add(
    *,
    upload: UploadedFile,
    actor: Actor,
    draft: ReportDraft | None = None,
    report: Report | None = None,
    entry: ReportEntry | None = None,
) -> Evidence:
    """Store one file for a draft (during the journey) or a report (added later, with the
    timeline ``entry``). Raises ``EvidenceRejected`` with the reason shown to the user."""
    if draft is None and report is None:
        raise ValueError("evidence needs a draft or a report")
    owner = Evidence.objects.filter(report=report) if report is not None else None
    if owner is None:
        owner = Evidence.objects.filter(draft=draft, report__isnull=True)
    if owner.count() >= settings.EVIDENCE_MAX_FILES:
        raise EvidenceRejected(MSG_TOO_MANY_FILES % {"max": settings.EVIDENCE_MAX_FILES})
    name = os.path.basename(upload.name or "")[:200]
    cleaned = evidence_clean(content=_read_upload(upload), name=name)
    storage_name = _write_sealed(cleaned.content)
    try:
        evidence = Evidence.objects.create(
            report=report,
            draft=draft if report is None else None,
            entry=entry,
            original_name=name or "evidence",
            content_type=cleaned.content_type,
            size_bytes=len(cleaned.content),
            storage_name=storage_name,
            created_at=timezone.now(),
        )
        if report is not None:
            audit_record(
                event_type=AuditEventType.REPORT_EVIDENCE_ADDED,
                actor=actor,
                target_type="reporting.report",
                target_id=report.pk,
                details={"evidence_id": evidence.pk, "content_type": cleaned.content_type},
            )
    except Exception:
        evidence_files_delete([storage_name])
        raise
    return evidence


@transaction.atomic
def evidence_remove(*, draft: ReportDraft, evidence_id: int) -> bool:
    """Remove a file from a draft (the reporter changed their mind). Submitted evidence
    belongs to the report and cannot be removed this way. True if a file was removed."""
    evidence = Evidence.objects.filter(pk=evidence_id, draft=draft, report__isnull=True).first()
    if evidence is None:
        return False
    storage_name = evidence.storage_name
    evidence.delete()
    transaction.on_commit(lambda: evidence_files_delete([storage_name]))
    return True


def evidence_for_draft(*, draft: ReportDraft) -> list[Evidence]:
    return list(
        Evidence.objects.filter(draft=draft, report__isnull=True).order_by("created_at", "id")
    )


def evidence_read(*, evidence: Evidence) -> bytes:
    """The decrypted file. Callers authorise and audit first (``triage.evidence_open``)."""
    sealed = _path(evidence.storage_name).read_bytes()
    return decrypt_bytes(sealed, purpose=_purpose(evidence.storage_name))
