"""Benchmark: requests per second and latency of the site run as in production.

Rerun:  .venv/bin/python benchmarks/http_load.py [--seconds 8] [--database sqlite|postgres|both]

For each database it loads the demo data into a new database, starts gunicorn (production
settings: SHISAKU_DEBUG=0, one worker per core, threads) on 127.0.0.1, then for each page and
for concurrency 1 and 32 sends requests over keep-alive connections for ``--seconds`` and
prints requests per second, p50 and p99 latency and the number of errors. It only talks to
loopback and stops by itself (about pages × 2 × seconds per database).
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PAGES = {
    "home": "/ja/",
    "measure": "/ja/022012/2019-2023/2-1-1/",
    "indicator": "/ja/292125/2015-2019/indicators/1/",
    "api": "/api/v1/municipalities",
}
POSTGRES_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"


@dataclass
class Result:
    """What one load run measured."""

    requests: int
    errors: int
    seconds: float
    latencies: list[float]

    def line(self, name: str, concurrency: int) -> str:
        """Return one table row."""
        ordered = sorted(self.latencies) or [0.0]
        p50 = statistics.median(ordered) * 1000
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000
        rps = self.requests / self.seconds
        return f"{name:<10} {concurrency:>4} {rps:>9.1f} {p50:>8.1f} {p99:>8.1f} {self.errors:>7}"


def _free_port() -> int:
    """Return a free loopback port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _client(port: int, path: str, until: float, out: Result, lock: threading.Lock) -> None:
    """Send requests over one keep-alive connection until ``until``."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    latencies, errors = [], 0
    while time.monotonic() < until:
        start = time.perf_counter()
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            errors += response.status != 200
        except (OSError, http.client.HTTPException):
            errors += 1
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        latencies.append(time.perf_counter() - start)
    conn.close()
    with lock:
        out.requests += len(latencies)
        out.errors += errors
        out.latencies += latencies


def load(port: int, path: str, concurrency: int, seconds: float) -> Result:
    """Run ``concurrency`` clients against ``path`` for ``seconds``."""
    result, lock = Result(0, 0, seconds, []), threading.Lock()
    until = time.monotonic() + seconds
    threads = [
        threading.Thread(target=_client, args=(port, path, until, result, lock))
        for _ in range(concurrency)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return result


def _environment(database_url: str | None) -> dict[str, str]:
    """Return the production-like environment of the server."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= {
        "SHISAKU_HOME": tempfile.mkdtemp(prefix="shisaku-http-"),
        "SHISAKU_DEBUG": "0",
        "SHISAKU_SECRET_KEY": "benchmark-only-" + os.urandom(16).hex(),
        "SHISAKU_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SHISAKU_HTTPS": "0",  # plain HTTP on loopback; production runs behind HTTPS
    }
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def _fresh_postgres() -> str:
    """Create an empty PostgreSQL database for the run and return its URL."""
    import psycopg

    with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS shisaku_http_bench")
        conn.execute("CREATE DATABASE shisaku_http_bench")
    return POSTGRES_ADMIN.rsplit("/", 1)[0] + "/shisaku_http_bench"


def _start(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    """Start gunicorn and wait until it answers."""
    workers = str(os.cpu_count() or 2)
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "shisaku.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            workers,
            "--threads",
            "4",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("gunicorn did not start")


def run(database: str, seconds: float) -> None:
    """Measure every page at concurrency 1 and 32 on one database."""
    env = _environment(_fresh_postgres() if database == "postgres" else None)
    subprocess.run([str(BIN / "shisaku"), "demo"], env=env, check=True, capture_output=True)
    port = _free_port()
    server = _start(env, port)
    try:
        print(f"\n{database}: page        conc   req/s   p50 ms   p99 ms  errors")
        for name, path in PAGES.items():
            for concurrency in (1, 32):
                print(load(port, path, concurrency, seconds).line(name, concurrency), flush=True)
    finally:
        server.terminate()
        server.wait(timeout=20)


def main() -> None:
    """Parse options and run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    args = parser.parse_args()
    for database in ("sqlite", "postgres") if args.database == "both" else (args.database,):
        run(database, args.seconds)
    print("\nrerun: .venv/bin/python benchmarks/http_load.py --seconds", args.seconds)


if __name__ == "__main__":
    main()
