"""The manifest's records (a temporary SQLite database) and its text, written a block at a
time: the same bytes as ``json.dumps`` of the dict of the files in path order."""

from __future__ import annotations

import hashlib
import json
import random

import pytest

from shisaku.publishing.manifest import (
    BLOCK,
    MANIFEST_SCHEMA,
    Ledger,
    manifest_blocks,
    manifest_bytes,
)

ODD = ["a b.html", 'q"uote.html', "tab\t.html", "日本語/索引.html", "😀/x.json", "z\u2028.csv"]


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def dumped(files: dict[str, str]) -> bytes:
    """The manifest as it was written before it was written a block at a time."""
    data = {"schema": MANIFEST_SCHEMA, "files": dict(sorted(files.items()))}
    return json.dumps(data, ensure_ascii=False, indent=0).encode()


@pytest.mark.parametrize("count", [0, 1, 2, BLOCK, BLOCK + 1, 2 * BLOCK + 7])
def test_the_manifest_has_the_bytes_of_json_dumps(count):
    paths = [f"ja/{n}/index.html" for n in range(count - min(count, len(ODD)))]
    files = {path: digest(path) for path in paths + ODD[:count]}
    assert b"".join(manifest_blocks(sorted(files.items()))) == dumped(files)
    assert manifest_bytes(files) == dumped(files)


@pytest.fixture
def ledger():
    ledger = Ledger()
    yield ledger
    ledger.close()


def test_records_keep_the_last_digest_of_a_path_and_list_paths_in_python_order(ledger):
    records = ledger.current
    paths = [*ODD, "a-x/y", "a/b.html", "a/b/c", "a.b", "ja/1/index.html"] * 2
    random.Random(4).shuffle(paths)
    for n, path in enumerate(paths):
        records[path] = digest(f"{path}{n}")
    last = {path: digest(f"{path}{n}") for n, path in enumerate(paths)}
    assert list(records) == sorted(last) and len(records) == len(last)
    assert dict(records.entries()) == last and records["a/b.html"] == last["a/b.html"]
    assert "a/b" not in records and "a/b/c" in records
    del records["a/b/c"]
    with pytest.raises(KeyError):
        records["a/b/c"]


def test_records_compared_with_the_previous_run(ledger):
    previous, current = ledger.previous, ledger.current
    previous.update({"gone.html": digest("1"), "kept.html": digest("2"), "x/gone": digest("3")})
    current.update({"kept.html": digest("4"), "new.html": digest("5")})
    assert list(previous.without(current)) == [("gone.html", digest("1")), ("x/gone", digest("3"))]
    assert list(current.over(previous)) == [
        ("gone.html", digest("1")),
        ("kept.html", digest("4")),
        ("new.html", digest("5")),
        ("x/gone", digest("3")),
    ]


def test_many_records_come_in_blocks(ledger):
    files = {f"p/{n:06d}": digest(str(n)) for n in range(3 * BLOCK + 5)}
    ledger.current.update(files)
    assert b"".join(manifest_blocks(ledger.current.entries())) == dumped(files)
