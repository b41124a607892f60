"""Every deployment setting, declared once: name, default and help (see docs/settings.md)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Setting:
    """One environment variable that configures Shisaku."""

    name: str
    default: str
    help: str

    def value(self) -> str:
        """Return the value from the environment, or the default."""
        return os.environ.get(self.name, self.default)


DEFAULT_HOME = str(Path.home() / ".local" / "share" / "shisaku")

SETTINGS: tuple[Setting, ...] = (
    Setting(
        "SHISAKU_HOME", DEFAULT_HOME, "Instance folder: the embedded SQLite database and uploads."
    ),
    Setting(
        "DATABASE_URL",
        "",
        "Database URL (dj-database-url form, e.g. postgres://user@127.0.0.1:5432/shisaku). "
        "Empty: SQLite at $SHISAKU_HOME/shisaku.sqlite3.",
    ),
    Setting(
        "DATABASE_REPLICA_URLS",
        "",
        "Comma-separated URLs of read replicas of DATABASE_URL (aliases replica1, replica2, …): "
        "anonymous public reads go to one of them, everything else to the primary.",
    ),
    Setting("SHISAKU_SECRET_KEY", "", "Django secret key. Required when SHISAKU_DEBUG is off."),
    Setting(
        "SHISAKU_DEBUG", "1", "1 for development (debug pages, insecure defaults); 0 in production."
    ),
    Setting("SHISAKU_ALLOWED_HOSTS", "127.0.0.1,localhost", "Comma-separated host names served."),
    Setting(
        "SHISAKU_HTTPS",
        "1",
        "With SHISAKU_DEBUG=0: 1 serves behind HTTPS (secure cookies, HSTS, redirect to https; "
        "a TLS proxy must set X-Forwarded-Proto); 0 only for plain-HTTP test servers.",
    ),
    Setting(
        "SHISAKU_EMAIL_BACKEND",
        "django.core.mail.backends.console.EmailBackend",
        "Django e-mail backend for reminders; the default prints mail to the console. "
        "In production e.g. django.core.mail.backends.smtp.EmailBackend (a local MTA on port 25).",
    ),
    Setting(
        "SHISAKU_FROM_EMAIL", "shisaku@localhost", "Sender address of the e-mail Shisaku sends."
    ),
    Setting(
        "SHISAKU_PLAN_CACHE_SIZE",
        "8",
        "Municipalities whose plan views (tree, indicators and figures, histories, grades) each "
        "server process keeps for the public pages, least recently used dropped first (about "
        "30 MiB for a plan of 300 indicators with 40,000 figures); each view stays valid until a "
        "write to that municipality. 0 keeps none (every page reads afresh).",
    ),
    Setting(
        "SHISAKU_PLAN_SHARED_CACHE",
        "file",
        "Where server processes share the plan views they build: file (a folder in "
        "SHISAKU_HOME), redis://host:port/db, memcached://host:port, or off.",
    ),
    Setting(
        "SHISAKU_MAX_FIGURES_PER_INDICATOR_YEAR",
        "1000",
        "Most figures one upload (a CSV or xlsx import) may add to one indicator for one year, "
        "every kind and breakdown counted; an upload with more is refused, nothing written.",
    ),
    Setting(
        "SHISAKU_CONSULTATION_MIN_DAYS",
        "30",
        "Shortest period of a consultation (意見募集), in days after its first day (the first "
        "day not counted, as the 行政手続法 counts the 30 days of a public comment).",
    ),
    Setting(
        "SHISAKU_VOICE_KEY",
        "",
        "Fernet key (32 url-safe base64 bytes) that encrypts the contact details left with "
        "opinions. Empty: derived from SHISAKU_SECRET_KEY (changing that key then makes the "
        "stored contact details unreadable).",
    ),
    Setting(
        "SHISAKU_VOICE_CONTACT_DAYS",
        "180",
        "Days after a consultation's last day that contact details are kept; "
        "`shisaku voice-purge` deletes them after that.",
    ),
    Setting(
        "SHISAKU_LOG_LEVEL",
        "INFO",
        "Level of Shisaku's own log messages on stderr: DEBUG, INFO, WARNING, ERROR or CRITICAL. "
        "Server errors (django.request) are logged whatever the level.",
    ),
)


def get(name: str) -> str:
    """Return the current value of the declared setting ``name``."""
    for setting in SETTINGS:
        if setting.name == name:
            return setting.value()
    raise KeyError(f"{name} is not a declared Shisaku setting")
