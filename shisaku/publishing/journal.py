"""The journal: the files a run is about to write, so that a killed run can be repaired.

Before a run (or one of its workers) writes a file, it appends the file's path to
``OUT_DIR/.shisaku-publish.journal`` (one line, one ``write`` to a file opened for appending:
whole lines even from several processes and even when a process is killed).  A run that
finishes saves its manifest, then deletes the journal.  A run that was killed leaves it: the
next run trusts none of the files it lists (any of them may hold half a run's content, or be
a temporary left half-written): it writes each again when it produces it, and deletes it
(with its temporary) when it does not.

The journal is also the run's lock: a second run into the same folder while one is under way
stops at once (:class:`FolderBusy`), since each would believe the other's files its own.
"""

from __future__ import annotations

import errno
import fcntl
import os

from shisaku.publishing.folder import Folder, UnsafePath, check_relative

JOURNAL = ".shisaku-publish.journal"


class FolderBusy(OSError):
    """Another run is writing into the same folder."""


class Journal:
    """The paths noted before they are written, by this run and by runs that were killed."""

    def __init__(self, folder: Folder) -> None:
        self.folder = folder
        self.fd = folder.open_for_appending(JOURNAL)
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            os.close(self.fd)
            reason = "別の publish がこのフォルダに書き出しています"
            raise FolderBusy(errno.EBUSY, reason, str(folder.root)) from error
        self.left = self._entries()  # written, perhaps, by a run that was killed

    def note(self, relative: str) -> None:
        """Note a file before it is written.  A path noted twice (a file written twice, or
        again after a killed run) is harmless, and remembering every path noted, to note each
        once, would hold a million of them at national scale."""
        os.write(self.fd, relative.encode() + b"\n")

    def discard(self) -> None:
        """Delete the journal: the run is complete and its manifest saved."""
        self.folder.remove(JOURNAL)
        self.close()

    def close(self) -> None:
        """Let go of the journal (and of the lock)."""
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1

    def _entries(self) -> set[str]:
        """Return the paths noted by earlier runs (those that name a file of the folder)."""
        content = os.pread(self.fd, os.fstat(self.fd).st_size, 0)
        return {line for line in content.decode(errors="replace").split("\n") if _is_path(line)}


def _is_path(line: str) -> bool:
    """Return whether a journal line names a file inside the folder."""
    try:
        check_relative(line)
    except UnsafePath:
        return False
    return True
