"""Uploaded files kept between their preview and the confirmation that applies them.

The bytes go to ``$SHISAKU_HOME/uploads/<token>``, the random token is kept in the user's
session (never trusted from the form alone), and the file is deleted once applied or
cancelled. Files abandoned for a day are swept on the next upload.
"""

from __future__ import annotations

import secrets
import time
from pathlib import Path

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase

SESSION_KEY = "staff_upload"
KEEP_SECONDS = 24 * 60 * 60


def folder() -> Path:
    """Return the folder of pending uploads (created when needed)."""
    path = Path(settings.HOME) / "uploads"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _sweep() -> None:
    """Delete pending uploads older than a day."""
    limit = time.time() - KEEP_SECONDS
    for path in folder().iterdir():
        if path.is_file() and path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)


def keep(session: SessionBase, *, name: str, data: bytes, plan: str) -> str:
    """Store an upload until it is confirmed; return its token."""
    _sweep()
    token = secrets.token_urlsafe(24)
    (folder() / token).write_bytes(data)
    session[SESSION_KEY] = {"token": token, "name": name, "plan": plan}
    return token


def pending(session: SessionBase, token: str, plan: str) -> tuple[str, bytes] | None:
    """Return the name and bytes of this session's upload with ``token``, or None."""
    held = session.get(SESSION_KEY) or {}
    if not secrets.compare_digest(str(held.get("token", "")), token) or held.get("plan") != plan:
        return None
    path = folder() / token
    return (str(held["name"]), path.read_bytes()) if path.is_file() else None


def drop(session: SessionBase) -> None:
    """Delete this session's pending upload."""
    held = session.pop(SESSION_KEY, None) or {}
    token = str(held.get("token", ""))
    if token and "/" not in token and token not in (".", ".."):
        (folder() / token).unlink(missing_ok=True)
