"""Logging filters (configured in ``LOGGING`` in ``config/settings/base.py``)."""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied


class PermissionDeniedOneLine(logging.Filter):
    """An ordinary 403 (a role asked for an action it may not take) as one line.

    Django logs every ``PermissionDenied`` on ``django.request`` with the exception
    attached, so each refusal wrote a full traceback: noise that buries real errors. This
    filter drops the traceback and adds the user's id, never their name or e-mail address;
    the line keeps Django's own text and the path, e.g.
    ``Forbidden (Permission denied): /staff/ (user 12)``.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        exc_info = record.exc_info
        exception = exc_info[1] if isinstance(exc_info, tuple) else exc_info
        if not isinstance(exception, PermissionDenied):
            return True
        record.exc_info = None
        record.exc_text = None
        user = getattr(getattr(record, "request", None), "user", None)
        user_id = user.pk if user is not None and user.is_authenticated else None
        record.user_id = user_id
        if isinstance(record.args, tuple):
            record.msg = f"{record.msg} (user %s)"
            record.args = (*record.args, user_id if user_id is not None else "anonymous")
        return True
