"""Django settings, read from the declared environment settings in :mod:`shisaku.conf`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dj_database_url

from shisaku import conf

BASE_DIR = Path(__file__).resolve().parent
HOME = Path(conf.get("SHISAKU_HOME"))
DEBUG = conf.get("SHISAKU_DEBUG") == "1"
SECRET_KEY = conf.get("SHISAKU_SECRET_KEY") or ("dev-only-not-secret" if DEBUG else "")
if not SECRET_KEY:
    raise RuntimeError("SHISAKU_SECRET_KEY must be set when SHISAKU_DEBUG=0")
ALLOWED_HOSTS = [h.strip() for h in conf.get("SHISAKU_ALLOWED_HOSTS").split(",") if h.strip()]
if DEBUG:
    ALLOWED_HOSTS += ["testserver"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "shisaku.accounts",
    "shisaku.audit",
    "shisaku.plan",
    "shisaku.indicators",
    "shisaku.evaluation",
    "shisaku.public",
    "shisaku.staff",
    "shisaku.reports",
    "shisaku.voice",
    "django_htmx",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "shisaku.uploadlimit.UploadLimitMiddleware",  # before anything reads the body
    "shisaku.security.ContentSecurityPolicyMiddleware",
    "shisaku.dbrouter.PrimaryPinMiddleware",  # removes itself when there are no replicas
    "shisaku.public.kept_pages.KeptPagesMiddleware",  # after the database is picked: see there
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "shisaku.site_context.SiteContextMiddleware",  # after the host is checked: see there
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "shisaku.urls"
WSGI_APPLICATION = "shisaku.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "shisaku.public.frame.i18n",  # Django's, the language read once a page
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]


def build_databases(url: str, replica_urls: str, home: Path) -> dict[str, dict[str, Any]]:
    """Return DATABASES: the primary as ``default``, and ``replica1`` … for each replica URL.

    Replicas are test mirrors of the primary, so a test run creates no database for them.
    """
    databases = {"default": _primary(url, home)}
    replicas = [u.strip() for u in replica_urls.split(",") if u.strip()]
    if replicas and not url:
        raise RuntimeError("DATABASE_REPLICA_URLS needs DATABASE_URL (a PostgreSQL primary)")
    for number, replica in enumerate(replicas, start=1):
        databases[f"replica{number}"] = dict(dj_database_url.parse(replica, conn_max_age=60)) | {
            "TEST": {"MIRROR": "default"}
        }
    return databases


def build_routers(databases: dict[str, dict[str, Any]]) -> list[str]:
    """Return DATABASE_ROUTERS: the replica router when there are replicas, else none."""
    return ["shisaku.dbrouter.ReplicaRouter"] if len(databases) > 1 else []


def _primary(url: str, home: Path) -> dict[str, Any]:
    """Return the default database: ``url``, or the embedded SQLite file in ``home``."""
    if url:
        return dict(dj_database_url.parse(url, conn_max_age=60))
    home.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(home / "shisaku.sqlite3"),
        "CONN_MAX_AGE": 60,  # each thread keeps its connection: opening one costs a kept page 3×
        "OPTIONS": {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        },
    }


# Read replicas (docs/deployment.md): shisaku.dbrouter routes reads; PrimaryPinMiddleware
# (in MIDDLEWARE) keeps writes, sign-ins and the workspace on the primary.
DATABASES = build_databases(conf.get("DATABASE_URL"), conf.get("DATABASE_REPLICA_URLS"), HOME)
DATABASE_ROUTERS = build_routers(DATABASES)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def build_caches(shared: str, home: Path) -> dict[str, dict[str, Any]]:
    """Return CACHES: Django's default, and ``plans`` (the plan views every server process
    shares, docs/deployment.md#caches) from SHISAKU_PLAN_SHARED_CACHE."""
    day = 24 * 3600
    if shared == "file":
        plans: dict[str, Any] = {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(home / "plan-views"),
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    elif shared.startswith(("redis://", "rediss://")):
        plans = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": shared}
    elif shared.startswith("memcached://"):
        location = shared.removeprefix("memcached://")
        plans = {"BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache"}
        plans |= {"LOCATION": location, "OPTIONS": {"max_value_size": 64 * 1024 * 1024}}
    elif shared == "off":
        plans = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    else:
        raise RuntimeError(
            f"SHISAKU_PLAN_SHARED_CACHE={shared!r}: give file, redis://host:port/db, "
            "memcached://host:port or off"
        )
    local = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    return {"default": local, "plans": plans | {"TIMEOUT": day, "KEY_PREFIX": "shisaku"}}


CACHES = build_caches(conf.get("SHISAKU_PLAN_SHARED_CACHE"), HOME)

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.ScryptPasswordHasher",
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

LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", "日本語"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Tokyo"
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = HOME / "static"

# The staff workspace (docs/workspace.md): sign-in page, and uploads of up to 5 MB read in memory
# only: a body declaring more (with 64 KB for the form's other fields) is refused before it is
# read (shisaku.uploadlimit), and no upload handler writes a temporary file.
LOGIN_URL = "staff:login"
SHISAKU_UPLOAD_MAX_BYTES = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = SHISAKU_UPLOAD_MAX_BYTES + 64 * 1024
FILE_UPLOAD_HANDLERS = ["django.core.files.uploadhandler.MemoryFileUploadHandler"]

# Logs (docs/deployment.md#logs): server errors with their traceback, and Shisaku's own
# messages, to stderr, which gunicorn and systemd hand to the journal. django.request logs
# 4xx as WARNING and 5xx as ERROR: only the errors are kept. Neither logger propagates, so
# Django's default handlers on "django" (the console in development, mail to ADMINS, which
# is empty, in production) do not repeat them.
LOG_LEVEL = conf.get("SHISAKU_LOG_LEVEL").upper()
if LOG_LEVEL not in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):
    raise RuntimeError("SHISAKU_LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"line": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "formatter": "line",
        }
    },
    "loggers": {
        "django.request": {"handlers": ["stderr"], "level": "ERROR", "propagate": False},
        "shisaku": {"handlers": ["stderr"], "level": LOG_LEVEL, "propagate": False},
    },
}

# Consultations and opinions (docs/voice.md): the shortest period, the key that seals contact
# details, how long they are kept, and the public form's limits (per hashed address and hour).
SHISAKU_CONSULTATION_MIN_DAYS = int(conf.get("SHISAKU_CONSULTATION_MIN_DAYS"))
SHISAKU_VOICE_KEY = conf.get("SHISAKU_VOICE_KEY")
SHISAKU_VOICE_CONTACT_DAYS = int(conf.get("SHISAKU_VOICE_CONTACT_DAYS"))
SHISAKU_VOICE_RATE_LIMIT = 5
SHISAKU_VOICE_RATE_WINDOW_SECONDS = 3600
SHISAKU_VOICE_MAX_CHARS = 4000

# E-mail for reminders (docs/evaluation.md): printed to the console unless configured
EMAIL_BACKEND = conf.get("SHISAKU_EMAIL_BACKEND")
DEFAULT_FROM_EMAIL = conf.get("SHISAKU_FROM_EMAIL")

SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie

# Behind HTTPS (production default): secure cookies, HSTS, redirect to https. A TLS proxy
# in front must set X-Forwarded-Proto. SHISAKU_HTTPS=0 only for plain-HTTP test servers.
HTTPS = conf.get("SHISAKU_HTTPS") == "1" and not DEBUG
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
