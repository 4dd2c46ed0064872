"""``manage.py seed_demo`` and ``manage.py demo_logins`` on a small demo."""

import io
import stat

import pytest
from allauth.mfa.models import Authenticator
from django.core.management import CommandError, call_command
from django.db.models import Count

from awaz.audit.selectors import audit_chain_verify
from awaz.core.models import User
from awaz.geo.models import Area, AreaLevel
from awaz.partners.models import Membership, Organisation, OrganisationKind, Role
from awaz.reporting.demo.partners import HUB_NAME, PASSWORD_FILE_NAME
from awaz.reporting.models import (
    Channel,
    ConsentRecord,
    EntryKind,
    Report,
    ReportEntry,
    ReportingHub,
    ReportStatus,
    Strand,
)


def _seed(*args: str) -> str:
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def var_dir(settings, tmp_path):
    """The demo password file goes to a temporary var/ folder, not the developer's."""
    settings.VAR_DIR = tmp_path
    return tmp_path


@pytest.fixture
def seeded(db, var_dir):
    return _seed("--years", "1", "--reports", "60", "--seed", "3")


def test_prints_a_summary(seeded):
    assert "Demo data loaded" in seeded
    assert "60 reports" in seeded
    assert "Trigger event: Fictional national news event" in seeded


def test_organisations_are_all_plainly_demo(seeded):
    orgs = Organisation.objects.all()
    assert orgs.count() >= 15
    for org in orgs:
        assert org.is_demo
        assert "(demo)" in org.name
    kinds = set(orgs.values_list("kind", flat=True))
    assert kinds == set(OrganisationKind.values)
    centres = orgs.filter(kind=OrganisationKind.REPORTING_CENTRE)
    assert 4 <= centres.count() <= 6
    assert all(c.name.startswith("Fictional") for c in centres)


def test_the_hub_receives_online_reports_everywhere(seeded):
    hub = Organisation.objects.get(name=HUB_NAME)
    assert hub.kind == OrganisationKind.VICTIM_SUPPORT
    default = ReportingHub.objects.get(is_default=True)
    assert default.organisation == hub
    by_area = ReportingHub.objects.filter(is_default=False)
    assert {h.area.level for h in by_area} == {AreaLevel.LOCAL_AUTHORITY}
    assert all(h.organisation == hub for h in by_area)


def test_staff_for_every_role_with_the_shared_password(seeded, var_dir):
    password_path = var_dir / PASSWORD_FILE_NAME
    password = password_path.read_text().strip()
    assert len(password) >= 16
    assert stat.S_IMODE(password_path.stat().st_mode) == 0o600
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == set(Role.values)
    for user in User.objects.all():
        assert user.email.endswith("@demo.awaz.example")
        assert user.check_password(password)
        assert user.membership.organisation.is_demo
    assert not Authenticator.objects.exists()  # demo users skip MFA in the embedded default
    centre_staff = Membership.objects.filter(role=Role.CENTRE_CASEWORKER)
    assert {m.organisation.kind for m in centre_staff} == {OrganisationKind.REPORTING_CENTRE}
    hub_staff = Membership.objects.get(user__email="caseworker@demo.awaz.example")
    assert hub_staff.organisation.name == HUB_NAME
    assert hub_staff.role == Role.PARTNER_CASEWORKER


def test_local_strands_are_configured(seeded):
    local = Strand.objects.filter(is_national=False)
    assert {s.code: s.name for s in local} == {
        "sex-gender": "Sex or gender (misogyny)",
        "alternative-subculture": "Alternative subculture",
    }
    assert Strand.objects.filter(is_national=True).count() == 5


def test_demo_geography_is_loaded(seeded):
    assert Area.objects.filter(level=AreaLevel.NEIGHBOURHOOD, is_demo=True).count() == 15


def test_reports_spread_over_areas_channels_and_statuses(seeded):
    reports = Report.objects.all()
    assert reports.count() == 60
    areas = set(reports.exclude(area=None).values_list("area__code", flat=True))
    assert len(areas) >= 5
    assert all(code.startswith("DEMO-N-") for code in areas)
    channels = set(reports.values_list("channel", flat=True))
    assert Channel.ONLINE in channels and channels - {Channel.ONLINE}
    for report in reports.exclude(channel=Channel.ONLINE).select_related(
        "recorded_by_organisation", "receiving_organisation"
    ):
        assert report.recorded_by_organisation == report.receiving_organisation
        assert report.receiving_organisation.kind == OrganisationKind.REPORTING_CENTRE
    online = reports.filter(channel=Channel.ONLINE)
    assert set(online.values_list("receiving_organisation__name", flat=True)) == {HUB_NAME}
    statuses = set(reports.values_list("status", flat=True))
    assert ReportStatus.CLOSED in statuses and len(statuses) >= 2
    assert reports.filter(strands__is_national=True).exists()
    assert reports.exclude(grid_easting=None).count() > 30
    assert ConsentRecord.objects.filter(report__in=reports).exists()


def test_repeat_victims_share_a_blind_index(seeded):
    repeats = (
        Report.objects.exclude(email_index="")
        .values("email_index")
        .annotate(n=Count("id"))
        .filter(n__gte=2)
    )
    assert repeats.count() >= 2
    assert all(row["n"] >= 3 for row in repeats)


def test_everyone_in_the_reports_is_fictional(seeded):
    for report in Report.objects.all():
        assert "fictional demo report" in report.what_happened
        assert report.contact_email == "" or report.contact_email.endswith("@example.org")
        assert report.contact_phone == "" or report.contact_phone.startswith(
            ("07700 900", "01632 960")
        )


def test_status_history_is_dated_and_matches_the_status(seeded):
    for report in Report.objects.all():
        changes = list(report.entries.filter(kind=EntryKind.STATUS_CHANGED))
        assert (report.status == ReportStatus.RECEIVED) == (not changes)
        assert all(e.created_at > report.submitted_at for e in changes)
    submitted = ReportEntry.objects.filter(kind=EntryKind.SUBMITTED)
    assert submitted.count() == 60


def test_audit_chain_is_intact_after_seeding(seeded):
    assert audit_chain_verify().ok


def test_if_empty_does_nothing_the_second_time(seeded, var_dir):
    before = (
        Organisation.objects.count(),
        User.objects.count(),
        Report.objects.count(),
        (var_dir / PASSWORD_FILE_NAME).read_text(),
    )
    out = _seed("--if-empty")
    assert "already has data" in out
    after = (
        Organisation.objects.count(),
        User.objects.count(),
        Report.objects.count(),
        (var_dir / PASSWORD_FILE_NAME).read_text(),
    )
    assert after == before


def test_refuses_to_seed_a_database_with_organisations(seeded):
    with pytest.raises(CommandError, match="already has organisations"):
        _seed("--reports", "5")


def test_refuses_nonsense_options(db, var_dir):
    with pytest.raises(CommandError, match="--years"):
        _seed("--years", "0")
    assert not Organisation.objects.exists()


def test_demo_logins_prints_every_role_and_the_password(seeded, var_dir):
    out = io.StringIO()
    call_command("demo_logins", stdout=out)
    text = out.getvalue()
    for role in Role:
        assert str(role.label) in text
    assert "caseworker@demo.awaz.example" in text
    assert "admin@demo.awaz.example" in text
    assert HUB_NAME in text
    assert (var_dir / PASSWORD_FILE_NAME).read_text().strip() in text


def test_demo_logins_without_the_password_file(seeded, var_dir):
    (var_dir / PASSWORD_FILE_NAME).unlink()
    out = io.StringIO()
    call_command("demo_logins", stdout=out)
    assert "is missing" in out.getvalue()


def test_demo_logins_on_an_empty_database(db, var_dir):
    out = io.StringIO()
    call_command("demo_logins", stdout=out)
    assert "run `manage.py seed_demo`" in out.getvalue()


def test_demo_administrator_reaches_the_boundary_import_the_readme_describes(client, db, var_dir):
    # README, Geography imports: "Administrators can do the same in the Django admin (Areas,
    # "Import boundaries" ...)". The demo admin used to get a bare 403 there.
    from django.urls import reverse

    from awaz.partners.tests.factories import add_totp
    from awaz.reporting.demo.partners import demo_partners_create

    staff = demo_partners_create(password="demo-Fictional-Passw0rd-42").staff
    admin, caseworker = staff["admin"], staff["caseworker"]
    add_totp(admin)
    client.force_login(admin)
    areas = client.get(reverse("admin:geo_area_changelist"))
    assert areas.status_code == 200
    assert reverse("admin:geo_area_import") in areas.content.decode()
    page = client.get(reverse("admin:geo_area_import"))
    assert page.status_code == 200
    assert 'enctype="multipart/form-data"' in page.content.decode()
    # Nobody else in the demo reaches it.
    add_totp(caseworker)
    client.force_login(caseworker)
    assert client.get(reverse("admin:geo_area_import"), follow=True).status_code == 403
