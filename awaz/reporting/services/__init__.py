"""Reporting services (all writes). Public names are re-exported here, so callers import
``from awaz.reporting.services import report_submit`` whatever module holds them."""

from awaz.reporting.services.bulk import NewReport, reports_create_bulk
from awaz.reporting.services.consent import consent_record
from awaz.reporting.services.drafts import (
    draft_clear,
    draft_discard_steps,
    draft_ensure,
    draft_get,
    draft_new_token,
    draft_save_step,
    draft_steps,
    draft_token_hash,
    draft_was_submitted,
    drafts_purge_expired,
)
from awaz.reporting.services.evidence import (
    EvidenceRejected,
    evidence_add,
    evidence_clean,
    evidence_for_draft,
    evidence_read,
    evidence_remove,
)
from awaz.reporting.services.strands import report_strands_replace
from awaz.reporting.services.submission import hub_for_area, report_create, report_submit

__all__ = [
    "EvidenceRejected",
    "NewReport",
    "consent_record",
    "draft_clear",
    "draft_discard_steps",
    "draft_ensure",
    "draft_get",
    "draft_new_token",
    "draft_save_step",
    "draft_steps",
    "draft_token_hash",
    "draft_was_submitted",
    "drafts_purge_expired",
    "evidence_add",
    "evidence_clean",
    "evidence_for_draft",
    "evidence_read",
    "evidence_remove",
    "hub_for_area",
    "report_create",
    "report_strands_replace",
    "report_submit",
    "reports_create_bulk",
]
