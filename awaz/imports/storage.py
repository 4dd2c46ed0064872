"""The original files of imports, kept encrypted (AES-GCM, ``core.crypto``) under
``EVIDENCE_ROOT/imports`` (outside the web root), each under a random name that is also the
ciphertext's associated data. Only names this module made are accepted back, so no path
from outside is ever opened. A file is deleted when its run is cancelled or discarded and
when its retention period ends (``services.import_files_purge``)."""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path

from django.conf import settings

from awaz.core.crypto import decrypt_bytes, encrypt_bytes

SUBFOLDER = "imports"
_NAME = re.compile(r"[0-9a-f]{32}")


def imports_dir() -> Path:
    root = Path(settings.EVIDENCE_ROOT) / SUBFOLDER
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    return root


def _path(name: str) -> Path:
    if not _NAME.fullmatch(name):
        raise ValueError("bad import file name")
    return imports_dir() / name


def _purpose(name: str) -> str:
    return f"imports.file:{name}"


def import_file_write(content: bytes) -> str:
    """Seal and write a new file; its random name."""
    name = secrets.token_hex(16)
    fd = os.open(_path(name), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(encrypt_bytes(content, purpose=_purpose(name)))
    return name


def import_file_read(name: str) -> bytes:
    return decrypt_bytes(_path(name).read_bytes(), purpose=_purpose(name))


def import_file_delete(name: str) -> None:
    if name:
        _path(name).unlink(missing_ok=True)
