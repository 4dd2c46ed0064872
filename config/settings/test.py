"""Test settings: fast hashing, eager Celery, local-memory cache, MFA enforced."""

import os

from config import env
from config.settings.base import *  # noqa: F403
from config.settings.base import DATABASES, VAR_DIR

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BROKER_URL = "memory://"
CELERY_RESULT_BACKEND = "cache+memory://"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
AWAZ_MFA_REQUIRED = True
# No background warm-up thread in tests (config/warm.py).
AWAZ_WARM_UP = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
EVIDENCE_ROOT = str(VAR_DIR / "test-evidence" / str(os.getpid()))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Fixed test keys (not secrets: they protect nothing but test rows).
FIELD_ENCRYPTION_KEYS = (
    "test2:QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE=,"
    "test1:QkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkI="
)
BLIND_INDEX_KEY = "Q0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0M="

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # One file per test process, so two runs in one checkout never share a database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}
else:
    # Several checkouts share one PostgreSQL: a test database name unique to this checkout.
    DATABASES["default"]["TEST"] = {"NAME": f"test_awaz_{env.TEST_DB_SUFFIX or 'local'}"}
