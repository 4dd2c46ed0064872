"""``{% rag_tag status %}``: a RAG status as a GOV.UK tag, in words as well as colour."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from awaz.strategy.models import RagStatus

register = template.Library()

COLOURS = {
    RagStatus.RED: "govuk-tag--red",
    RagStatus.AMBER: "govuk-tag--orange",
    RagStatus.GREEN: "govuk-tag--green",
    RagStatus.COMPLETE: "govuk-tag--blue",
    RagStatus.NOT_STARTED: "govuk-tag--grey",
}


@register.simple_tag
def rag_tag(status: str | None, overdue: bool = False) -> SafeString:
    """The status as a tag; ``overdue`` adds "(overdue)" to the words."""
    if not status:
        return format_html('<strong class="govuk-tag govuk-tag--grey">{}</strong>', _("No actions"))
    rag = RagStatus(status)
    label = str(rag.label)
    if overdue:
        label = _("%(status)s (overdue)") % {"status": label}
    return format_html('<strong class="govuk-tag {}">{}</strong>', COLOURS[rag], label)


@register.filter
def rag_label(status: str) -> str:
    return str(RagStatus(status).label)
