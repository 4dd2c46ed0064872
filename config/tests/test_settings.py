"""Production settings refuse to start without their secrets, and pass `check --deploy`."""

import base64
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "x" * 20 + base64.b64encode(os.urandom(48)).decode(),
    "DATABASE_URL": "postgres://awaz@db.invalid:5432/awaz",
    "REDIS_URL": "redis://cache.invalid:6379/0",
    "FIELD_ENCRYPTION_KEY": "prod1:" + base64.b64encode(os.urandom(32)).decode(),
    "BLIND_INDEX_KEY": base64.b64encode(os.urandom(32)).decode(),
    "ALLOWED_HOSTS": "awaz.example.org",
    "EMAIL_URL": "smtp://mailer.invalid:587/?tls=True",
    "EVIDENCE_ROOT": "/srv/awaz/evidence",
    "AWAZ_BASE_URL": "https://awaz.example.org",
}


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG"}}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("missing", sorted(set(PRODUCTION_ENV) - {"DJANGO_SETTINGS_MODULE"}))
def test_production_refuses_to_start_without_each_secret(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = _run(env, "check")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr


def test_production_refuses_a_plain_http_base_url():
    result = _run({**PRODUCTION_ENV, "AWAZ_BASE_URL": "http://awaz.example.org"}, "check")
    assert result.returncode != 0
    assert "AWAZ_BASE_URL must be the site's https:// address" in result.stderr


def test_production_refuses_debug():
    result = _run({**PRODUCTION_ENV, "DEBUG": "true"}, "check")
    assert result.returncode != 0
    assert "DEBUG must not be on in production" in result.stderr


def test_production_refuses_to_turn_off_mfa():
    result = _run({**PRODUCTION_ENV, "MFA_REQUIRED": "false"}, "check")
    assert result.returncode != 0
    assert "MFA_REQUIRED cannot be turned off" in result.stderr


def test_check_deploy_is_clean():
    result = _run(PRODUCTION_ENV, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
