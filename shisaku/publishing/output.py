"""The output folder of a run: a manifest so that a rerun writes only what changed, and a
journal so that a killed run is repaired by the next.

``OUT_DIR/.shisaku-publish.json`` (:mod:`manifest`) maps every file a run wrote (a path
relative to the folder, with ``/``) to the SHA-256 digest of its content.  A rerun renders
everything again, but writes a file only when the file on disk is not already that content,
and deletes the files of the previous run that this run no longer produces, when they still
hold what the run wrote.  Files the manifest does not list (a city's own ``robots.txt``) are
never touched, and a manifest that does not verify is treated as absent.

Before a file is written its path goes into the journal (:mod:`journal`); the files a killed
run noted there are written again or deleted by the next run, whatever the manifest says.
Every file is reached through :class:`folder.Folder`: inside the folder, never through a link,
written to a temporary name and renamed; the manifest is also on the disk before its rename.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, MutableMapping
from dataclasses import dataclass
from pathlib import Path

from shisaku.publishing.folder import Folder
from shisaku.publishing.journal import Journal
from shisaku.publishing.manifest import (
    BOOKKEEPING,
    MANIFEST,
    Ledger,
    ManifestProblem,
    load_manifest,
    manifest_blocks,
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
        try:
            self.journal = Journal(self.folder)  # first: it is also the lock
        except BaseException:
            self.folder.close()
            raise
        self.pending = self.journal.left - set(BOOKKEEPING)  # a killed run's: trust none
        self.folder.remove_temporary(MANIFEST)  # a killed run's, if any
        self.warnings: list[str] = []
        self.ledger = Ledger()
        self.previous = self.ledger.previous
        self._read_previous()
        # Where put records a file: the run's records (a worker puts a batch's in a dict,
        # which the run then adds to them).
        self.current: MutableMapping[str, str] = self.ledger.current
        self.counts = Counts()

    def close(self) -> None:
        """Let go of the folder, of the journal and of the records."""
        self.journal.close()
        self.folder.close()
        self.ledger.close()

    def put(self, relative: str, content: bytes) -> bool:
        """Record a file of this run; write it unless the folder already holds exactly it.
        Return whether it was written."""
        self.current[relative] = digest(content)
        trusted = relative not in self.pending
        if self.folder.put(relative, content, trusted=trusted, noting=self.journal.note):
            self.counts.written += 1
            return True
        self.counts.unchanged += 1
        return False

    def put_blocks(self, relative: str, blocks: Iterable[bytes]) -> bool:
        """Record a file of this run given a block at a time (a large table, never whole in
        memory); write it unless the folder already holds exactly it (compared while it is
        written to its temporary, which is then dropped).  Return whether it was written."""
        hashed = hashlib.sha256()

        def digested() -> Iterator[bytes]:
            for block in blocks:
                hashed.update(block)
                yield block

        self.journal.note(relative)  # a file left as it was, noted too: harmless
        fresh = relative in self.pending
        written = self.folder.write(relative, digested(), unless_same=not fresh)
        self.current[relative] = hashed.hexdigest()
        if written:
            self.counts.written += 1
        else:
            self.counts.unchanged += 1
        return written

    def finish(self) -> None:
        """Delete the previous runs' files this run did not produce, save the manifest, then
        delete the journal."""
        for relative in self._gone():
            self._delete(relative)
        self.save(complete=True)
        self.journal.discard()

    def save(self, *, complete: bool) -> None:
        """Save the manifest: this run's files, plus the previous run's when it did not finish.

        A run that stops early still records what it wrote (and keeps the journal), so the
        next run compares against what is really in the folder.
        """
        current = self.ledger.current
        files = current.entries() if complete else current.over(self.ledger.previous)
        self.folder.write(MANIFEST, manifest_blocks(files), durable=True, unless_same=True)

    def _gone(self) -> list[str]:
        """Return the files of the previous run, and those a killed run noted, that this run
        did not produce, in path order."""
        gone = {path for path, _ in self.ledger.previous.without(self.ledger.current)}
        gone.update(path for path in self.pending if path not in self.ledger.current)
        return sorted(gone)

    def _read_previous(self) -> None:
        """Read the files of the previous run (none, with a warning, when its manifest does
        not verify)."""
        try:
            load_manifest(self.folder.read(MANIFEST), self.previous)
        except ManifestProblem as problem:
            self.warnings.append(
                f"{MANIFEST}: {problem}。前回の記録がないものとして扱います"
                "（記録にないファイルは消しません）"
            )

    def _delete(self, relative: str) -> None:
        """Delete a file of an earlier run: one a killed run noted, or one that still holds
        what the previous run wrote (a file changed since is left, with a warning; a link is
        never followed)."""
        content = self.folder.read(relative)
        noted = relative in self.pending
        if not noted and content is not None and digest(content) != self.previous[relative]:
            self.warnings.append(f"{relative}: {CHANGED_SINCE}")
            return
        self.folder.remove(relative)  # with its temporary, and the folders left empty
        self.counts.deleted += content is not None
