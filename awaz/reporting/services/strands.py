"""Changing the strands a report names, when its source says so: a later extract of a
partner's records that changes a record's strands (``awaz.imports``). The analysis facts
follow in the same transaction (ADR 0005)."""

from __future__ import annotations

from django.db import transaction

from awaz.audit.events import AuditEventType
from awaz.audit.services import Actor, audit_record
from awaz.reporting.models import Report, Strand
from awaz.reporting.services.facts import incident_facts_refresh


@transaction.atomic
def report_strands_replace(*, report: Report, strand_codes: list[str], actor: Actor) -> bool:
    """Make ``strand_codes`` the report's strands and write its facts again; False (and
    nothing written) when they are the ones it names already. Unknown codes are ignored,
    as ``report_submit`` ignores them."""
    strands = list(Strand.objects.filter(code__in=strand_codes))
    wanted = {s.pk for s in strands}
    if wanted == set(report.strands.values_list("pk", flat=True)):
        return False
    report.strands.set(strands)
    incident_facts_refresh(report)
    audit_record(
        event_type=AuditEventType.REPORT_STRANDS_CHANGED,
        actor=actor,
        target_type="reporting.report",
        target_id=report.pk,
        details={"strands": sorted(s.code for s in strands)},
    )
    return True
