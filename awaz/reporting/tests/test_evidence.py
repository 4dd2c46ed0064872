"""Evidence files: type by content, limits, metadata stripped, encrypted on disk."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image, PngImagePlugin, UnidentifiedImageError

from awaz.audit.services import PUBLIC
from awaz.reporting.models import Evidence, ReportDraft
from awaz.reporting.services.drafts import draft_ensure, draft_new_token
from awaz.reporting.services.evidence import (
    EvidenceRejected,
    evidence_add,
    evidence_clean,
    evidence_read,
    evidence_remove,
)
from awaz.reporting.tests.journey_support import VICTIM_JOURNEY, complete_journey, error_summary

CANARY = b"FictionalCanaryMake"


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = CANARY.decode()
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (54.0, 53.0, 30.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "W"
    gps[ExifTags.GPS.GPSLongitude] = (2.0, 55.0, 59.0)
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def png_bytes(text: str = "") -> bytes:
    image = Image.new("RGBA", (20, 20), (0, 0, 255, 128))
    info = PngImagePlugin.PngInfo()
    if text:
        info.add_text("Comment", text)
    out = io.BytesIO()
    image.save(out, format="PNG", pnginfo=info)
    return out.getvalue()


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def draft(db):
    return draft_ensure(token=draft_new_token())


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def test_fixture_really_has_gps_exif():
    with Image.open(io.BytesIO(jpeg_with_gps())) as image:
        assert image.getexif().get_ifd(ExifTags.IFD.GPSInfo)


def test_gps_and_exif_are_stripped_and_the_file_is_encrypted_on_disk(draft, settings):
    evidence = evidence_add(upload=upload("photo.jpg", jpeg_with_gps()), draft=draft, actor=PUBLIC)
    assert evidence.content_type == "image/jpeg"
    on_disk = (Path(settings.EVIDENCE_ROOT) / evidence.storage_name).read_bytes()
    assert CANARY not in on_disk and b"Exif" not in on_disk
    with pytest.raises(UnidentifiedImageError):
        Image.open(io.BytesIO(on_disk))
    stored = evidence_read(evidence=evidence)
    assert CANARY not in stored and b"Exif" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "JPEG"
        assert image.size == (64, 48)
        assert not image.getexif()
        assert not image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    assert evidence.size_bytes == len(stored)
    assert "photo.jpg" not in evidence.storage_name


def test_storage_name_is_random_and_not_under_the_web_root(draft, settings):
    evidence = evidence_add(upload=upload("a.png", png_bytes()), draft=draft, actor=PUBLIC)
    assert len(evidence.storage_name) == 32
    assert not str(settings.EVIDENCE_ROOT).startswith(str(settings.STATIC_ROOT))


def test_png_text_chunks_are_stripped():
    cleaned = evidence_clean(content=png_bytes("FictionalSecretComment"), name="a.png")
    assert b"FictionalSecretComment" not in cleaned.content
    assert cleaned.content_type == "image/png"


def test_pdf_is_accepted_by_content():
    cleaned = evidence_clean(content=PDF, name="letter.pdf")
    assert cleaned.content_type == "application/pdf"
    assert cleaned.content == PDF


MISMATCH = "The selected file is not what its name says. Check you chose the right file"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("screenshot.pdf", "png", MISMATCH),
        ("photo.png", "pdf", MISMATCH),
        ("photo.jpg", "html", "The selected file must be a JPG, PNG, GIF, WebP or PDF"),
        ("notes.txt", "text", "The selected file must be a JPG, PNG, GIF, WebP or PDF"),
        ("empty.png", "empty", "The selected file is empty"),
        ("script.pdf", "pdfjs", "The selected PDF contains scripts, so we cannot accept it"),
    ],
)
def test_type_is_checked_by_content(name, content, message):
    data = {
        "png": png_bytes(),
        "pdf": PDF,
        "html": b"<html><script>alert(1)</script></html>",
        "text": b"plain words",
        "empty": b"",
        "pdfjs": b"%PDF-1.4\n<< /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>",
    }[content]
    with pytest.raises(EvidenceRejected) as raised:
        evidence_clean(content=data, name=name)
    assert str(raised.value.message) == message


def test_a_file_without_extension_is_judged_by_content():
    assert evidence_clean(content=png_bytes(), name="upload").content_type == "image/png"


def test_huge_images_are_refused():
    out = io.BytesIO()
    Image.new("1", (10_000, 5_000)).save(out, format="PNG")
    with pytest.raises(EvidenceRejected) as raised:
        evidence_clean(content=out.getvalue(), name="big.png")
    assert str(raised.value.message) == (
        "The selected image is too large. Take a smaller photo or screenshot"
    )


def test_size_limit(draft, settings):
    settings.EVIDENCE_MAX_BYTES = 1024 * 1024
    with pytest.raises(EvidenceRejected) as raised:
        evidence_add(upload=upload("big.pdf", PDF + b"0" * 1024 * 1024), draft=draft, actor=PUBLIC)
    assert str(raised.value.message) == "The selected file must be smaller than 1 MB"
    assert not Evidence.objects.exists()


def test_count_limit(draft, settings):
    settings.EVIDENCE_MAX_FILES = 2
    for i in range(2):
        evidence_add(upload=upload(f"{i}.png", png_bytes()), draft=draft, actor=PUBLIC)
    with pytest.raises(EvidenceRejected) as raised:
        evidence_add(upload=upload("3.png", png_bytes()), draft=draft, actor=PUBLIC)
    assert str(raised.value.message) == (
        "You have already added 2 files. Remove a file before you add another"
    )
    assert Evidence.objects.count() == 2


def test_remove_deletes_row_and_file(draft, settings, django_capture_on_commit_callbacks):
    evidence = evidence_add(upload=upload("a.png", png_bytes()), draft=draft, actor=PUBLIC)
    path = Path(settings.EVIDENCE_ROOT) / evidence.storage_name
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert evidence_remove(draft=draft, evidence_id=evidence.pk)
    assert not path.exists()
    assert not Evidence.objects.exists()


def test_cannot_remove_another_drafts_file(draft):
    other = draft_ensure(token=draft_new_token())
    evidence = evidence_add(upload=upload("a.png", png_bytes()), draft=other, actor=PUBLIC)
    assert not evidence_remove(draft=draft, evidence_id=evidence.pk)
    assert Evidence.objects.filter(pk=evidence.pk).exists()


# Through the evidence page -----------------------------------------------------------------


def _to_evidence_page(client):
    complete_journey(client, journey=VICTIM_JOURNEY[:4])
    return reverse("reporting:journey_step", kwargs={"step": "evidence"})


def test_upload_list_remove_and_continue_without_javascript(
    db, client, settings, django_capture_on_commit_callbacks
):
    url = _to_evidence_page(client)
    response = client.post(
        url, {"action": "upload", "evidence_file": upload("screenshot.png", png_bytes())}
    )
    assert response["Location"] == url
    page = client.get(url).content.decode()
    assert "screenshot.png" in page
    evidence = Evidence.objects.get()
    path = Path(settings.EVIDENCE_ROOT) / evidence.storage_name
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"remove": str(evidence.pk)})
    assert not Evidence.objects.exists() and not path.exists()
    response = client.post(url, {"action": "continue"})
    assert response["Location"] == reverse("reporting:journey_step", kwargs={"step": "when"})


def test_rejected_upload_shows_the_error(db, client):
    url = _to_evidence_page(client)
    response = client.post(
        url, {"action": "upload", "evidence_file": upload("fake.jpg", b"GIF89a not really")}
    )
    assert response.status_code == 200
    assert error_summary(response) == ["The selected file must be a JPG, PNG, GIF, WebP or PDF"]
    assert not Evidence.objects.exists()


def test_upload_without_a_file_asks_for_one(db, client):
    url = _to_evidence_page(client)
    response = client.post(url, {"action": "upload"})
    assert error_summary(response) == ["Select a file to upload"]


def test_submitted_evidence_belongs_to_the_report(db, client, default_hub):
    url = _to_evidence_page(client)
    client.post(url, {"action": "upload", "evidence_file": upload("photo.jpg", jpeg_with_gps())})
    complete_journey(client, journey=VICTIM_JOURNEY[4:])
    client.post(reverse("reporting:journey_submit"))
    evidence = Evidence.objects.get()
    draft = ReportDraft.objects.get()
    assert evidence.report_id == draft.report_id
    assert evidence.original_name == "photo.jpg"
