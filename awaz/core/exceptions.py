"""Errors services raise. One place renders them (forms: GOV.UK error summary; API: JSON)."""

from typing import Any

from django.utils.translation import gettext_lazy as _


class ApplicationError(Exception):
    """A rule of the application was broken; ``message`` is shown to the user as is."""

    default_message = _("Something went wrong.")

    def __init__(self, message: Any = None, extra: dict[str, Any] | None = None) -> None:
        self.message = message if message is not None else self.default_message
        self.extra = extra or {}
        super().__init__(str(self.message))


class NotFound(ApplicationError):
    """Missing, or not yours: the same answer for both, so nothing can be probed.

    ``target_type`` and ``target_id`` name what was asked for (``"cases.case"``, 42) for the
    audit log's ``ACCESS_DENIED`` event; the person refused never sees them."""

    default_message = _("Page not found.")

    def __init__(
        self,
        message: Any = None,
        extra: dict[str, Any] | None = None,
        *,
        target_type: str = "",
        target_id: Any = "",
    ) -> None:
        super().__init__(message, extra)
        self.target_type = target_type
        self.target_id = target_id


class ConflictError(ApplicationError):
    """Someone else got there first (a claim, a concurrent change)."""

    default_message = _("Someone else changed this at the same time.")


class ConsentRequired(ApplicationError):
    default_message = _("The person has not consented to this.")


class PermissionDenied(ApplicationError):
    default_message = _("You do not have permission to do that.")
