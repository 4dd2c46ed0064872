"""Production settings: PostgreSQL, Redis, real keys. Refuses to start without its secrets.

A misconfigured server must stop rather than run with a known key or debug on.
"""

from django.core.exceptions import ImproperlyConfigured

from config import env

_REQUIRED = {
    "SECRET_KEY": env.SECRET_KEY,
    "DATABASE_URL": env.DATABASE_URL,
    "REDIS_URL": env.REDIS_URL,
    "FIELD_ENCRYPTION_KEY": env.FIELD_ENCRYPTION_KEY,
    "BLIND_INDEX_KEY": env.BLIND_INDEX_KEY,
    "ALLOWED_HOSTS": ",".join(env.ALLOWED_HOSTS),
    "EMAIL_URL": env.EMAIL_URL,
    "EVIDENCE_ROOT": env.EVIDENCE_ROOT,
    "AWAZ_BASE_URL": env.BASE_URL,
}
_missing = sorted(name for name, value in _REQUIRED.items() if not value)
if _missing:
    raise ImproperlyConfigured(
        "Production settings need these environment variables: " + ", ".join(_missing)
    )
if not env.BASE_URL.startswith("https://"):
    raise ImproperlyConfigured("AWAZ_BASE_URL must be the site's https:// address.")
if env.DEBUG:
    raise ImproperlyConfigured("DEBUG must not be on in production.")
if env.MFA_REQUIRED is False:
    raise ImproperlyConfigured("MFA_REQUIRED cannot be turned off in production.")

from config.settings.base import *  # noqa: E402,F403
from config.settings.base import SECURE_CSP  # noqa: E402

DEBUG = False
AWAZ_MFA_REQUIRED = True

SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-awaz-session"
CSRF_COOKIE_NAME = "__Host-awaz-csrftoken"
if env.BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CSP = {**SECURE_CSP, "upgrade-insecure-requests": True}

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = False
