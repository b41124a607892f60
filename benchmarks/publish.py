"""Benchmark: publish a synthetic municipality as a static site, first run and incremental rerun.

Rerun:  .venv/bin/python benchmarks/publish.py [--indicators 300 600] [--jobs N]
        [--database-url URL] [--profile FILE] [--tracemalloc] [--steps]

For each size N a fresh database gets a published plan of N indicators (5 per measure,
3 measures per policy, 4 policies per field) loaded through the bulk service
(``apply_batch``): per indicator a baseline, a final target and 10 years of actuals, each year
for the whole area and for 12 districts (地区1 … 地区12), i.e. 13 × 10 + 2 = 132 figures.
Then ``shisaku publish`` (the same function the command calls, HTML in ja and en, the JSON,
CSV and xlsx twins and the data package) writes into a new directory (first run), and again
into the same directory (incremental run: everything rendered, nothing changed).  The pages
are rendered in ``--jobs`` processes (default: one per core, as the command does).

It prints wall and CPU seconds (the run's process and its workers together), pages and files
written, the peak memory (the resident maximum of the run's process and of its largest
worker, ru_maxrss; with --tracemalloc also Python's own peak in the run's process, which slows
the run), the CPU milliseconds per indicator (flat when the cost grows linearly) and the
speed-up by the clock over Open SDG's data builder (sdg-build 2.3.2), which needs about 42 s
for 300 indicators and 123 s for 600 on this kind of machine for the data files alone, without
HTML.  With --steps it also prints how long each step of a run took, as ``shisaku publish``
logs them at DEBUG (loading the plans; the pages, while the run's own process writes the data
package and exchange files; the comparison and 404 pages and the static files).
"""

from __future__ import annotations

import argparse
import cProfile
import logging
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TOWN = "999997"
SLUG = "2015-2024"
YEARS = range(2015, 2025)
AREAS = [f"地区{i}" for i in range(1, 13)]
PER_MEASURE, MEASURES_PER_POLICY, POLICIES_PER_FIELD = 5, 3, 4
SDG_BUILD_SECONDS = {300: 42.0, 600: 123.0}  # sdg-build 2.3.2, data files only (issue 6)


def setup_django(database_url: str | None) -> None:
    """Point Django at a new home (SQLite file) or at ``database_url``."""
    os.environ["SHISAKU_HOME"] = tempfile.mkdtemp(prefix="shisaku-bench-")
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shisaku.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def fresh_database() -> None:
    """Empty the database (PostgreSQL) or create it (SQLite), then migrate."""
    from django.core.management import call_command

    call_command("flush", verbosity=0, interactive=False) if _has_tables() else None
    call_command("migrate", verbosity=0)


def _has_tables() -> bool:
    """Return whether the database already holds Shisaku's tables."""
    from django.db import connection

    return "plan_plan" in connection.introspection.table_names()


def tree(indicators: int) -> list[Any]:
    """Return fields → policies → measures with one measure per 5 indicators."""
    from shisaku.domain.plantree import Block, Node, Section

    measures = -(-indicators // PER_MEASURE)
    policies = -(-measures // MEASURES_PER_POLICY)
    fields = -(-policies // POLICIES_PER_FIELD)
    text = [Section("description", blocks=[Block("paragraph", "施策の内容を記述します。")])]
    roots = []
    for f in range(1, fields + 1):
        field = Node("field", str(f), f"分野{f}", title_en=f"Field {f}")
        for p in range(1, POLICIES_PER_FIELD + 1):
            policy = Node("policy", f"{f}-{p}", f"政策{f}-{p}", sections=list(text))
            for m in range(1, MEASURES_PER_POLICY + 1):
                code = f"{f}-{p}-{m}"
                policy.children.append(Node("measure", code, f"施策{code}", sections=list(text)))
            field.children.append(policy)
        roots.append(field)
    return roots


def measure_codes(roots: list[Any]) -> list[str]:
    """Return the measure codes in document order."""
    return [m.code for f in roots for p in f.children for m in p.children]


def batch(indicators: int, measures: list[str]) -> Any:
    """Return N definitions and their 132 figures each, as an import would read them."""
    from shisaku.domain.indicatordata import FigureInput, IndicatorBatch, IndicatorDefinition
    from shisaku.domain.periods import read_period
    from shisaku.domain.values import read_value

    out = IndicatorBatch()
    for i in range(1, indicators + 1):
        code = f"{i:04d}"
        node = measures[(i - 1) // PER_MEASURE]
        direction = "increase" if i % 3 else "decrease"
        out.definitions.append(
            IndicatorDefinition(
                TOWN, SLUG, code, f"指標{code}", direction, node_code=node, unit="人"
            )
        )

        def figure(kind: str, year: int, value: float, area: str = "", code: str = code) -> Any:
            period = read_period(f"{year}年度")
            return FigureInput(
                TOWN, SLUG, code, kind, period, read_value(f"{value:.1f}"), breakdown=area
            )

        base = 100.0 + i
        out.figures += [figure("baseline", 2014, base), figure("target", 2024, base * 1.3)]
        for y, year in enumerate(YEARS, start=1):
            out.figures.append(figure("actual", year, base * (1 + 0.025 * y)))
            out.figures += [
                figure("actual", year, base / 12 + a, area) for a, area in enumerate(AREAS)
            ]
    return out


def load(indicators: int) -> float:
    """Create the municipality, its published plan and N indicators; return the seconds."""
    from shisaku.domain.actors import Actor
    from shisaku.domain.plantree import PlanMeta
    from shisaku.indicators.services import apply_batch
    from shisaku.plan import services

    started = time.perf_counter()
    actor = Actor.operator("bench")
    services.save_municipality(actor=actor, code=TOWN, name_ja="ベンチ市", name_en="Bench City")
    roots = tree(indicators)
    meta = PlanMeta(title="ベンチ市総合計画", period_start=2015, period_end=2024, slug=SLUG)
    services.import_plan(actor=actor, municipality_code=TOWN, meta=meta, nodes=roots)
    apply_batch(actor=actor, batch=batch(indicators, measure_codes(roots)))
    return time.perf_counter() - started


def cpu_seconds() -> float:
    """Return the CPU seconds of this process and of its finished workers so far."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def run_publish(
    out: Path, jobs: int, profile: str | None, traced: bool
) -> tuple[float, float, float, Any]:
    """Publish into ``out``; return (seconds, CPU seconds, peak MiB traced or 0, counts)."""
    from shisaku.cli.publish_commands import exchange_files
    from shisaku.publishing.site import publish

    if traced:
        tracemalloc.start()
    profiler = cProfile.Profile() if profile else None
    started, cpu = time.perf_counter(), cpu_seconds()
    if profiler:
        profiler.enable()
    report = publish(out, exporter=exchange_files, jobs=jobs)
    if profiler:
        profiler.disable()
        profiler.dump_stats(profile)
    seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    peak = tracemalloc.get_traced_memory()[1] / 2**20 if traced else 0.0
    tracemalloc.stop()
    return seconds, cpu, peak, report


def show_steps() -> None:
    """Print the publisher's log of its steps (DEBUG) on standard output."""
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("      %(message)s"))
    log = logging.getLogger("shisaku.publishing")
    log.addHandler(handler)
    log.setLevel(logging.DEBUG)
    log.propagate = False  # printed here only, not also by the settings' stderr handler


def maxrss_mib() -> float:
    """Return the resident maximum of this process or its largest worker so far (Linux: KiB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return max(own, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024


HEADER = (
    f"{'N':>5} {'run':<12} {'s':>7} {'cpu s':>7} {'pages':>6} {'written':>8} {'unchanged':>9} "
    f"{'traced':>8} {'rss MiB':>8} {'cpu ms/i':>8} {'sdg-build':>9} {'speed-up':>8}"
)


def line(n: int, label: str, seconds: float, cpu: float, peak: float, report: Any) -> str:
    """Return one row of the results table (the speed-up is by the clock, as sdg-build's
    figures are: measure on a quiet machine)."""
    ref = SDG_BUILD_SECONDS.get(n)
    speed = f"{ref / seconds:>7.1f}×" if ref else f"{'—':>8}"
    refs = f"{ref:>8.0f}s" if ref else f"{'—':>9}"
    return (
        f"{n:>5} {label:<12} {seconds:>7.2f} {cpu:>7.2f} {report.pages:>6} {report.written:>8} "
        f"{report.unchanged:>9} {peak:>8.1f} {maxrss_mib():>8.1f} {1000 * cpu / n:>8.1f} "
        f"{refs} {speed}"
    )


def main() -> None:
    """Run the benchmark for each size and print a table."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--indicators", type=int, nargs="+", default=[300, 600])
    parser.add_argument("--database-url", help="default: a new SQLite file")
    parser.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="processes (default: the cores)"
    )
    parser.add_argument("--profile", metavar="FILE", help="write cProfile stats of the first run")
    parser.add_argument(
        "--tracemalloc", action="store_true", help="also trace Python's peak memory (slower)"
    )
    parser.add_argument("--steps", action="store_true", help="print each step's seconds")
    args = parser.parse_args()
    setup_django(args.database_url)
    if args.steps:
        show_steps()
    print(HEADER)
    for n in args.indicators:
        fresh_database()
        loaded = load(n)
        out = Path(tempfile.mkdtemp(prefix=f"shisaku-site-{n}-"))
        profile = f"{args.profile}.{n}" if args.profile else None
        first = run_publish(out, args.jobs, profile, args.tracemalloc)
        print(line(n, "first", *first), flush=True)
        second = run_publish(out, args.jobs, None, args.tracemalloc)
        print(line(n, "incremental", *second), flush=True)
        print(f"{'':>5} (loading the data through apply_batch took {loaded:.1f} s)", flush=True)
    sizes = " ".join(map(str, args.indicators))
    print(f"rerun: .venv/bin/python benchmarks/publish.py --indicators {sizes} --jobs {args.jobs}")


if __name__ == "__main__":
    main()
