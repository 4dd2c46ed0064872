"""Near-repeat runs end to end: asking for a run queues the job on commit, the job (eager
Celery in tests) loads the incidents with a known date and place, builds the band table and
the overall Knox test, and saves them with its progress; failures are stored safely."""

from __future__ import annotations

import datetime
import itertools
import logging
import math

import numpy as np
import pytest
from numpy.testing import assert_allclose

from awaz.audit.events import AuditEventType
from awaz.audit.models import AuditEvent
from awaz.core.exceptions import PermissionDenied
from awaz.partners.tests.factories import StaffFactory
from awaz.patterns.models import NearRepeatRun, RunError, RunStage, RunStatus
from awaz.patterns.selectors.dashboard import Filters
from awaz.patterns.services import near_repeat as service
from awaz.patterns.services.near_repeat import (
    NearRepeatParams,
    band_table_in_chunks,
    near_repeat_events,
    near_repeat_execute,
    near_repeat_request,
)
from awaz.patterns.stats.knox import knox_bands
from awaz.reporting.tests.factories import make_area, make_report, make_strand

pytestmark = pytest.mark.django_db

D = datetime.date
# Plainly fictional incidents: (easting, northing, date). Two tight clusters and some spread.
EVENTS = [
    (340000, 555000, D(2025, 3, 1)),
    (340050, 555000, D(2025, 3, 3)),
    (340000, 555050, D(2025, 3, 5)),
    (340050, 555050, D(2025, 3, 6)),
    (341000, 556000, D(2025, 5, 10)),
    (341050, 556000, D(2025, 5, 12)),
    (341100, 556050, D(2025, 5, 20)),
    (342000, 557000, D(2025, 1, 15)),
    (340200, 555100, D(2025, 7, 1)),
    (343000, 555500, D(2025, 9, 9)),
    (340000, 555300, D(2025, 3, 20)),
    (341200, 556100, D(2025, 11, 11)),
]
YEAR_2025 = Filters(start=D(2025, 1, 1), end=D(2025, 12, 31))
SPACE = (0, 100, 200, 300)
TIME = (0, 7, 14, 21)


def make_events(organisation, events=EVENTS, **kwargs):
    """One report per event (with its facts), plus three that must be left out: no date,
    no place, and a date outside 2025."""
    reports = [
        make_report(
            organisation=organisation,
            incident_date=day,
            grid_easting=east,
            grid_northing=north,
            **kwargs,
        )[0]
        for east, north, day in events
    ]
    make_report(organisation=organisation, grid_easting=340000, grid_northing=555000)
    make_report(organisation=organisation, incident_date=D(2025, 3, 2))
    make_report(
        organisation=organisation,
        incident_date=D(2024, 3, 2),
        grid_easting=340000,
        grid_northing=555000,
    )
    return reports


def brute_force(events, space, time):
    """Pairs per (space band, time band) cell, counted one pair at a time."""
    counts = np.zeros((len(space) - 1, len(time) - 1), dtype=np.int64)
    for (e1, n1, d1), (e2, n2, d2) in itertools.combinations(events, 2):
        dist = math.hypot(e1 - e2, n1 - n2)
        days = abs((d1 - d2).days)
        a = next((k for k in range(len(space) - 1) if dist <= space[k + 1]), None)
        b = next((k for k in range(len(time) - 1) if days <= time[k + 1]), None)
        if a is not None and b is not None:
            counts[a, b] += 1
    return counts


@pytest.fixture
def analyst(org_a):
    return StaffFactory(organisation=org_a, role="analyst")


def params(**kwargs):
    values = {
        "filters": YEAR_2025,
        "space_bands": SPACE,
        "time_bands": TIME,
        "permutations": 99,
        "seed": 20250101,
    }
    values.update(kwargs)
    return NearRepeatParams(**values)


def test_request_queues_on_commit_and_the_job_saves_the_table(
    analyst, org_a, django_capture_on_commit_callbacks
):
    make_events(org_a)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run = near_repeat_request(user=analyst, params=params())
    run.refresh_from_db()
    assert (run.status, run.progress_percent, run.progress_message) == ("queued", 0, "queued")
    assert run.organisation == org_a and run.requested_by == analyst
    assert len(callbacks) == 1

    callbacks[0]()  # the job runs eagerly (CELERY_TASK_ALWAYS_EAGER)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    assert (run.progress_percent, run.progress_message) == (100, RunStage.DONE)
    assert run.n_events == len(EVENTS)
    assert run.started_at <= run.finished_at
    result = run.result
    observed = np.array(result["observed"])
    assert observed.tolist() == brute_force(EVENTS, SPACE, TIME).tolist()
    assert observed[0, 0] == 7  # six pairs in the March cluster, one in May
    expected = np.array(result["expected"], dtype=float)
    ratio = np.array([[np.nan if r is None else r for r in row] for row in result["knox_ratio"]])
    with np.errstate(divide="ignore", invalid="ignore"):
        assert_allclose(ratio, np.where(expected > 0, observed / expected, np.nan))
    p = np.array(result["p_value"])
    assert ((p >= 1 / 100) & (p <= 1)).all()
    knox = result["knox"]
    assert (knox["delta"], knox["tau"], knox["nst"]) == (100.0, 7.0, 7)
    assert knox["n_pairs"] == len(EVENTS) * (len(EVENTS) - 1) // 2
    # With the same seed, the overall test's shuffles are those of the first cell.
    assert knox["p_sim"] == pytest.approx(result["p_value"][0][0])
    assert knox["p_sim"] <= 0.05
    event = AuditEvent.objects.get(event_type=AuditEventType.NEAR_REPEAT_REQUESTED)
    assert (event.actor_id, event.target_id) == (analyst.pk, str(run.pk))


def test_same_seed_gives_the_same_table_and_another_seed_other_p_values(
    analyst, org_a, django_capture_on_commit_callbacks
):
    make_events(org_a)
    with django_capture_on_commit_callbacks(execute=True):
        first = near_repeat_request(user=analyst, params=params(seed=7))
    with django_capture_on_commit_callbacks(execute=True):
        again = near_repeat_request(user=analyst, params=params(seed=7))
    with django_capture_on_commit_callbacks(execute=True):
        other = near_repeat_request(user=analyst, params=params(seed=8))
    first.refresh_from_db()
    again.refresh_from_db()
    other.refresh_from_db()
    assert first.result == again.result
    assert other.result["observed"] == first.result["observed"]
    assert other.result["expected"] != first.result["expected"]


def test_chunked_permutations_equal_one_call_of_knox_bands():
    rng = np.random.default_rng(3)
    s = rng.uniform(0, 1500, size=(150, 2))
    t = rng.integers(0, 120, size=150).astype(float)
    whole = knox_bands(
        s, t, space_bands=SPACE, time_bands=TIME, permutations=999, rng=np.random.default_rng(11)
    )
    progress = []
    chunked = band_table_in_chunks(
        s,
        t,
        space_bands=SPACE,
        time_bands=TIME,
        permutations=999,
        rng=np.random.default_rng(11),
        on_chunk=lambda done, total: progress.append((done, total)),
    )
    assert progress == [(i, 10) for i in range(1, 11)]
    assert chunked.observed.tolist() == whole.observed.tolist()
    assert_allclose(chunked.expected, whole.expected, rtol=1e-12)
    assert_allclose(chunked.p_value, whole.p_value, rtol=0, atol=0)
    assert_allclose(chunked.knox_ratio, whole.knox_ratio, rtol=1e-12)


def test_progress_goes_through_the_stages(analyst, org_a, monkeypatch):
    make_events(org_a)
    run = NearRepeatRun.objects.create(
        requested_by=analyst, organisation=org_a, parameters=params().to_json()
    )
    seen = []
    original = service._progress

    def spy(run_id, percent, stage, **extra):
        status = NearRepeatRun.objects.values_list("status", flat=True).get(pk=run_id)
        seen.append((status, percent, stage))
        original(run_id, percent, stage, **extra)

    monkeypatch.setattr(service, "_progress", spy)
    assert near_repeat_execute(run.pk) == "done"
    assert seen[0] == ("running", 10, RunStage.LOADING)
    assert seen[1] == ("running", 20, RunStage.COMPUTING)
    computing = [p for _s, p, stage in seen if stage == RunStage.COMPUTING]
    assert computing == sorted(computing) and computing[-1] == 90
    assert seen[-2] == ("running", 95, RunStage.SAVING)
    assert seen[-1] == ("running", 100, RunStage.DONE)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    # Running it again (a redelivered job) leaves the finished run alone.
    finished_at = run.finished_at
    assert near_repeat_execute(run.pk) == "done"
    run.refresh_from_db()
    assert run.finished_at == finished_at


def test_a_crash_marks_the_run_failed_with_a_safe_message(analyst, org_a, monkeypatch, caplog):
    make_events(org_a)
    run = NearRepeatRun.objects.create(
        requested_by=analyst, organisation=org_a, parameters=params().to_json()
    )

    def broken(*args, **kwargs):
        raise RuntimeError("fictional failure inside the statistics")

    monkeypatch.setattr(service, "knox_bands", broken)
    with caplog.at_level(logging.ERROR, logger="awaz.patterns.services.near_repeat"):
        assert near_repeat_execute(run.pk) == "failed"
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert run.error_message == RunError.INTERNAL
    assert run.progress_message == RunStage.FAILED
    assert run.progress_percent == 20  # where it stopped
    assert run.result is None and run.finished_at is not None
    assert "fictional failure" in caplog.text  # logged, never shown
    assert "fictional failure" not in run.get_error_message_display()


def test_too_few_incidents_fails_with_its_own_message(analyst, org_a):
    make_events(org_a, events=EVENTS[:3])
    run = NearRepeatRun.objects.create(
        requested_by=analyst, organisation=org_a, parameters=params().to_json()
    )
    assert near_repeat_execute(run.pk) == "failed"
    run.refresh_from_db()
    assert (run.status, run.error_message, run.n_events) == ("failed", "too_few_events", 3)


def test_events_follow_the_filters(org_a):
    hate = make_strand("race", "Race")
    other = make_strand("religion", "Religion")
    ward = make_area("TEST-W1", "Fictional Ward")
    make_events(org_a, events=EVENTS[:4], strands=[hate], area=ward)
    make_events(org_a, events=EVENTS[4:7], strands=[other])
    s, t = near_repeat_events(YEAR_2025)
    assert len(t) == 7
    s, t = near_repeat_events(Filters(start=D(2025, 1, 1), end=D(2025, 12, 31), strands=(hate.pk,)))
    assert s.tolist() == [[e, n] for e, n, _d in EVENTS[:4]]
    assert t.tolist() == [(d - D(1970, 1, 1)).days for _e, _n, d in EVENTS[:4]]
    in_ward = Filters(start=D(2025, 1, 1), end=D(2025, 12, 31), area=ward.pk).with_area_scope()
    assert len(near_repeat_events(in_ward)[1]) == 4
    may = Filters(start=D(2025, 5, 1), end=D(2025, 5, 31))
    assert len(near_repeat_events(may)[1]) == 3


@pytest.mark.parametrize("role", ["chair", "pcc_office", "partner_caseworker", "administrator"])
def test_only_permitted_roles_may_ask(org_a, role):
    user = StaffFactory(organisation=org_a, role=role)
    if role == "chair":
        assert near_repeat_request(user=user, params=params()).status == "queued"
    else:
        with pytest.raises(PermissionDenied):
            near_repeat_request(user=user, params=params())


def test_parameters_round_trip():
    p = params(
        filters=Filters(
            start=D(2025, 1, 1),
            end=D(2025, 6, 30),
            strands=(3, 5),
            area=9,
            incident_types=("verbal_abuse",),
            channels=("online",),
            sources=("witness",),
        )
    )
    assert NearRepeatParams.from_json(p.to_json()) == p
