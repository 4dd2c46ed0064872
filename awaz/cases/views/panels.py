"""The case page is a list of panels, so each part of the partnership response adds its own
section without editing the page's template.

How to add a panel:

1. Write a template, e.g. ``cases/case/panels/referrals.html``. It is included with
   ``case`` (the ``Case``), ``user`` (the signed-in user), ``can_edit`` and ``is_lead``
   (booleans), and ``panel`` (the dict your hook returns, or ``{}``). Start it with an
   ``<h2 class="govuk-heading-m">`` of your title; keep it short and link to your own pages
   for forms.
2. Append one line to ``CASE_PANELS``: ``(template_name, title)``. Order is the order on
   the page (summary and timeline come first).
3. Optionally register a context hook for it in ``PANEL_CONTEXT``: template name ->
   a callable ``(case, user) -> dict`` or its dotted path as a string (a string avoids
   import cycles: it is imported on first use). A hook must only read (selectors), never
   write: the page's ``CASE_VIEWED`` audit row is already written.

``panels_for(case, user)`` gives the view ``[{"template", "title", "context"}, ...]``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.functional import Promise
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from awaz.cases.models import Case

PanelHook = Callable[[Case, Any], dict[str, Any]]

CASE_PANELS: list[tuple[str, str | Promise]] = [
    ("cases/case/panels/summary.html", _("Summary")),
    ("cases/case/panels/timeline.html", _("Timeline")),
    ("cases/risk/_panel.html", _("Risk")),
    ("cases/tasks/_panel.html", _("Tasks")),
    ("cases/repeats/_panel.html", _("Earlier reports (repeats)")),
    ("cases/review/_panel.html", _("Case review")),
    ("cases/timers/_clocks_panel.html", _("Clocks")),
    ("cases/consent/_panel.html", _("Consent")),
    ("cases/referral/_panel.html", _("Referrals")),
    ("cases/messages/_panel.html", _("Messages with the reporter")),
]

PANEL_CONTEXT: dict[str, PanelHook | str] = {
    "cases/case/panels/summary.html": "awaz.cases.views.case.summary_panel_context",
    "cases/case/panels/timeline.html": "awaz.cases.views.case.timeline_panel_context",
    "cases/risk/_panel.html": "awaz.cases.views.risk.risk_panel_context",
    "cases/tasks/_panel.html": "awaz.cases.views.tasks.tasks_panel_context",
    "cases/repeats/_panel.html": "awaz.cases.views.repeats.repeats_panel_context",
    "cases/review/_panel.html": "awaz.cases.views.review.case_review_panel_context",
    "cases/timers/_clocks_panel.html": "awaz.cases.views.timers.clocks_panel_context",
    "cases/consent/_panel.html": "awaz.cases.views.consent.consent_panel_context",
    "cases/referral/_panel.html": "awaz.cases.views.referral.referrals_panel_context",
    "cases/messages/_panel.html": "awaz.cases.views.messages.messages_panel_context",
}


def panels_for(case: Case, user: Any) -> list[dict[str, Any]]:
    panels = []
    for template, title in CASE_PANELS:
        hook = PANEL_CONTEXT.get(template)
        if isinstance(hook, str):
            hook = import_string(hook)
        context = hook(case, user) if hook is not None else {}
        panels.append({"template": template, "title": title, "context": context})
    return panels
