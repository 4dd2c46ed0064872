"""Questions about who is reporting (and, for centre staff, how the person came to them)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from awaz.reporting.forms.base import StepForm
from awaz.reporting.forms.choices import YES_NO
from awaz.reporting.models import Channel, ReporterRole


class ChannelForm(StepForm):
    """Assisted recording only: how the person is reporting to the centre."""

    channel = forms.ChoiceField(
        label=_("How is the person reporting?"),
        choices=[
            (Channel.PHONE, _("By phone")),
            (Channel.IN_PERSON, _("In person, at the centre")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how the person is reporting")},
    )


class RoleForm(StepForm):
    reporter_role = forms.ChoiceField(
        label=_("Who are you reporting as?"),
        choices=ReporterRole.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select if you are the victim, a witness or reporting for someone else")
        },
    )

    def setup(self) -> None:
        field: Any = self.fields["reporter_role"]
        field.choice_hints = {
            ReporterRole.VICTIM: _("It happened to me."),
            ReporterRole.WITNESS: _("I saw or heard it happen to someone else."),
            ReporterRole.ON_BEHALF: _(
                "For example, for a family member, a friend or someone you support."
            ),
        }


class RelationshipForm(StepForm):
    reporter_relationship = forms.CharField(
        label=_("What is your relationship to the person it happened to?"),
        help_text=_("For example, parent, friend, neighbour or support worker."),
        max_length=200,
        error_messages={
            "required": _("Enter your relationship to the person it happened to"),
            "max_length": _("Your relationship must be 200 characters or less"),
        },
    )


class Under18Form(StepForm):
    reporter_is_under_18 = forms.ChoiceField(
        label=_("Are you under 18?"),
        help_text=_("We ask so that we can make sure you get the right support."),
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select yes if you are under 18")},
    )


class YoungPersonForm(StepForm):
    """Information only: what happens next for someone under 18 (no questions)."""

    title = _("What happens next if you are under 18")

    def summary_rows(self, stored: dict[str, Any]) -> list:
        return []
