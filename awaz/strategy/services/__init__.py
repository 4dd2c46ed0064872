"""Every write to the strategy and action plan goes through these services."""

# Re-exports only.
# ruff: noqa: F401

from awaz.strategy.services.actions import (
    ActionDetails,
    action_change,
    action_create,
    milestone_add,
    milestone_change,
    milestone_done_set,
    rag_change_record,
)
from awaz.strategy.services.plan import (
    objective_add,
    objective_change,
    strand_add,
    strand_change,
    strategy_change,
    strategy_create,
)
from awaz.strategy.services.projects import ProjectDetails, project_change, project_create
from awaz.strategy.services.updates import evidence_file_open, progress_update_add
