"""Delivery projects: the chair records the plan, budget, partners, outputs and outcomes,
and which actions a project delivers."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from awaz.audit.events import AuditEventType
from awaz.core.exceptions import ApplicationError
from awaz.partners.models import Organisation
from awaz.strategy.access import require
from awaz.strategy.models import Action, Project, ProjectStatus, Strategy
from awaz.strategy.services.auditing import changed_fields, plan_audit

MSG_NAME = _("Enter the name of the project")
MSG_NAME_TAKEN = _("There is already a project with this name in this strategy")
MSG_BUDGET = _("The budget must be £0 or more")
MSG_ENDS = _("The end date must be the same as or after the start date")
MSG_COUNT = _("Enter a whole number, 0 or more")
MSG_LEAD_PARTNER = _("The lead organisation cannot also be listed as a partner")
MSG_ACTION_OTHER = _("Choose actions of this project's strategy")


@dataclass(frozen=True)
class ProjectDetails:
    """What the chair says about a project (the form's cleaned data)."""

    name: str
    lead_organisation: Organisation
    status: ProjectStatus = ProjectStatus.PLANNED
    plan: str = ""
    partners: tuple[Organisation, ...] = field(default=())
    actions: tuple[Action, ...] = field(default=())
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    budget: Decimal | None = None
    sessions_held: int = 0
    people_reached: int = 0
    outcomes: str = ""


def _check(details: ProjectDetails, *, strategy: Strategy, exclude_pk: int | None) -> str:
    name = details.name.strip()
    if not name:
        raise ApplicationError(MSG_NAME, extra={"field": "name"})
    taken = Project.objects.filter(strategy=strategy, name__iexact=name)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        raise ApplicationError(MSG_NAME_TAKEN, extra={"field": "name"})
    if details.budget is not None and details.budget < 0:
        raise ApplicationError(MSG_BUDGET, extra={"field": "budget"})
    if details.starts_on and details.ends_on and details.ends_on < details.starts_on:
        raise ApplicationError(MSG_ENDS, extra={"field": "ends_on"})
    for name_, value in (
        ("sessions_held", details.sessions_held),
        ("people_reached", details.people_reached),
    ):
        if value < 0:
            raise ApplicationError(MSG_COUNT, extra={"field": name_})
    if any(org.pk == details.lead_organisation.pk for org in details.partners):
        raise ApplicationError(MSG_LEAD_PARTNER, extra={"field": "partners"})
    if any(action.strand.strategy_id != strategy.pk for action in details.actions):
        raise ApplicationError(MSG_ACTION_OTHER, extra={"field": "actions"})
    return name


def _values(details: ProjectDetails, name: str) -> dict[str, Any]:
    return {
        "name": name,
        "plan": details.plan.strip(),
        "status": str(ProjectStatus(details.status)),
        "lead_organisation_id": details.lead_organisation.pk,
        "starts_on": details.starts_on,
        "ends_on": details.ends_on,
        "budget": details.budget,
        "sessions_held": details.sessions_held,
        "people_reached": details.people_reached,
        "outcomes": details.outcomes.strip(),
    }


@transaction.atomic(durable=True)
def project_create(*, strategy: Strategy, details: ProjectDetails, actor: Any) -> Project:
    require(actor, "plan.edit")
    name = _check(details, strategy=strategy, exclude_pk=None)
    project = Project.objects.create(
        strategy=strategy, created_by=actor, modified_by=actor, **_values(details, name)
    )
    project.partners.set(details.partners)
    project.actions.set(details.actions)
    plan_audit(
        event_type=AuditEventType.PROJECT_CREATED,
        actor=actor,
        target=project,
        details={
            "strategy_id": strategy.pk,
            "budget": str(details.budget) if details.budget is not None else None,
            "action_ids": sorted(a.pk for a in details.actions),
        },
    )
    return project


@transaction.atomic(durable=True)
def project_change(*, project: Project, details: ProjectDetails, actor: Any) -> Project:
    """Change a project: its plan, status, budget, partners, outputs so far and outcomes.
    A changed budget or output is audited with its old and new values."""
    require(actor, "plan.edit")
    project = Project.objects.select_for_update().select_related("strategy").get(pk=project.pk)
    name = _check(details, strategy=project.strategy, exclude_pk=project.pk)
    before = {
        "budget": project.budget,
        "sessions_held": project.sessions_held,
        "people_reached": project.people_reached,
    }
    changed = changed_fields(project, _values(details, name))
    if set(project.partners.values_list("pk", flat=True)) != {o.pk for o in details.partners}:
        project.partners.set(details.partners)
        changed.append("partners")
    if set(project.actions.values_list("pk", flat=True)) != {a.pk for a in details.actions}:
        project.actions.set(details.actions)
        changed.append("actions")
    if changed:
        project.modified_by = actor
        project.save()
        figures = {
            key: {"from": str(old) if old is not None else None, "to": str(getattr(project, key))}
            for key, old in before.items()
            if key in changed
        }
        plan_audit(
            event_type=AuditEventType.PROJECT_CHANGED,
            actor=actor,
            target=project,
            details={"fields": [n.removesuffix("_id") for n in changed], "figures": figures},
        )
    return project
