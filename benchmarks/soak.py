"""Soak test: hold a fixed request rate for minutes; report errors and the servers' memory.

Rerun:  .venv/bin/python benchmarks/soak.py [--minutes 3] [--rate 40] [--database sqlite|postgres]
        .venv/bin/python benchmarks/soak.py --mixed [--minutes 2] [--clients 64] [--workers 4]

Starts the site as in production (gunicorn on 127.0.0.1, see http_load.py), then sends
``--rate`` requests a second, spread over the home, measure, indicator, dashboard and API
pages, for ``--minutes``. Every 10 s it samples the resident memory of the gunicorn
processes. It prints the error count, the latency percentiles and the memory samples, and
ends by itself; it only talks to loopback.

``--mixed`` (see :mod:`soak_mixed`) is a closed-loop read/write load instead: ``--clients``
clients each send a request as soon as the last one is answered; a quarter are corrections of
the same few figures through the API, so writes collide all the time. It reports every status:
a server error (5xx) or a conflict answered other than 409 is a failure.
"""

from __future__ import annotations

import argparse
import http.client
import statistics
import subprocess
import threading
import time
from pathlib import Path

from http_load import _environment, _free_port, _fresh_postgres, _start  # type: ignore[import-not-found]

BIN = Path(__file__).resolve().parent.parent / ".venv" / "bin"
PATHS = [
    "/ja/",
    "/ja/022012/2019-2023/2-1-1/",
    "/ja/292125/2015-2019/indicators/1/",
    "/ja/292125/2015-2019/dashboard/",
    "/api/v1/municipalities/292125/plans/2015-2019/assessments",
    "/en/022012/2019-2023/2-2/",
]


def rss_mib(root: int) -> float:
    """Return the resident memory of a process and its children, in MiB (from /proc)."""
    pids = [root] + [
        int(p)
        for p in subprocess.run(
            ["pgrep", "-P", str(root)], capture_output=True, text=True, check=False
        ).stdout.split()
    ]
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def _sender(
    port: int, rate: float, until: float, index: int, workers: int, out: dict[str, list[float]]
) -> None:
    """Send this worker's share of the requests on schedule over one keep-alive connection."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    interval = workers / rate
    next_at = time.monotonic() + index / rate
    n = index
    while next_at < until:
        time.sleep(max(0.0, next_at - time.monotonic()))
        start = time.perf_counter()
        try:
            conn.request("GET", PATHS[n % len(PATHS)])
            response = conn.getresponse()
            response.read()
            ok = response.status == 200
        except (OSError, http.client.HTTPException):
            ok = False
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        out["latency" if ok else "errors"].append(time.perf_counter() - start)
        next_at += interval
        n += workers


def main() -> None:
    """Run the soak and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=3.0)
    parser.add_argument("--rate", type=float, default=40.0)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--mixed", action="store_true", help="closed-loop reads and writes")
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    if args.mixed:
        from soak_mixed import run_mixed  # type: ignore[import-not-found]

        raise SystemExit(run_mixed(args.minutes, args.clients, args.workers, args.database))
    env = _environment(_fresh_postgres() if args.database == "postgres" else None)
    subprocess.run([str(BIN / "shisaku"), "demo"], env=env, check=True, capture_output=True)
    port = _free_port()
    server = _start(env, port)
    out: dict[str, list[float]] = {"latency": [], "errors": []}
    until = time.monotonic() + args.minutes * 60
    workers = 8
    threads = [
        threading.Thread(target=_sender, args=(port, args.rate, until, i, workers, out))
        for i in range(workers)
    ]
    for t in threads:
        t.start()
    samples = []
    while any(t.is_alive() for t in threads):
        samples.append(round(rss_mib(server.pid), 1))
        time.sleep(10)
    server.terminate()
    server.wait(timeout=20)
    done = sorted(out["latency"])
    errors = len(out["errors"])
    held = len(done) / (args.minutes * 60)
    print(f"database {args.database}, {args.minutes} min at {args.rate}/s")
    print(f"requests: {len(done)} ok, {errors} errors; rate held: {held:.1f} req/s")
    p50, p99 = statistics.median(done) * 1000, done[int(len(done) * 0.99)] * 1000
    print(f"latency p50 {p50:.1f} ms, p99 {p99:.1f} ms")
    print(f"gunicorn RSS (MiB, every 10 s): {samples}")
    print(f"memory first → last sample: {samples[0]} → {samples[-1]} MiB")
    rerun = f"--minutes {args.minutes} --rate {args.rate} --database {args.database}"
    print(f"rerun: .venv/bin/python benchmarks/soak.py {rerun}")


if __name__ == "__main__":
    main()
