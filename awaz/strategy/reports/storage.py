"""Where the quarterly reports' files live: ``EVIDENCE_ROOT/quarterly-reports`` (outside the
web root, never served by the static handler), each under a random name with the format's
extension, readable by the application's user only. Only names this module made are
accepted back, so no path from outside is ever opened."""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path

from django.conf import settings

SUBFOLDER = "quarterly-reports"
EXTENSIONS = ("pdf", "xlsx")
_NAME = re.compile(r"[0-9a-f]{32}\.(?:pdf|xlsx)")


def reports_dir() -> Path:
    root = Path(settings.EVIDENCE_ROOT) / SUBFOLDER
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    return root


def _path(name: str) -> Path:
    if not _NAME.fullmatch(name):
        raise ValueError("bad report file name")
    return reports_dir() / name


def report_file_write(content: bytes, *, extension: str) -> str:
    """Write a new file; its random name."""
    if extension not in EXTENSIONS:
        raise ValueError(f"unknown report format {extension!r}")
    name = f"{secrets.token_hex(16)}.{extension}"
    fd = os.open(_path(name), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(content)
    return name


def report_file_read(name: str) -> bytes:
    return _path(name).read_bytes()


def report_files_delete(names: list[str]) -> None:
    for name in names:
        try:
            _path(name).unlink(missing_ok=True)
        except ValueError:
            continue
