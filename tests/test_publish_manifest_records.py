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
    ManifestProblem,
    load_manifest,
    manifest_blocks,
    manifest_bytes,
    read_manifest,
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


def verdict(read, content):
    """Return the files a manifest lists, or the problem with it, as a reader says."""
    try:
        return read(content)
    except ManifestProblem as problem:
        return type(problem)


def loaded(content):
    ledger = Ledger()
    try:
        load_manifest(content, ledger.previous)
    finally:
        entries = dict(ledger.previous.entries())
        ledger.close()
    return entries


GOOD = {path: digest(path) for path in [*ODD, "a/b.html", "a-b/c"]}
WRITTEN = dumped(GOOD)


@pytest.mark.parametrize(
    "content",
    [
        None,
        WRITTEN,
        dumped({}),
        dumped({"only.html": digest("1")}),
        json.dumps({"schema": MANIFEST_SCHEMA, "files": GOOD}, indent=2).encode(),
        WRITTEN + b"\n",
        WRITTEN.replace(b"a/b.html", b"../b.html"),
        WRITTEN.replace(b"a/b.html", b"/etc/x"),
        WRITTEN.replace(b"a/b.html", b".shisaku-publish.json"),
        WRITTEN.replace(b"a/b.html", b"a\tb.html"),  # a raw tab: not JSON
        WRITTEN.replace(b"a/b.html", b"a\\qb.html"),  # an escape JSON does not know
        WRITTEN.replace(b"a/b.html", b"\xff.html"),  # not UTF-8
        WRITTEN.replace(b"a/b.html", "é".encode("utf-16-le")),
        WRITTEN.replace(b'",\n"a-b', b'"\n"a-b'),  # a comma missing
        WRITTEN.replace(b'"\n}\n}', b'",\n}\n}'),  # a comma too many
        WRITTEN.replace(digest("a/b.html").encode(), b"0" * 63),
        WRITTEN.replace(b'"a-b/c"', b'"a/b.html"'),  # twice: the last digest counts
        WRITTEN.replace(b"publish-manifest/2", b"publish-manifest/1"),
        WRITTEN[:-1],
    ],
)
def test_a_manifest_is_loaded_as_read_manifest_reads_it(content):
    expected = verdict(read_manifest, content)
    got = verdict(loaded, content)
    assert got == expected
    if expected is ManifestProblem:  # nothing of it was kept
        ledger = Ledger()
        with pytest.raises(ManifestProblem):
            load_manifest(content, ledger.previous)
        assert len(ledger.previous) == 0
        ledger.close()


def test_a_manifest_as_written_is_read_an_entry_at_a_time(ledger, monkeypatch):
    def refuse(content):
        raise AssertionError("read whole")

    monkeypatch.setattr("shisaku.publishing.manifest.read_manifest", refuse)
    load_manifest(WRITTEN, ledger.previous)
    assert dict(ledger.previous.entries()) == GOOD
