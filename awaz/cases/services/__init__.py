"""Every write to cases goes through these services (re-exported by their modules)."""

# Re-exports only (each block names a module's public services).
# ruff: noqa: F401

# Triage, the case page, classification and search.
from awaz.cases.services.case import (
    ContactMethod,
    KeyDecision,
    case_assign,
    case_contact_record,
    case_decision_record,
    case_lock_for_edit,
    case_note_add,
    case_police_received_set,
    case_report_correction_record,
    case_status_change,
    case_strands_assess,
    case_victim_informed_record,
    case_view,
)
from awaz.cases.services.classification import (
    case_classify,
    case_retention_recompute,
    classification_version_add,
    retention_review_date,
    threshold_decision_record,
    time_limit_set_add,
)

# Consent, referrals and messages with the reporter.
from awaz.cases.services.consent import (
    case_consent_record,
    consent_withdrawal_tasks_create,
    consent_withdrawals_to_action,
)
from awaz.cases.services.messages import (
    message_from_reporter_receive,
    message_to_reporter_send,
    messages_open_for_staff,
    messages_read_by_reporter,
)

# Victims' Code timers, notifications, outcomes and satisfaction.
from awaz.cases.services.notifications import (
    notification_preference_set,
    notification_send,
    notifications_send_digests,
    notify,
    notify_high_risk,
    notify_overdue_tasks,
    notify_referral_received,
    notify_reporter_message,
    notify_risk_reviews_due,
    notify_task_assigned,
)
from awaz.cases.services.outcome import case_close, satisfaction_answer
from awaz.cases.services.referral import (
    case_report_open,
    referral_accept,
    referral_decline,
    referral_open,
    referral_send,
    referral_withdraw,
)

# Risk, ASB case reviews and tasks.
from awaz.cases.services.review import (
    case_review_acknowledge,
    case_review_decide,
    case_review_meeting_held,
    case_review_request,
)
from awaz.cases.services.risk import risk_assess
from awaz.cases.services.search import (
    SearchKind,
    SearchResult,
    people_search,
)
from awaz.cases.services.tasks import task_add, task_complete, task_create, task_reopen
from awaz.cases.services.triage import (
    triage_bulk_assign,
    triage_bulk_close_duplicates,
    triage_claim,
    triage_close,
    triage_link_case,
    triage_make_case,
    triage_release,
)
