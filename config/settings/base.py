"""Awaz settings: the embedded development default.

Runs on a bare machine: SQLite under ``var/``, e-mail to the console, Celery over a SQLite
broker, keys generated under ``var/``. ``production.py`` overrides what must not be defaulted.
"""

import os
from datetime import timedelta

from celery.schedules import crontab
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from config import devkeys, env

BASE_DIR = env.BASE_DIR
VAR_DIR = env.VAR_DIR
VAR_DIR.mkdir(exist_ok=True)

_dev_keys = devkeys.load_or_create(VAR_DIR)

DEBUG = True if env.DEBUG is None else env.DEBUG
SECRET_KEY = env.SECRET_KEY or _dev_keys["SECRET_KEY"]
ALLOWED_HOSTS = env.ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]
CSRF_TRUSTED_ORIGINS = env.CSRF_TRUSTED_ORIGINS

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    # Awaz's domain apps, lowest first (see docs/adr/0001-architecture.md).
    "awaz.core",
    "awaz.audit",
    "awaz.partners",
    "awaz.geo",
    "awaz.reporting",
    "awaz.imports",
    "awaz.api_clients",
    "awaz.cases",
    "awaz.patterns",
    "awaz.strategy",
    "awaz.publishing",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before WhiteNoise, so static files carry the header too.
    "awaz.core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "awaz.partners.middleware.StaffAccessMiddleware",
    "awaz.core.middleware.NoStoreMiddleware",
    "awaz.core.middleware.ApplicationErrorMiddleware",
    # After ApplicationErrorMiddleware, so it sees NotFound before that turns it into a 404.
    "awaz.partners.middleware.AccessDeniedAuditMiddleware",
    # Audits every call to the partner API (/api/v1/) with its status.
    "awaz.api_clients.middleware.ApiCallAuditMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "awaz" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context_processors.awaz",
            ],
        },
    },
]


def _sqlite(path: str) -> dict:
    """SQLite for several writers (web, worker, an audit row on every view): WAL, and
    immediate transactions with a busy timeout so writers wait instead of failing."""
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": path,
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        },
    }


if env.DATABASE_URL:
    DATABASES = {"default": env.env.db_url_config(env.DATABASE_URL)}
else:
    DATABASES = {"default": _sqlite(str(VAR_DIR / "awaz.sqlite3"))}
DATABASES["default"]["ATOMIC_REQUESTS"] = False  # services own their transactions

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# django-allauth: staff sign in with e-mail; nobody signs up (staff are invited).
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_ADAPTER = "awaz.partners.adapters.StaffAccountAdapter"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
# Sign-in throttling that stops guessing without locking out a shared office address
# (awaz/partners/adapters.py): failed sign-ins are limited tightly per address and account
# together (5 in 5 minutes, Awaz's own counter), per account from any address (20 an hour,
# allauth's "key"), and per address over all accounts only at a much higher ceiling (30 a
# minute, 300 an hour). allauth's "login" limit counts every sign-in, failed or not, from
# one address: an office signing in at nine o'clock needs more than its default 30 a minute.
ACCOUNT_RATE_LIMITS = {
    "login": "120/m/ip",
    "login_failed": "30/m/ip,300/h/ip,20/h/key",
}
AWAZ_SIGN_IN_FAILURES_PER_ADDRESS_AND_ACCOUNT = (5, 5 * 60)  # failures, window in seconds
# Refused access (the 404 of an access_* helper) is audited as ACCESS_DENIED, at most this
# many events per user a minute; past it a running count (awaz/audit/services.py).
AWAZ_AUDIT_DENIALS_PER_MINUTE = 10
ACCOUNT_SESSION_REMEMBER = False
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Awaz"
USERSESSIONS_TRACK_ACTIVITY = True
# Every staff role that sees personal data must have TOTP. The embedded default lets demo
# users skip it (so a newcomer can look round); production and tests never do.
AWAZ_MFA_REQUIRED = False if env.MFA_REQUIRED is None else env.MFA_REQUIRED
LOGIN_URL = "account_login"
# After signing in (without a safe ?next=): the page of the role's work (config/landing.py).
LOGIN_REDIRECT_URL = "staff_landing"
LOGOUT_REDIRECT_URL = "public:start"

SESSION_COOKIE_AGE = 60 * 60 * 8  # a working day
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Permissions-Policy on every response (awaz.core.middleware.PermissionsPolicyMiddleware):
# every powerful browser feature is off, for this site and anything it might ever frame,
# except geolocation for this site alone, which the report form's "Use my location" button
# asks for (awaz/reporting/static/awaz/reporting/location.js). Only features browsers
# recognise are named (no "interest-cohort": FLoC is gone; "browsing-topics" replaced it).
# WebAuthn would need publickey-credentials-* for this site: it follows MFA_SUPPORTED_TYPES.
AWAZ_PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "gamepad",
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
    )
}
AWAZ_PERMISSIONS_POLICY["geolocation"] = ["self"]
if "webauthn" in MFA_SUPPORTED_TYPES:
    AWAZ_PERMISSIONS_POLICY["publickey-credentials-create"] = ["self"]
    AWAZ_PERMISSIONS_POLICY["publickey-credentials-get"] = ["self"]

# Strict Content Security Policy from day one: scripts only from ourselves or with a nonce.
_map_tiles = [env.MAP_TILE_URL.split("/{", 1)[0]] if env.MAP_TILE_URL else []
SECURE_CSP: dict[str, list[str] | bool] = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    # allauth's TOTP QR code is a data: image; map tiles only when a tile URL is configured.
    "img-src": [CSP.SELF, "data:", *_map_tiles],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

LANGUAGE_CODE = "en-gb"
# Every string is marked for translation; a language is listed here once its catalogue
# under locale/ is complete, so nobody is offered a half-translated service.
LANGUAGES = [("en-gb", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise warns about a missing folder
STATICFILES_DIRS = [BASE_DIR / "build" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# E-mail: to the console unless EMAIL_URL (smtp://user:password@host:587/?tls=True) says
# otherwise. Django 6.1's MAILERS replaces EMAIL_BACKEND.
MAILERS = {"default": env.mailer_from_url(env.EMAIL_URL)}
DEFAULT_FROM_EMAIL = env.DEFAULT_FROM_EMAIL

# Caches back login throttling and follow-up code throttling, so they must be shared by
# every process: Redis in production, a database table in the embedded default.
if env.REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env.REDIS_URL,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "awaz_cache",
        }
    }

# Celery: Redis in production; kombu's SQLAlchemy transport over SQLite in the embedded
# default so `make run` runs a worker and beat with no other service (docs/adr/0002).
CELERY_BROKER_URL = env.REDIS_URL or f"sqla+sqlite:///{VAR_DIR / 'celery-broker.sqlite3'}"
CELERY_RESULT_BACKEND = (
    env.REDIS_URL if env.REDIS_URL else f"db+sqlite:///{VAR_DIR / 'celery-results.sqlite3'}"
)
CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BEAT_SCHEDULE = {
    "purge-expired-report-drafts": {
        "task": "awaz.reporting.tasks.purge_expired_drafts",
        "schedule": timedelta(minutes=10),
    },
    # Cases: notices (once each) and the daily digest, Europe/London (CELERY_TIMEZONE).
    "cases-notify-overdue-tasks": {
        "task": "awaz.cases.tasks.notify_overdue_tasks",
        "schedule": crontab(hour=7, minute=0),
    },
    "cases-notify-risk-reviews-due": {
        "task": "awaz.cases.tasks.notify_risk_reviews_due",
        "schedule": crontab(hour=7, minute=5),
    },
    "cases-send-notification-digests": {
        "task": "awaz.cases.tasks.send_notification_digests",
        "schedule": crontab(hour=7, minute=30),
    },
    # Cases: a task for every organisation holding a case whose reporter withdrew consent.
    "cases-consent-withdrawal-tasks": {
        "task": "awaz.cases.tasks_consent.consent_withdrawal_tasks",
        "schedule": timedelta(minutes=5),
    },
    # Open statistics: publish each quarter once it is due (the page also checks on view).
    "publishing-publish-due-statistics": {
        "task": "awaz.publishing.tasks.publish_due_statistics",
        "schedule": crontab(hour=6, minute=0),
    },
    # Strategy: the latest complete quarter's report, made once per quarter.
    "strategy-quarterly-reports": {
        "task": "awaz.strategy.tasks.quarterly_reports_periodic",
        "schedule": crontab(hour=6, minute=30),
    },
    # Imports: original files past their retention, and uploads never confirmed.
    "imports-files-purge": {
        "task": "awaz.imports.tasks.import_files_purge",
        "schedule": crontab(hour=3, minute=45),
    },
    # Reporting: the planner's statistics for the dashboard's counts (SQLite needs them).
    "reporting-facts-statistics": {
        "task": "awaz.reporting.tasks.facts_statistics",
        "schedule": crontab(hour=3, minute=15),
    },
}

# Personal data encryption (AES-256-GCM with key ids) and blind indexes.
FIELD_ENCRYPTION_KEYS = env.FIELD_ENCRYPTION_KEY or _dev_keys["FIELD_ENCRYPTION_KEY"]
BLIND_INDEX_KEY = env.BLIND_INDEX_KEY or _dev_keys["BLIND_INDEX_KEY"]

# Evidence files: encrypted, outside the web root, never served by the static handler.
EVIDENCE_ROOT = env.EVIDENCE_ROOT or str(VAR_DIR / "evidence")
EVIDENCE_MAX_FILES = 5
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

MAP_TILE_URL = env.MAP_TILE_URL
MAP_TILE_ATTRIBUTION = env.MAP_TILE_ATTRIBUTION

# Reporting: how long a draft lives, how long a browser sees its submitted reference again,
# and how many follow-up attempts are allowed.
AWAZ_DRAFT_TTL = timedelta(hours=2)
AWAZ_RESUBMIT_WINDOW = timedelta(minutes=30)
# Failed follow-up attempts allowed in AWAZ_FOLLOWUP_WINDOW seconds: one address trying one
# reference (tight), one reference from any address, and one address in all (a ceiling for
# a reporting-centre PC that several reporters share). See awaz/reporting/services/followup.py.
AWAZ_FOLLOWUP_ATTEMPTS = {"ip_reference": 5, "reference": 20, "ip": 100}
AWAZ_FOLLOWUP_WINDOW = 15 * 60
# A returning reporter is signed out of their report after this long without a request.
AWAZ_FOLLOWUP_IDLE = timedelta(minutes=20)
# Reporting centres: a centre not verified for this many months is flagged on the chair's
# page and taken off the public "where to report" page until it is checked again.
CENTRE_VERIFY_MONTHS = env.CENTRE_VERIFY_MONTHS
# Open statistics: counts below this are hidden ("[c]"); a quarter is published this many
# days after it ends (awaz/publishing/rules.py).
AWAZ_STATISTICS_SUPPRESS_BELOW = env.STATISTICS_SUPPRESS_BELOW
AWAZ_STATISTICS_LAG_DAYS = env.STATISTICS_LAG_DAYS

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "permission_denied_one_line": {"()": "awaz.core.log_filters.PermissionDeniedOneLine"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        # An ordinary 403 is one line with the path and user id, not a traceback.
        "django.request": {"filters": ["permission_denied_one_line"]},
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint logs every step of every page of a quarterly report at INFO.
        "weasyprint.progress": {"level": "WARNING"},
    },
}

# What the site calls itself. A partnership sets its own name; the demo is Cumbria's.
AWAZ_SERVICE_NAME = env.SERVICE_NAME
AWAZ_PARTNERSHIP_NAME = env.PARTNERSHIP_NAME
AWAZ_IS_DEMO = env.IS_DEMO
# Where "Exit this page" goes: a neutral site that reveals nothing.
AWAZ_EXIT_URL = env.EXIT_URL
# Absolute address of the site, for links in e-mails (notifications carry only a link).
AWAZ_BASE_URL = env.BASE_URL or f"http://127.0.0.1:{env.PORT}"

# The analysis kernels (numba, ``cache=True``) are compiled once and kept on disk here, in a
# folder every process can write (the source tree may be read-only in production); numba
# reads the variable when it is first imported, which is after the settings.
NUMBA_CACHE_DIR = env.NUMBA_CACHE_DIR or str(VAR_DIR / "numba-cache")
os.environ["NUMBA_CACHE_DIR"] = NUMBA_CACHE_DIR
# Web server processes import the heavy libraries and load the kernels in the background as
# they start (config/warm.py, started from config/wsgi.py), so no request waits for them.
AWAZ_WARM_UP = True

# Table and column comments are for analysts on PostgreSQL; SQLite ignores them.
SILENCED_SYSTEM_CHECKS = ["fields.W163", "models.W046"]

# Serve static files straight from the build and app folders until `collectstatic` has run
# (production collects them and turns this off).
WHITENOISE_USE_FINDERS = True

# The partner API (/api/v1/, awaz.api_clients): largest JSON body and uploaded extract
# accepted (413 above), and calls allowed per token per minute (429 with Retry-After above).
AWAZ_API_MAX_BODY_BYTES = 1024 * 1024
AWAZ_API_MAX_UPLOAD_BYTES = 10 * 1024 * 1024
AWAZ_API_RATE_PER_MINUTE = 120
