"""A progress update with its evidence: text, links and files."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awaz.core.exceptions import ApplicationError
from awaz.core.forms import GovukDateField
from awaz.strategy.forms.fields import MultipleFileField, MultipleFileInput
from awaz.strategy.services.updates import MAX_LINKS, MSG_TOO_MANY_FILES, links_clean

ACCEPT = "image/jpeg,image/png,image/gif,image/webp,.pdf"


class ProgressUpdateForm(forms.Form):
    update_on = GovukDateField(
        label=_("Date of the update"),
        help_text=_("The date the progress was made. For example, 14 10 2026"),
        subject=_("The date of the update"),
        initial=timezone.localdate,
        error_messages={"required": _("Enter the date of the update")},
    )
    text = forms.CharField(
        label=_("What progress has been made?"),
        help_text=_("What was done, what it achieved, and what happens next."),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10000,
        error_messages={
            "required": _("Enter what progress has been made"),
            "max_length": _("The update must be 10,000 characters or fewer"),
        },
    )
    links = forms.CharField(
        label=_("Links to evidence (optional)"),
        widget=forms.Textarea(attrs={"rows": 3, "spellcheck": "false"}),
        required=False,
        max_length=6000,
    )
    attachments = MultipleFileField(
        label=_("Files as evidence (optional)"),
        required=False,
        widget=MultipleFileInput(attrs={"multiple": True, "accept": ACCEPT}),
    )

    def __init__(self, *args: Any, earliest: datetime.date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["links"].help_text = _(
            "One web address a line, starting with https://, up to %(max)s."
        ) % {"max": MAX_LINKS}
        self.fields["attachments"].help_text = _(
            "Photos, screenshots or PDF files, up to %(count)s. Each must be smaller than "
            "%(size)s MB. Save other documents as PDF first."
        ) % {
            "count": settings.EVIDENCE_MAX_FILES,
            "size": settings.EVIDENCE_MAX_BYTES // (1024 * 1024),
        }
        update_on = self.fields["update_on"]
        assert isinstance(update_on, GovukDateField)
        update_on.earliest = earliest

    def clean_links(self) -> list[str]:
        try:
            return links_clean(self.cleaned_data.get("links", "").splitlines())
        except ApplicationError as error:
            raise forms.ValidationError(error.message) from error

    def clean_attachments(self) -> list[Any]:
        files = self.cleaned_data.get("attachments") or []
        if len(files) > settings.EVIDENCE_MAX_FILES:
            raise forms.ValidationError(MSG_TOO_MANY_FILES % {"max": settings.EVIDENCE_MAX_FILES})
        return files

    @property
    def files_sent(self) -> bool:
        """Files were chosen but the form came back: the browser will not keep them."""
        return self.is_bound and bool(self.files.getlist("attachments")) and bool(self.errors)
