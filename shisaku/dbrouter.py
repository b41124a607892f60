"""Read replicas: public reads from a replica, everything else from the primary.

``DATABASE_REPLICA_URLS`` adds the aliases ``replica1`` … ``replicaN`` (docs/deployment.md).
Reads go to the primary (``default``) unless :class:`PrimaryPinMiddleware` has released a
request to a replica, and it releases only requests that can neither write nor need to see
their own writes: a GET, HEAD or OPTIONS request with no session cookie, no ``Authorization``
header and a path outside the staff workspace. Such a request reads from one replica, chosen
at random when it starts, for all its queries, so that one page never mixes two replicas'
different lag. Everything else reads from the primary for the whole request: any unsafe
method, any signed-in user (or anyone with a session), the workspace, API-token requests,
and every management command, shell and script (outside a request nothing is released).

Two rules keep a released request honest too: once it writes, the rest of it reads from the
primary; and inside ``transaction.atomic`` every read goes to the primary. Writes and
migrations always go to the primary; objects from the primary and its replicas may be
related, since they are the same data.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model
from django.http import HttpRequest, HttpResponse

REPLICA_PREFIX = "replica"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

# The alias this request reads from; the primary unless the middleware released the request.
_read_alias: ContextVar[str] = ContextVar("shisaku_read_alias", default=DEFAULT_DB_ALIAS)


def replica_aliases() -> list[str]:
    """Return the configured replica aliases (``replica1`` …), in order."""
    return sorted(alias for alias in connections if alias.startswith(REPLICA_PREFIX))


def read_alias() -> str:
    """Return the alias reads go to now: the request's replica, or the primary."""
    alias = _read_alias.get()
    if alias != DEFAULT_DB_ALIAS and connections[DEFAULT_DB_ALIAS].in_atomic_block:
        return DEFAULT_DB_ALIAS
    return alias


class ReplicaRouter:
    """Route reads as :func:`read_alias` says; writes and migrations to the primary."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str:
        """Return the request's replica, or the primary."""
        return read_alias()

    def db_for_write(self, model: type[Model], **hints: Any) -> str:
        """Return the primary, and read from it for the rest of this request."""
        _read_alias.set(DEFAULT_DB_ALIAS)
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool | None:
        """Allow relations between objects of the primary and its replicas (the same data)."""
        pool = {DEFAULT_DB_ALIAS, *replica_aliases()}
        return (obj1._state.db in pool and obj2._state.db in pool) or None

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        """Migrate the primary only; replicas follow it by replication."""
        return db == DEFAULT_DB_ALIAS


def may_read_from_replica(request: HttpRequest) -> bool:
    """Tell whether ``request`` can neither write nor need to read its own writes."""
    return (
        request.method in SAFE_METHODS
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "authorization" not in request.headers
        and not _in_workspace(request.path_info)
    )


def _in_workspace(path: str) -> bool:
    """Tell whether ``path`` is in the staff workspace (``/<language>/staff/…``)."""
    parts = path.split("/", 3)
    return len(parts) > 2 and parts[2] == "staff"


class PrimaryPinMiddleware:
    """Release public anonymous reads to one replica; keep every other request on the primary.

    Listed in MIDDLEWARE always; without replicas it removes itself at start-up.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.replicas = replica_aliases()
        if not self.replicas:
            raise MiddlewareNotUsed("no read replicas configured")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        """Serve ``request``, reading from a replica when it may."""
        if not may_read_from_replica(request):
            return self.get_response(request)
        token = _read_alias.set(random.choice(self.replicas))
        try:
            return self.get_response(request)
        finally:
            _read_alias.reset(token)
