"""Back up and restore every record of an instance, with a content hash to prove the round trip.

The dump is one JSON document: the rows of every Shisaku model and of the users, in
dependency order, each model's rows by primary key. Its ``content_sha256`` is the hash of the
canonical JSON of those rows, so a restore into another database (SQLite or PostgreSQL) can
be checked by dumping that database again and comparing the hashes.

The dump is one snapshot: every table is read as of the same moment, so no write committed
while it runs can appear in some tables and not in others (see :func:`snapshot`).
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.models import Model

FORMAT = "shisaku.dump/1"
APPS = ("accounts", "audit", "plan", "indicators", "evaluation")


class BackupError(ValueError):
    """The dump file cannot be restored; the message says why and nothing was written."""


def models() -> list[type[Model]]:
    """Return the models that hold an instance's content, parents before children."""
    chosen = [apps.get_model("auth", "User")]
    for label in APPS:
        chosen += list(apps.get_app_config(label).get_models())
    ordered = serializers.sort_dependencies([(None, chosen)], allow_cycles=True)
    return list(ordered)


def _rows(model: type[Model]) -> list[dict[str, Any]]:
    """Return a model's rows as plain data, by primary key."""
    data = serializers.serialize("python", model._default_manager.order_by("pk"))
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))  # type: ignore[no-any-return]


def content() -> dict[str, list[dict[str, Any]]]:
    """Return every row of the instance, keyed by model label."""
    return {m._meta.label_lower: _rows(m) for m in models()}


def content_hash(rows: dict[str, list[dict[str, Any]]]) -> str:
    """Return the SHA-256 of the canonical JSON of ``rows``."""
    canonical = json.dumps(rows, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@contextmanager
def snapshot() -> Iterator[None]:
    """Run the block in one transaction that reads the whole database as of one moment.

    PostgreSQL: the default READ COMMITTED would read each table as of its own query, so the
    transaction is made REPEATABLE READ (one snapshot, taken at its first query, as pg_dump
    does) and READ ONLY by its first statement. SQLite: Django's atomic begins with BEGIN,
    made ``BEGIN IMMEDIATE`` by the settings' transaction_mode, which takes the write lock at
    once; no other connection can commit until the dump ends (writers wait up to the 20 s
    busy timeout), so its reads are one snapshot. A deferred BEGIN would let writers go on
    (WAL readers keep their snapshot) but is not the settings' choice. Inside a caller's
    transaction (the tests' ``db``) the caller's transaction is the snapshot: its isolation
    can no longer be changed. ``shisaku dump`` always starts its own.
    """
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def dump(path: Path) -> str:
    """Write the whole instance to ``path`` (gzip if it ends in .gz); return the content hash."""
    with snapshot():
        rows = content()
    digest = content_hash(rows)
    document = {
        "format": FORMAT,
        "created_at": datetime.now(UTC).isoformat(),
        "content_sha256": digest,
        "models": rows,
    }
    data = json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
    temp = path.with_name(path.name + ".part")
    temp.write_bytes(gzip.compress(data) if path.suffix == ".gz" else data)
    temp.replace(path)
    return digest


def _read(path: Path) -> dict[str, Any]:
    """Read and check a dump file."""
    try:
        raw = path.read_bytes()
        document = json.loads(gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw)
    except (OSError, ValueError) as error:
        raise BackupError(f"{path}: バックアップとして読めません（{error}）") from error
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BackupError(f"{path}: 形式が {FORMAT} ではありません")
    if content_hash(document["models"]) != document.get("content_sha256"):
        raise BackupError(f"{path}: 内容のハッシュが一致しません（ファイルが壊れています）")
    return document


def _is_empty() -> bool:
    """Return whether the database holds no content yet."""
    return not any(m._default_manager.exists() for m in models())


def restore(path: Path) -> str:
    """Load a dump into an empty database, all or nothing; return the verified content hash."""
    document = _read(path)
    if not _is_empty():
        raise BackupError(
            "復元先のデータベースが空ではありません。新しいデータベースに復元してください"
        )
    with transaction.atomic():
        for label in document["models"]:
            objects = serializers.deserialize("python", document["models"][label])
            for obj in objects:
                obj.save()
        _reset_sequences()
        restored = content_hash(content())
        if restored != document["content_sha256"]:
            raise BackupError("復元した内容のハッシュが元と一致しません（何も書き込んでいません）")
    return restored


def _reset_sequences() -> None:
    """Move PostgreSQL's id sequences past the restored ids (SQLite needs nothing)."""
    statements = connection.ops.sequence_reset_sql(no_style(), models())
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
