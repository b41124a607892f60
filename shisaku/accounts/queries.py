"""Reads of accounts, returned as plain data: the API tokens with their expiry and last use."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from shisaku.accounts.models import ApiToken


@dataclass(frozen=True)
class TokenInfo:
    """An API token as an operator sees it (never the token itself, only its shown prefix)."""

    prefix: str
    username: str
    name: str
    created_at: datetime
    expires_at: datetime | None  # None: made before tokens expired; it never does
    last_used_at: datetime | None
    revoked: bool

    def state(self, now: datetime) -> str:
        """Return 有効, 失効 (revoked) or 期限切れ (expired)."""
        if self.revoked:
            return "失効"
        if self.expires_at is not None and self.expires_at <= now:
            return "期限切れ"
        return "有効"


def tokens(*, username: str = "", live_only: bool = False) -> list[TokenInfo]:
    """Return the API tokens (of one user), oldest first; ``live_only``: usable ones only."""
    rows = ApiToken.objects.select_related("user").order_by("created_at", "id")
    if username:
        rows = rows.filter(user__username=username)
    found = [
        TokenInfo(
            *(r.prefix, r.user.get_username(), r.name, r.created_at),
            *(r.expires_at, r.last_used_at, r.revoked),
        )
        for r in rows
    ]
    now = timezone.now()
    return [t for t in found if t.state(now) == "有効"] if live_only else found
