"""The demo register: twelve reporting centres in the states the demo promises, through the
services (so audited), eight of them on the public page, and a second run adds nothing."""

from __future__ import annotations

import pytest

from awaz.audit.selectors import audit_chain_verify
from awaz.partners.models import Organisation
from awaz.reporting.demo.partners import demo_partners_create
from awaz.strategy.demo.centres import demo_centres_seed
from awaz.strategy.models import CentreTraining, ReportingCentre
from awaz.strategy.selectors_centres import CentreFilters, FlagCode, centre_register, centres_public
from awaz.strategy.tests.conftest import TODAY, audit_names

pytestmark = pytest.mark.usefixtures("frozen")


def _town(name: str) -> str:
    return name.split(", ")[-1].removesuffix(" (demo)")


def test_the_demo_register(db: None) -> None:
    assert demo_centres_seed(today=TODAY) == 0  # no demo partners yet: nothing to do
    demo_partners_create(password="fictional-demo-password")
    assert demo_centres_seed(today=TODAY) == 12
    assert ReportingCentre.objects.count() == 12
    assert Organisation.objects.filter(kind="reporting_centre", is_demo=True).count() == 12
    assert CentreTraining.objects.count() == 12  # two at Workington, none at Cockermouth

    register = centre_register(filters=CentreFilters(), today=TODAY)
    flags = {
        _town(row.organisation.name): {f.code for f in row.flags if f.code != "no_recent_reports"}
        for row in register.rows
    }
    assert flags == {
        "Workington": set(),
        "Carlisle": set(),
        "Appleby-in-Westmorland": set(),
        "Penrith": set(),
        "Ulverston": set(),
        "Windermere": set(),
        "Barrow-in-Furness": {FlagCode.VERIFICATION_OVERDUE},
        "Cockermouth": {
            FlagCode.VERIFICATION_OVERDUE,
            FlagCode.NO_TRAINED_STAFF,
            FlagCode.NO_PRIVATE_SPACE,
        },
        "Maryport": {FlagCode.NEVER_VERIFIED},
        "Kendal": {FlagCode.NO_TRAINED_STAFF},
        "Whitehaven": {FlagCode.NO_PRIVATE_SPACE},
        "Keswick": {FlagCode.NO_PRIVATE_SPACE},
    }
    public = {_town(c.organisation.name) for c in centres_public(today=TODAY)}
    assert public == {
        "Workington",
        "Carlisle",
        "Appleby-in-Westmorland",
        "Ulverston",
        "Windermere",
        "Kendal",
        "Whitehaven",
        "Keswick",
    }
    # Every address, phone and web address is plainly fictional.
    for centre in ReportingCentre.objects.all():
        assert centre.phone.startswith("01632 960")
        assert centre.website.endswith(".demo.awaz.example/")
        assert any(
            word in centre.address
            for word in ("Fictional", "Example", "Pretend", "Sample", "Placeholder", "Madeup")
        )
    # The centres with demo staff recorded their own details.
    assert "CENTRE_DETAILS_RECORDED" in audit_names(actor_label="Priya Placeholder")
    assert audit_chain_verify().problems == []

    events = len(audit_names())
    assert demo_centres_seed(today=TODAY) == 0
    assert len(audit_names()) == events
