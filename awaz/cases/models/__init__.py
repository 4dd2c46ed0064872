"""Cases: triage of reports into partnership work, consent-gated referrals, messages with
the reporter, tasks, risk, Victims' Code time limits, notifications and outcomes."""

from awaz.cases.models.case import (
    Case,
    CaseEvent,
    CaseOutcome,
    CaseReport,
    CaseStatus,
    CloseReason,
    EventKind,
    RiskLevel,
    TriageDecision,
    TriageRecord,
)
from awaz.cases.models.classification import Classification, ClassificationKind, ThresholdDecision
from awaz.cases.models.risk import CaseReview, CaseReviewStatus, RiskAssessment
from awaz.cases.models.standards import (
    Notification,
    NotificationKind,
    NotificationMode,
    NotificationPreference,
    SatisfactionResponse,
    TimeLimitSet,
)
from awaz.cases.models.work import (
    Message,
    MessageDirection,
    Referral,
    ReferralStatus,
    Task,
    TaskKind,
)

__all__ = [
    "Case",
    "CaseEvent",
    "CaseOutcome",
    "CaseReport",
    "CaseReview",
    "CaseReviewStatus",
    "CaseStatus",
    "Classification",
    "ClassificationKind",
    "CloseReason",
    "EventKind",
    "Message",
    "MessageDirection",
    "Notification",
    "NotificationKind",
    "NotificationMode",
    "NotificationPreference",
    "Referral",
    "ReferralStatus",
    "RiskAssessment",
    "RiskLevel",
    "SatisfactionResponse",
    "Task",
    "TaskKind",
    "ThresholdDecision",
    "TimeLimitSet",
    "TriageDecision",
    "TriageRecord",
]
