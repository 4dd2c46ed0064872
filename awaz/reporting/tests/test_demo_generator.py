"""The demo generator is a pure function of its seed: tested here without a database."""

import datetime
import random
from collections import Counter, defaultdict

import pytest

from awaz.geo.demo import TOWNS
from awaz.reporting.demo.generator import demo_reports_generate
from awaz.reporting.demo.partners import CENTRES
from awaz.reporting.forms import choices as choices_mod
from awaz.reporting.forms.consent import SHARE_FIELDS
from awaz.reporting.models import (
    Channel,
    ConsentPurpose,
    IncidentType,
    PerceptionBy,
    PoliceTold,
    ReporterRole,
    ReportStatus,
)

NOW = datetime.datetime(2026, 11, 20, 12, 0, tzinfo=datetime.UTC)
START = datetime.date(2023, 11, 20)


def _plan(seed: int = 42, count: int = 3000):
    return demo_reports_generate(
        rng=random.Random(seed),
        count=count,
        start=START,
        now=NOW,
        centre_towns=[slug for slug, _ in CENTRES],
        key_prefix=f"test:{seed}",
    )


@pytest.fixture(scope="module")
def plan():
    return _plan()


def test_count_order_and_period(plan):
    reports = plan.reports
    assert len(reports) == 3000
    assert [r.submitted_at for r in reports] == sorted(r.submitted_at for r in reports)
    assert all(r.submitted_at.date() >= START and r.submitted_at < NOW for r in reports)
    assert len({r.key for r in reports}) == 3000
    assert all(len(r.key) == 64 for r in reports)


def test_same_seed_same_data_other_seed_other_data():
    a, b, c = _plan(7, 200), _plan(7, 200), _plan(8, 200)
    assert [(r.key, r.answers, r.submitted_at) for r in a.reports] == [
        (r.key, r.answers, r.submitted_at) for r in b.reports
    ]
    assert [r.answers.what_happened for r in a.reports] != [
        r.answers.what_happened for r in c.reports
    ]


def test_strand_mix_is_believable(plan):
    mentions = Counter(code for r in plan.reports for code in r.answers.strand_codes)
    n = len(plan.reports)
    share = {code: count / n for code, count in mentions.items()}
    assert 0.58 <= share["race"] <= 0.78
    assert 0.11 <= share["sexual-orientation"] <= 0.21
    assert 0.05 <= share["disability"] <= 0.11
    assert 0.03 <= share["religion"] <= 0.09
    assert 0.015 <= share["transgender"] <= 0.05
    assert share["sex-gender"] > 0 and share["alternative-subculture"] > 0
    assert sum(r.answers.strand_not_sure for r in plan.reports) / n == pytest.approx(0.05, abs=0.03)
    several = sum(len(r.answers.strand_codes) > 1 for r in plan.reports)
    assert several > 0.03 * n


def test_incident_mix_follows_the_published_split(plan):
    main = Counter(r.answers.incident_types[0] for r in plan.reports)
    n = len(plan.reports)
    public_order = sum(main[t] for t in ("verbal_abuse", "harassment", "threats", "online_abuse"))
    assert 0.5 <= public_order / n <= 0.7
    assert 0.22 <= main["physical_assault"] / n <= 0.38
    assert 0.02 <= (main["criminal_damage"] + main["graffiti"]) / n <= 0.1
    others = [r.answers for r in plan.reports if r.answers.incident_types[0] == "other"]
    assert others and all(a.incident_type_other for a in others)


def test_channels_roles_and_centres(plan):
    channels = Counter(r.channel for r in plan.reports)
    assert channels[Channel.ONLINE] / len(plan.reports) > 0.6
    assert channels[Channel.PHONE] > 0 and channels[Channel.IN_PERSON] > 0
    centre_towns = {slug for slug, _ in CENTRES}
    for r in plan.reports:
        assert (r.channel == Channel.ONLINE) == (r.centre == "")
        assert r.centre == "" or r.centre in centre_towns
    roles = Counter(r.answers.reporter_role for r in plan.reports)
    assert set(roles) == {"victim", "witness", "on_behalf"}
    assert roles["victim"] > roles["witness"] + roles["on_behalf"]
    on_behalf = [r.answers for r in plan.reports if r.answers.reporter_role == "on_behalf"]
    assert all(a.reporter_relationship for a in on_behalf)


def test_more_reports_in_summer_than_in_winter(plan):
    def after_event(day: datetime.date) -> bool:
        return any(0 <= (day - e.day).days <= 21 for e in plan.events)

    months = Counter(
        r.submitted_at.month for r in plan.reports if not after_event(r.submitted_at.date())
    )
    assert months[6] + months[7] + months[8] > 1.25 * (months[12] + months[1] + months[2])


def test_spikes_after_the_trigger_events(plan):
    national, local = plan.events
    assert local.day.month in (7, 8)  # disorder in the summer
    assert national.town == "" and local.town in {"carlisle", "barrow", "workington"}
    days = Counter(r.submitted_at.date() for r in plan.reports)
    weekly_mean = len(plan.reports) / ((NOW.date() - START).days / 7)
    week_after = sum(days[national.day + datetime.timedelta(days=i)] for i in range(7))
    assert week_after > 2 * weekly_mean
    in_town = Counter(r.submitted_at.date() for r in plan.reports if r.town == local.town)
    town_mean = sum(in_town.values()) / ((NOW.date() - START).days / 7)
    assert sum(in_town[local.day + datetime.timedelta(days=i)] for i in range(7)) > 3 * town_mean


def test_repeat_victims_share_contact_details_and_a_home(plan):
    by_email = defaultdict(list)
    for r in plan.reports:
        if r.answers.contact_email:
            by_email[r.answers.contact_email].append(r)
    repeats = {e: rs for e, rs in by_email.items() if len(rs) >= 2}
    assert len(repeats) == plan.repeat_victims >= 2
    for reports in repeats.values():
        assert 3 <= len(reports) <= 5
        assert len({r.answers.contact_phone for r in reports}) == 1
        assert len({r.answers.location_point for r in reports}) == 1
        assert all(r.answers.reporter_role == "victim" for r in reports)
    phones = Counter(r.answers.contact_phone for r in plan.reports if r.answers.contact_phone)
    assert sum(1 for n in phones.values() if n >= 2) == len(repeats)


def test_repeat_places_are_reported_by_different_people(plan):
    at_point = defaultdict(set)
    for r in plan.reports:
        if r.answers.location_point and "fictional" in r.answers.location_description:
            at_point[r.answers.location_point].add(r.answers.contact_email or r.key)
    assert len(at_point) == plan.repeat_places
    assert all(len(people) >= 3 for people in at_point.values())


def test_towns_weighted_by_population(plan):
    towns = Counter(r.town for r in plan.reports)
    assert set(towns) == {t.slug for t in TOWNS}
    assert towns.most_common(2)[0][0] in {"carlisle", "barrow"}
    assert towns["carlisle"] > towns["kendal"] > towns["appleby"]
    assert towns["barrow"] > towns["keswick"]


def test_everyone_is_fictional(plan):
    for r in plan.reports:
        a = r.answers
        assert a.what_happened.endswith("(This is a fictional demo report.)")
        assert a.contact_email == "" or a.contact_email.endswith("@example.org")
        assert a.contact_phone == "" or a.contact_phone.startswith(("07700 900", "01632 960"))
        if a.is_anonymous:
            assert not (a.contact_name or a.contact_email or a.contact_phone)
        assert a.consents[("contact", "receiving")] is not a.is_anonymous
        assert not a.police_reference or a.police_reference.startswith("DEMO-")


def test_places_given_in_several_ways(plan):
    answers = [r.answers for r in plan.reports]
    with_point = sum(a.location_point is not None for a in answers)
    postcode_only = sum(a.location_point is None and bool(a.postcode) for a in answers)
    neither = sum(a.location_point is None and not a.postcode for a in answers)
    assert with_point > 0.3 * len(answers)
    assert postcode_only > 0.2 * len(answers)
    assert 0 < neither < 0.3 * len(answers)


def test_statuses_grow_older_and_stay_in_the_past(plan):
    for r in plan.reports:
        times = [when for _status, when in r.statuses]
        assert times == sorted(times)
        assert all(r.submitted_at < when < NOW for when in times)
    old = [r for r in plan.reports if (NOW - r.submitted_at).days > 120]
    closed = sum(bool(r.statuses) and r.statuses[-1][0] == ReportStatus.CLOSED for r in old)
    assert closed / len(old) > 0.75
    recent = [r for r in plan.reports if (NOW - r.submitted_at).days < 5]
    assert any(not r.statuses for r in recent)


def test_incident_comes_before_the_report(plan):
    for r in plan.reports:
        a = r.answers
        assert a.incident_date is not None and a.incident_date <= r.submitted_at.date()
        if a.incident_time is not None and a.incident_date == r.submitted_at.date():
            assert a.incident_time.hour < r.submitted_at.hour


def test_small_plans_still_work():
    assert len(_plan(count=0).reports) == 0
    small = _plan(count=10)
    assert len(small.reports) == 10 and small.repeat_victims == 0


def test_answers_use_the_journey_codes(plan):
    def codes(choices) -> set[str]:
        return {code for code, _label in choices} | {choices_mod.PREFER_NOT_TO_SAY}

    allowed = {
        "age_band": codes(choices_mod.AGE_BANDS),
        "gender": codes(choices_mod.GENDER),
        "disability": codes(choices_mod.DISABILITY),
        "ethnicity": codes(choices_mod.ETHNICITY),
        "religion": codes(choices_mod.RELIGION),
        "sexual_orientation": codes(choices_mod.SEXUAL_ORIENTATION),
    }
    support = {code for code, _label in choices_mod.SUPPORT_KINDS}
    methods = {code for code, _label in choices_mod.CONTACT_METHODS}
    counts = {code for code, _label in choices_mod.OFFENDER_COUNT}
    share_kinds = {kind.value for kind in SHARE_FIELDS.values()}
    seen = Counter()
    for r in plan.reports:
        a = r.answers
        for key, value in a.victim_details.items():
            assert value in allowed[key], (key, value)
            seen[key] += 1
        assert set(a.support_wanted) <= support
        assert set(a.contact_methods) <= methods
        assert not a.offender_details or a.offender_details["count"] in counts
        assert set(a.communication_needs) == {"language", "interpreter", "bsl", "easy_read"}
        assert a.reporter_role in {c for c, _ in ReporterRole.choices}
        assert set(a.incident_types) <= set(IncidentType.values)
        assert a.perception_by in PerceptionBy.values
        assert a.police_told in PoliceTold.values
        for purpose, kind in a.consents:
            assert purpose in ConsentPurpose.values
            assert kind in share_kinds or (purpose, kind) == ("contact", "receiving")
    assert set(seen) == set(allowed)
