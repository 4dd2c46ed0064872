"""The section the imports app adds to a report's staff page (``reporting.panels``): for a
report made from an imported record, where it came from, its reference in the source (for
those allowed to see it) and every version a file gave it. Registered in ``apps.py``."""

from __future__ import annotations

from typing import Any

from awaz.imports import access
from awaz.imports.selectors import record_for_report, record_history_rows, source_is_police
from awaz.reporting.panels import ReportPanel


def imported_record_panel(*, user: Any, report: Any) -> ReportPanel | None:
    record = record_for_report(report.pk)
    if record is None:
        return None
    return ReportPanel(
        template="imports/_report_panel.html",
        context={
            "record": record,
            "source": record.source,
            "police": source_is_police(record.source),
            "reference": record.reference if access.may_see_reference(user, record) else "",
            "versions": record_history_rows(record),
        },
    )
