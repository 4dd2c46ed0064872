"""POST /api/v1/imports and GET /api/v1/imports/{id}: an extract for one of the client's
organisation's sources, through the imports app's services and job."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from awaz.api_clients.models import Scope
from awaz.api_clients.tests.conftest import make_client
from awaz.imports.models import ImportRun, RunStatus
from awaz.imports.services import import_run_execute
from awaz.imports.tests.support import csv_bytes, make_source, row


@pytest.fixture
def centre(db):
    """A fictional police force here: the extracts of ``imports.tests.support`` are police
    extracts (a partner's record may not say it was reported on 101)."""
    from awaz.partners.tests.factories import OrganisationFactory

    return OrganisationFactory(name="Fictional Constabulary", kind="police")


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _upload(api, token, source_id, content, *, name="extract.csv"):
    return api.post(
        "/api/v1/imports",
        data={"source": source_id, "file": SimpleUploadedFile(name, content)},
        headers=_auth(token),
    )


def test_upload_queues_a_job_and_its_progress_shows(
    api, token, centre, django_capture_on_commit_callbacks
):
    source = make_source(centre)
    content = csv_bytes([row(reference="FIC/0001/25"), row(reference="FIC/0002/25")])
    with django_capture_on_commit_callbacks(execute=False):
        response = _upload(api, token, source.pk, content)
    assert response.status_code == 202, response.content
    job = response.json()
    assert job["status"] == RunStatus.QUEUED
    assert job["source"] == source.pk
    import_run_execute(job["id"])
    response = api.get(f"/api/v1/imports/{job['id']}", headers=_auth(token))
    assert response.status_code == 200
    done = response.json()
    assert done["status"] == RunStatus.DONE
    assert (done["rows_checked"], done["rows_saved"], done["errors"]) == (2, 2, [])


def test_errors_are_listed_by_row(api, token, centre, django_capture_on_commit_callbacks):
    source = make_source(centre)
    content = csv_bytes([row(reference="FIC/0001/25", strands="Unknown strand")])
    with django_capture_on_commit_callbacks(execute=False):
        job = _upload(api, token, source.pk, content).json()
    import_run_execute(job["id"])
    result = api.get(f"/api/v1/imports/{job['id']}", headers=_auth(token)).json()
    assert result["status"] == RunStatus.FAILED
    assert result["rows_error"] == 1
    assert result["failure"]
    assert result["errors"][0]["row"] == 2
    assert result["errors"][0]["column"] == "Hate Strands"


def test_another_organisations_source_is_404_and_nothing_uploaded(api, token, other_org):
    theirs = make_source(other_org)
    response = _upload(api, token, theirs.pk, csv_bytes([row()]))
    missing = _upload(api, token, 999_999, csv_bytes([row()]))
    assert response.status_code == missing.status_code == 404
    assert response.json() == missing.json()
    assert ImportRun.objects.count() == 0


def test_another_clients_job_is_404(api, token, other_admin, centre, other_org):
    source = make_source(centre)
    job = _upload(api, token, source.pk, csv_bytes([row()])).json()
    _client, other_token = make_client(other_admin, name="Their system")
    assert api.get(f"/api/v1/imports/{job['id']}", headers=_auth(other_token)).status_code == 404


def test_a_file_the_source_cannot_read_is_400(api, token, centre):
    source = make_source(centre)
    response = _upload(api, token, source.pk, b"PK\x03\x04 not really a workbook")
    assert response.status_code == 400
    assert ImportRun.objects.count() == 0


def test_needs_the_upload_scope(api, centre_admin, centre):
    source = make_source(centre)
    _client, token = make_client(centre_admin, scopes=[Scope.REPORTS_SUBMIT])
    assert _upload(api, token, source.pk, csv_bytes([row()])).status_code == 403


def test_an_upload_over_the_limit_is_413(api, token, centre, settings):
    settings.AWAZ_API_MAX_UPLOAD_BYTES = 500
    source = make_source(centre)
    content = csv_bytes([row(reference=f"FIC/{n:04}/25") for n in range(50)])
    assert _upload(api, token, source.pk, content).status_code == 413
    assert ImportRun.objects.count() == 0
