"""Seal and open contact details with Fernet (AES-128-CBC with HMAC-SHA256, from `cryptography`).

The key is ``SHISAKU_VOICE_KEY``; when it is empty a key is derived from the secret key, so a
development instance works without one (docs/voice.md says what rotating either key means).
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from cryptography.fernet import Fernet
from django.conf import settings


def _fernet() -> Fernet:
    """Return the cipher with the configured key (or one derived from the secret key)."""
    key = settings.SHISAKU_VOICE_KEY
    if not key:
        digest = hashlib.sha256(b"shisaku.voice.contact:" + settings.SECRET_KEY.encode()).digest()
        key = base64.urlsafe_b64encode(digest).decode()
    return Fernet(key)


def seal(text: str) -> str:
    """Return ``text`` encrypted, as printable text for the database."""
    return _fernet().encrypt(text.encode("utf-8")).decode("ascii")


def unseal(token: str) -> str:
    """Return the text a :func:`seal` token holds."""
    return _fernet().decrypt(token.encode("ascii")).decode("utf-8")


def address_hash(address: str) -> str:
    """Return a keyed hash of a client address: counted for the rate limit, never stored raw."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, b"voice-rate:" + address.encode(), hashlib.sha256).hexdigest()
