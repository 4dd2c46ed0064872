"""Response headers every page needs."""

from __future__ import annotations

import pytest
from django.urls import reverse

from awaz.core.middleware import permissions_policy_header

# Every policy-controlled feature browsers recognise that Awaz names; a misspelt or retired
# name (such as FLoC's "interest-cohort") would only make browsers log a warning.
KNOWN_FEATURES = {
    "accelerometer",
    "autoplay",
    "bluetooth",
    "browsing-topics",
    "camera",
    "display-capture",
    "encrypted-media",
    "fullscreen",
    "gamepad",
    "geolocation",
    "gyroscope",
    "hid",
    "identity-credentials-get",
    "idle-detection",
    "local-fonts",
    "magnetometer",
    "microphone",
    "midi",
    "otp-credentials",
    "payment",
    "picture-in-picture",
    "publickey-credentials-create",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "storage-access",
    "usb",
    "web-share",
    "window-management",
    "xr-spatial-tracking",
}


def _policy(response) -> dict[str, str]:
    header = response["Permissions-Policy"]
    return dict(part.strip().split("=", 1) for part in header.split(","))


class TestPermissionsPolicy:
    @pytest.mark.parametrize(
        "url",
        [
            "/",  # the public home page
            "/report/",  # the reporting journey
            "/no-such-page/",  # the 404 page
            "/api/health",  # JSON
            "/accounts/login/",  # allauth
        ],
    )
    def test_on_every_response(self, client, db, url):
        response = client.get(url)
        policy = _policy(response)
        assert policy["camera"] == "()"
        assert policy["microphone"] == "()"
        assert policy["payment"] == "()"
        assert policy["usb"] == "()"
        # "Use my location" on the report form: this site only, never a framed one.
        assert policy["geolocation"] == "(self)"

    def test_on_signed_in_staff_pages(self, client, caseworker_a):
        client.force_login(caseworker_a)
        response = client.get(reverse("reporting:triage_inbox"))
        assert response.status_code == 200
        assert _policy(response)["camera"] == "()"

    def test_every_feature_is_off_but_geolocation_and_all_are_real_features(self, client, db):
        policy = _policy(client.get("/"))
        assert set(policy) <= KNOWN_FEATURES
        assert "interest-cohort" not in policy
        assert {name for name, value in policy.items() if value != "()"} == {"geolocation"}

    def test_the_report_form_really_asks_for_location(self):
        """The one feature left on is the one a page uses; drop it here if that goes."""
        from django.contrib.staticfiles import finders

        script = finders.find("awaz/reporting/location.js")
        assert script is not None
        with open(script, encoding="utf-8") as handle:
            assert "navigator.geolocation.getCurrentPosition" in handle.read()

    def test_header_syntax(self):
        assert (
            permissions_policy_header(
                {"camera": [], "geolocation": ["self", "https://maps.example.org"], "midi": ["*"]}
            )
            == 'camera=(), geolocation=(self "https://maps.example.org"), midi=*'
        )
