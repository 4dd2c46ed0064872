"""Encryption of personal data at rest, and blind indexes for matching.

Values are sealed with AES-256-GCM (``cryptography``'s AESGCM). Each ciphertext names the id
of the key that sealed it, so keys can rotate: ``FIELD_ENCRYPTION_KEYS`` is
``"id:base64key,id:base64key"``; the first key seals, all keys open. The associated data
binds each ciphertext to its purpose (for example the column it lives in), so a value copied
into another column fails to decrypt instead of being shown out of context.

Blind indexes are HMAC-SHA256 of a normalised value under a separate key: two equal e-mail
addresses give equal indexes, so exact matching needs no decryption, and the index alone
does not reveal the address.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import unicodedata
from functools import lru_cache
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

PREFIX = "enc1"
_NONCE_BYTES = 12


class DecryptionError(Exception):
    pass


@lru_cache(maxsize=4)
def _parse_keys(spec: str) -> tuple[str, dict[str, AESGCM]]:
    keys: dict[str, AESGCM] = {}
    first = ""
    for part in spec.split(","):
        part = part.strip()
        if not part:
            continue
        kid, _, b64 = part.partition(":")
        raw = base64.b64decode(b64)
        if len(raw) != 32 or not kid or not re.fullmatch(r"[A-Za-z0-9_-]+", kid):
            raise ImproperlyConfigured("FIELD_ENCRYPTION_KEY entries must be 'id:base64(32 bytes)'")
        keys[kid] = AESGCM(raw)
        first = first or kid
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEY is empty")
    return first, keys


def _keys() -> tuple[str, dict[str, AESGCM]]:
    return _parse_keys(settings.FIELD_ENCRYPTION_KEYS)


def encrypt_bytes(plaintext: bytes, *, purpose: str) -> bytes:
    """Seal bytes; the result is ``kid`` + NUL + nonce + ciphertext-and-tag."""
    kid, keys = _keys()
    nonce = os.urandom(_NONCE_BYTES)
    sealed = keys[kid].encrypt(nonce, plaintext, purpose.encode())
    return kid.encode() + b"\0" + nonce + sealed


def decrypt_bytes(blob: bytes, *, purpose: str) -> bytes:
    kid_raw, sep, rest = blob.partition(b"\0")
    _, keys = _keys()
    aes = keys.get(kid_raw.decode(errors="replace"))
    if not sep or aes is None:
        raise DecryptionError("unknown key id")
    try:
        return aes.decrypt(rest[:_NONCE_BYTES], rest[_NONCE_BYTES:], purpose.encode())
    except Exception as exc:  # InvalidTag
        raise DecryptionError("cannot decrypt") from exc


def encrypt_str(plaintext: str, *, purpose: str) -> str:
    """Seal text as ``enc1:<kid>:<base64(nonce + ciphertext)>`` for a text column."""
    kid, keys = _keys()
    nonce = os.urandom(_NONCE_BYTES)
    sealed = keys[kid].encrypt(nonce, plaintext.encode(), purpose.encode())
    return f"{PREFIX}:{kid}:{base64.b64encode(nonce + sealed).decode()}"


def decrypt_str(token: str, *, purpose: str) -> str:
    try:
        prefix, kid, b64 = token.split(":", 2)
    except ValueError as exc:
        raise DecryptionError("not an Awaz ciphertext") from exc
    _, keys = _keys()
    if prefix != PREFIX or kid not in keys:
        raise DecryptionError("unknown key id")
    raw = base64.b64decode(b64)
    try:
        return keys[kid].decrypt(raw[:_NONCE_BYTES], raw[_NONCE_BYTES:], purpose.encode()).decode()
    except Exception as exc:  # InvalidTag
        raise DecryptionError("cannot decrypt") from exc


def key_id_of(token: str) -> str:
    """The id of the key that sealed a text ciphertext (for rotation reports)."""
    return token.split(":", 2)[1]


def encrypt_json(value: Any, *, purpose: str) -> str:
    return encrypt_str(json.dumps(value, separators=(",", ":"), sort_keys=True), purpose=purpose)


def decrypt_json(token: str, *, purpose: str) -> Any:
    return json.loads(decrypt_str(token, purpose=purpose))


# Blind indexes -----------------------------------------------------------------------------


def normalise_email(value: str) -> str:
    return value.strip().lower()


def normalise_phone(value: str) -> str:
    """UK phone numbers in one form: digits only, +44 or 0044 becomes a leading 0."""
    digits = re.sub(r"\D", "", value)
    if digits.startswith("0044"):
        digits = "0" + digits[4:]
    elif digits.startswith("44") and len(digits) >= 12:
        digits = "0" + digits[2:]
    return digits


def normalise_name(value: str) -> str:
    folded = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z ]", " ", folded.lower()).split())


def normalise_text(value: str) -> str:
    return " ".join(value.lower().split())


@lru_cache(maxsize=2)
def _index_key(spec: str) -> bytes:
    key = base64.b64decode(spec)
    if len(key) < 32:
        raise ImproperlyConfigured("BLIND_INDEX_KEY must be base64 of at least 32 bytes")
    return key


def blind_index(kind: str, normalised: str) -> str:
    """HMAC-SHA256 of a normalised value, domain-separated by ``kind``; empty for empty input."""
    if not normalised:
        return ""
    key = _index_key(settings.BLIND_INDEX_KEY)
    return hmac.new(key, f"{kind}\0{normalised}".encode(), hashlib.sha256).hexdigest()
