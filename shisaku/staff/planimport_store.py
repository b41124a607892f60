"""A plan document uploaded for import, kept from the upload to the import or the cancel.

The bytes go to ``$SHISAKU_HOME/plan-uploads/<token>`` (never under the upload's own name);
the random token, the file name, the municipality and what the user chose since (the reading
profile, the plan's title and period, unsaved edits of the profile form) are kept in the
user's session, and nothing is served for a token that is not this session's.  The file is
deleted when the plan is imported, when the user cancels, and when another plan document is
uploaded in the same session; files abandoned for a day are swept on the next upload.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase

SESSION_KEY = "staff_plan_import"
KEEP_SECONDS = 24 * 60 * 60


@dataclass
class Pending:
    """A plan document waiting in this session, with what the user chose for it so far."""

    token: str
    code: str  # the municipality it is imported into
    name: str  # the file's name as uploaded (its suffix says its format)
    serial: int = 1  # which reading is current: one more for each re-read
    profile: dict[str, Any] = field(default_factory=dict)  # the user's profile (plain dict)
    plan: dict[str, str] = field(default_factory=dict)  # title, title_en, start, end, slug
    draft: dict[str, str] = field(default_factory=dict)  # profile form edits not yet re-read

    @property
    def job(self) -> str:
        """Return the name of the current reading (token and serial)."""
        return f"{self.token}.{self.serial}"


def folder() -> Path:
    """Return the folder of plan documents waiting for import (created when needed)."""
    path = Path(settings.HOME) / "plan-uploads"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _path(token: str) -> Path | None:
    """Return the file of a token, or None for a token that is not one of ours."""
    if not token or not all(c.isalnum() or c in "-_" for c in token):
        return None
    return folder() / token


def _sweep() -> None:
    """Delete the plan documents left waiting for more than a day."""
    limit = time.time() - KEEP_SECONDS
    for path in folder().iterdir():
        if path.is_file() and path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)


def keep(session: SessionBase, *, code: str, name: str, data: bytes) -> Pending:
    """Store an uploaded plan document (forgetting this session's previous one)."""
    drop(session)
    _sweep()
    pending = Pending(secrets.token_urlsafe(24), code, name)
    (folder() / pending.token).write_bytes(data)
    save(session, pending)
    return pending


def save(session: SessionBase, pending: Pending) -> None:
    """Remember what the user chose for the waiting document."""
    session[SESSION_KEY] = asdict(pending)


def pending(session: SessionBase, code: str, token: str) -> Pending | None:
    """Return this session's waiting document with ``token`` in municipality ``code``."""
    held = session.get(SESSION_KEY)
    if not isinstance(held, dict):
        return None
    if not secrets.compare_digest(str(held.get("token", "")), token) or held.get("code") != code:
        return None
    found = Pending(**held)
    path = _path(found.token)
    return found if path is not None and path.is_file() else None


def data(found: Pending) -> bytes:
    """Return the bytes of a waiting document."""
    path = _path(found.token)
    if path is None:
        raise FileNotFoundError(found.token)
    return path.read_bytes()


def drop(session: SessionBase) -> Pending | None:
    """Delete this session's waiting document (its file and its session entry)."""
    held = session.pop(SESSION_KEY, None)
    if not isinstance(held, dict):
        return None
    found = Pending(**held)
    path = _path(found.token)
    if path is not None:
        path.unlink(missing_ok=True)
    return found
