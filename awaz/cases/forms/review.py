"""Recording an ASB case review request and its threshold decision."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from awaz.core.forms import GovukDateField


class CaseReviewRequestForm(forms.Form):
    requested_on = GovukDateField(
        label=_("When did the victim ask for a case review?"),
        help_text=_("Leave blank for today. For example, 27 3 2027"),
        required=False,
        subject=_("The date of the request"),
    )


class CaseReviewDecisionForm(forms.Form):
    threshold_met = forms.TypedChoiceField(
        label=_("Is the threshold for a case review met?"),
        choices=[("yes", _("Yes: hold a review meeting")), ("no", _("No: close the review"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether the threshold is met")},
    )
