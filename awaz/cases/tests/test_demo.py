"""``manage.py seed_demo_cases`` on a small demo, and the ``at`` keyword the demo passes to
the cases services (for demo data and imports only)."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F
from django.utils import timezone

from awaz.audit.selectors import audit_chain_verify
from awaz.cases.demo import demo_cases_seed
from awaz.cases.models import (
    Case,
    CaseEvent,
    CaseOutcome,
    CaseReview,
    CaseStatus,
    Classification,
    EventKind,
    Message,
    NotificationMode,
    NotificationPreference,
    Referral,
    ReferralStatus,
    RiskAssessment,
    Task,
    TriageDecision,
    TriageRecord,
)
from awaz.cases.selectors import triage_untriaged_reports
from awaz.cases.services import (
    case_classify,
    case_close,
    case_note_add,
    risk_assess,
    task_complete,
    task_create,
    triage_make_case,
)
from awaz.core.models import User
from awaz.partners.models import Membership, OrganisationKind
from awaz.reporting.demo import demo_seed
from awaz.reporting.models import (
    ConsentPurpose,
    EntryKind,
    RecipientKind,
    Report,
    ReportEntry,
)
from awaz.reporting.tests.factories import make_report

# A fixed "today" (a Monday), so the same seed gives the same case work.
NOW = datetime.datetime(2026, 6, 15, 11, 0, tzinfo=datetime.UTC)


@pytest.fixture
def var_dir(settings, tmp_path):
    """The demo password file goes to a temporary var/ folder, not the developer's."""
    settings.VAR_DIR = tmp_path
    return tmp_path


def _cases_command(*args: str) -> str:
    out = io.StringIO()
    call_command("seed_demo_cases", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def reports(db, var_dir):
    demo_seed(years=1, reports=80, seed=7, now=NOW)


@pytest.fixture
def seeded(reports):
    return demo_cases_seed(seed=7, now=NOW)


def test_the_partnership_works_the_reports(seeded):
    cases = Case.objects.all()
    assert cases.count() >= 30
    assert cases.filter(status=CaseStatus.CLOSED).exists()
    assert cases.exclude(status=CaseStatus.CLOSED).exists()
    assert not cases.filter(status=CaseStatus.CLOSED, outcome="").exists()
    assert Referral.objects.filter(status=ReferralStatus.ACCEPTED).exists()
    # A community group is a partner too: its caseworker has anonymised referrals to answer.
    community = Referral.objects.filter(to_organisation__kind=OrganisationKind.SUBJECT_EXPERT)
    assert community.exists() and not community.filter(is_anonymised=False).exists()
    assert Task.objects.exists() and Task.objects.filter(done_at__isnull=False).exists()
    assert Message.objects.exists()
    assert RiskAssessment.objects.exists()
    assert CaseReview.objects.exists()
    assert TriageRecord.objects.filter(decision=TriageDecision.CLOSED).exists()
    # Police cases are the police's own, and run the Victims' Code from police receipt.
    police = cases.filter(lead_organisation__kind=OrganisationKind.POLICE)
    crimes = police.filter(classification__code="police_crime")
    assert crimes.exists()
    assert not crimes.filter(police_received_at__isnull=True).exists()
    assert not cases.exclude(lead_organisation__kind=OrganisationKind.POLICE).filter(
        classification__is_police_record=True
    )
    # Every case's owner is a caseworker of its lead organisation.
    for case in cases.select_related("owner__membership"):
        assert case.owner is not None
        assert case.owner.membership.organisation_id == case.lead_organisation_id


def test_the_inbox_still_has_work(seeded):
    hub_worker = User.objects.get(email="caseworker@demo.awaz.example")
    waiting = triage_untriaged_reports(user=hub_worker)
    assert waiting.exists()
    assert seeded.untriaged >= 5
    assert waiting.filter(claimed_by_name__gt="").exists()  # someone is triaging one


def test_the_history_is_dated(seeded):
    cases = Case.objects.all()
    opened = sorted(cases.values_list("opened_at", flat=True))
    assert opened[-1] - opened[0] > datetime.timedelta(days=180)
    assert not cases.filter(closed_at__lte=F("opened_at")).exists()
    early = CaseEvent.objects.filter(occurred_at__lt=F("case__opened_at"))
    assert not early.exists()
    assert not CaseEvent.objects.filter(occurred_at__gt=NOW).exists()
    # The reports' status changes made by triage and closing keep the demo's dates too.
    late = ReportEntry.objects.filter(kind=EntryKind.STATUS_CHANGED, created_at__gt=NOW)
    assert not late.exists()


def test_demo_caseworkers_get_a_digest_and_the_audit_chain_holds(seeded):
    caseworkers = Membership.objects.filter(
        role__in=["partner_caseworker", "centre_caseworker"]
    ).values_list("user_id", flat=True)
    modes = NotificationPreference.objects.filter(user_id__in=caseworkers)
    assert modes.count() == len(caseworkers)
    assert set(modes.values_list("mode", flat=True)) == {NotificationMode.DIGEST}
    assert User.objects.filter(email="police@demo.awaz.example").exists()
    assert audit_chain_verify().ok


def test_same_seed_same_counts(seeded):
    """Pinned for seed 7 on NOW: change the numbers only when the demo changes on purpose."""
    counts = {
        "cases": Case.objects.count(),
        "closed": Case.objects.filter(status=CaseStatus.CLOSED).count(),
        "referrals": Referral.objects.count(),
        "tasks": Task.objects.count(),
        "messages": Message.objects.count(),
        "risk": RiskAssessment.objects.count(),
        "triage_closed": TriageRecord.objects.filter(decision=TriageDecision.CLOSED).count(),
        "reports": Report.objects.count(),
    }
    assert dict(counts) == EXPECTED_COUNTS, dict(counts)
    assert seeded.counts["cases"] == counts["cases"]


EXPECTED_COUNTS = {
    "cases": 40,
    "closed": 34,
    "messages": 3,
    "referrals": 16,
    "reports": 86,  # 80 from the reports seed, 6 crimes reported to the police
    "risk": 10,
    "tasks": 11,
    "triage_closed": 15,
}


def test_command_if_empty_is_a_no_op_the_second_time(reports):
    first = _cases_command("--seed", "3")
    assert "Demo case work loaded" in first
    assert "Referrals:" in first
    before = (Case.objects.count(), CaseEvent.objects.count(), Report.objects.count())
    assert "already has case work" in _cases_command("--if-empty")
    assert (Case.objects.count(), CaseEvent.objects.count(), Report.objects.count()) == before
    with pytest.raises(CommandError, match="already has case work"):
        _cases_command()


def test_command_needs_the_demo_reports(db, var_dir):
    with pytest.raises(CommandError, match="seed_demo"):
        _cases_command()
    assert "No demo reports" in _cases_command("--if-empty")
    assert not Case.objects.exists()


# The ``at`` keyword (demo data and imports only) -----------------------------------------


def test_services_keep_the_dates_they_are_given(org_a, caseworker_a):
    opened = timezone.now() - datetime.timedelta(days=40)
    report, _code = make_report(
        organisation=org_a,
        submitted_at=opened - datetime.timedelta(hours=3),
        consents={(ConsentPurpose.CONTACT.value, RecipientKind.RECEIVING_ORGANISATION.value): True},
    )
    case = triage_make_case(report_id=report.pk, actor=caseworker_a, at=opened)
    case.refresh_from_db()
    assert case.opened_at == opened
    record = TriageRecord.objects.get(report=report)
    assert record.claimed_at == record.decided_at == opened
    partner = Classification.objects.get(code="partner_incident", version=1)
    step = datetime.timedelta(days=1)
    case_classify(case=case, classification=partner, actor=caseworker_a, at=opened + step)
    note = case_note_add(
        case=case, text="Fictional note.", actor=caseworker_a, at=opened + 2 * step
    )
    assessment = risk_assess(
        case=case,
        answers={
            "repeat_victimisation": "yes",
            "threats_serious_harm": "no",
            "physical_injury": "no",
            "perpetrator_known_nearby": "yes",
            "unsafe_at_home": "no",
            "vulnerability": "no",
            "escalation": "yes",
            "children_affected": "no",
            "community_tension": "no",
            "fear_level": "not_afraid",
        },
        actor=caseworker_a,
        at=opened + 3 * step,
    )
    task = task_create(
        title="Call back",
        due_on=(opened + 5 * step).date(),
        case=case,
        assignee_user=caseworker_a,
        actor=caseworker_a,
        at=opened + 3 * step,
    )
    task = task_complete(task_id=task.pk, actor=caseworker_a, at=opened + 4 * step)
    case_close(
        case=case, outcome=CaseOutcome.SUPPORT_GIVEN, actor=caseworker_a, at=opened + 9 * step
    )

    case.refresh_from_db()
    assert case.classified_at == opened + step
    assert note.occurred_at == opened + 2 * step
    assert assessment.assessed_at == opened + 3 * step
    assert assessment.review_due_on == (opened + 3 * step).date() + datetime.timedelta(days=28)
    assert task.done_at == opened + 4 * step
    assert case.closed_at == opened + 9 * step
    assert case.retention_review_on is not None
    assert case.retention_review_on.year * 12 + case.retention_review_on.month == (
        (opened + 9 * step).year * 12 + (opened + 9 * step).month + partner.retention_months
    )
    kinds = dict(CaseEvent.objects.filter(case=case).values_list("kind", "occurred_at"))
    assert kinds[EventKind.CLASSIFIED] == opened + step
    assert kinds[EventKind.TASK_DONE] == opened + 4 * step
    assert kinds[EventKind.OUTCOME] == opened + 9 * step
    closed_entry = report.entries.filter(kind=EntryKind.STATUS_CHANGED).order_by("created_at")
    assert list(closed_entry.values_list("created_at", flat=True)) == [opened, opened + 9 * step]
