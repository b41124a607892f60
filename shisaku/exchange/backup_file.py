"""The dump file: one canonical, lossless spelling for every value, and a bounded reader.

Every value is written in one spelling that reads back to exactly the value stored: time
stamps in UTC to the microsecond (``2026-05-01T09:30:07.000001Z``, six digits always, so a
time stamp with 1–999 µs is not cut to milliseconds), decimals in plain notation without an
exponent, dates and times in ISO 8601, JSON as JSON, many-to-many links sorted. The content
hash is taken over this spelling, so the same content always has the same hash, whichever
database it was read from.

Reading is bounded: a gzip file is first inflated without keeping anything, to refuse a
"gzip bomb" (a few megabytes that inflate to gigabytes) by its ratio before any memory is
spent on it; a truncated file or a document without ``models`` is refused with a message.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core import serializers
from django.core.serializers.base import DeserializationError
from django.db.models import Model

FORMAT = "shisaku.dump/1"
# A real dump inflates about 5–30 times (the demo 1:7; see test_backup for 100,000 figures);
# 200 times is only reached by a file made to inflate (spaces or zeros inflate 1:1000).
MAX_RATIO = 200
_CHUNK = 1024 * 1024

Rows = dict[str, list[dict[str, Any]]]


class BackupError(ValueError):
    """The dump file cannot be restored; the message says why and nothing was written."""


def _utc(value: datetime) -> str:
    """Return a time stamp in UTC with all six digits of its microseconds."""
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.isoformat(timespec="microseconds") + "Z"


_SPELLINGS: dict[type, Callable[[Any], str]] = {
    datetime: _utc,
    date: date.isoformat,
    time: lambda value: value.isoformat(timespec="microseconds"),
    Decimal: lambda value: format(value, "f"),
}


def plain(value: Any) -> Any:
    """Return a value's one canonical spelling (values JSON holds as they are unchanged)."""
    spell = _SPELLINGS.get(type(value))
    return value if spell is None else spell(value)


class _Encoder(json.JSONEncoder):
    """Spell the field values JSON has no type for; refuse any other."""

    def default(self, o: Any) -> Any:
        """Return the canonical spelling, or fail loudly for a type without one."""
        if type(o) not in _SPELLINGS:
            raise BackupError(f"書き出せない値の型です: {type(o).__name__}")
        return plain(o)


def rows_of(model: type[Model]) -> list[dict[str, Any]]:
    """Return a model's rows by primary key with their stored values, many-to-many sorted."""
    rows = serializers.serialize("python", model._default_manager.order_by("pk"))
    links = [field.name for field in model._meta.many_to_many]
    for row in rows:
        for name in links:
            row["fields"][name] = sorted(row["fields"][name])
    return rows  # type: ignore[no-any-return]


def encode(document: Any, indent: int | None = None) -> str:
    """Return a document as JSON with every value in its canonical spelling (no NaN)."""
    try:
        return json.dumps(
            document, cls=_Encoder, ensure_ascii=False, allow_nan=False, indent=indent
        )
    except ValueError as error:  # NaN or infinity: no JSON for them
        raise BackupError(f"書き出せない値があります（{error}）") from error


def canonical(rows: Rows) -> bytes:
    """Return the canonical JSON of ``rows`` (sorted, compact, UTF-8): the hash's input."""
    text = json.dumps(rows, cls=_Encoder, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8")


def _inflated_size(raw: bytes, name: str) -> int:
    """Return how large a gzip file inflates, keeping nothing; refuse a bomb or a cut file."""
    inflater = zlib.decompressobj(wbits=31)
    limit, size, pending = MAX_RATIO * len(raw), 0, raw
    while pending and not inflater.eof:
        size += len(inflater.decompress(pending, _CHUNK))
        pending = inflater.unconsumed_tail
        if size > limit:
            raise BackupError(
                f"{name}: 展開すると元の {MAX_RATIO} 倍を超えます（壊れたか細工された"
                "ファイルです）。shisaku dump で作った .json か .json.gz を指定してください"
            )
    if not inflater.eof:
        raise BackupError(
            f"{name}: gzip ファイルが途中で切れています（コピーが終わっていないか壊れています）"
        )
    return size


def _text(path: Path) -> bytes:
    """Return the JSON bytes of a dump file, inflating a gzip file within bounds."""
    raw = path.read_bytes()
    if raw[:2] != b"\x1f\x8b":
        return raw
    _inflated_size(raw, path.name)
    return zlib.decompress(raw, wbits=31)


def read(path: Path) -> dict[str, Any]:
    """Return a dump's document after checking its form (not yet its hash)."""
    try:
        document = json.loads(_text(path))
    except (OSError, ValueError, zlib.error) as error:
        if isinstance(error, BackupError):
            raise
        raise BackupError(f"{path}: バックアップとして読めません（{error}）") from error
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BackupError(f"{path}: 形式が {FORMAT} ではありません")
    tables = document.get("models")
    if not isinstance(tables, dict) or not all(isinstance(t, list) for t in tables.values()):
        raise BackupError(
            f"{path}: models（記録の一覧）がありません。"
            "shisaku dump で作ったファイルを指定してください"
        )
    return document


def objects(label: str, rows: Iterable[dict[str, Any]]) -> Iterable[Any]:
    """Return the dump's rows of one model as unsaved objects, refusing a row that is wrong."""
    try:
        yield from serializers.deserialize("python", rows)
    except DeserializationError as error:
        raise BackupError(f"{label} の記録を読めません（{error}）") from error


def verify(written: Rows, stored: Rows) -> None:
    """Check that the rows read back from the file are exactly the rows that were stored."""
    for label, rows in stored.items():
        for row, obj in zip(rows, objects(label, written.get(label, [])), strict=False):
            _same_row(label, row, obj)
        if len(written.get(label, [])) != len(rows):
            raise BackupError(f"書き出したファイルを読み直すと {label} の行数が違います")


def _same_row(label: str, row: dict[str, Any], obj: Any) -> None:
    """Check one row read back against the stored one, naming the field that differs."""
    for name, value in row["fields"].items():
        field = obj.object._meta.get_field(name)
        back = obj.m2m_data[name] if field.many_to_many else field.value_from_object(obj.object)
        if back != value or obj.object.pk != row["pk"]:
            raise BackupError(
                f"書き出したファイルを読み直すと {label}（pk {row['pk']}）の {name} が"
                f"元と違います（{value!r} → {back!r}）。ダンプを中止しました"
            )
