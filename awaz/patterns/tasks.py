"""Background jobs of the patterns app. Arguments hold ids only; each job is safe to run
twice (a finished run is left as it is)."""

from celery import shared_task

from awaz.patterns.services.near_repeat import near_repeat_execute


@shared_task(name="awaz.patterns.tasks.near_repeat_run")
def near_repeat_run(run_id: int) -> str:
    """Compute a queued near-repeat analysis (queued after the request commits)."""
    return near_repeat_execute(run_id)
