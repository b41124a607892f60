"""A live site for the concurrency tests: gunicorn as in production, on this run's database.

The database is a new SQLite file, or — when the suite runs on PostgreSQL — a new database
whose name is unique to this run (other runs may share the server), dropped at the end.
Requests go over loopback with :mod:`http.client`, so redirects are seen, not followed.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg

BIN = Path(sys.executable).parent
FIXTURE = Path(__file__).parent / "fixtures" / "plandocs" / "variant_fullwidth.txt"
TOWN, PLAN = "999997", "2024-2028"
PASSWORD = "correct horse battery staple 42"
Completed = subprocess.CompletedProcess[str]


@dataclass
class Response:
    """What the server answered."""

    status: int
    cookies: dict[str, str]
    text: str


@dataclass
class Site:
    """A running server and the command-line environment of its database."""

    env: dict[str, str]
    port: int
    token: str = ""

    def request(
        self, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None
    ) -> Response:
        """Send one request on a new connection and return the answer (no redirect followed)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            conn.request(method, path, body=body or None, headers=headers or {})
            answer = conn.getresponse()
            text = answer.read().decode("utf-8", "replace")
            cookies = dict(
                re.match(r"([^=]+)=([^;]*)", value).groups()  # type: ignore[union-attr]
                for key, value in answer.getheaders()
                if key.lower() == "set-cookie"
            )
            return Response(answer.status, cookies, text)
        finally:
            conn.close()

    def api(self, method: str, path: str, payload: Any = None, **headers: str) -> Response:
        """Call the JSON API with the site's token."""
        body = json.dumps(payload).encode() if payload is not None else b""
        head = {"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"}
        return self.request(method, path, body, head | headers)

    def csrf(self) -> str:
        """Return a CSRF token (and cookie value) from the sign-in page."""
        return self.request("GET", "/en/staff/login/").cookies["csrftoken"]

    def login(self, username: str, password: str, csrf: str) -> Response:
        """Post the sign-in form once."""
        form = {"username": username, "password": password, "csrfmiddlewaretoken": csrf}
        return self.form("/en/staff/login/", form, {"csrftoken": csrf})

    def form(self, path: str, fields: dict[str, str], cookies: dict[str, str]) -> Response:
        """Post a form with the given cookies."""
        head = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
        }
        return self.request("POST", path, urllib.parse.urlencode(fields).encode(), head)

    def session(self, username: str, password: str = PASSWORD) -> dict[str, str]:
        """Sign in and return the cookies of the session (with the rotated CSRF token)."""
        csrf = self.csrf()
        answer = self.login(username, password, csrf)
        assert answer.status == 302, answer.text[:500]
        return {"csrftoken": answer.cookies.get("csrftoken", csrf), **answer.cookies}


def shisaku(env: dict[str, str], *args: str, stdin: str = "") -> str:
    """Run a ``shisaku`` command and return its output; fail the test when it fails."""
    done = run_shisaku(env, *args, stdin=stdin)
    assert done.returncode == 0, done.stderr
    return done.stdout


def run_shisaku(
    env: dict[str, str], *args: str, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    """Run a ``shisaku`` command and return how it ended."""
    return subprocess.run(
        [str(BIN / "shisaku"), *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )


def parallel(count: int, work: Callable[[int], Any], *, stagger: float = 0.0) -> list[Any]:
    """Run ``work(0) … work(count-1)`` in threads released together; return their results.

    With ``stagger``, the last one is released that many seconds after the others.
    """
    results: list[Any] = [None] * count
    barrier = threading.Barrier(count)

    def run(i: int) -> None:
        barrier.wait()
        if stagger and i == count - 1:
            time.sleep(stagger)
        results[i] = work(i)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def _postgres_admin() -> str | None:
    """Return the URL of the server's maintenance database when this run uses PostgreSQL."""
    url = os.environ.get("DATABASE_URL", "")
    return url.rsplit("/", 1)[0] + "/postgres" if url.startswith("postgres") else None


def environment(home: Path) -> tuple[dict[str, str], str | None]:
    """Return a production-like environment on a new database, and that database's name."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= {
        "SHISAKU_HOME": str(home),
        "SHISAKU_DEBUG": "0",
        "SHISAKU_HTTPS": "0",
        "SHISAKU_SECRET_KEY": secrets.token_urlsafe(40),
        "SHISAKU_ALLOWED_HOSTS": "127.0.0.1",
    }
    admin = _postgres_admin()
    if admin is None:
        return env, None
    name = f"shisaku_test_concurrency_{os.getpid()}_{secrets.token_hex(3)}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    env["DATABASE_URL"] = admin.rsplit("/", 1)[0] + "/" + name
    return env, name


def drop_database(name: str | None) -> None:
    """Drop this run's PostgreSQL database (ending any connection still open to it)."""
    admin = _postgres_admin()
    if name and admin:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def prepare(env: dict[str, str], home: Path) -> str:
    """Create 試験市 (fictional) with indicator K1 (actual 100件) and a planning user; return
    the user's API token."""
    done = import_plan(env, TOWN, PLAN)
    assert done.returncode == 0, done.stderr
    (home / "d.csv").write_text(
        f"municipality_code,plan,indicator_code,name,direction\n{TOWN},{PLAN},K1,試験指標,increase\n",
        encoding="utf-8",
    )
    (home / "f.csv").write_text(
        "municipality_code,plan,indicator_code,kind,period,value,note\n"
        f"{TOWN},{PLAN},K1,actual,2025年度,100件,\n",
        encoding="utf-8",
    )
    shisaku(env, "import-indicators", str(home / "d.csv"), str(home / "f.csv"))
    add_user(env, "kikaku", "planning")
    return shisaku(env, "createtoken", "kikaku", "--name", "test").strip()


def import_plan(env: dict[str, str], town: str, period: str) -> Completed:
    """Import the fixture plan as 試験計画 of ``town`` for ``period``."""
    args = ["import-plan", str(FIXTURE), "--municipality", town, "--name", "試験市"]
    return run_shisaku(env, *args, "--title", "試験計画", "--period", period)


def add_user(env: dict[str, str], name: str, role: str) -> None:
    """Create a user of 試験市 with the test password."""
    args = ["createuser", name, "--municipality", TOWN, "--role", role, "--password-stdin"]
    shisaku(env, *args, stdin=PASSWORD + "\n")


def _free_port() -> int:
    """Return a port nobody listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(env: dict[str, str], home: Path, workers: int = 3, threads: int = 4) -> Iterator[int]:
    """Run gunicorn on the environment's database; yield its port."""
    port = _free_port()
    command = [str(BIN / "gunicorn"), "shisaku.wsgi", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", str(workers), "--threads", str(threads)]
    with (home / "gunicorn.log").open("w") as log:
        server = subprocess.Popen(command, env=env, stdout=log, stderr=log)
        try:
            _wait_for(port, home)
            yield port
        finally:
            server.terminate()
            server.wait(timeout=30)


def _wait_for(port: int, home: Path) -> None:
    """Wait until the server accepts connections."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError((home / "gunicorn.log").read_text())


def log_position(home: Path) -> int:
    """Return how much the server has logged so far."""
    return (home / "gunicorn.log").stat().st_size


def server_errors(home: Path, since: int = 0) -> list[str]:
    """Return the tracebacks and errors the server logged after ``since``."""
    with (home / "gunicorn.log").open("rb") as log:
        log.seek(since)
        text = log.read().decode(errors="replace")
    return [line for line in text.splitlines() if "Traceback" in line or "Error" in line]
