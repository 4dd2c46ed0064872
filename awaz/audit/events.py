"""Audit event types: one number per kind of past fact, in blocks per app, never reused.

1xx reporting, 2xx cases, 3xx partners and accounts, 4xx geography, 9xx the audit log itself.
"""

from enum import IntEnum, unique


@unique
class AuditEventType(IntEnum):
    # 1xx reporting
    REPORT_SUBMITTED = 100
    REPORT_VIEWED = 101
    REPORT_INFORMATION_ADDED = 102
    REPORT_CONSENT_CHANGED = 103
    REPORT_FOLLOWUP_VIEWED = 104
    REPORT_FOLLOWUP_CODE_REISSUED = 105
    REPORT_EVIDENCE_VIEWED = 106
    REPORT_EVIDENCE_ADDED = 107
    REPORT_FOLLOWUP_FAILED = 108
    REPORT_STATUS_CHANGED = 109

    # 3xx partners and accounts
    USER_INVITED = 300
    USER_INVITATION_ACCEPTED = 301
    USER_DEACTIVATED = 302
    USER_SIGNED_IN = 303
    USER_MFA_ENABLED = 304
    MEMBERSHIP_CHANGED = 305
    ORGANISATION_CREATED = 306
    USER_MFA_DISABLED = 307
    USER_CREATED = 308

    # 9xx the audit log
    AUDIT_CHAIN_VERIFIED = 900
