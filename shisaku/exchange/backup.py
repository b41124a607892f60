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
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.base import DeserializedObject
from django.db import connection, transaction
from django.db.models import Model

from shisaku.exchange import backup_file
from shisaku.exchange.backup_file import FORMAT, BackupError, Rows

__all__ = ["FORMAT", "BackupError", "content", "content_hash", "dump", "models", "restore"]


def models() -> list[type[Model]]:
    """Return the models that hold an instance's content, parents before children: the users
    and every model of every Shisaku app (an app added later is backed up without a list to
    keep)."""
    chosen = [apps.get_model("auth", "User")]
    for config in apps.get_app_configs():
        if config.name.startswith("shisaku."):
            chosen += list(config.get_models())
    ordered = serializers.sort_dependencies([(None, chosen)], allow_cycles=True)
    return list(ordered)


def _rows(model: type[Model]) -> list[dict[str, Any]]:
    """Return a model's rows by primary key, with their stored values."""
    return backup_file.rows_of(model)


def content() -> Rows:
    """Return every row of the instance, keyed by model label."""
    return {m._meta.label_lower: _rows(m) for m in models()}


def content_hash(rows: Rows) -> str:
    """Return the SHA-256 of the canonical JSON of ``rows``."""
    return hashlib.sha256(backup_file.canonical(rows)).hexdigest()


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
    """Write the whole instance to ``path`` (gzip if it ends in .gz); return the content hash.

    The file is written under a temporary name and read back before it takes its name: every
    row must read back to exactly the values stored, or the dump fails and leaves no file.
    """
    with snapshot():
        rows = content()
    digest = content_hash(rows)
    temp = path.with_name(path.name + ".part")
    try:
        _write(temp, rows, digest, compress=path.suffix == ".gz")
        backup_file.verify(_read(temp)["models"], rows)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    temp.replace(path)
    return digest


def _write(temp: Path, rows: Rows, digest: str, *, compress: bool) -> None:
    """Write the dump document to ``temp``."""
    document = {
        "format": FORMAT,
        "created_at": backup_file.plain(datetime.now(UTC)),
        "content_sha256": digest,
        "models": rows,
    }
    data = backup_file.encode(document, indent=1).encode("utf-8")
    temp.write_bytes(gzip.compress(data, compresslevel=6) if compress else data)


def _read(path: Path) -> dict[str, Any]:
    """Read and check a dump file."""
    document = backup_file.read(path)
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
        for label, rows in document["models"].items():
            _insert(list(backup_file.objects(label, rows)))
        _reset_sequences()
        restored = content_hash(content())
        if restored != document["content_sha256"]:
            raise BackupError("復元した内容のハッシュが元と一致しません（何も書き込んでいません）")
    return restored


def _insert(objects: list[DeserializedObject]) -> None:
    """Insert one model's rows exactly as dumped, in batches, then their many-to-many links.

    Rows go in as a raw insert, as ``loaddata`` saves them: no ``save()``, and ``auto_now``
    fields keep the dumped time instead of taking the time of the restore. Batched, because
    one statement a row made a restore of 100,000 rows take minutes.
    """
    if not objects:
        return
    rows = [obj.object for obj in objects]
    model = type(rows[0])
    fields = list(model._meta.local_concrete_fields)
    size = max(1, connection.ops.bulk_batch_size(fields, rows))
    for start in range(0, len(rows), size):
        queryset: Any = model._base_manager.all()  # _insert: what Model.save_base calls
        queryset._insert(rows[start : start + size], fields=fields, raw=True)
    for obj in objects:
        for name, keys in (obj.m2m_data or {}).items():
            getattr(obj.object, name).set(keys)


def _reset_sequences() -> None:
    """Move PostgreSQL's id sequences past the restored ids (SQLite needs nothing)."""
    statements = connection.ops.sequence_reset_sql(no_style(), models())
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
