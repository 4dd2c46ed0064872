"""Who may see and change the strategy and action plan: one table from action to roles (an
unmapped action raises, so a new view is closed until someone decides), and
fetch-and-authorise helpers.

The plan holds no personal data, but it is the partnership's working document, so only its
members see it:

- The **chair** runs the plan: sets up the strategy, strands and objectives, adds and edits
  actions, milestones and delivery projects, and may record progress and RAG statuses on any
  action.
- **Caseworkers and analysts** (partner or reporting-centre) contribute for their
  organisation: progress updates with evidence on actions it leads or supports; RAG
  statuses and milestones reached on actions it leads (the lead answers for the action).
- The **PCC office** reads everything (oversight), changes nothing.
- The **administrator** is a technical role and has no part in the plan.

Every refusal, whether the role may not do something or the action is not one of the
organisation's, is the same 404 as a missing record (``NotFound``), so nothing can be probed.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from awaz.core.exceptions import NotFound
from awaz.partners.models import Membership, Organisation, OrganisationKind, Role
from awaz.partners.selectors import membership_for_user, organisation_list
from awaz.strategy.models import (
    Action,
    Measure,
    MeasureSource,
    Milestone,
    Objective,
    Project,
    QuarterlyReport,
    Strand,
    Strategy,
    UpdateFile,
)

CHAIR = frozenset({Role.CHAIR})
CONTRIBUTORS = frozenset({Role.PARTNER_CASEWORKER, Role.CENTRE_CASEWORKER, Role.ANALYST})
READERS = CHAIR | CONTRIBUTORS | {Role.PCC_OFFICE}

ACTION_ROLES: dict[str, frozenset[Role]] = {
    # The plan overview, actions with their timelines, projects.
    "plan.view": READERS,
    # Open a file given as evidence in a progress update.
    "plan.evidence": READERS,
    # Strategy, strands, objectives, actions, milestones and projects.
    "plan.edit": CHAIR,
    # Progress updates with evidence (contributors: actions their organisation leads or
    # supports).
    "action.update": CHAIR | CONTRIBUTORS,
    # RAG status and milestones reached (contributors: actions their organisation leads).
    "action.status": CHAIR | CONTRIBUTORS,
    # Reporting-centre register (strand 2) --------------------------------------------------
    # The register: centres' details, flags, training and reports received per quarter.
    "centre.view": READERS,
    # A centre's details and its staff training (centre caseworkers: their own centre only).
    "centre.edit": CHAIR | {Role.CENTRE_CASEWORKER},
    # Mark a centre as verified: the partnership's check, so never the centre's own staff.
    "centre.verify": CHAIR,
    # Performance measures (strand 4) --------------------------------------------------------
    # Measures with their values, targets, charts and history; their CSV.
    "measure.view": READERS,
    # Add and change measures: target, direction that is good, strand.
    "measure.edit": CHAIR,
    # Enter a quarter's value of an entered measure (contributors: measures their
    # organisation enters).
    "measure.enter": CHAIR | CONTRIBUTORS,
    # Meetings and escalations ------------------------------------------------------------
    # Nothing in a meeting or the issue log identifies a victim (the services refuse
    # contact details and report references), so every reader, the PCC office too, sees it.
    # Meetings: agenda, minutes, actions arising, issues discussed.
    "meeting.view": READERS,
    # Add and change meetings, build the agenda, other business, minutes, actions arising.
    "meeting.manage": CHAIR,
    # The issue log and each issue's history.
    "issue.view": READERS,
    # Raise an issue (contributors: for their own organisation; the chair for any).
    "issue.raise": CHAIR | CONTRIBUTORS,
    # Discuss, escalate to the county action group, resolve, close; owner and notes.
    "issue.manage": CHAIR,
    # Quarterly reports ------------------------------------------------------------------
    # The reports (PDF and XLSX) and their progress: counts and the plan, no personal data,
    # for those who see the same counts on the patterns dashboard (the chair, analysts and
    # the PCC office); caseworkers work from their cases.
    "report.view": CHAIR | {Role.ANALYST, Role.PCC_OFFICE},
    # Ask for a quarter's report to be made.
    "report.generate": CHAIR,
}

# Roles whose rights in "action.update" and "action.status" cover every action; the others
# are limited to their organisation's actions.
EVERY_ACTION = CHAIR


def user_can(user: Any, action: str) -> bool:
    if action not in ACTION_ROLES:
        raise KeyError(f"unmapped action {action!r}: add it to strategy.access.ACTION_ROLES")
    membership = membership_for_user(user)
    return membership is not None and Role(membership.role) in ACTION_ROLES[action]


def require(user: Any, action: str) -> Membership:
    """The user's membership if their role may do ``action``; ``NotFound`` otherwise."""
    membership = membership_for_user(user)
    if membership is None or not user_can(user, action):
        raise NotFound()
    return membership


def _scoped(membership: Membership, *, supporting: bool) -> Q:
    if Role(membership.role) in EVERY_ACTION:
        return Q()
    org_id = membership.organisation_id
    condition = Q(lead_organisation_id=org_id)
    if supporting:
        supported = Action.supporting_organisations.through.objects.filter(
            organisation_id=org_id
        ).values("action_id")
        condition |= Q(pk__in=supported)
    return condition


def actions_updatable_by(user: Any) -> QuerySet[Action]:
    """Actions the user may add progress updates to (none if the role may not)."""
    membership = membership_for_user(user)
    if membership is None or not user_can(user, "action.update"):
        return Action.objects.none()
    return Action.objects.filter(_scoped(membership, supporting=True))


def actions_statusable_by(user: Any) -> QuerySet[Action]:
    """Actions whose RAG status and milestones the user may record (none if not allowed)."""
    membership = membership_for_user(user)
    if membership is None or not user_can(user, "action.status"):
        return Action.objects.none()
    return Action.objects.filter(_scoped(membership, supporting=False))


def access_strategy_by_id(user: Any, strategy_id: int, *, edit: bool = False) -> Strategy:
    require(user, "plan.edit" if edit else "plan.view")
    strategy = Strategy.objects.filter(pk=strategy_id).first()
    if strategy is None:
        raise NotFound()
    return strategy


def access_strand_for_edit_by_id(user: Any, strand_id: int) -> Strand:
    require(user, "plan.edit")
    strand = Strand.objects.select_related("strategy").filter(pk=strand_id).first()
    if strand is None:
        raise NotFound()
    return strand


def access_objective_for_edit_by_id(user: Any, objective_id: int) -> Objective:
    require(user, "plan.edit")
    objective = Objective.objects.select_related("strategy").filter(pk=objective_id).first()
    if objective is None:
        raise NotFound()
    return objective


def _one(queryset: QuerySet[Action], action_id: int) -> Action:
    found = (
        queryset.select_related("strand__strategy", "lead_organisation")
        .filter(pk=action_id)
        .first()
    )
    if found is None:
        raise NotFound()
    return found


def access_action_by_id(user: Any, action_id: int) -> Action:
    require(user, "plan.view")
    return _one(Action.objects.all(), action_id)


def access_action_for_edit_by_id(user: Any, action_id: int) -> Action:
    require(user, "plan.edit")
    return _one(Action.objects.all(), action_id)


def access_action_for_update_by_id(user: Any, action_id: int) -> Action:
    require(user, "action.update")
    return _one(actions_updatable_by(user), action_id)


def access_action_for_status_by_id(user: Any, action_id: int) -> Action:
    require(user, "action.status")
    return _one(actions_statusable_by(user), action_id)


def access_milestone_for_status_by_id(user: Any, milestone_id: int) -> Milestone:
    require(user, "action.status")
    milestone = (
        Milestone.objects.select_related("action__strand__strategy")
        .filter(pk=milestone_id, action__in=actions_statusable_by(user))
        .first()
    )
    if milestone is None:
        raise NotFound()
    return milestone


def access_milestone_for_edit_by_id(user: Any, milestone_id: int) -> Milestone:
    require(user, "plan.edit")
    milestone = (
        Milestone.objects.select_related("action__strand__strategy").filter(pk=milestone_id).first()
    )
    if milestone is None:
        raise NotFound()
    return milestone


def access_project_by_id(user: Any, project_id: int, *, edit: bool = False) -> Project:
    require(user, "plan.edit" if edit else "plan.view")
    project = (
        Project.objects.select_related("strategy", "lead_organisation")
        .filter(pk=project_id)
        .first()
    )
    if project is None:
        raise NotFound()
    return project


def access_evidence_file_by_id(user: Any, file_id: int) -> UpdateFile:
    require(user, "plan.evidence")
    found = UpdateFile.objects.select_related("update").filter(pk=file_id).first()
    if found is None:
        raise NotFound()
    return found


def is_action_updatable(user: Any, action: Action) -> bool:
    return actions_updatable_by(user).filter(pk=action.pk).exists()


def is_action_statusable(user: Any, action: Action) -> bool:
    return actions_statusable_by(user).filter(pk=action.pk).exists()


# Reporting-centre register (strand 2) ------------------------------------------------------

# Roles whose right in "centre.edit" covers every centre; the others only their own
# organisation's centre.
EVERY_CENTRE = CHAIR


def centres_editable_by(user: Any) -> QuerySet[Organisation]:
    """The reporting-centre organisations whose details and training the user may record."""
    membership = membership_for_user(user)
    if membership is None or not user_can(user, "centre.edit"):
        return Organisation.objects.none()
    centres = organisation_list(kind=OrganisationKind.REPORTING_CENTRE)
    if Role(membership.role) in EVERY_CENTRE:
        return centres
    return centres.filter(pk=membership.organisation_id)


def access_centre_by_id(
    user: Any, organisation_id: int, *, action: str = "centre.view"
) -> Organisation:
    """A reporting-centre organisation (its ``centre`` details, if recorded, selected with
    it) that the user may use for ``action`` ("centre.view", "centre.edit" or
    "centre.verify"); the same ``NotFound`` for a missing one and one not theirs."""
    require(user, action)
    scope = (
        centres_editable_by(user)
        if action == "centre.edit"
        else organisation_list(kind=OrganisationKind.REPORTING_CENTRE)
    )
    found = (
        scope.select_related("centre__area", "centre__last_verified_by")
        .filter(pk=organisation_id)
        .first()
    )
    if found is None:
        raise NotFound()
    return found


def is_centre_editable(user: Any, organisation: Organisation) -> bool:
    return centres_editable_by(user).filter(pk=organisation.pk).exists()


# Performance measures ----------------------------------------------------------------------


def access_measure_by_id(user: Any, measure_id: int, *, edit: bool = False) -> Measure:
    require(user, "measure.edit" if edit else "measure.view")
    measure = (
        Measure.objects.select_related("strategy", "strand", "entered_by_organisation")
        .filter(pk=measure_id)
        .first()
    )
    if measure is None:
        raise NotFound()
    return measure


def measures_enterable_by(user: Any) -> QuerySet[Measure]:
    """Entered measures whose quarterly values the user may enter: every one for the chair,
    those their organisation enters for contributors, none for anyone else."""
    membership = membership_for_user(user)
    if membership is None or not user_can(user, "measure.enter"):
        return Measure.objects.none()
    measures = Measure.objects.filter(source=MeasureSource.ENTERED)
    if Role(membership.role) in CHAIR:
        return measures
    return measures.filter(entered_by_organisation_id=membership.organisation_id)


def access_measure_for_entry_by_id(user: Any, measure_id: int) -> Measure:
    require(user, "measure.enter")
    measure = (
        measures_enterable_by(user)
        .select_related("strategy", "strand", "entered_by_organisation")
        .filter(pk=measure_id)
        .first()
    )
    if measure is None:
        raise NotFound()
    return measure


def is_measure_enterable(user: Any, measure: Measure) -> bool:
    return measures_enterable_by(user).filter(pk=measure.pk).exists()


# Quarterly reports -----------------------------------------------------------------------


def access_quarterly_report_by_id(user: Any, report_id: int) -> QuarterlyReport:
    require(user, "report.view")
    report = (
        QuarterlyReport.objects.select_related("strategy", "requested_by")
        .filter(pk=report_id)
        .first()
    )
    if report is None:
        raise NotFound()
    return report
