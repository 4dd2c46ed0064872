"""The plan overview's filters (GET): strand, lead organisation, status shown, overdue."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from awaz.strategy.models import RagStatus
from awaz.strategy.selectors import STATUS_ORDER, PlanFilters


class PlanFilterForm(forms.Form):
    strand = forms.ChoiceField(label=_("Strand"), required=False)
    lead = forms.ChoiceField(label=_("Lead organisation"), required=False)
    status = forms.ChoiceField(label=_("RAG status"), required=False)
    overdue = forms.BooleanField(label=_("Only overdue actions"), required=False)

    def __init__(
        self,
        *args: object,
        strands: list[tuple[int, str]],
        leads: list[tuple[int, str]],
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        labels = dict(RagStatus.choices)
        self._choices: dict[str, list[tuple[str, str]]] = {
            "strand": [("", str(_("All strands"))), *((str(pk), n) for pk, n in strands)],
            "lead": [("", str(_("All organisations"))), *((str(pk), n) for pk, n in leads)],
            "status": [
                ("", str(_("Any status"))),
                *((s.value, str(labels[s])) for s in STATUS_ORDER),
            ],
        }
        for name, options in self._choices.items():
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = options

    def _options(self, name: str) -> list[tuple[str, str]]:
        return self._choices[name]

    @property
    def strand_options(self) -> list[tuple[str, str]]:
        return self._options("strand")

    @property
    def lead_options(self) -> list[tuple[str, str]]:
        return self._options("lead")

    @property
    def status_options(self) -> list[tuple[str, str]]:
        return self._options("status")

    def selected(self) -> dict[str, str]:
        """The values chosen, as typed (for the selects to show them again)."""
        data = self.data if self.is_bound else {}
        return {name: str(data.get(name, "")) for name in ("strand", "lead", "status")}

    def filters(self) -> PlanFilters:
        """The filters chosen; an unknown value (an edited address) is ignored."""
        if not self.is_bound:
            return PlanFilters()
        self.is_valid()  # fills cleaned_data with the fields that are valid
        data = self.cleaned_data
        return PlanFilters(
            strand_id=int(data["strand"]) if data.get("strand") else None,
            lead_organisation_id=int(data["lead"]) if data.get("lead") else None,
            status=RagStatus(data["status"]) if data.get("status") else None,
            overdue_only=bool(data.get("overdue")),
        )
