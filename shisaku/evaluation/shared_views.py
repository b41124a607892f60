"""The plan views shared by every server process, in the cache named ``plans`` (settings.CACHES).

A process that builds one answer of a municipality's plan view worth sharing (a plan, its tree,
statistics, evaluations, document, counts, and across municipalities the list of them and the
latest changes: :data:`SHARED_KINDS`; see :mod:`shisaku.evaluation.reads`) stores it here
under the municipality's revision stamp, so another process (a second gunicorn worker) finds
it instead of building it again.  A write to a municipality raises that
municipality's stamp, so its keys change and the other municipalities' stay valid; old entries
are never read again and expire (``TIMEOUT``) or are culled (``MAX_ENTRIES``).

Each entry is a restricted pickle, compressed and signed with a key derived from
``SECRET_KEY``: an entry that does not verify, does not decompress, names a class other than
Shisaku's own data classes and a few plain types (:data:`ALLOWED`), or is missing is simply
built again.  An entry larger than :data:`MAX_ENTRY_BYTES` compressed is not stored.  The
cache's own storage (a folder, a table, Redis) must still be trusted as Django's cache backends
require: docs/deployment.md, "Caches".
"""

from __future__ import annotations

import hashlib
import hmac
import io
import logging
import pickle
import zlib
from collections.abc import Hashable
from typing import Any

from django.conf import settings
from django.core.cache import InvalidCacheBackendError, caches
from django.core.cache.backends.base import BaseCache
from django.core.cache.backends.dummy import DummyCache
from django.utils.crypto import salted_hmac

ALIAS = "plans"  # the cache in settings.CACHES
# the answers worth sharing (by the first item of their key): those that take far longer to
# build than to unpickle.  A plan's figures (its histories, indicators and grades) are not:
# unpickling their tens of thousands of small objects took longer than reading and grading
# them again (measured on a plan of 300 indicators: docs/deployment.md, "Caches")
SHARED_KINDS = frozenset(
    {"plan", "nodes", "statistics", "evaluations", "document", "facts", "towns", "recent"}
)
MAX_ENTRY_BYTES = 64 * 1024 * 1024  # compressed; a larger answer stays in its process only
SALT = "shisaku.evaluation.shared_views"
DIGEST = 32  # bytes of the signature before the compressed pickle
# the classes an entry may name besides Shisaku's own (module, name)
ALLOWED = frozenset(
    {
        ("builtins", name)
        for name in ("list", "dict", "tuple", "set", "frozenset", "int", "float", "str", "bytes")
    }
    | {("builtins", "bool"), ("builtins", "complex"), ("collections", "OrderedDict")}
    | {("collections", "defaultdict")}
    | {("datetime", name) for name in ("date", "datetime", "time", "timedelta", "timezone")}
    | {("decimal", "Decimal"), ("zoneinfo", "ZoneInfo"), ("zoneinfo._zoneinfo", "ZoneInfo")}
)
logger = logging.getLogger("shisaku.evaluation")


class Refused(pickle.UnpicklingError):
    """An entry names something other than an allowed class."""


class _Unpickler(pickle.Unpickler):
    """An unpickler that finds only Shisaku's classes and the plain types of :data:`ALLOWED`."""

    def find_class(self, module: str, name: str) -> Any:
        found = super().find_class(module, name) if _allowed(module, name) else None
        if not isinstance(found, type):
            raise Refused(f"{module}.{name} is not a class a plan view holds")
        return found


def _allowed(module: str, name: str) -> bool:
    """Tell whether an entry may name ``module.name`` (then it must also be a class)."""
    return (module, name) in ALLOWED or (module.startswith("shisaku.") and "." not in name)


def cache() -> BaseCache | None:
    """Return the shared cache, or None when none is configured (or it is a dummy)."""
    try:
        found = caches[ALIAS]
    except InvalidCacheBackendError:
        return None
    return None if isinstance(found, DummyCache) else found


def shared(key: tuple[Any, ...]) -> bool:
    """Tell whether an answer of this key is worth sharing (:data:`SHARED_KINDS`)."""
    return bool(key) and key[0] in SHARED_KINDS


def cache_key(scope: str, stamp: Hashable, key: tuple[Any, ...]) -> str:
    """Return the cache key of one answer: its municipality, stamp and database, hashed."""
    database = settings.DATABASES["default"]
    where = (database.get("ENGINE"), database.get("HOST"), database.get("NAME"))
    text = repr((where, scope, stamp, key)).encode()
    return "plan:" + hashlib.sha256(text).hexdigest()


def dumps(value: Any) -> bytes:
    """Return ``value`` pickled, compressed and signed."""
    packed = zlib.compress(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), 1)
    return _signature(packed) + packed


def loads(entry: bytes) -> Any:
    """Return the value of an entry; raise ValueError for one that does not verify or load."""
    signature, packed = entry[:DIGEST], entry[DIGEST:]
    if not hmac.compare_digest(signature, _signature(packed)):
        raise ValueError("the entry's signature does not verify")
    try:
        return _Unpickler(io.BytesIO(zlib.decompress(packed))).load()
    except (zlib.error, pickle.UnpicklingError, EOFError, AttributeError, ImportError) as error:
        raise ValueError(f"the entry does not load: {error}") from error


def _signature(packed: bytes) -> bytes:
    """Return the signature of a compressed pickle."""
    return salted_hmac(SALT, packed, algorithm="sha256").digest()


def fetch(shared: BaseCache, name: str) -> tuple[bool, Any]:
    """Return (True, value) for a stored entry that loads, else (False, None)."""
    try:
        entry = shared.get(name)
    except Exception as error:  # a broken file, a server away: the view is built instead
        logger.warning("shared plan view %s not read: %s", name, error)
        return False, None
    if not isinstance(entry, bytes):
        return False, None
    try:
        return True, loads(entry)
    except ValueError as error:
        logger.warning("shared plan view %s left aside: %s", name, error)
        return False, None


def store(shared: BaseCache, name: str, value: Any) -> bool:
    """Store a value unless it is too large (or cannot be pickled); tell whether it was."""
    try:
        entry = dumps(value)
    except (pickle.PicklingError, TypeError, AttributeError) as error:
        logger.warning("shared plan view %s not stored: %s", name, error)
        return False
    if len(entry) > MAX_ENTRY_BYTES:
        return False
    try:
        shared.set(name, entry)
    except Exception as error:  # a full disk, a server away: the view stays in this process
        logger.warning("shared plan view %s not stored: %s", name, error)
        return False
    return True
