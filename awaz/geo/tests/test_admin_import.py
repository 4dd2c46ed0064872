"""The "Import boundaries" page of the Area admin: upload, preview, confirm."""

import os
import time

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awaz.audit.events import AuditEventType
from awaz.audit.models import AuditEvent
from awaz.geo.admin_import import SESSION_KEY
from awaz.geo.models import Area, AreaLevel
from awaz.geo.services import area_create
from awaz.geo.tests.boundary_files import BOWTIE, box, wards
from awaz.partners.tests.factories import UserFactory, add_totp

IMPORT_URL = reverse("admin:geo_area_import")
PREVIEW_URL = IMPORT_URL + "?step=preview"


@pytest.fixture(autouse=True)
def _kept_files(settings, tmp_path):
    settings.VAR_DIR = tmp_path


@pytest.fixture
def authority(db):
    county = area_create(
        code="T-C", name="Fictional County", level=AreaLevel.COUNTY, parent=None,
        geometry=box(0, 50, 10, 60),
    )  # fmt: skip
    return area_create(
        code="T-LA", name="Fictional Authority", level=AreaLevel.LOCAL_AUTHORITY,
        parent=county, geometry=box(0, 50, 5, 60),
    )  # fmt: skip


@pytest.fixture
def admin_client(client, db):
    superuser = UserFactory(is_superuser=True, is_staff=True)
    add_totp(superuser)
    client.force_login(superuser)
    return client


def upload(client, content: bytes, name: str = "wards.geojson", **options):
    data = {
        "step": "upload",
        "file": SimpleUploadedFile(name, content, content_type="application/geo+json"),
        "level": "ward",
        "parent_mode": "containment",
        "parent_code": "",
        "code_field": "",
        "name_field": "",
        **options,
    }
    return client.post(IMPORT_URL, data)


def kept_files(tmp_path):
    folder = tmp_path / "geo-imports"
    return sorted(folder.iterdir()) if folder.exists() else []


def test_changelist_links_to_the_import(admin_client, authority):
    response = admin_client.get(reverse("admin:geo_area_changelist"))
    assert response.status_code == 200
    assert IMPORT_URL in response.content.decode()


def test_upload_preview_then_confirm(admin_client, authority, tmp_path):
    page = admin_client.get(IMPORT_URL)
    assert page.status_code == 200
    assert 'enctype="multipart/form-data"' in page.content.decode()

    content = wards(
        ("T-W1", "Fictional North", box(0, 55, 5, 60)),
        ("T-W2", "Fictional South", box(0, 50, 5, 55)),
    )
    response = upload(admin_client, content)
    assert response.status_code == 302 and response["Location"] == PREVIEW_URL
    assert len(kept_files(tmp_path)) == 1
    assert not Area.objects.filter(level=AreaLevel.WARD).exists()

    preview = admin_client.get(PREVIEW_URL)
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Preview of wards.geojson" in html
    assert "Projection OGC:CRS84, code in WD23CD, name in WD23NM" in html
    result = preview.context["result"]
    assert [(r.code, r.name, r.parent_code, r.action, r.valid) for r in result.rows] == [
        ("T-W1", "Fictional North", "T-LA", "create", True),
        ("T-W2", "Fictional South", "T-LA", "create", True),
    ]
    assert "Fictional Authority (T-LA)" in html
    assert "Confirm and import" in html
    assert not Area.objects.filter(level=AreaLevel.WARD).exists()  # nothing saved yet

    token = admin_client.session[SESSION_KEY]["token"]
    response = admin_client.post(IMPORT_URL, {"step": "confirm", "token": token})
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:geo_area_changelist")
    assert set(Area.objects.filter(level=AreaLevel.WARD).values_list("code", flat=True)) == {
        "T-W1",
        "T-W2",
    }
    assert Area.objects.get(code="T-W1").created_by is not None
    event = AuditEvent.objects.get(event_type=AuditEventType.AREAS_IMPORTED)
    assert event.actor_id is not None and event.details["created"] == 2
    assert SESSION_KEY not in admin_client.session
    assert kept_files(tmp_path) == []
    changelist = admin_client.get(response["Location"])
    assert "Imported wards.geojson: 2 areas created, 0 updated." in changelist.content.decode()


def test_problems_are_listed_with_no_confirm_button(admin_client, authority):
    upload(
        admin_client,
        wards(("T-W1", "Fine", box(0, 50, 1, 51)), ("T-W2", "Bow tie", BOWTIE)),
        parent_mode="code",
        parent_code="T-LA",
    )
    html = admin_client.get(PREVIEW_URL).content.decode()
    assert "One feature cannot be imported, so nothing will be saved" in html
    assert "Feature 2 (T-W2): invalid boundary: Self-intersection[0.5 0.5]" in html
    assert "Confirm and import" not in html
    # Posting a confirmation anyway saves nothing.
    token = admin_client.session[SESSION_KEY]["token"]
    response = admin_client.post(IMPORT_URL, {"step": "confirm", "token": token})
    assert response.status_code == 200
    assert not Area.objects.filter(level=AreaLevel.WARD).exists()


def test_an_unusable_file_is_refused_on_the_form(admin_client, authority, tmp_path):
    response = upload(admin_client, b"{broken", name="broken.geojson")
    assert response.status_code == 200
    assert "broken.geojson is not GeoJSON" in response.content.decode()
    assert kept_files(tmp_path) == []
    response = upload(admin_client, b"whatever", name="wards.kml")
    assert "Choose a .geojson, .json or zipped shapefile (.zip)." in response.content.decode()


def test_option_errors_are_shown_on_the_form(admin_client, authority):
    response = upload(admin_client, wards(("T-W1", "F", box(0, 50, 1, 51))), parent_mode="code")
    assert response.status_code == 200
    assert "Give the code of the parent area." in response.content.decode()
    response = upload(admin_client, wards(("T-W1", "F", box(0, 50, 1, 51))), parent_mode="none")
    assert "Say where the areas belong" in response.content.decode()
    response = upload(
        admin_client,
        wards(("T-W1", "F", box(0, 50, 1, 51))),
        parent_mode="code",
        parent_code="T-NOPE",
    )
    assert "No area has the code T-NOPE." in response.content.decode()


def test_a_stale_confirmation_imports_nothing(admin_client, authority, tmp_path):
    upload(admin_client, wards(("T-W1", "First", box(0, 50, 1, 51))))
    first_token = admin_client.session[SESSION_KEY]["token"]
    upload(admin_client, wards(("T-W2", "Second", box(1, 50, 2, 51))))
    assert len(kept_files(tmp_path)) == 1  # the first upload's file is gone
    response = admin_client.post(IMPORT_URL, {"step": "confirm", "token": first_token})
    assert response["Location"] == PREVIEW_URL
    assert not Area.objects.filter(level=AreaLevel.WARD).exists()


def test_the_confirmation_reads_the_kept_file_again(admin_client, authority, tmp_path):
    upload(admin_client, wards(("T-W1", "F", box(0, 50, 1, 51))))
    token = admin_client.session[SESSION_KEY]["token"]
    # Whatever is on disk is checked again: here it has turned invalid since the preview.
    [kept] = kept_files(tmp_path)
    kept.write_bytes(wards(("T-W1", "F", BOWTIE)))
    response = admin_client.post(IMPORT_URL, {"step": "confirm", "token": token})
    assert response.status_code == 200
    assert response.context["result"].errors == [
        "Feature 1 (T-W1): invalid boundary: Self-intersection[0.5 0.5]"
    ]
    assert not Area.objects.filter(level=AreaLevel.WARD).exists()


def test_cancel_discards_the_upload(admin_client, authority, tmp_path):
    upload(admin_client, wards(("T-W1", "F", box(0, 50, 1, 51))))
    response = admin_client.post(IMPORT_URL, {"step": "cancel"})
    assert response["Location"] == IMPORT_URL
    assert kept_files(tmp_path) == [] and SESSION_KEY not in admin_client.session
    assert admin_client.get(PREVIEW_URL)["Location"] == IMPORT_URL


def test_staff_without_the_permission_get_403(client, authority):
    staff = UserFactory(is_staff=True)
    add_totp(staff)
    client.force_login(staff)
    assert client.get(IMPORT_URL).status_code == 403
    assert upload(client, wards(("T-W1", "F", box(0, 50, 1, 51)))).status_code == 403
    assert not Area.objects.filter(level=AreaLevel.WARD).exists()


def test_staff_with_geo_add_area_may_import(client, authority):
    staff = UserFactory(is_staff=True)
    add_totp(staff)
    staff.user_permissions.add(
        Permission.objects.get(codename="add_area", content_type__app_label="geo")
    )
    client.force_login(staff)
    assert client.get(IMPORT_URL).status_code == 200


def test_anonymous_users_are_sent_to_sign_in(client, db):
    response = client.get(IMPORT_URL)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_uploads_older_than_a_day_are_deleted(admin_client, authority, tmp_path):
    folder = tmp_path / "geo-imports"
    folder.mkdir()
    abandoned = folder / "abandonedabandonedabandonedaband.geojson"
    abandoned.write_bytes(b"{}")
    two_days_ago = time.time() - 2 * 24 * 60 * 60
    os.utime(abandoned, (two_days_ago, two_days_ago))
    upload(admin_client, wards(("T-W1", "F", box(0, 50, 1, 51))))
    assert not abandoned.exists()
    assert len(kept_files(tmp_path)) == 1
