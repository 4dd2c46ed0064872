"""Who may import partners' records: one table from action to roles (an unmapped action
raises, so a new view is closed until someone decides), and fetch-and-authorise helpers.

Only an **administrator** imports, and only for their own organisation's sources: a
police force's administrator its force's extracts, a partner's administrator the
partner's spreadsheets. Nothing an administrator sees here shows a person: previews and
error lists never show a personal-data column's value. Every refusal, whether the source
is missing or another organisation's, is the same ``NotFound``, so nothing can be probed.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from awaz.core.exceptions import NotFound, PermissionDenied
from awaz.imports.models import ImportedRecord, ImportRun, ImportSource
from awaz.partners.models import Role
from awaz.partners.selectors import membership_for_user

ACTION_ROLES: dict[str, frozenset[Role]] = {
    # Define and change sources, upload files, preview, import, cancel, see results,
    # errors and the imported records' history, for one's own organisation.
    "import.manage": frozenset({Role.ADMINISTRATOR}),
    # On the report made from an imported record (a page the user may already open): read
    # the record's reference in its source, if the user belongs to the source's organisation.
    "record.view_reference": frozenset({Role.CENTRE_CASEWORKER, Role.PARTNER_CASEWORKER}),
}


def user_can(user: Any, action: str) -> bool:
    if action not in ACTION_ROLES:
        raise KeyError(f"unmapped action {action!r}: add it to imports.access.ACTION_ROLES")
    membership = membership_for_user(user)
    return membership is not None and Role(membership.role) in ACTION_ROLES[action]


def require(user: Any, action: str) -> None:
    if not user_can(user, action):
        raise PermissionDenied()


def may_see_reference(user: Any, record: ImportedRecord) -> bool:
    """Whether the user may read the record's own reference (the crime reference, say): a
    caseworker of the organisation whose source it came from."""
    membership = membership_for_user(user)
    return (
        membership is not None
        and membership.organisation_id == record.source.organisation_id
        and user_can(user, "record.view_reference")
    )


def sources_visible_to(user: Any) -> QuerySet[ImportSource]:
    membership = membership_for_user(user)
    if membership is None or not user_can(user, "import.manage"):
        return ImportSource.objects.none()
    return ImportSource.objects.filter(organisation_id=membership.organisation_id)


def access_source_by_id(user: Any, source_id: int) -> ImportSource:
    source = sources_visible_to(user).select_related("organisation").filter(pk=source_id).first()
    if source is None:
        raise NotFound()
    return source


def access_run_by_id(user: Any, run_id: int) -> ImportRun:
    run = (
        ImportRun.objects.filter(source__in=sources_visible_to(user), pk=run_id)
        .select_related("source", "source__organisation", "uploaded_by")
        .first()
    )
    if run is None:
        raise NotFound()
    return run


def access_record_by_id(user: Any, record_id: int) -> ImportedRecord:
    record = (
        ImportedRecord.objects.filter(source__in=sources_visible_to(user), pk=record_id)
        .select_related("source", "report", "missing_since")
        .first()
    )
    if record is None:
        raise NotFound()
    return record
