"""Forms of the strategy and action plan pages."""

# Re-exports only.
# ruff: noqa: F401

from awaz.strategy.forms.actions import ActionForm, MilestoneDoneForm, MilestoneForm, RagForm
from awaz.strategy.forms.filters import PlanFilterForm
from awaz.strategy.forms.plan import ObjectiveForm, StrandForm, StrategyForm
from awaz.strategy.forms.projects import ProjectForm
from awaz.strategy.forms.updates import ProgressUpdateForm
