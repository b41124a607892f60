"""Publishing workers use no connection of the run's process: each worker sets aside the
database connections it inherited, unclosed, and every socket it inherited becomes
``/dev/null``, so an inherited connection fails at its first use instead of sharing a socket
with the run (where two processes would read each other's answers).

The run here is a stand-in for :class:`shisaku.publishing.run.SiteRun` whose "pages" report,
as the files they write, what each worker saw: its process, the database session it queried
(``pg_backend_pid()``) and what happened when it used a connection of the run.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import stat
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import psycopg
import pytest
from django.db import connection, connections

from shisaku.publishing.output import Counts
from shisaku.publishing.workers import inherited_sockets, render_pages

PAGES = [f"page-{n}" for n in range(6)]  # one page a batch: every worker gets some


@dataclass
class Out:
    """The part of the run's output a worker fills: the files it wrote, by path."""

    current: dict[str, str] = field(default_factory=dict)
    counts: Counts = field(default_factory=Counts)


@dataclass
class Run:
    """A stand-in run: each page's "file" says what its worker saw (``look`` says it)."""

    look: Any
    languages: tuple[str, ...] = ("ja",)
    out: Out = field(default_factory=Out)
    static_links: set[str] = field(default_factory=set)
    skipped: list[str] = field(default_factory=list)
    tables: Any = None

    def pages(self, pages: list[str]) -> None:
        for page in pages:
            self.out.current[page] = json.dumps({"process": os.getpid(), **self.look()})


def rendered(look: Any, *, reading: bool) -> list[dict[str, Any]]:
    """Render :data:`PAGES` in two workers; return what each page's worker saw."""
    run = Run(look)
    render_pages(run, PAGES, 2, None, reading=reading, size=1)  # type: ignore[arg-type]
    assert sorted(run.out.current) == PAGES
    seen = [json.loads(run.out.current[page]) for page in PAGES]
    assert os.getpid() not in {s["process"] for s in seen}, "the workers rendered the pages"
    return seen


def backend(raw: Any) -> int:
    """Return the server process of a psycopg connection's session (it queries)."""
    return raw.execute("select pg_backend_pid()").fetchone()[0]


def tried(raw: Any) -> str:
    """Query through ``raw`` (a connection of the run); say what happened."""
    try:
        return f"answered {backend(raw)}"
    except psycopg.OperationalError as error:
        return f"failed: {error}"


@pytest.fixture
def socket_of_the_run() -> Iterator[socket.socket]:
    """An open socket of the run's process (one end of a pair, the other kept to read)."""
    mine, other = socket.socketpair()
    yield mine
    mine.close()
    other.close()


def test_no_worker_can_use_a_socket_of_the_run(socket_of_the_run):
    def look() -> dict[str, Any]:
        fd = socket_of_the_run.fileno()
        try:
            socket_of_the_run.send(b"x")
            sent = "sent"
        except OSError as error:
            sent = error.strerror
        return {"socket": stat.S_ISSOCK(os.fstat(fd).st_mode), "send": sent}

    for reading in (False, True):
        for seen in rendered(look, reading=reading):
            assert seen["socket"] is False and seen["send"] == "Socket operation on non-socket"
    assert socket_of_the_run.fileno() in inherited_sockets()  # the run's own is untouched
    socket_of_the_run.send(b"y")


@pytest.fixture
def other_thread_session(transactional_db) -> Iterator[tuple[int, Any]]:
    """A connection of another thread of the run, open while the workers are forked: its
    session's server process and its psycopg connection."""
    opened, done, found = threading.Event(), threading.Event(), []

    def hold() -> None:
        try:
            mine = connections["default"]  # this thread's
            mine.ensure_connection()
            found.append(mine.connection)
            opened.set()
            done.wait(60)
        finally:
            connections.close_all()

    thread = threading.Thread(target=hold, name="holding a connection")
    thread.start()
    assert opened.wait(30)
    raw = found[0]
    yield backend(raw), raw
    done.set()
    thread.join(30)


postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="pg_backend_pid() is PostgreSQL's"
)


def sessions(*of_the_run: Any) -> Any:
    """Return what a worker looks at: the session it queries on, and what happens when it
    queries through each connection of the run (psycopg connections) it can still reach."""

    def look() -> dict[str, Any]:
        if any(connection.connection is raw for raw in of_the_run):  # Django hands it the run's
            return {"own": None, "run": []}
        with connection.cursor() as cursor:
            cursor.execute("select pg_backend_pid()")
            own = cursor.fetchone()[0]
        return {"own": own, "run": [tried(raw) for raw in of_the_run]}

    return look


def on_sessions_of_their_own(seen: list[dict[str, Any]], *of_the_run: int) -> bool:
    """Tell whether every worker queried on a session of its own, and every connection of the
    run it tried failed as not a socket (instead of answering)."""
    return all(
        s["own"] is not None
        and s["own"] not in of_the_run
        and len(s["run"]) == len(of_the_run)
        and all(r.startswith("failed:") and "non-socket" in r for r in s["run"])
        for s in seen
    )


@postgresql
@pytest.mark.django_db(transaction=True)
def test_a_reading_worker_queries_on_a_session_of_its_own(other_thread_session):
    thread_pid, thread_raw = other_thread_session
    connection.ensure_connection()  # the run's own connection, open when it forks
    main_raw = connection.connection
    main_pid = backend(main_raw)

    seen = rendered(sessions(main_raw, thread_raw), reading=True)
    assert on_sessions_of_their_own(seen, main_pid, thread_pid), seen
    assert connection.connection is main_raw and backend(main_raw) == main_pid
    assert backend(thread_raw) == thread_pid  # (from this thread: a psycopg object allows it)


@postgresql
@pytest.mark.django_db(transaction=True)
def test_a_connection_a_running_event_loop_hid_is_not_used_by_a_worker(monkeypatch):
    """The case of the full test run (Playwright's browser tests leave an event loop running in
    the main thread): Django keeps a thread's connections apart while a loop runs in it, so the
    run closed the loop's and forked with the one of before still open; the workers, where no
    loop runs, were handed that one, all of them on one socket.  Played in a thread of its own,
    where no loop runs yet (whatever the main thread runs)."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's tests set it too
    found: dict[str, Any] = {}

    def play() -> None:
        try:
            connection.ensure_connection()
            hidden = connection.connection
            found["hidden"] = backend(hidden)

            async def in_a_running_loop() -> list[dict[str, Any]]:
                assert connection.connection is not hidden  # the loop's own connections
                return rendered(sessions(hidden), reading=True)

            found["seen"] = asyncio.run(in_a_running_loop())
            found["after"] = backend(hidden)
        except BaseException as error:  # raised again in the test's thread
            found["error"] = error
        finally:
            connections.close_all()

    thread = threading.Thread(target=play, name="a run with an event loop")
    thread.start()
    thread.join(300)
    if "error" in found:
        raise found["error"]
    assert on_sessions_of_their_own(found["seen"], found["hidden"]), found["seen"]
    assert found["after"] == found["hidden"]  # the run's connection still answers
