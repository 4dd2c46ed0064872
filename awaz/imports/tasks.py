"""Background jobs of imports (the periodic one is scheduled in ``CELERY_BEAT_SCHEDULE``).
Arguments hold ids only; each job is safe to run twice."""

from __future__ import annotations

from typing import Any

from celery import shared_task

from awaz.imports.services import import_files_purge, import_run_execute


@shared_task(bind=True, name="awaz.imports.tasks.import_run")
def import_run(self: Any, run_id: int) -> str:
    """Check and import a confirmed file; report rows checked and saved as the job's state
    (read by the progress page while the file is being saved)."""
    task_id = self.request.id or ""

    def progress(checked: int, saved: int) -> None:
        if task_id:
            self.update_state(
                task_id=task_id, state="PROGRESS", meta={"checked": checked, "saved": saved}
            )

    return import_run_execute(run_id, task_id=task_id, progress=progress)


@shared_task(name="awaz.imports.tasks.import_files_purge")
def import_files_purge_run() -> int:
    """Daily: delete original files past their retention and abandoned uploads."""
    return import_files_purge()
