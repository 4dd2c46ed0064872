"""Model fields that keep personal data encrypted at rest (see ``awaz.core.crypto``).

The column holds ``enc1:<key id>:<base64>``; Python sees plaintext. The associated data is
``app_label.model.field``, so a ciphertext copied to another column will not open. These
columns cannot be searched or ordered: match through a blind index instead.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from awaz.core import crypto


class _EncryptedMixin:
    """Shared encrypt-on-save and decrypt-on-load for text and JSON values."""

    empty_value: Any = ""

    def _purpose(self) -> str:
        model = self.model  # type: ignore[attr-defined]
        return f"{model._meta.label_lower}.{self.name}"  # type: ignore[attr-defined]

    def _seal(self, value: Any) -> str:
        raise NotImplementedError

    def _open(self, token: str) -> Any:
        raise NotImplementedError

    def get_prep_value(self, value: Any) -> Any:
        if value is None or value == "":
            return value
        return self._seal(value)

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None:
            return None
        if value == "":
            return self.empty_value
        return self._open(value)


class EncryptedTextField(_EncryptedMixin, models.TextField):
    """Free text or an identifier about a person, sealed with AES-GCM."""

    empty_value = ""

    def _seal(self, value: Any) -> str:
        return crypto.encrypt_str(str(value), purpose=self._purpose())

    def _open(self, token: str) -> str:
        return crypto.decrypt_str(token, purpose=self._purpose())

    def to_python(self, value: Any) -> Any:
        return value


class EncryptedJSONField(_EncryptedMixin, models.TextField):
    """A JSON document about a person (for example equality data), sealed with AES-GCM."""

    empty_value: Any = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("null", True)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def get_prep_value(self, value: Any) -> Any:
        if value is None:
            return None
        return crypto.encrypt_json(value, purpose=self._purpose())

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return None
        return crypto.decrypt_json(value, purpose=self._purpose())

    def to_python(self, value: Any) -> Any:
        return value
