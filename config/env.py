"""Every environment variable Awaz reads, in one place.

Nothing else in the code base reads ``os.environ``: this file is the list of knobs.
Development defaults live in ``config/settings/base.py``; production refuses to start
without the secrets (``config/settings/production.py``).
"""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

# Which settings module to use is chosen by DJANGO_SETTINGS_MODULE (manage.py defaults to
# config.settings.base, the embedded development default).

DEBUG = env.bool("DEBUG", default=None)
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
DATABASE_URL = env.str("DATABASE_URL", default="")
REDIS_URL = env.str("REDIS_URL", default="")
EMAIL_URL = env.str("EMAIL_URL", default="")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="awaz@localhost")
# Encryption keys for personal data: "id1:base64key,id2:base64key"; the first encrypts,
# all decrypt, so keys can rotate.
FIELD_ENCRYPTION_KEY = env.str("FIELD_ENCRYPTION_KEY", default="")
# Key for blind indexes (keyed HMAC of normalised contact details).
BLIND_INDEX_KEY = env.str("BLIND_INDEX_KEY", default="")
PORT = env.int("PORT", default=8000)
# Where uploaded evidence is kept (encrypted), outside the web root.
EVIDENCE_ROOT = env.str("EVIDENCE_ROOT", default="")
# Optional map tile URL template; empty means vector boundaries only.
MAP_TILE_URL = env.str("MAP_TILE_URL", default="")
# The partnership's own rules: when a reporting centre counts as unverified, and how open
# statistics are protected (counts below the threshold hidden) and how long after a quarter
# ends they are published.
CENTRE_VERIFY_MONTHS = env.int("CENTRE_VERIFY_MONTHS", default=6)
STATISTICS_SUPPRESS_BELOW = env.int("AWAZ_STATISTICS_SUPPRESS_BELOW", default=5)
STATISTICS_LAG_DAYS = env.int("AWAZ_STATISTICS_LAG_DAYS", default=60)
MAP_TILE_ATTRIBUTION = env.str("MAP_TILE_ATTRIBUTION", default="")
# Demo users may skip multi-factor authentication in the embedded default only.
MFA_REQUIRED = env.bool("MFA_REQUIRED", default=None)
# A unique suffix for the PostgreSQL test database, so two checkouts never clash.
TEST_DB_SUFFIX = env.str("AWAZ_TEST_DB_SUFFIX", default="")
# Trusted reverse proxy: whether to honour X-Forwarded-Proto.
BEHIND_PROXY = env.bool("BEHIND_PROXY", default=True)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# What the site calls itself, and whether it is the fictional demonstration.
SERVICE_NAME = env.str("AWAZ_SERVICE_NAME", default="Awaz")
PARTNERSHIP_NAME = env.str(
    "AWAZ_PARTNERSHIP_NAME", default="Report hate in Cumbria (demonstration)"
)
IS_DEMO = env.bool("AWAZ_IS_DEMO", default=True)
# Where "Exit this page" goes: a neutral site that reveals nothing about the visit.
EXIT_URL = env.str("AWAZ_EXIT_URL", default="https://www.bbc.co.uk/weather")
# The site's own address, for links in e-mails to staff.
BASE_URL = env.str("AWAZ_BASE_URL", default="")
# Where numba keeps the compiled analysis kernels (a writable folder); var/numba-cache if unset.
NUMBA_CACHE_DIR = env.str("NUMBA_CACHE_DIR", default="")


def mailer_from_url(url: str) -> dict:
    """A Django 6.1 ``MAILERS`` entry from EMAIL_URL; the console when it is empty."""
    if not url:
        return {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    cfg = environ.Env.email_url_config(url)
    options = {
        "host": cfg.get("EMAIL_HOST"),
        "port": cfg.get("EMAIL_PORT"),
        "username": cfg.get("EMAIL_HOST_USER") or None,
        "password": cfg.get("EMAIL_HOST_PASSWORD") or None,
        "use_tls": bool(cfg.get("EMAIL_USE_TLS")),
        "use_ssl": bool(cfg.get("EMAIL_USE_SSL")),
        "timeout": 20,
    }
    return {"BACKEND": cfg["EMAIL_BACKEND"], "OPTIONS": options}


# CI sets this so that browser tests fail, rather than skip, where Chromium is missing.
REQUIRE_BROWSER = env.bool("AWAZ_REQUIRE_BROWSER", default=False)
