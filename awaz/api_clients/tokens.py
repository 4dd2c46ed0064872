"""API tokens: ``awz_<prefix>_<secret>``. The prefix finds the client; the whole token is
kept only as an HMAC-SHA256 under the server's blind-index key (``core.crypto``)."""

from __future__ import annotations

import hmac
import secrets

from awaz.core.crypto import blind_index

TOKEN_START = "awz_"  # noqa: S105 (the marker every token starts with, not a secret)
PREFIX_LENGTH = 12


def token_new() -> tuple[str, str]:
    """A new token and its prefix."""
    prefix = secrets.token_hex(PREFIX_LENGTH // 2)
    return f"{TOKEN_START}{prefix}_{secrets.token_urlsafe(32)}", prefix


def token_prefix(token: str) -> str:
    """The prefix of a well-formed token, else ""."""
    if not token.startswith(TOKEN_START):
        return ""
    prefix, sep, secret = token[len(TOKEN_START) :].partition("_")
    if not sep or len(prefix) != PREFIX_LENGTH or not secret:
        return ""
    if any(c not in "0123456789abcdef" for c in prefix):
        return ""
    return prefix


def token_hash(token: str) -> str:
    return blind_index("api_token", token)


def token_matches(token: str, stored_hash: str) -> bool:
    return hmac.compare_digest(token_hash(token), stored_hash)
