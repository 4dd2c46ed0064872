"""Strategy and action plan: strands, objectives, actions with milestones, RAG statuses and
progress updates with evidence, delivery projects, performance measures, the reporting-centre
register, meetings with the issue log, and quarterly reports."""

from awaz.strategy.models.action import REASON_REQUIRED, Action, Milestone, RagChange, RagStatus
from awaz.strategy.models.centres import CentreTraining, ReportingCentre
from awaz.strategy.models.measures import (
    Computation,
    GoodDirection,
    Measure,
    MeasureSource,
    MeasureValue,
    Unit,
)
from awaz.strategy.models.meetings import (
    OPEN_ISSUE_STATUSES,
    AgendaItem,
    AgendaItemKind,
    Issue,
    IssueEvent,
    IssueStatus,
    Meeting,
)
from awaz.strategy.models.plan import Objective, Strand, Strategy
from awaz.strategy.models.project import Project, ProjectStatus
from awaz.strategy.models.reports import QuarterlyReport, ReportStatus
from awaz.strategy.models.updates import ProgressUpdate, UpdateFile, UpdateLink

__all__ = [
    "OPEN_ISSUE_STATUSES",
    "REASON_REQUIRED",
    "Action",
    "AgendaItem",
    "AgendaItemKind",
    "CentreTraining",
    "Computation",
    "GoodDirection",
    "Issue",
    "IssueEvent",
    "IssueStatus",
    "Measure",
    "MeasureSource",
    "MeasureValue",
    "Meeting",
    "Milestone",
    "Objective",
    "ProgressUpdate",
    "Project",
    "ProjectStatus",
    "QuarterlyReport",
    "RagChange",
    "RagStatus",
    "ReportStatus",
    "ReportingCentre",
    "Strand",
    "Strategy",
    "Unit",
    "UpdateFile",
    "UpdateLink",
]
