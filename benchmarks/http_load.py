"""Benchmark: requests per second and latency of the live site, beside nginx serving its copy.

Rerun:  .venv/bin/python benchmarks/http_load.py [--seconds 5] [--database sqlite|postgres|both]
        [--indicators 300] [--no-static] [--client wrk|python] [--writes 3]
        [--pages home,measure-N] [--no-writes]

For each database it loads the demo data into a new database and, with ``--indicators N``, a
published plan of N indicators built as ``benchmarks/publish.py`` builds it (132 figures each:
10 years of actuals for the whole area and 12 districts); publishes the same data with
``shisaku publish`` and starts nginx on that folder (unless ``--no-static``); starts gunicorn
(production settings: SHISAKU_DEBUG=0, one worker per core, 4 threads) on 127.0.0.1.  Then for
each page and for concurrency 1 and 32 it sends requests over keep-alive connections for
``--seconds`` to gunicorn and to nginx, and prints requests per second, p50 and p99 latency, the
errors and the ratio of the live site's requests per second to nginx's.  Each page is asked a
few times before it is measured (each process builds its plan view on its first request).
Last, for the measure and indicator pages of the N-indicator plan, it records a new actual
through the service (``--writes`` times per page, each a new value) and times the first
request after it, which rebuilds that plan's view.  The load comes from ``wrk`` when it is
installed (Debian package ``wrk``), else from Python threads (slower: they share the cores).
``--pages`` measures only the pages named (as in the table, N for the number of indicators), and
``--no-writes`` leaves out the times after a write.  It only talks to loopback and stops by
itself.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
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
BIG = "/ja/999997/2015-2024/"  # the N-indicator plan of benchmarks/publish.py
BIG_PAGES = {
    "plan-N": BIG,
    "measure-N": BIG + "1-1-1/",
    "indicator-N": BIG + "indicators/0001/",
    "indicators-N": BIG + "indicators/",
    "indic.json-N": BIG + "indicators/0001/index.json",
}
POSTGRES_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
SETUP = "import django; django.setup(); from benchmarks.publish import load; load({n})"
WRITE = """import django, sys; django.setup()
from shisaku.domain.actors import Actor
from shisaku.domain.indicatordata import FigureInput, IndicatorBatch
from shisaku.domain.periods import read_period
from shisaku.domain.values import read_value
from shisaku.indicators.services import apply_batch
period, value = read_period("2024年度"), read_value(sys.argv[1])
f = FigureInput("999997", "2015-2024", "0001", "actual", period, value)
apply_batch(actor=Actor.operator("bench"), batch=IndicatorBatch(figures=[f]))
"""


@dataclass
class Result:
    """What one load run measured."""

    requests: int
    errors: int
    seconds: float
    latencies: list[float]
    p50: float = 0.0  # ms, when the client measured them itself (wrk)
    p99: float = 0.0

    @property
    def rps(self) -> float:
        """Return the requests per second."""
        return self.requests / self.seconds

    def percentiles(self) -> tuple[float, float]:
        """Return p50 and p99 in milliseconds."""
        if not self.latencies:
            return self.p50, self.p99
        ordered = sorted(self.latencies)
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
        return statistics.median(ordered) * 1000, p99 * 1000


def row(name: str, concurrency: int, live: Result, static: Result | None) -> str:
    """Return one table row: the live site, nginx and their ratio."""
    p50, p99 = live.percentiles()
    out = f"{name:<13} {concurrency:>4} {live.rps:>9.1f} {p50:>8.1f} {p99:>8.1f} {live.errors:>6}"
    if static is None:
        return out + f" {'—':>9} {'—':>8} {'—':>8} {'—':>7}"
    s50, s99 = static.percentiles()
    ratio = f"1:{static.rps / live.rps:.0f}" if live.rps else "—"
    return out + f" {static.rps:>9.1f} {s50:>8.2f} {s99:>8.2f} {ratio:>7}"


HEADER = (
    f"{'page':<13} {'conc':>4} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>6}"
    f" {'nginx r/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'ratio':>7}"
)


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


def load_python(port: int, path: str, concurrency: int, seconds: float) -> Result:
    """Run ``concurrency`` Python clients against ``path`` for ``seconds``."""
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


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _ms(text: str) -> float:
    """Return wrk's latency (``1.23ms``, ``870.00us``, ``1.02s``) in milliseconds."""
    found = re.fullmatch(r"([\d.]+)(us|ms|s)", text)
    return float(found[1]) * UNITS[found[2]] if found else float("nan")


def load_wrk(port: int, path: str, concurrency: int, seconds: float) -> Result:
    """Run wrk with ``concurrency`` connections against ``path`` for ``seconds``."""
    threads = str(min(2, concurrency))
    command = ["wrk", "-t", threads, "-c", str(concurrency), "-d", f"{seconds:g}s", "--latency"]
    out = subprocess.run(
        [*command, f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True
    ).stdout
    found = re.search(r"(\d+) requests in ([\d.]+)(us|ms|s|m)\b", out)
    if found is None:
        raise SystemExit(f"wrk gave no figures for {path}:\n{out}")
    took = float(found[2]) * {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}[found[3]]
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
    errors += sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    return Result(
        int(found[1]), errors, took or seconds, [], _percentile(out, 50), _percentile(out, 99)
    )


def _percentile(out: str, percent: int) -> float:
    """Return a percentile of wrk's latency distribution in ms (nan when wrk printed none)."""
    found = re.search(rf"^\s+{percent}%\s+(\S+)\s*$", out, re.M)
    return _ms(found[1]) if found else float("nan")


def _environment(database_url: str | None) -> dict[str, str]:
    """Return the production-like environment of the server."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= {
        "SHISAKU_HOME": tempfile.mkdtemp(prefix="shisaku-http-"),
        "SHISAKU_DEBUG": "0",
        "SHISAKU_SECRET_KEY": "benchmark-only-" + os.urandom(16).hex(),
        "SHISAKU_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SHISAKU_HTTPS": "0",  # plain HTTP on loopback; production runs behind HTTPS
        "DJANGO_SETTINGS_MODULE": "shisaku.settings",
        "PYTHONPATH": str(ROOT),
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


def _wait(port: int, server: subprocess.Popen[bytes], name: str) -> None:
    """Wait until ``port`` answers, or stop ``server`` and give up."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit(f"{name} did not start")


def _start(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    """Start gunicorn and wait until it answers."""
    workers = str(os.cpu_count() or 2)
    server = subprocess.Popen(
        [
            *(str(BIN / "gunicorn"), "shisaku.wsgi", "--bind", f"127.0.0.1:{port}"),
            *("--workers", workers, "--threads", "4", "--log-level", "warning"),
        ],
        env=env,
        cwd=ROOT,
    )
    _wait(port, server, "gunicorn")
    return server


NGINX = """daemon off; user root; worker_processes {workers}; pid {home}/nginx.pid;
error_log {home}/nginx-error.log; events {{ worker_connections 1024; }}
http {{ include /etc/nginx/mime.types;
  access_log off; sendfile on; tcp_nopush on; keepalive_requests 1000000;
  client_body_temp_path {home}/tmp; proxy_temp_path {home}/tmp; fastcgi_temp_path {home}/tmp;
  server {{ listen 127.0.0.1:{port}; root {site}; index index.html; error_page 404 /404.html; }}
}}
"""


def _nginx(env: dict[str, str], port: int) -> subprocess.Popen[bytes] | None:
    """Publish the data and serve the folder with nginx; None when nginx is missing."""
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else "")
    if not nginx:
        print("nginx not found: static figures left out (apt-get install nginx-light)")
        return None
    home = Path(env["SHISAKU_HOME"])
    site = home / "site"
    subprocess.run([str(BIN / "shisaku"), "publish", str(site)], env=env, check=True)
    (home / "tmp").mkdir(exist_ok=True)
    conf = home / "nginx.conf"
    text = NGINX.format(workers=os.cpu_count() or 2, home=home, port=port, site=site)
    conf.write_text(text, encoding="utf-8")
    server = subprocess.Popen([nginx, "-c", str(conf), "-e", str(home / "nginx-error.log")])
    _wait(port, server, "nginx")
    return server


def _get_ms(port: int, path: str) -> float:
    """Return the milliseconds of one request on a new connection (200 expected)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    start = time.perf_counter()
    conn.request("GET", path)
    response = conn.getresponse()
    response.read()
    took = (time.perf_counter() - start) * 1000
    conn.close()
    if response.status != 200:
        raise SystemExit(f"{path}: {response.status}")
    return took


def warm_up(port: int, path: str) -> None:
    """Ask for a page until every worker has answered it at least once (not counted)."""
    for _ in range(4):
        _get_ms(port, path)
    load_python(port, path, 4, 0.5)


def after_writes(env: dict[str, str], port: int, writes: int) -> None:
    """Print the first request's time after each new actual, for the measure and indicator."""
    print("\nfirst request after a write (a new actual of indicator 0001), ms:")
    for name in ("measure-N", "indicator-N"):
        path, times = BIG_PAGES[name], []
        for n in range(writes):
            value = f"{140 + n}.{time.time_ns() % 1000:03d}"
            subprocess.run([sys.executable, "-c", WRITE, value], env=env, cwd=ROOT, check=True)
            times.append(_get_ms(port, path))
        again = statistics.median(_get_ms(port, path) for _ in range(5))
        shown = " ".join(f"{t:.0f}" for t in times)
        print(f"  {name:<13} first: {shown}   (then, on a new connection: {again:.1f})")


def run(database: str, args: argparse.Namespace) -> None:
    """Measure every page at concurrency 1 and 32 on one database."""
    env = _environment(_fresh_postgres() if database == "postgres" else None)
    subprocess.run([str(BIN / "shisaku"), "demo"], env=env, check=True, capture_output=True)
    pages = dict(PAGES)
    if args.indicators:
        setup = SETUP.format(n=args.indicators)
        subprocess.run([sys.executable, "-c", setup], env=env, cwd=ROOT, check=True)
        pages |= {k.replace("N", str(args.indicators)): v for k, v in BIG_PAGES.items()}
    if args.pages:
        chosen = {name.replace("N", str(args.indicators)) for name in args.pages.split(",")}
        pages = {k: v for k, v in pages.items() if k in chosen}
    load = load_wrk if args.client == "wrk" else load_python
    static_port, port = _free_port(), _free_port()
    nginx = None if args.no_static else _nginx(env, static_port)
    server = _start(env, port)
    try:
        print(f"\n{database} ({args.client}):\n{HEADER}")
        for name, path in pages.items():
            warm_up(port, path)
            for concurrency in (1, 32):
                live = load(port, path, concurrency, args.seconds)
                static = None
                if nginx is not None and not path.startswith("/api/"):
                    static = load(static_port, path, concurrency, args.seconds)
                print(row(name, concurrency, live, static), flush=True)
        if args.indicators and not args.no_writes:
            after_writes(env, port, args.writes)
    finally:
        for proc in (server, nginx):
            if proc is not None:
                proc.terminate()
                proc.wait(timeout=20)


def main() -> None:
    """Parse options and run."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--indicators", type=int, default=300, help="0: the demo data only")
    parser.add_argument("--no-static", action="store_true", help="leave nginx out")
    default = "wrk" if shutil.which("wrk") else "python"
    parser.add_argument("--client", choices=["wrk", "python"], default=default)
    parser.add_argument("--writes", type=int, default=3)
    parser.add_argument("--pages", default="", help="comma-separated page names (default: all)")
    parser.add_argument("--no-writes", action="store_true", help="leave out the after-write times")
    args = parser.parse_args()
    for database in ("sqlite", "postgres") if args.database == "both" else (args.database,):
        run(database, args)
    print(
        f"\nrerun: .venv/bin/python benchmarks/http_load.py --seconds {args.seconds:g} "
        f"--database {args.database} --indicators {args.indicators}"
    )


if __name__ == "__main__":
    main()
