"""The actor behind every write: a signed-in user or the operator at the command line."""

from __future__ import annotations

import getpass
from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    """Who performs an action; services take one and record it in the audit trail."""

    label: str
    user_id: int | None = None
    is_operator: bool = False

    @classmethod
    def operator(cls, channel: str = "cli") -> Actor:
        """Return the operator of this instance (command line, demo loader): allowed everything."""
        try:
            name = getpass.getuser()
        except (KeyError, OSError):  # no user name in a bare container
            name = "unknown"
        return cls(label=f"{channel}:{name}", is_operator=True)

    @classmethod
    def anonymous(cls) -> Actor:
        """Return an unauthenticated visitor: allowed to read published content only."""
        return cls(label="anonymous")
