"""JSON API for reporting: the triage inbox, for staff signed in with a session.

The same scoping as the inbox page (``access.reports_visible_to``) and minimal fields: no
personal data, so reading the list writes no audit row (opening a report does).
"""

import datetime

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.security import django_auth

from awaz.core.exceptions import PermissionDenied
from awaz.reporting.access import reports_visible_to, user_can
from awaz.reporting.models import Channel, Report, ReportStatus
from awaz.reporting.selectors import InboxFilters, report_inbox_list

router = Router(tags=["reports"], auth=django_auth)


class InboxItem(Schema):
    reference: str
    received: datetime.datetime = Field(..., alias="submitted_at")
    strands: list[str] = Field(..., description="Strand codes")
    area: str | None = Field(None, description="Area code (smallest known area)")
    channel: str
    status: str

    @staticmethod
    def resolve_strands(obj: Report) -> list[str]:
        return [strand.code for strand in obj.strands.all()]

    @staticmethod
    def resolve_area(obj: Report) -> str | None:
        return obj.area.code if obj.area is not None else None


class InboxQuery(Schema):
    status: ReportStatus | None = None
    strand: str | None = None
    area: str | None = None
    channel: Channel | None = None
    police_consent: bool | None = None
    received_from: datetime.date | None = None
    received_to: datetime.date | None = None


@router.get(
    "/inbox",
    response=list[InboxItem],
    summary="New reports received by my organisation, newest first",
)
@paginate(LimitOffsetPagination)
def inbox(request: HttpRequest, filters: Query[InboxQuery]) -> QuerySet[Report]:
    if not user_can(request.user, "report.view_org"):
        raise PermissionDenied()
    return report_inbox_list(
        reports=reports_visible_to(request.user),
        filters=InboxFilters(
            status=filters.status or "",
            strand_code=filters.strand or "",
            area_code=filters.area or "",
            channel=filters.channel or "",
            police_consent=filters.police_consent,
            received_from=filters.received_from,
            received_to=filters.received_to,
        ),
    )
