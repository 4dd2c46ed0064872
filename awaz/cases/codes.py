"""Case references: ``CS-`` and eight Crockford base-32 characters, like report references."""

from awaz.reporting.codes import random_chars


def new_case_reference() -> str:
    raw = random_chars(8)
    return f"CS-{raw[:4]}-{raw[4:]}"
