"""Render the pages in several processes: each core takes batches of pages in turn.

Each worker ends with the run's process (on Linux the kernel sends it SIGKILL; elsewhere it
watches its parent), so nothing is written after a run was killed.

Before the workers start, the run's :class:`Reads` loads everything the pages of a plan read
(:meth:`Reads.preload`), so the workers, forked from the run, never query the database: a
query in a worker is refused with an error (a page that reads something :meth:`Reads.preload`
does not load is a bug to fix there).  The pages that read the database themselves (the
prefecture and comparison pages, across municipalities) are rendered ``reading``: each worker
opens a connection of its own; inside a transaction (whose writes other connections cannot
see) this process renders them itself.

No worker can use a connection of the run: on starting, it sets aside (unclosed) every
database connection Django hands it and replaces every socket it inherited by ``/dev/null``,
so a connection of the run still reachable from it fails at its first use instead of sharing
a socket, where two processes read each other's answers.  That happened: while an asyncio
event loop runs in a thread (Playwright's, in the browser tests), Django keeps that thread's
connections apart from those it had before, so the run closed the loop's and forked with the
earlier one open; a forked worker runs no loop, so Django handed every worker that one
connection (a label read as an integer, 36 columns for 18).

Each worker writes its pages' files itself (every file is written to a temporary file and
renamed, and no two pages share a file) and sends back what the run keeps: the manifest
entries, the counts, the static files linked and the pages left out.

A batch holds whole pages in every language (:data:`BATCH` pages, or one page when each is
costly), so a table shared by the languages still builds its workbook once.  Batches come back
in any order; what they report is merged in page order.

The run and its batches reach each worker through the pool's initializer (forked, not
pickled), which keeps them as the worker's :class:`Worker`; the run's process changes no state
of this module.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
import stat
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import connections, transaction
from django.template import engines

from shisaku.publishing.output import Counts
from shisaku.publishing.pages import Page
from shisaku.publishing.run import SiteRun

Progress = Callable[[Iterable[Page], int], Iterable[Page]]  # pages, how many → the same pages
PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent ends
BATCH = 16  # pages (in every language) per batch: small enough to spread, large enough to pay
# objects a worker makes between two collections of its youngest ones (Python's default: 700);
# most of a page's objects are let go before the page is done, and so never looked at
YOUNG_OBJECTS = 20_000
# the run's own process collects its middle generation every this many collections of the
# youngest (Python's default: 10): it holds a group's reads, hundreds of thousands of objects
# kept while the group's pages are rendered, which each of those collections looks at again
RUN_MIDDLE_AGED = 100
_OLDER = gc.get_threshold()[1:]  # the thresholds of the older generations a worker keeps


class WorkerQueried(RuntimeError):
    """A worker tried to query the database (what it needs was not preloaded)."""


@dataclass
class Part:
    """What a batch wrote and what the run keeps of it."""

    files: dict[str, str] = field(default_factory=dict)
    counts: Counts = field(default_factory=Counts)
    static_links: set[str] = field(default_factory=set)
    skipped: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Worker:
    """What a worker process renders: the run it was forked from and the run's batches."""

    run: SiteRun
    batches: list[list[Page]]
    reading: bool  # the pages query the database (each worker with a connection of its own)


_WORKER: list[Worker] = []  # in a worker process only: the one set by its initializer
_SET_ASIDE: list[Any] = []  # in a worker process only: the connections it inherited, unused


def render_pages(
    run: SiteRun,
    pages: list[Page],
    jobs: int,
    progress: Progress | None,
    meanwhile: Callable[[], None] | None = None,
    *,
    reading: bool = False,
    size: int = BATCH,
) -> None:
    """Render ``pages`` into the run's output, in ``jobs`` processes when more than one, in
    batches of ``size`` pages in every language; this process does ``meanwhile`` (other work
    of the run) while the workers render.  ``reading``: the pages query the database."""
    per_batch = size * len(run.languages)
    if reading and transaction.get_connection().in_atomic_block:
        jobs = 1  # other connections would not see the transaction's writes
    if jobs <= 1 or len(pages) <= per_batch:
        run.pages(progress(pages, len(pages)) if progress else pages)
        if meanwhile:
            meanwhile()
        return
    work = Worker(run, batches(pages, per_batch), reading)
    parts = dict(_in_workers(work, jobs, progress, len(pages), meanwhile))
    for index in sorted(parts):
        _merge(run, parts[index])


def batches(pages: list[Page], size: int) -> list[list[Page]]:
    """Return the pages cut into batches of ``size`` (a multiple of the number of languages)."""
    return [pages[i : i + size] for i in range(0, len(pages), size)]


def _in_workers(
    work: Worker,
    jobs: int,
    progress: Progress | None,
    total: int,
    meanwhile: Callable[[], None] | None,
) -> Iterator[tuple[int, Part]]:
    """Yield each batch's part as a worker finishes it, drawing the progress over the pages.

    The workers are forked when the batches are handed out, before ``meanwhile``.  When a
    batch fails (or the run is interrupted), the batches not started are cancelled and the
    workers finish the ones they hold and leave: none is killed, since a worker killed while
    sending its answer would keep the lock of the channel back and hang the run (as
    ``multiprocessing.Pool.terminate`` did)."""
    _load_template_engines()
    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(
        jobs, mp_context=context, initializer=_start_worker, initargs=(os.getpid(), work)
    )
    try:
        futures = [pool.submit(_render_batch, index) for index in range(len(work.batches))]
        if meanwhile:
            meanwhile()
        parts: list[tuple[int, Part]] = []

        def finished_pages() -> Iterator[Page]:
            for future in as_completed(futures):
                index, part = future.result()
                parts.append((index, part))
                yield from work.batches[index]

        for _ in progress(finished_pages(), total) if progress else finished_pages():
            pass
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    yield from parts


def _load_template_engines() -> None:
    """Load the template engines, with every app's template tag libraries (and what they
    import), in the run's process before it forks: the workers share them, where each would
    load them again on its first page."""
    engines.all()


def _render_batch(index: int) -> tuple[int, Part]:
    """Render one batch in a worker; return what it wrote and found."""
    work = _WORKER[0]
    run = work.run
    part = Part()
    run.out.current, run.out.counts = part.files, part.counts
    run.static_links, run.skipped = part.static_links, part.skipped
    run.tables = None
    run.pages(work.batches[index])
    return index, part


def _merge(run: SiteRun, part: Part) -> None:
    """Add a batch's part to the run."""
    run.out.current.update(part.files)
    run.out.counts.written += part.counts.written
    run.out.counts.unchanged += part.counts.unchanged
    run.static_links |= part.static_links
    run.skipped += part.skipped


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Collect the youngest objects every :data:`YOUNG_OBJECTS` made for the block, as the
    workers do, and the middle-aged every :data:`RUN_MIDDLE_AGED` of those collections, then
    as before: the run's own process makes the data package's rows and the next group's reads
    meanwhile, most of them let go (or kept) before a collection would look at them.

    The thresholds are the whole process's: the ``shisaku publish`` command sets them around
    its run, never :func:`~shisaku.publishing.site.publish` itself, which a live server's
    threads also call (two overlapping blocks would leave the other's thresholds behind)."""
    before = gc.get_threshold()
    gc.set_threshold(YOUNG_OBJECTS, RUN_MIDDLE_AGED, before[2])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _start_worker(parent: int, work: Worker) -> None:
    """Make a worker end with the run's process, collect its cyclic garbage less often (in
    under half the time it took), let go of every connection it inherited and refuse database
    queries (unless its pages read the database), and give it the run and the batches it
    renders."""
    _die_with(parent)
    gc.set_threshold(YOUNG_OBJECTS, *_OLDER)
    _let_go_of_inherited_connections()
    if not work.reading:
        _refuse_queries()
    _WORKER[:] = [work]


def _let_go_of_inherited_connections() -> None:
    """Leave this worker no way to use a connection of the run's process, of any thread.

    The database connections of the thread that forked are set aside, unclosed (closing one
    would end the run's session on the server), so a query here opens a connection of the
    worker's own.  Every inherited socket but the standard streams (the run's connections,
    another thread's among them, whose objects this worker may still reach through something
    it holds) is replaced by ``/dev/null``: a stale connection then fails at its first use
    ("not a socket") instead of reading another process's answers, and no connection the
    worker opens can take the number of an inherited one.  The worker's own channels to the
    run are pipes, not sockets."""
    for inherited in connections.all(initialized_only=True):
        _SET_ASIDE.append(inherited)  # never used, never closed, never freed
        connections[inherited.alias] = connections.create_connection(inherited.alias)
    null = os.open(os.devnull, os.O_RDWR)
    try:
        for fd in inherited_sockets():
            os.dup2(null, fd)
    finally:
        os.close(null)


def inherited_sockets() -> list[int]:
    """Return this process's open sockets, but the standard streams (0, 1 and 2)."""
    folder = "/proc/self/fd" if os.path.isdir("/proc/self/fd") else "/dev/fd"
    found = []
    for name in os.listdir(folder):
        fd = int(name)
        try:
            mode = os.fstat(fd).st_mode
        except OSError:  # the listing's own descriptor, closed once listed
            continue
        if fd > 2 and stat.S_ISSOCK(mode):
            found.append(fd)
    return found


def _die_with(parent: int) -> None:
    """End this worker as soon as the run's process ends, even killed: a worker left alone
    would go on writing files that no manifest will record."""
    if sys.platform == "linux":
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    else:
        threading.Thread(target=_watch, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # it ended before the line above
        os._exit(1)


def _watch(parent: int) -> None:
    """End this worker once its parent has ended (where the kernel cannot be asked to)."""
    while os.getppid() == parent:
        time.sleep(0.05)
    os._exit(1)


def _refuse_queries() -> None:
    """Make every database query of this worker fail: it would use the run's connection."""
    for connection in connections.all():
        connection.execute_wrappers.append(_refuse)


def _refuse(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
    """Refuse a query (an execute wrapper)."""
    raise WorkerQueried(f"a publishing worker may not query the database (preload it): {sql}")
