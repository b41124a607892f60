"""Reading an uploaded plan document in a background thread, its progress in Django's cache.

A 200-page PDF takes 10-15 s to read: too long for one request.  After the upload (and after
each re-read) the document is read in a thread of the same process, and its state — reading
(pages done of how many), read (the plan as read), failed (the reader's message and the lines
it could not place) — is kept in Django's cache under the reading's name: the upload's random
token, which only the uploader's session holds, and the serial of the reading.  The page polls
it.  A short document is read before the upload's response is sent (:data:`QUICK_SECONDS`).

With several worker processes the cache should be one they share (Django's DatabaseCache or
Redis): a page that finds no state for a reading — another process's local cache, an expired
entry, a restarted server — starts the reading again, so the user waits again but sees the
same result.  The reader touches no database; the thread closes any connection the cache
opened.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from typing import Literal

from django.core.cache import cache
from django.db import connections

from shisaku.domain.plandoc import PlanDocError, Problem
from shisaku.domain.plandoc_errors import MAX_LISTED
from shisaku.domain.plandoc_profile import Profile
from shisaku.staff.planimport_reader import Loaded, PlanFiles

logger = logging.getLogger("shisaku.staff")

QUICK_SECONDS = 2.0  # the upload waits this long for the reading before showing progress
READING_SECONDS = 10 * 60  # a reading not heard of for this long is taken as lost
KEEP_SECONDS = 24 * 60 * 60  # how long a finished reading stays in the cache at most
PREFIX = "shisaku:plan-import:"
Period = tuple[int, int]  # the plan period the user gave (first and last year)


@dataclass
class Failure:
    """Why a document could not be read: the reader's message and the lines at fault."""

    message: str
    problems: list[Problem] = field(default_factory=list)  # at most MAX_LISTED
    more: int = 0  # lines at fault beyond those listed
    unexpected: bool = False  # a fault of the reader, not of the file (logged)


@dataclass
class Reading:
    """Where a reading is: pages done, or what it gave."""

    state: Literal["reading", "read", "failed"]
    done: int = 0
    total: int = 0  # 0: a document without pages (text, Word) or not yet counted
    loaded: Loaded | None = None
    failure: Failure | None = None


def _key(job: str) -> str:
    """Return the cache key of a reading."""
    return PREFIX + job


def status(job: str) -> Reading | None:
    """Return the state of a reading, or None when it is not known here."""
    found = cache.get(_key(job))
    return found if isinstance(found, Reading) else None


def forget(job: str) -> None:
    """Forget a reading (a thread still running stops writing its state)."""
    cache.delete(_key(job))


def failure_of(error: Exception) -> Failure:
    """Return the failure a reader's error describes, with the lines it lists."""
    cause = error.__cause__
    problems = list(cause.problems) if isinstance(cause, PlanDocError) else []
    return Failure(str(error), problems[:MAX_LISTED], max(0, len(problems) - MAX_LISTED))


class _Job:
    """One reading of one document, run in a thread."""

    def __init__(self, job: str, files: PlanFiles, name: str, data: bytes) -> None:
        self.key, self.files, self.name, self.data = _key(job), files, name, data

    def _wanted(self) -> bool:
        """Tell whether the page still waits for this reading (not cancelled or replaced)."""
        return isinstance(cache.get(self.key), Reading)

    def progress(self, done: int, total: int) -> None:
        """Keep the pages read where the page polls them."""
        if self._wanted():
            cache.set(self.key, Reading("reading", done, total), READING_SECONDS)

    def read(self, profile: Profile | None, period: Period | None) -> Reading:
        """Read the document; return what it gave."""
        try:
            loaded = self.files.read(self.name, self.data, profile, self.progress, period)
            return Reading("read", loaded=loaded)
        except self.files.error as error:
            return Reading("failed", failure=failure_of(error))
        except Exception:  # a fault of the reader: logged, and the user told so in words
            logger.exception("reading the plan document %s failed", self.name)
            return Reading("failed", failure=Failure("", unexpected=True))

    def run(self, profile: Profile | None, period: Period | None) -> None:
        """Read the document and keep the result (the thread's body)."""
        try:
            found = self.read(profile, period)
            if self._wanted():
                cache.set(self.key, found, KEEP_SECONDS)
        finally:
            connections.close_all()


def start(
    job: str,
    files: PlanFiles,
    name: str,
    data: bytes,
    profile: Profile | None,
    period: Period | None = None,
) -> threading.Thread | None:
    """Start reading a document in a thread, unless this reading is already known."""
    if not cache.add(_key(job), Reading("reading"), READING_SECONDS):
        return None
    runner = _Job(job, files, name, data)
    thread = threading.Thread(
        target=runner.run, args=(profile, period), name=f"plan-import-{job[:8]}"
    )
    thread.daemon = True
    thread.start()
    return thread


def wait(thread: threading.Thread | None, seconds: float = QUICK_SECONDS) -> None:
    """Wait a little for a reading, so that a short document is shown at once."""
    if thread is not None:
        thread.join(seconds)
