"""Sections that higher apps add to a report's staff page, without reporting importing them.

Apps run one way (``reporting <- imports <- cases``), so the report's page cannot ask the
imports app whether a report came from a partner's file. Instead a higher app registers a
provider when it starts (``AppConfig.ready``); the page asks each provider, in the order they
were registered, for a section about the report it shows. A provider returns ``None`` when it
has nothing to say, and decides itself what the user may see: the page has already checked
that the user may open the report.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ReportPanel:
    """A section of the report's page: the template that draws it (it gets ``panel``) and
    the context it needs (``panel.context``)."""

    template: str
    context: dict[str, Any] = field(default_factory=dict)


PanelProvider = Callable[..., ReportPanel | None]

_providers: dict[str, PanelProvider] = {}


def report_panel_register(*, name: str, provider: PanelProvider) -> None:
    """Add (or, under the same name, replace) a provider; it is called as
    ``provider(user=..., report=...)``."""
    _providers[name] = provider


def report_panels(*, user: Any, report: Any) -> list[ReportPanel]:
    """The sections the registered providers give for this report and user."""
    panels = []
    for provider in _providers.values():
        panel = provider(user=user, report=report)
        if panel is not None:
            panels.append(panel)
    return panels
