"""References and follow-up codes, in Crockford's base-32 alphabet.

Crockford's alphabet has no I, L, O or U, so codes are easy to read aloud and to copy:
when typed back, I and L are read as 1, O as 0, and spaces, hyphens and case are ignored.

- A reference (``HC-7KQ4-2M9X``) is 40 random bits: not secret, it names a report.
- A follow-up code is 100 random bits (20 characters, shown as five groups of four): it is
  the reporter's only key, so only its keyed hash is stored.
"""

from __future__ import annotations

import re
import secrets

from awaz.core.crypto import blind_index

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
REFERENCE_RE = re.compile(r"^HC-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$")
FOLLOWUP_CODE_LENGTH = 20  # 20 x 5 bits = 100 bits
_TRANSLATE = str.maketrans({"I": "1", "L": "1", "O": "0"})


def random_chars(n: int) -> str:
    # 256 is a multiple of 32, so the low five bits of a random byte pick each character
    # uniformly (as secrets.choice would, at a tenth of the cost: bulk imports draw one
    # reference and one follow-up code per record).
    return "".join(ALPHABET[b & 31] for b in secrets.token_bytes(n))


def new_reference() -> str:
    raw = random_chars(8)
    return f"HC-{raw[:4]}-{raw[4:]}"


def new_followup_code() -> str:
    return random_chars(FOLLOWUP_CODE_LENGTH)


def normalise(typed: str) -> str:
    """What someone typed, in canonical form: upper case, no separators, I/L->1, O->0."""
    return re.sub(r"[\s\-_.]", "", typed).upper().translate(_TRANSLATE)


def normalise_reference(typed: str) -> str:
    raw = normalise(typed)
    if raw.startswith("HC"):
        raw = raw[2:]
    return f"HC-{raw[:4]}-{raw[4:]}" if len(raw) == 8 else typed.strip().upper()


def format_followup_code(code: str) -> str:
    """Groups of four, for reading aloud: ``7KQ4 2M9X ...``."""
    return " ".join(code[i : i + 4] for i in range(0, len(code), 4))


def followup_code_hash(code: str) -> str:
    """Keyed hash of a follow-up code (normalised first), as stored on the report."""
    return blind_index("followup-code", normalise(code))
