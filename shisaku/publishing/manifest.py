"""The manifest: which files of the output folder the last run wrote, and their digests.

``OUT_DIR/.shisaku-publish.json`` is read back by the next run, which deletes the listed files
it no longer produces, so a manifest is believed only when it verifies: JSON of this schema,
every path a file inside the folder (:func:`folder.check_relative`: no ``..``, no absolute
path, not the run's own bookkeeping), every entry the SHA-256 digest of the file's content
(not its size: a file of the same size may hold other figures).  One that does not is
:class:`ManifestProblem`: the run treats it as absent (and says so), so it deletes nothing and
writes a manifest that verifies.

A run's record of the files, and the previous run's, are :class:`Records`: tables of a private
temporary SQLite database (a few MiB of cache, the rest in a temporary file that SQLite
deletes), not dicts: at national scale a run writes more than a million files, which a dict
of paths to hexadecimal digests holds in some 240 bytes each.  The manifest is written from
them in path order, a block of entries at a time.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, MutableMapping
from itertools import chain, islice
from json.encoder import encode_basestring  # json.dumps's, for ensure_ascii=False
from typing import Any

from shisaku.publishing.folder import UnsafePath, check_relative
from shisaku.publishing.journal import JOURNAL

MANIFEST = ".shisaku-publish.json"
MANIFEST_SCHEMA = "shisaku.publish-manifest/2"  # /1 also held sizes
BOOKKEEPING = (MANIFEST, JOURNAL)
DIGEST = re.compile(r"[0-9a-f]{64}")
CACHE_KIB = 16 * 1024  # of the temporary database, in memory; the rest is in its file
BLOCK = 4096  # manifest entries encoded at a time
HEAD = b'{\n"schema": "' + MANIFEST_SCHEMA.encode() + b'",\n"files": {'
TAIL = b"\n}\n}"
# An entry as manifest_blocks writes it: a JSON string (no control character), a digest, then
# a comma and a new line, or only the new line after the last.
ENTRY = re.compile(rb'"([^"\\\x00-\x1f]*(?:\\.[^"\\\x00-\x1f]*)*)": "([0-9a-f]{64})"(,?\n)')


class ManifestProblem(ValueError):
    """A manifest that does not verify: what is wrong with it."""


def load_manifest(content: bytes | None, records: Records) -> None:
    """Add the files a manifest lists (none without one) to ``records``, or raise
    ManifestProblem (and add none).  A manifest as this module writes it is read an entry at a
    time; any other is read by :func:`read_manifest` (the same verdict, more memory)."""
    try:
        if content is None or _load_written(content, records):
            return
    except ManifestProblem:
        records.clear()
        raise
    records.clear()
    records.update(read_manifest(content))


def _load_written(content: bytes, records: Records) -> bool:
    """Add the entries of a manifest in the form :func:`manifest_blocks` writes to
    ``records``; return False (with some added, perhaps) when it is in another form."""
    empty = HEAD + b"}\n}"
    if content == empty or not (content.startswith(HEAD + b"\n") and content.endswith(TAIL)):
        return content == empty
    position, end = len(HEAD) + 1, len(content) - len(TAIL)
    while position < end:
        found = ENTRY.match(content, position)
        if found is None or (found[3] == b"\n") != (found.end() == end + 1):
            return False
        position = found.end()
        try:
            relative = _path(found[1])
        except ValueError:  # not UTF-8, or an escape JSON does not know: read_manifest says
            return False
        _check_path(relative)
        records[relative] = found[2].decode()
    return position == end + 1


def _path(quoted: bytes) -> str:
    """Return the path a JSON string (without its quotes) spells."""
    if b"\\" in quoted:
        return str(json.loads(b'"' + quoted + b'"'))
    return quoted.decode()


def read_manifest(content: bytes | None) -> dict[str, str]:
    """Return the files a manifest lists (none without one), or raise ManifestProblem."""
    if content is None:
        return {}
    try:
        data = json.loads(content)
    except ValueError as error:
        raise ManifestProblem("JSON として読めません") from error
    if not isinstance(data, dict) or data.get("schema") != MANIFEST_SCHEMA:
        raise ManifestProblem(f"形式が {MANIFEST_SCHEMA} ではありません")
    files = data.get("files")
    if not isinstance(files, dict):
        raise ManifestProblem("files がありません")
    for relative, entry in files.items():
        _check_entry(relative, entry)
    return files


def _check_entry(relative: str, entry: Any) -> None:
    """Raise ManifestProblem unless an entry names a file of the folder with a digest."""
    _check_path(relative)
    if not isinstance(entry, str) or not DIGEST.fullmatch(entry):
        raise ManifestProblem(f"{relative!r} の記録が SHA-256 のダイジェストではありません")


def _check_path(relative: str) -> None:
    """Raise ManifestProblem unless a path names a file of the folder (not the run's own)."""
    try:
        check_relative(relative)
    except UnsafePath as error:
        raise ManifestProblem(f"{relative!r} はフォルダの中のファイルではありません") from error
    if relative in BOOKKEEPING:
        raise ManifestProblem(f"{relative!r} は公開のファイルではありません")


def manifest_bytes(files: Mapping[str, str]) -> bytes:
    """Return the manifest listing ``files`` (in path order: the same files, the same bytes)."""
    return b"".join(manifest_blocks(sorted(files.items())))


def manifest_blocks(files: Iterable[tuple[str, str]]) -> Iterator[bytes]:
    """Yield the manifest listing ``files`` (path and digest, in path order), a block at a
    time: the bytes of ``json.dumps`` with ``ensure_ascii=False, indent=0``."""
    head = '{\n"schema": ' + encode_basestring(MANIFEST_SCHEMA) + ',\n"files": {'
    entries = iter(files)
    block = list(islice(entries, BLOCK))
    if not block:
        yield (head + "}\n}").encode()
        return
    separator = "\n"
    while block:
        lines = [f'{encode_basestring(path)}: "{entry}"' for path, entry in block]
        yield (head + separator + ",\n".join(lines)).encode()
        head, separator = "", ",\n"
        block = list(islice(entries, BLOCK))
    yield b"\n}\n}"


class Records(MutableMapping[str, str]):
    """Digests (hexadecimal) by path, in a table of a temporary SQLite database (see
    :class:`Ledger`); paths come in path order (SQLite compares their UTF-8 bytes: the order
    of code points, Python's order of strings).  Entries are added :data:`BLOCK` at a time."""

    def __init__(self, db: sqlite3.Connection, table: str) -> None:
        self.db = db
        self.table = table
        self.added: dict[str, bytes] = {}  # not yet in the table
        db.execute(f"CREATE TABLE {table} (path TEXT PRIMARY KEY, digest BLOB) WITHOUT ROWID")

    def __setitem__(self, path: str, entry: str) -> None:
        self.added[path] = bytes.fromhex(entry)
        if len(self.added) >= BLOCK:
            self.flush()

    def update(self, other: Any = (), /, **more: str) -> None:
        """Record many files at once (a batch's, from a worker)."""
        items = other.items() if isinstance(other, Mapping) else other
        for path, entry in chain(items, more.items()):
            self[path] = entry

    def clear(self) -> None:
        """Forget every entry."""
        self.added.clear()
        self.db.execute(f"DELETE FROM {self.table}")

    def flush(self) -> None:
        """Put the entries added into the table."""
        if self.added:
            sql = f"REPLACE INTO {self.table} VALUES (?, ?)"
            self.db.executemany(sql, self.added.items())
            self.added.clear()

    def _query(self, sql: str, *parameters: str) -> sqlite3.Cursor:
        """Run a query on the table (and another's) with every entry added."""
        self.flush()
        return self.db.execute(sql, parameters)

    def __getitem__(self, path: str) -> str:
        sql = f"SELECT digest FROM {self.table} WHERE path = ?"
        row = self._query(sql, path).fetchone()
        if row is None:
            raise KeyError(path)
        return str(row[0].hex())

    def __delitem__(self, path: str) -> None:
        if not self._query(f"DELETE FROM {self.table} WHERE path = ?", path).rowcount:
            raise KeyError(path)

    def __iter__(self) -> Iterator[str]:
        for (path,) in self._query(f"SELECT path FROM {self.table} ORDER BY path"):
            yield path

    def __len__(self) -> int:
        return int(self._query(f"SELECT count(*) FROM {self.table}").fetchone()[0])

    def entries(self) -> Iterator[tuple[str, str]]:
        """Yield the entries (path and digest), in path order."""
        return self._entries(f"SELECT path, digest FROM {self.table} ORDER BY path")

    def without(self, other: Records) -> Iterator[tuple[str, str]]:
        """Yield the entries whose path ``other`` does not hold, in path order."""
        other.flush()
        return self._entries(
            f"SELECT path, digest FROM {self.table} WHERE path NOT IN "
            f"(SELECT path FROM {other.table}) ORDER BY path"
        )

    def over(self, other: Records) -> Iterator[tuple[str, str]]:
        """Yield these entries and those of ``other`` whose path these lack, in path order."""
        other.flush()
        return self._entries(
            f"SELECT path, digest FROM {self.table} UNION ALL SELECT path, digest FROM "
            f"{other.table} WHERE path NOT IN (SELECT path FROM {self.table}) ORDER BY path"
        )

    def _entries(self, sql: str) -> Iterator[tuple[str, str]]:
        """Yield the (path, digest) rows of ``sql``, the digest as hexadecimal text."""
        for path, entry in self._query(sql):
            yield path, entry.hex()


class Ledger:
    """A private temporary SQLite database (deleted when closed) with the previous run's
    records and this run's, in one transaction never committed (nothing needs to last)."""

    def __init__(self) -> None:
        self.db = sqlite3.connect("", isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode = OFF")
        self.db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        self.db.execute("BEGIN")
        self.previous = Records(self.db, "previous")
        self.current = Records(self.db, "current")

    def close(self) -> None:
        """Delete the database."""
        self.db.close()
