"""The output folder of a run: a manifest so that a rerun writes only what changed.

``OUT_DIR/.shisaku-publish.json`` (:mod:`manifest`) maps every file a run wrote (a path
relative to the folder, with ``/``) to the digest and size of its content.  A rerun renders
everything again, but writes a file only when the file on disk is not already that content,
and deletes the files of the previous run that this run no longer produces, when they still
hold what the run wrote.  Files the manifest does not list (a city's own ``robots.txt``) are
never touched, and a manifest that does not verify is treated as absent.

The digest is the SHA-256 of the content (the workbooks carry no save time: the same table
gives the same bytes).  Every file is reached through :class:`folder.Folder`: inside the
folder, never through a link, written to a temporary name and renamed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from shisaku.publishing.folder import Folder
from shisaku.publishing.manifest import (
    MANIFEST,
    Entry,
    ManifestProblem,
    manifest_bytes,
    read_manifest,
)

CHANGED_SINCE = "前回の書き出しの後に変更されているため消していません"


def digest(content: bytes) -> str:
    """Return the digest of a file's content."""
    return hashlib.sha256(content).hexdigest()


@dataclass
class Counts:
    """What a run did to the folder."""

    written: int = 0
    unchanged: int = 0
    deleted: int = 0


class Output:
    """The output folder of a run: write files that changed, then delete what is gone."""

    def __init__(self, root: Path) -> None:
        self.folder = Folder(root)
        self.warnings: list[str] = []
        self.previous = self._previous()
        self.current: dict[str, Entry] = {}
        self.counts = Counts()

    def close(self) -> None:
        """Let go of the folder."""
        self.folder.close()

    def put(self, relative: str, content: bytes) -> bool:
        """Record a file of this run; write it unless the folder already holds exactly it.
        Return whether it was written."""
        entry = [digest(content), len(content)]
        self.current[relative] = entry
        if self.folder.read(relative) == content:
            self.counts.unchanged += 1
            return False
        self.folder.write(relative, content)
        self.counts.written += 1
        return True

    def finish(self) -> None:
        """Delete the previous run's files this run did not produce, then save the manifest."""
        for relative in sorted(set(self.previous) - set(self.current)):
            self._delete(relative)
        self.save(complete=True)

    def save(self, *, complete: bool) -> None:
        """Save the manifest: this run's files, plus the previous run's when it did not finish.

        A run that stops early still records what it wrote, so the next run compares against
        what is really in the folder.
        """
        files = self.current if complete else {**self.previous, **self.current}
        content = manifest_bytes(files)
        if self.folder.read(MANIFEST) != content:
            self.folder.write(MANIFEST, content, durable=True)

    def _previous(self) -> dict[str, Entry]:
        """Return the files of the previous run (none, with a warning, when its manifest does
        not verify)."""
        try:
            return read_manifest(self.folder.read(MANIFEST))
        except ManifestProblem as problem:
            self.warnings.append(
                f"{MANIFEST}: {problem}。前回の記録がないものとして扱います"
                "（記録にないファイルは消しません）"
            )
            return {}

    def _delete(self, relative: str) -> None:
        """Delete a file of the previous run if it still holds what that run wrote (a file
        changed since is left, with a warning; a link is never followed)."""
        content = self.folder.read(relative)
        if content is None:
            return
        if digest(content) != self.previous[relative][0]:
            self.warnings.append(f"{relative}: {CHANGED_SINCE}")
            return
        self.folder.remove(relative)
        self.counts.deleted += 1
