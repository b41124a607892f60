"""Mixed soak: many clients reading pages and correcting the same few figures at once.

Run through ``benchmarks/soak.py --mixed`` (see there). The demo data is loaded into a new
database (PostgreSQL: a database of its own, dropped at the end), a planning user of 292125
gets an API token, and gunicorn starts with ``--workers`` processes × 4 threads. Each client
loops over one keep-alive connection: three reads (the public pages of soak.py) and one write,
a new value for one of four figures — two writes in three with ``If-Match`` naming the revision
the client last saw, one without. A 409 makes the client read the indicator again. Expected:
no 5xx at all; writes answered 201, 200 or 409 only.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import statistics
import subprocess
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from http_load import POSTGRES_ADMIN, _environment, _free_port  # type: ignore[import-not-found]
from soak import BIN, PATHS  # type: ignore[import-not-found]

TOWN, PLAN = "292125", "2015-2019"
API = f"/api/v1/municipalities/{TOWN}/plans/{PLAN}/indicators"
WRITE_SHARE = 4  # one request in four is a write


@dataclass
class Target:
    """A figure the clients correct, and the revision last seen of it."""

    indicator: str
    period: str  # as typed
    revision: int
    key: str = ""  # as stored (the API's ``period``)


@dataclass
class Tally:
    """What the clients saw."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    statuses: Counter[tuple[str, int]] = field(default_factory=Counter)
    latency: dict[str, list[float]] = field(default_factory=lambda: {"read": [], "write": []})

    def add(self, kind: str, status: int, seconds: float) -> None:
        """Count one answer."""
        with self.lock:
            self.statuses[(kind, status)] += 1
            self.latency[kind].append(seconds)


def _database(kind: str) -> tuple[str | None, str | None]:
    """Create a PostgreSQL database of the run's own; return its URL and name."""
    if kind != "postgres":
        return None, None
    import psycopg

    name = f"shisaku_soak_{os.getpid()}"
    with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return POSTGRES_ADMIN.rsplit("/", 1)[0] + "/" + name, name


def _drop(name: str | None) -> None:
    """Drop the run's PostgreSQL database."""
    if name:
        import psycopg

        with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _shisaku(env: dict[str, str], *args: str, stdin: str = "") -> str:
    """Run a command of the instance and return its output."""
    done = subprocess.run(
        [str(BIN / "shisaku"), *args], env=env, input=stdin, capture_output=True, text=True
    )
    if done.returncode:
        raise SystemExit(done.stderr)
    return done.stdout


def _token(env: dict[str, str]) -> str:
    """Load the demo and return an API token of a planning user of 292125."""
    _shisaku(env, "demo")
    password = "soak password " + os.urandom(8).hex()
    args = ["createuser", "soak", "--municipality", TOWN, "--role", "planning"]
    _shisaku(env, *args, "--password-stdin", stdin=password + "\n")
    return _shisaku(env, "createtoken", "soak", "--name", "soak").strip()


def _call(
    conn: http.client.HTTPConnection, method: str, path: str, body: bytes, headers: dict[str, str]
) -> tuple[int, bytes]:
    """Send one request on a kept-alive connection."""
    conn.request(method, path, body=body or None, headers=headers)
    response = conn.getresponse()
    return response.status, response.read()


def _write(conn: http.client.HTTPConnection, token: str, target: Target, guarded: bool) -> int:
    """Post a new value of the target; return the status (and note the revision it made)."""
    value = f"{random.randint(1, 10**6)}件"
    body = json.dumps({"kind": "actual", "period": target.period, "value": value}).encode()
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    if guarded:
        headers["If-Match"] = f'"{target.revision}"'
    status, answer = _call(conn, "POST", f"{API}/{target.indicator}/figures", body, headers)
    if status in (200, 201):
        recorded = json.loads(answer)
        target.revision, target.key = recorded["revision"], recorded["figure"]["period"]
    return status


def _refresh(conn: http.client.HTTPConnection, target: Target) -> int:
    """Read the target's indicator again after a conflict; note its current revision."""
    status, answer = _call(conn, "GET", f"{API}/{target.indicator}", b"", {})
    if status == 200:
        figures = json.loads(answer)["figures"]
        mine = [f for f in figures if f["kind"] == "actual" and f["breakdown"] == ""]
        target.revision = max((f["revision"] for f in mine if f["period"] == target.key), default=0)
    return status


def _client(
    port: int, token: str, targets: list[Target], until: float, seed: int, tally: Tally
) -> None:
    """Read and write in a closed loop until ``until``."""
    rng = random.Random(seed)
    mine = [Target(t.indicator, t.period, t.revision, t.key) for t in targets]
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    n = seed
    while time.monotonic() < until:
        n += 1
        start = time.perf_counter()
        try:
            if n % WRITE_SHARE:
                kind, status = "read", _call(conn, "GET", PATHS[n % len(PATHS)], b"", {})[0]
            else:
                target = rng.choice(mine)
                kind, status = "write", _write(conn, token, target, rng.random() < 2 / 3)
        except (OSError, http.client.HTTPException):
            kind, status = "read" if n % WRITE_SHARE else "write", 0
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        tally.add(kind, status, time.perf_counter() - start)
        if status == 409:
            start = time.perf_counter()
            tally.add("read", _refresh(conn, target), time.perf_counter() - start)
    conn.close()


def _targets(port: int, token: str) -> list[Target]:
    """Pick four figures the user may correct (their year not locked) and their revisions."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    answer = _call(conn, "GET", f"{API}?limit=50", b"", {})[1]
    codes = [i["code"] for i in json.loads(answer)["items"]]
    found: list[Target] = []
    for code in codes:
        target = Target(code, "2019年度", 0)
        if _write(conn, token, target, guarded=False) in (200, 201):
            found.append(target)
        if len(found) == 4:
            break
    conn.close()
    return found


def _serve(env: dict[str, str], port: int, workers: int, log: Path) -> subprocess.Popen[bytes]:
    """Start gunicorn with ``workers`` processes of 4 threads and wait until it answers."""
    command = [str(BIN / "gunicorn"), "shisaku.wsgi", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", str(workers), "--threads", "4"]
    with log.open("w") as out:
        server = subprocess.Popen(command, env=env, stdout=out, stderr=out)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=1).connect()
            return server
        except OSError:
            time.sleep(0.2)
    raise SystemExit(log.read_text())


def _report(tally: Tally, seconds: float, log: Path, args: str) -> int:
    """Print the figures; return 1 when a server error or an unexpected status was seen."""
    total = sum(tally.statuses.values())
    server = sum(c for (_, s), c in tally.statuses.items() if s >= 500 or s == 0)
    writes = Counter({s: c for (k, s), c in tally.statuses.items() if k == "write"})
    reads = Counter({s: c for (k, s), c in tally.statuses.items() if k == "read"})
    odd = sum(c for s, c in writes.items() if s not in (200, 201, 409))
    odd += sum(c for s, c in reads.items() if s != 200)
    tracebacks = log.read_text(errors="replace").count("Traceback")
    print(f"requests: {total} in {seconds:.0f} s ({total / seconds:.1f} req/s)")
    print(f"reads: {dict(sorted(reads.items()))}; writes: {dict(sorted(writes.items()))}")
    print(f"server errors (5xx or no answer): {server}; other unexpected: {odd - server}")
    print(f"conflicts: {writes[409]}, every one a 409; server tracebacks logged: {tracebacks}")
    for kind, values in tally.latency.items():
        done = sorted(values)
        p50, p99 = statistics.median(done) * 1000, done[int(len(done) * 0.99)] * 1000
        print(f"{kind} latency p50 {p50:.1f} ms, p99 {p99:.1f} ms")
    everything = sorted(v for values in tally.latency.values() for v in values)
    print(f"all: p99 {everything[int(len(everything) * 0.99)] * 1000:.1f} ms")
    print(f"rerun: .venv/bin/python benchmarks/soak.py --mixed {args}")
    return 1 if server or odd or tracebacks else 0


def run_mixed(minutes: float, clients: int, workers: int, database: str) -> int:
    """Run the mixed soak; return the exit status (0: no server error, conflicts all 409)."""
    url, name = _database(database)
    env = _environment(url)
    log = Path(env["SHISAKU_HOME"]) / "gunicorn.log"
    try:
        token = _token(env)
        port = _free_port()
        server = _serve(env, port, workers, log)
        try:
            targets = _targets(port, token)
            print(f"database {database}, {workers} workers × 4 threads, {clients} clients")
            print(f"figures written: {[(t.indicator, t.period) for t in targets]}")
            tally = Tally()
            until = time.monotonic() + minutes * 60
            threads = [
                threading.Thread(target=_client, args=(port, token, targets, until, i, tally))
                for i in range(clients)
            ]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
        finally:
            server.terminate()
            server.wait(timeout=30)
        args = f"--minutes {minutes} --clients {clients} --workers {workers} --database {database}"
        return _report(tally, minutes * 60, log, args)
    finally:
        _drop(name)
