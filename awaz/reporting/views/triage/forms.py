"""The triage inbox's filters (a GET form: works without JavaScript, links can be shared)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from awaz.core.forms import GovukDateField
from awaz.geo.selectors import area_list
from awaz.reporting.models import Channel, ReportStatus, Strand
from awaz.reporting.selectors import InboxFilters

ANY = ""
YES = "yes"
NO = "no"


class InboxFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[(ANY, _("Any status")), *ReportStatus.choices]
    )
    strand = forms.ChoiceField(label=_("Strand"), required=False)
    area = forms.ChoiceField(label=_("Area"), required=False)
    channel = forms.ChoiceField(
        label=_("How it came in"), required=False, choices=[(ANY, _("Any way")), *Channel.choices]
    )
    police_consent = forms.ChoiceField(
        label=_("Consent to share with the police"),
        required=False,
        choices=[(ANY, _("Either")), (YES, _("Given")), (NO, _("Not given"))],
    )
    received_from = GovukDateField(
        label=_("Received from"),
        help_text=_("For example, 27 3 2026"),
        required=False,
        subject=_("The start date"),
    )
    received_to = GovukDateField(
        label=_("Received to"),
        help_text=_("For example, 31 3 2026"),
        required=False,
        subject=_("The end date"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        strand_field = self.fields["strand"]
        area_field = self.fields["area"]
        assert isinstance(strand_field, forms.ChoiceField)
        assert isinstance(area_field, forms.ChoiceField)
        strand_field.choices = [
            (ANY, _("Any strand")),
            *Strand.objects.order_by("sort_order", "name").values_list("code", "name"),
        ]
        area_field.choices = [
            (ANY, _("Any area")),
            *((area.code, area.name) for area in area_list().only("code", "name")),
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("received_from"), cleaned.get("received_to")
        if start and end and start > end:
            self.add_error(
                "received_to", ValidationError(_("The end date must be on or after the start date"))
            )
        return cleaned

    def filters(self) -> InboxFilters:
        """The filters to apply: none of those that did not validate."""
        data = self.cleaned_data if self.is_bound else {}
        errors = self.errors if self.is_bound else {}

        def value(name: str) -> Any:
            return data.get(name) if name not in errors else None

        consent = value("police_consent")
        return InboxFilters(
            status=value("status") or "",
            strand_code=value("strand") or "",
            area_code=value("area") or "",
            channel=value("channel") or "",
            police_consent=None if not consent else consent == YES,
            received_from=value("received_from"),
            received_to=value("received_to"),
        )
