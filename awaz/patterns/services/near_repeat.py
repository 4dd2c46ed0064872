"""Near-repeat analysis on demand: ask for a run, compute it in the background, read it back.

``near_repeat_request`` stores the run and queues ``tasks.near_repeat_run`` once the
transaction commits; the job calls ``near_repeat_execute``, which loads the incidents (each
one's 50 m grid square and date), builds the Near Repeat Calculator table with
``stats.knox.knox_bands`` and the overall Knox test with ``stats.knox.knox``, and saves
them. Progress is written as the job goes: loading 10 %, computing 20-95 %, saving 100 %.

The permutations are run in chunks so the progress is real. ``knox_bands`` draws one
64-bit seed per permutation from the generator, so calling it on consecutive chunks with one
generator draws exactly the seeds one call would; the chunks' means and exceedance counts
are then combined into the same table (``test_near_repeat_service`` checks this against a
single call).
"""

from __future__ import annotations

import datetime
import logging
import math
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from numpy.typing import NDArray

from awaz.audit.events import AuditEventType
from awaz.audit.services import audit_record
from awaz.core.exceptions import NotFound, PermissionDenied
from awaz.partners.selectors import membership_for_user
from awaz.partners.services.accounts import actor_for
from awaz.patterns.access import user_can
from awaz.patterns.models import NearRepeatRun, RunError, RunStage, RunStatus
from awaz.patterns.selectors.dashboard import Filters, facts_in
from awaz.patterns.stats.knox import knox, knox_bands

logger = logging.getLogger(__name__)

DEFAULT_SPACE_BANDS: tuple[int, ...] = (0, 100, 200, 300, 400, 500)
DEFAULT_TIME_BANDS: tuple[int, ...] = (0, 7, 14, 21, 28, 35)
DEFAULT_PERMUTATIONS = 999
MIN_PERMUTATIONS = 99
MAX_PERMUTATIONS = 999
# Fewer incidents than this give no table worth reading.
MIN_EVENTS = 5
# How many chunks the permutations are split into (one progress step each).
PROGRESS_CHUNKS = 10
SIGNIFICANCE = 0.05
EPOCH = datetime.date(1970, 1, 1)


@dataclass(frozen=True)
class NearRepeatParams:
    """What a run analyses: the dashboard's filters, the band edges (metres and days, whole
    numbers from 0 upwards), the number of permutations and the seed of the generator."""

    filters: Filters
    space_bands: tuple[int, ...] = DEFAULT_SPACE_BANDS
    time_bands: tuple[int, ...] = DEFAULT_TIME_BANDS
    permutations: int = DEFAULT_PERMUTATIONS
    seed: int = field(default_factory=lambda: secrets.randbits(32))

    def to_json(self) -> dict[str, Any]:
        f = self.filters
        return {
            "start": f.start.isoformat(),
            "end": f.end.isoformat(),
            "strands": list(f.strands),
            "area": f.area,
            "incident_types": list(f.incident_types),
            "channels": list(f.channels),
            "sources": list(f.sources),
            "space_bands": list(self.space_bands),
            "time_bands": list(self.time_bands),
            "permutations": self.permutations,
            "seed": self.seed,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> NearRepeatParams:
        filters = Filters(
            start=datetime.date.fromisoformat(data["start"]),
            end=datetime.date.fromisoformat(data["end"]),
            strands=tuple(data.get("strands", ())),
            area=data.get("area"),
            incident_types=tuple(data.get("incident_types", ())),
            channels=tuple(data.get("channels", ())),
            sources=tuple(data.get("sources", ())),
        )
        return cls(
            filters=filters,
            space_bands=tuple(data["space_bands"]),
            time_bands=tuple(data["time_bands"]),
            permutations=int(data["permutations"]),
            seed=int(data["seed"]),
        )


# --- access -----------------------------------------------------------------------------------


def near_repeat_runs_for(user: Any) -> QuerySet[NearRepeatRun]:
    """Runs of the user's organisation, if their role may run near-repeat analyses."""
    membership = membership_for_user(user)
    if membership is None or not user_can(user, "patterns.near_repeat"):
        return NearRepeatRun.objects.none()
    return NearRepeatRun.objects.filter(organisation_id=membership.organisation_id)


def access_near_repeat_run_by_id(user: Any, run_id: int) -> NearRepeatRun:
    """The run if the user may see it; the same ``NotFound`` for missing and not theirs."""
    run = near_repeat_runs_for(user).select_related("requested_by").filter(pk=run_id).first()
    if run is None:
        raise NotFound(target_type="patterns.nearrepeatrun", target_id=run_id)
    return run


# --- asking for a run -------------------------------------------------------------------------


@transaction.atomic(durable=True)
def near_repeat_request(*, user: Any, params: NearRepeatParams) -> NearRepeatRun:
    """Store a queued run for ``user``'s organisation and start the job after commit."""
    membership = membership_for_user(user)
    if membership is None or not user_can(user, "patterns.near_repeat"):
        raise PermissionDenied()
    run = NearRepeatRun.objects.create(
        requested_by=user,
        organisation_id=membership.organisation_id,
        parameters=params.to_json(),
        created_by=user,
        modified_by=user,
    )
    audit_record(
        event_type=AuditEventType.NEAR_REPEAT_REQUESTED,
        actor=actor_for(user),
        target_type="patterns.nearrepeatrun",
        target_id=run.pk,
        details={
            "start": params.filters.start.isoformat(),
            "end": params.filters.end.isoformat(),
            "permutations": params.permutations,
        },
    )
    run_id = run.pk
    transaction.on_commit(lambda: _enqueue(run_id))
    return run


def _enqueue(run_id: int) -> None:
    from awaz.patterns.tasks import near_repeat_run

    near_repeat_run.delay(run_id)


# --- the job ----------------------------------------------------------------------------------


def near_repeat_events(filters: Filters) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Places (grid easting, northing in metres) and times (days since 1970-01-01) of the
    incidents in ``filters`` with a known date and a grid square, in report order."""
    rows = list(
        facts_in(filters)
        .filter(date_known=True, grid_easting__isnull=False, grid_northing__isnull=False)
        .order_by("report_id")
        .values_list("grid_easting", "grid_northing", "occurred_on")
    )
    s = np.array([(e, n) for e, n, _d in rows], dtype=np.float64).reshape(-1, 2)
    t = np.array([(d - EPOCH).days for _e, _n, d in rows], dtype=np.float64)
    return s, t


@dataclass(frozen=True)
class Table:
    """The combined band table of all chunks (the fields of ``stats.knox.BandTable``)."""

    space_edges: list[float]
    time_edges: list[float]
    observed: NDArray[np.int64]
    expected: NDArray[np.float64]
    p_value: NDArray[np.float64]
    permutations: int

    @property
    def knox_ratio(self) -> NDArray[np.float64]:
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(
                self.expected > 0,
                self.observed / np.where(self.expected > 0, self.expected, 1.0),
                np.nan,
            )


def band_table_in_chunks(
    s: NDArray[np.float64],
    t: NDArray[np.float64],
    *,
    space_bands: tuple[int, ...],
    time_bands: tuple[int, ...],
    permutations: int,
    rng: np.random.Generator,
    chunks: int = PROGRESS_CHUNKS,
    on_chunk: Callable[[int, int], None] | None = None,
) -> Table:
    """``knox_bands`` over consecutive chunks of the permutations, combined: the same table as
    one call with the same generator. ``on_chunk(done, total)`` is called after each chunk."""
    sizes = [len(part) for part in np.array_split(np.arange(permutations), chunks) if len(part)]
    exceed: NDArray[np.int64] | None = None
    total: NDArray[np.float64] | None = None
    observed: NDArray[np.int64] | None = None
    edges: tuple[list[float], list[float]] = ([], [])
    for index, size in enumerate(sizes, start=1):
        part = knox_bands(
            s, t, space_bands=space_bands, time_bands=time_bands, permutations=size, rng=rng
        )
        # p = (exceed + 1) / (size + 1), exactly invertible after rounding.
        part_exceed = np.rint(part.p_value * (size + 1) - 1).astype(np.int64)
        part_total = part.expected * size
        exceed = part_exceed if exceed is None else exceed + part_exceed
        total = part_total if total is None else total + part_total
        observed = part.observed
        edges = (part.space_edges.tolist(), part.time_edges.tolist())
        if on_chunk is not None:
            on_chunk(index, len(sizes))
    if exceed is None or total is None or observed is None:
        raise ValueError("permutations must be at least 1")
    return Table(
        space_edges=edges[0],
        time_edges=edges[1],
        observed=observed,
        expected=total / permutations,
        p_value=(exceed + 1) / (permutations + 1),
        permutations=permutations,
    )


def _number(value: float) -> float | None:
    """JSON has no NaN: an undefined ratio is stored as null."""
    return None if value is None or not math.isfinite(value) else float(value)


def _matrix(values: NDArray[Any]) -> list[list[Any]]:
    return [[_number(v) if isinstance(v, float) else v for v in row] for row in values.tolist()]


def _progress(run_id: int, percent: int | None, stage: RunStage, **extra: Any) -> None:
    """Write how far the run has got (``percent`` None keeps the figure as it is)."""
    if percent is not None:
        extra["progress_percent"] = percent
    NearRepeatRun.objects.filter(pk=run_id).update(
        progress_message=stage, modified_at=timezone.now(), **extra
    )


class TooFewEvents(Exception):
    """Fewer than ``MIN_EVENTS`` incidents with a known date and place."""


def near_repeat_compute(
    params: NearRepeatParams, *, on_progress: Callable[[int, RunStage], None]
) -> tuple[int, dict[str, Any]]:
    """Load the incidents and build the result; returns ``(n_events, result)``."""
    on_progress(10, RunStage.LOADING)
    s, t = near_repeat_events(params.filters.with_area_scope())
    n = int(t.size)
    if n < MIN_EVENTS:
        raise TooFewEvents(n)
    on_progress(20, RunStage.COMPUTING)
    table = band_table_in_chunks(
        s,
        t,
        space_bands=params.space_bands,
        time_bands=params.time_bands,
        permutations=params.permutations,
        rng=np.random.default_rng(params.seed),
        on_chunk=lambda done, total: on_progress(20 + (70 * done) // total, RunStage.COMPUTING),
    )
    delta, tau = float(params.space_bands[1]), float(params.time_bands[1])
    overall = knox(
        s,
        t,
        delta=delta,
        tau=tau,
        permutations=params.permutations,
        rng=np.random.default_rng(params.seed),
    )
    on_progress(95, RunStage.SAVING)
    result = {
        "space_edges": table.space_edges,
        "time_edges": table.time_edges,
        "observed": table.observed.tolist(),
        "expected": _matrix(table.expected),
        "knox_ratio": _matrix(table.knox_ratio),
        "p_value": _matrix(table.p_value),
        "permutations": table.permutations,
        "knox": {
            "delta": overall.delta,
            "tau": overall.tau,
            "nst": overall.nst,
            "ns": overall.ns,
            "nt": overall.nt,
            "n_pairs": overall.n_pairs,
            "expected": _number(overall.expected),
            "p_poisson": _number(overall.p_poisson),
            "p_sim": _number(overall.p_sim),
        },
    }
    return n, result


def near_repeat_execute(run_id: int) -> str:
    """Run the analysis of a stored run (the background job). Returns the final status.

    Safe to run twice: a finished or failed run is left as it is. Any error marks the run
    failed with a message safe to show; the exception goes to the log only.
    """
    with transaction.atomic():
        run = NearRepeatRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None:
            logger.warning("near-repeat run %s does not exist", run_id)
            return "missing"
        if run.status in (RunStatus.DONE, RunStatus.FAILED):
            return str(run.status)
        run.status = RunStatus.RUNNING
        run.started_at = timezone.now()
        run.progress_percent = 0
        run.progress_message = RunStage.LOADING
        run.save(
            update_fields=[
                "status",
                "started_at",
                "progress_percent",
                "progress_message",
                "modified_at",
            ]
        )
    try:
        params = NearRepeatParams.from_json(run.parameters)
        n_events, result = near_repeat_compute(
            params, on_progress=lambda percent, stage: _progress(run_id, percent, stage)
        )
    except TooFewEvents as exc:
        _progress(
            run_id,
            100,
            RunStage.FAILED,
            status=RunStatus.FAILED,
            n_events=exc.args[0],
            error_message=RunError.TOO_FEW_EVENTS,
            finished_at=timezone.now(),
        )
        return RunStatus.FAILED.value
    except Exception:
        logger.exception("near-repeat run %s failed", run_id)
        _progress(
            run_id,
            None,
            RunStage.FAILED,
            status=RunStatus.FAILED,
            error_message=RunError.INTERNAL,
            finished_at=timezone.now(),
        )
        return RunStatus.FAILED.value
    _progress(
        run_id,
        100,
        RunStage.DONE,
        status=RunStatus.DONE,
        n_events=n_events,
        result=result,
        finished_at=timezone.now(),
    )
    return RunStatus.DONE.value
