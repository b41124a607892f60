"""The output folder: atomic writes, and a manifest so that a rerun writes only what changed.

``OUT_DIR/.shisaku-publish.json`` maps every file a run wrote (a path relative to the folder,
with ``/``) to the digest and size of its content.  A rerun renders everything again, but
writes a file only when its digest differs from the manifest's (or the file is gone or has
another size), and deletes the files of the previous run that this run no longer produces.
Files the manifest does not list (a city's own ``robots.txt``) are never touched.

The digest is the SHA-256 of the content (the workbooks carry no save time: the same table
gives the same bytes).

Each file is written to a temporary file beside it and renamed over it, so a reader (or a
static server) sees the old file or the new one, never half of one.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MANIFEST = ".shisaku-publish.json"
MANIFEST_SCHEMA = "shisaku.publish-manifest/1"


class UnsafePath(ValueError):
    """A path that would leave the output folder (``..``) or cannot be a file name."""


def digest(content: bytes) -> str:
    """Return the digest of a file's content."""
    return hashlib.sha256(content).hexdigest()


def check_relative(relative: str) -> str:
    """Return ``relative`` if it names a file inside the folder, or raise UnsafePath."""
    parts = relative.split("/")
    bad = any(p in ("", ".", "..") for p in parts[:-1]) or parts[-1] in ("", ".", "..")
    if bad or "\\" in relative or "\0" in relative:
        raise UnsafePath(f"{relative!r} is not a file inside the output folder")
    return relative


@dataclass
class Counts:
    """What a run did to the folder."""

    written: int = 0
    unchanged: int = 0
    deleted: int = 0


class Output:
    """The output folder of a run: write files that changed, then delete what is gone."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.previous = _read_manifest(root / MANIFEST)
        self.current: dict[str, list[Any]] = {}
        self.counts = Counts()
        self.folders: set[Path] = set()  # folders known to exist (a run writes thousands)

    def put(self, relative: str, content: bytes) -> bool:
        """Record a file of this run; write it when it changed. Return whether it was written."""
        relative = check_relative(relative)
        key = digest(content)
        before = self.previous.get(relative)
        path = self.root / relative
        # the file on disk is the one the previous run wrote: its size is the recorded one
        if before and before[0] == key and _has_size(path, before[1]):
            self.current[relative] = before
            self.counts.unchanged += 1
            return False
        if path.parent not in self.folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.folders.add(path.parent)
        write_atomic(path, content)
        self.current[relative] = [key, len(content)]
        self.counts.written += 1
        return True

    def finish(self) -> None:
        """Delete the previous run's files this run did not produce, then save the manifest."""
        for relative in sorted(set(self.previous) - set(self.current)):
            path = self.root / relative
            if path.is_file():
                path.unlink()
                self.counts.deleted += 1
                _prune(path.parent, self.root)
        self.save(complete=True)

    def save(self, *, complete: bool) -> None:
        """Save the manifest: this run's files, plus the previous run's when it did not finish.

        A run that stops early still records what it wrote, so the next run compares against
        what is really in the folder.
        """
        files = self.current if complete else {**self.previous, **self.current}
        data = {"schema": MANIFEST_SCHEMA, "files": dict(sorted(files.items()))}
        content = json.dumps(data, ensure_ascii=False, indent=0).encode()
        path = self.root / MANIFEST
        if not path.is_file() or path.read_bytes() != content:
            write_atomic(path, content)


def _has_size(path: Path, size: int) -> bool:
    """Return whether ``path`` is a file of ``size`` bytes."""
    try:
        return path.stat().st_size == size
    except OSError:
        return False


def _read_manifest(path: Path) -> dict[str, list[Any]]:
    """Return the files of the previous run (none when there is no readable manifest)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, dict):
        return {}
    return {str(k): v for k, v in files.items() if isinstance(v, list) and len(v) == 2}


def write_atomic(path: Path, content: bytes) -> None:
    """Write ``content`` to a temporary file beside ``path`` (in a folder that exists), then
    rename it over ``path``."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(content)
        os.replace(temporary, path)
    except OSError:
        temporary.unlink(missing_ok=True)
        raise


def _prune(folder: Path, root: Path) -> None:
    """Remove ``folder`` and its parents up to ``root`` while they are empty."""
    while folder != root and folder.is_relative_to(root):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
