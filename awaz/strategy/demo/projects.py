"""The demo's delivery projects: plan, budget, partners, outputs so far and outcomes, each
linked to the actions it delivers (by title, from ``content.ACTIONS``). Fictional figures."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from awaz.strategy.demo.content import (
    ACTIONS,
    CENTRE_CARLISLE,
    CENTRE_WORKINGTON,
    CSP,
    CUMBERLAND,
    CVS,
    DISABILITY,
    LGBT,
    MULTICULTURAL,
    PCC,
    POLICE,
    PROBATION,
    SUPPORT,
    WESTMORLAND,
    YOUTH,
)
from awaz.strategy.models import ProjectStatus


@dataclass(frozen=True)
class ProjectSpec:
    name: str
    lead: str
    partners: tuple[str, ...]
    actions: tuple[str, ...]  # action titles
    status: ProjectStatus
    plan: str
    budget: Decimal
    sessions: int
    people: int
    outcomes: str
    start_days: int  # days before the demo's today
    length_days: int


PROJECTS: tuple[ProjectSpec, ...] = (
    ProjectSpec(
        "Schools sessions",
        YOUTH,
        (POLICE, MULTICULTURAL, LGBT),
        (ACTIONS[0].title, ACTIONS[4].title),
        ProjectStatus.RUNNING,
        "Interactive sessions for years 8 and 9 in secondary schools across both council "
        "areas, with a police officer and a community speaker.",
        Decimal("12500.00"),
        38,
        2140,
        "Fictional: in feedback forms, 78% of pupils said they knew how to report hate, up "
        "from 41% before the session.",
        330,
        540,
    ),
    ProjectSpec(
        "Hate Crime Awareness Week",
        CSP,
        (POLICE, PCC, CVS, CUMBERLAND, WESTMORLAND),
        (ACTIONS[2].title,),
        ProjectStatus.FINISHED,
        "A week of events in October: stalls in town centres, a vigil, a conference for "
        "partner staff and a social media campaign.",
        Decimal("6000.00"),
        14,
        3600,
        "Fictional: reports to reporting centres rose in the four weeks after the week; "
        "the conference was rated good or very good by 9 in 10 who answered.",
        400,
        7,
    ),
    ProjectSpec(
        "Training for transport staff",
        POLICE,
        (CUMBERLAND, WESTMORLAND, DISABILITY),
        (ACTIONS[13].title,),
        ProjectStatus.RUNNING,
        "Short sessions for bus and rail staff: recognising hate incidents, supporting the "
        "person targeted, and how to report.",
        Decimal("4800.00"),
        9,
        160,
        "",
        200,
        365,
    ),
    ProjectSpec(
        "Reporting centre recruitment",
        SUPPORT,
        (CVS, CUMBERLAND, WESTMORLAND, CENTRE_WORKINGTON, CENTRE_CARLISLE),
        (ACTIONS[8].title, ACTIONS[9].title),
        ProjectStatus.RUNNING,
        "Find organisations where the centre map has gaps, agree the standard with them, "
        "train their staff and add them to the published list.",
        Decimal("9250.00"),
        11,
        74,
        "Fictional: six new centres open so far; every one passed its first check.",
        280,
        420,
    ),
    ProjectSpec(
        "Offender awareness course pilot",
        PROBATION,
        (POLICE, MULTICULTURAL),
        (ACTIONS[17].title,),
        ProjectStatus.PLANNED,
        "A pilot of a short course on the harm hate crime does, for people on probation "
        "for hate-motivated offences.",
        Decimal("7500.00"),
        0,
        0,
        "",
        -30,
        240,
    ),
)
