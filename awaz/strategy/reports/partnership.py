"""The partnership's side of the quarter: performance measures (``selectors_measures``), the
reporting-centre register (``selectors_centres``), and the group's meetings and issue log
(read from the meeting models: the meetings selectors answer other questions)."""

from __future__ import annotations

import datetime

from django.db.models import Count
from django.utils.translation import gettext as _

from awaz.core.quarters import Quarter
from awaz.strategy.models import Issue, IssueStatus, Meeting, Strategy
from awaz.strategy.reports.tables import Column, QuarterlyContent, ReportTable
from awaz.strategy.selectors_centres import CentreFilters, centre_register, is_verified
from awaz.strategy.selectors_measures import measure_rows

# How many quarters of each measure the report shows (its chart and history table).
MEASURE_QUARTERS = 8
DAY = datetime.timedelta(days=1)


def measure_tables(content: QuarterlyContent, strategy: Strategy) -> None:
    rows = measure_rows(strategy=strategy, quarter=content.quarter, quarters=MEASURE_QUARTERS)
    content.measures = rows
    content.add(
        ReportTable(
            key="measures",
            title=_("Performance measures"),
            columns=(
                Column(_("Strand")),
                Column(_("Measure")),
                Column(_("Unit")),
                Column(_("This quarter"), "decimal"),
                Column(_("Previous quarter"), "decimal"),
                Column(_("Same quarter last year"), "decimal"),
                Column(_("Change on the previous quarter"), "change"),
                Column(_("Change on a year ago"), "change"),
                Column(_("Target"), "decimal"),
                Column(_("On target"), "bool"),
                Column(_("Improving"), "bool"),
            ),
            rows=[
                (
                    str(r.measure.strand),
                    r.measure.name,
                    str(r.measure.get_unit_display()),
                    r.current,
                    r.previous_quarter,
                    r.year_ago,
                    r.qoq_change,
                    r.yoy_change,
                    r.target,
                    r.on_target,
                    r.improving,
                )
                for r in rows
            ],
            note=_("Blank: no figure for that quarter, or no target set."),
        )
    )
    quarters: list[Quarter] = []
    for row in rows:
        for point in row.series:
            if point.quarter not in quarters:
                quarters.append(point.quarter)
    quarters.sort()
    content.add(
        ReportTable(
            key="measure_history",
            title=_("Performance measures, the last %(n)s quarters") % {"n": len(quarters)},
            columns=(Column(_("Measure")), *(Column(q.label, "decimal") for q in quarters)),
            rows=[
                (
                    r.measure.name,
                    *({p.quarter: p.value for p in r.series}.get(q) for q in quarters),
                )
                for r in rows
            ],
        )
    )


def centre_tables(content: QuarterlyContent) -> None:
    """The register as it stood at the end of the quarter: flags judged on the next day,
    reports per centre in the four quarters to the quarter's end."""
    register = centre_register(filters=CentreFilters(), today=content.quarter.end + DAY)
    quarters = register.quarters
    rows = register.rows
    content.add(
        ReportTable(
            key="centre_counts",
            title=_("Third-party reporting centres at the end of the quarter"),
            columns=(
                Column(_("Centres"), "int"),
                Column(
                    _("Verified in the last %(months)s months") % {"months": register.months}, "int"
                ),
                Column(_("Needing action"), "int"),
                Column(_("Needing attention only"), "int"),
                Column(_("Reports recorded by centres this quarter"), "int"),
            ),
            rows=[
                (
                    register.total,
                    sum(
                        r.centre is not None
                        and is_verified(
                            r.centre.last_verified_on,
                            today=content.quarter.end + DAY,
                            months=register.months,
                        )
                        for r in rows
                    ),
                    sum(r.needs_action for r in rows),
                    sum(bool(r.flags) and not r.needs_action for r in rows),
                    sum(r.received[-1] for r in rows),
                )
            ],
        )
    )
    content.add(
        ReportTable(
            key="centres",
            title=_("Reports recorded by each reporting centre, and what needs attention"),
            columns=(
                Column(_("Reporting centre")),
                Column(_("Area")),
                *(Column(q.label, "int") for q in quarters),
                Column(_("Needs action or attention")),
            ),
            rows=[
                (
                    r.organisation.name,
                    r.centre.area.name if r.centre and r.centre.area else "",
                    *r.received,
                    "; ".join(flag.text for flag in r.flags),
                )
                for r in rows
            ],
        )
    )


def meeting_tables(content: QuarterlyContent, strategy: Strategy) -> None:
    quarter = content.quarter
    meetings = (
        Meeting.objects.filter(strategy=strategy, held_on__range=(quarter.start, quarter.end))
        .annotate(items=Count("agenda"))
        .order_by("held_on", "id")
    )
    content.add(
        ReportTable(
            key="meetings",
            title=_("Meetings of the group in the quarter"),
            columns=(
                Column(_("Date"), "date"),
                Column(_("Meeting")),
                Column(_("Agenda items"), "int"),
                Column(_("Minutes recorded"), "bool"),
            ),
            rows=[(m.held_on, m.title, m.items, bool(m.minutes.strip())) for m in meetings],
        )
    )
    issues = list(
        Issue.objects.filter(strategy=strategy, raised_on__lte=quarter.end)
        .select_related("raised_by_organisation")
        .order_by("raised_on", "id")
    )

    def within(day: datetime.date | None) -> bool:
        return day is not None and quarter.start <= day <= quarter.end

    def ended(issue: Issue, status: IssueStatus) -> bool:
        # Resolving and closing both set ``resolved_on``: the status tells them apart.
        return issue.status == status and within(issue.resolved_on)

    content.add(
        ReportTable(
            key="issue_counts",
            title=_("The issue log in the quarter"),
            columns=(
                Column(_("Raised"), "int"),
                Column(_("Escalated to the county action group"), "int"),
                Column(_("Resolved"), "int"),
                Column(_("Closed without resolution"), "int"),
                Column(_("Open at the end of the quarter"), "int"),
            ),
            rows=[
                (
                    sum(within(i.raised_on) for i in issues),
                    sum(within(i.escalated_on) for i in issues),
                    sum(ended(i, IssueStatus.RESOLVED) for i in issues),
                    sum(ended(i, IssueStatus.CLOSED) for i in issues),
                    sum(i.resolved_on is None or i.resolved_on > quarter.end for i in issues),
                )
            ],
        )
    )
    content.add(
        ReportTable(
            key="issues",
            title=_("Issues escalated, resolved or closed in the quarter"),
            columns=(
                Column(_("Reference")),
                Column(_("Issue")),
                Column(_("Raised by")),
                Column(_("Raised on"), "date"),
                Column(_("Escalated on"), "date"),
                Column(_("Resolved or closed on"), "date"),
                Column(_("Status now")),
            ),
            rows=[
                (
                    i.reference,
                    i.title,
                    i.raised_by_organisation.name,
                    i.raised_on,
                    i.escalated_on,
                    i.resolved_on,
                    str(i.get_status_display()),
                )
                for i in issues
                if within(i.escalated_on) or within(i.resolved_on)
            ],
        )
    )
