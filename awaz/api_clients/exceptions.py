"""What the partner API answers besides its results: each becomes one status code
(``config.api`` renders them)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from awaz.core.exceptions import ApplicationError, ConflictError

MSG_KEY_REUSED = _("This Idempotency-Key was used before with a different body")
MSG_TOO_LARGE = _("The request body is larger than %(size)s bytes")
MSG_RATE_LIMITED = _("Too many requests for this token. Try again after %(seconds)s seconds")
MSG_INVALID = _("Some answers are missing or wrong")
MSG_SCOPE = _("This token may not do that (it lacks the scope %(scope)s)")


class IdempotencyKeyReused(ConflictError):
    """409: the key was used with another body."""

    default_message = MSG_KEY_REUSED


class BodyTooLarge(ApplicationError):
    """413."""


class RateLimited(ApplicationError):
    """429 with ``Retry-After``."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(MSG_RATE_LIMITED % {"seconds": retry_after})
        self.retry_after = retry_after


class AnswersInvalid(ApplicationError):
    """422 with the errors by field, as the journey's forms word them."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__(MSG_INVALID, extra={"errors": errors})
        self.errors = errors


def scope_missing(scope: Any) -> ApplicationError:
    from awaz.core.exceptions import PermissionDenied

    return PermissionDenied(MSG_SCOPE % {"scope": scope})
