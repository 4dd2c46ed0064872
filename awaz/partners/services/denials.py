"""Refused access, for the audit log: someone probing ids shows up there."""

from __future__ import annotations

from django.http import HttpRequest

from awaz.audit.services import access_denied_record
from awaz.core.exceptions import NotFound
from awaz.partners.services.accounts import actor_for


def access_denied_audit(*, request: HttpRequest, exception: NotFound) -> None:
    """Record that the signed-in user making ``request`` was refused (``NotFound`` from an
    ``access_*`` helper, which looks exactly like a missing record to them); nothing for
    anonymous visitors. What was asked for is the exception's target when the helper named
    one, otherwise the view and the URL's whole-number arguments (``url:cases:case_detail``,
    ``12``). The URL pattern is kept, not the URL: a URL may carry a token (an invitation
    link). Rate-limited per user (``awaz.audit.services.access_denied_record``)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return
    match = request.resolver_match
    view = match.view_name if match is not None else ""
    target_type, target_id = exception.target_type, exception.target_id
    if not target_type:
        target_type = f"url:{view}"
        ids = match.kwargs.values() if match is not None else ()
        target_id = ",".join(str(value) for value in ids if isinstance(value, int))
    access_denied_record(
        actor=actor_for(user),
        target_type=target_type,
        target_id=target_id,
        details={
            "view": view,
            "route": match.route if match is not None else "",
            "method": request.method or "",
        },
    )
