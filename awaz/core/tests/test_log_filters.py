"""An ordinary 403 is logged as one line: path and user id, no traceback, no personal data."""

from __future__ import annotations

import logging

from django.urls import reverse


def _request_records(caplog):
    return [record for record in caplog.records if record.name == "django.request"]


def test_a_403_is_one_line_with_path_and_user_id(client, caseworker_a, caplog):
    client.force_login(caseworker_a)
    url = reverse("partners:staff_list")  # administrators only
    with caplog.at_level(logging.INFO):
        response = client.get(url)
    assert response.status_code == 403
    records = _request_records(caplog)
    assert len(records) == 1
    record = records[0]
    assert record.levelno == logging.WARNING
    assert record.exc_info is None
    assert record.exc_text is None
    assert record.getMessage() == f"Forbidden (Permission denied): {url} (user {caseworker_a.pk})"
    assert "Traceback" not in caplog.text
    for personal in (caseworker_a.email, caseworker_a.full_name):
        assert personal not in caplog.text


def test_other_errors_keep_their_traceback(caplog):
    """Only PermissionDenied loses its traceback: a real error still shows where it was."""
    logger = logging.getLogger("django.request")
    try:
        raise RuntimeError("a real fault")
    except RuntimeError as exc:
        with caplog.at_level(logging.INFO):
            logger.error("Internal Server Error: %s", "/x/", exc_info=exc)
    (record,) = _request_records(caplog)
    assert record.exc_info is not None
    assert "Traceback" in caplog.text
