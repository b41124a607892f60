"""Benchmark: the live prefecture and comparison pages with many municipalities.

Rerun:  .venv/bin/python benchmarks/compare_pages.py [--municipalities 100 500 1741]
        [--repeat 5] [--years 10] [--database-url URL]

For each count it loads that many synthetic municipalities with the national generator
(:mod:`benchmarks.national`: 60 indicators a plan, the first ones carrying the common codes,
prefectures 01–47 in turn, so prefecture 13 holds about one in 47 of them), then requests
each page through Django's test client, as the live site serves it (SHISAKU_DEBUG=0):

- ``first``: the first request after the load (a fresh process would see the same);
- ``again``: the median of ``--repeat`` further requests, nothing changed in between;
- ``queries``: the SQL queries of one repeated request;
- ``write``: the request right after a new actual was entered through the services
  (in a municipality of prefecture 13), which every page must show at once.

It prints one row per page and count; milliseconds by the clock (the database's time
included; on a shared machine, compare runs made side by side).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.national import FIRST_YEAR, Cells, load, municipality_code  # noqa: E402
from benchmarks.publish import fresh_database, setup_django  # noqa: E402

CODE = "total-fertility-rate"  # indicator 01-2 of every synthetic plan
INDICATOR = "01-2"
PAGES = {
    "prefectures": "/ja/prefectures/",
    "prefecture 13": "/ja/prefectures/13/",
    "prefecture 13 .json": "/ja/prefectures/13/index.json",
    "compare in 13": f"/ja/prefectures/13/compare/{CODE}/",
    "compare national": f"/ja/compare/{CODE}/",
    "compare national .csv": f"/ja/compare/{CODE}/index.csv",
}
HEADER = f"{'N':>5} {'page':<22} {'first ms':>9} {'again ms':>9} {'queries':>7} {'write ms':>9}"


def production_settings() -> None:
    """Serve as production does (no debug), with the test client's host allowed."""
    os.environ["SHISAKU_DEBUG"] = "0"
    os.environ["SHISAKU_HTTPS"] = "0"
    os.environ["SHISAKU_SECRET_KEY"] = "benchmark-only"
    os.environ["SHISAKU_ALLOWED_HOSTS"] = "testserver"


def timed_get(client: Any, url: str) -> tuple[float, int]:
    """Request ``url``; return (milliseconds, queries), failing on anything but 200."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(url)
        ms = 1000 * (time.perf_counter() - started)
    assert response.status_code == 200, (url, response.status_code)
    return ms, len(queries)


_written = 0


def write_actual(number: int, years: int) -> None:
    """Enter a correction of the last actual of municipality ``number``'s indicator 01-2."""
    from shisaku.domain.actors import Actor
    from shisaku.domain.indicatordata import IndicatorBatch
    from shisaku.indicators.services import apply_batch

    global _written
    _written += 1
    where = (municipality_code(number), f"{FIRST_YEAR}-{FIRST_YEAR + years - 1}", INDICATOR)
    cell = f"{1.5 + _written / 100:.2f}"
    row = Cells().figure(where, "actual", FIRST_YEAR + years - 1, cell)
    apply_batch(actor=Actor.operator("bench"), batch=IndicatorBatch(figures=[row]))


def measure(count: int, name: str, repeat: int, years: int) -> str:
    """Return one row: first, repeated and after-a-write timings of ``url``."""
    from django.test import Client

    client, url = Client(), PAGES[name]
    first, _ = timed_get(client, url)
    again = [timed_get(client, url) for _ in range(repeat)]
    write_actual(13, years)  # municipality 13 is the first of prefecture 13
    write, _ = timed_get(client, url)
    median = statistics.median(ms for ms, _ in again)
    return f"{count:>5} {name:<22} {first:>9.1f} {median:>9.1f} {again[-1][1]:>7} {write:>9.1f}"


def main() -> None:
    """Load each count of municipalities, then time every page."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--municipalities", type=int, nargs="+", default=[100, 500, 1741])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--database-url", help="default: a new SQLite file in a temp directory")
    args = parser.parse_args()
    production_settings()
    setup_django(args.database_url)
    from django.db import connection
    from django.test import Client

    print(f"database {connection.vendor}")
    print(HEADER)
    for count in args.municipalities:
        fresh_database()
        load(count, args.years, 2026)
        Client().get("/ja/")  # templates compiled, translations read: not this page's cost
        for name in PAGES:
            print(measure(count, name, args.repeat, args.years), flush=True)
    url = f" --database-url {args.database_url}" if args.database_url else ""
    counts = " ".join(map(str, args.municipalities))
    print(
        f"rerun: .venv/bin/python benchmarks/compare_pages.py --municipalities {counts}"
        f" --repeat {args.repeat} --years {args.years}{url}"
    )


if __name__ == "__main__":
    main()
