"""A small plan and the people around it: the chair (at a council), a caseworker of the
lead organisation (org_a), one of a supporting organisation, one of an organisation with no
part in the action (the "othello"), an analyst, the PCC office and an administrator."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pytest

from awaz.partners.tests.factories import OrganisationFactory, StaffFactory
from awaz.strategy.models import Action, Strand, Strategy
from awaz.strategy.tests.factories import make_action, make_strand, make_strategy

TODAY = datetime.date(2026, 6, 15)


@dataclass
class Plan:
    strategy: Strategy
    strand: Strand
    action: Action  # led by org_a, supported by the supporter's organisation
    other_action: Action  # led by the supporter's organisation, org_a has no part
    lead_org: Any
    supporting_org: Any
    other_org: Any
    chair: Any
    lead_worker: Any
    supporting_worker: Any
    other_worker: Any
    analyst: Any
    pcc: Any
    administrator: Any
    centre_worker: Any


@pytest.fixture
def chair(db: None) -> Any:
    council = OrganisationFactory(name="Fictional Chair's Council", kind="council")
    return StaffFactory(organisation=council, role="chair", full_name="Fictional Chair")


@pytest.fixture
def plan(chair: Any, org_a: Any, org_b: Any, caseworker_a: Any) -> Plan:
    supporter = StaffFactory(organisation=org_b, role="partner_caseworker")
    other_org = OrganisationFactory(name="Fictional Bystander Org", kind="third_sector")
    oversight = OrganisationFactory(name="Fictional PCC Office", kind="pcc_office")
    strategy = make_strategy(chair=chair)
    strand = make_strand(strategy=strategy, chair=chair, number=1, title="Prevention")
    return Plan(
        strategy=strategy,
        strand=strand,
        action=make_action(
            strand=strand, chair=chair, lead=org_a, supporting=(org_b,), title="Fictional talks"
        ),
        other_action=make_action(
            strand=strand, chair=chair, lead=org_b, title="Fictional leaflets"
        ),
        lead_org=org_a,
        supporting_org=org_b,
        other_org=other_org,
        chair=chair,
        lead_worker=caseworker_a,
        supporting_worker=supporter,
        other_worker=StaffFactory(organisation=other_org, role="partner_caseworker"),
        analyst=StaffFactory(organisation=org_a, role="analyst"),
        pcc=StaffFactory(organisation=oversight, role="pcc_office"),
        administrator=StaffFactory(organisation=oversight, role="administrator"),
        centre_worker=StaffFactory(
            organisation=OrganisationFactory(
                name="Fictional Reporting Point", kind="reporting_centre"
            ),
            role="centre_caseworker",
        ),
    )


@pytest.fixture
def frozen() -> Any:
    """Today is 15 June 2026 (midday UTC) for the test."""
    import time_machine

    with time_machine.travel(
        datetime.datetime(2026, 6, 15, 12, 0, tzinfo=datetime.UTC), tick=False
    ):
        yield TODAY


def audit_names(**filters: Any) -> list[str]:
    from awaz.audit.models import AuditEvent

    return [e.event_name for e in AuditEvent.objects.filter(**filters).order_by("id")]


def last_audit() -> Any:
    from awaz.audit.models import AuditEvent

    return AuditEvent.objects.order_by("-id").first()


@pytest.fixture
def centres_in_order(plan: Plan) -> None:
    """The plan's reporting centre recorded, verified and trained, so it needs no action
    (agenda tests that want a centre needing action add one)."""
    from awaz.partners.models import Organisation
    from awaz.strategy.models import ReportingCentre

    for organisation in Organisation.objects.filter(kind="reporting_centre"):
        ReportingCentre.objects.create(
            organisation=organisation,
            address="1 Fictional Street",
            opening_hours="Fictional: weekdays 9 to 5",
            has_private_space=True,
            trained_staff=2,
            last_verified_on=datetime.date(2026, 6, 1),
        )
