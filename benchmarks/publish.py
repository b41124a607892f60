"""Benchmark: ``shisaku publish`` of a synthetic municipality, whole process, beside sdg-build.

Rerun:  .venv/bin/python benchmarks/publish.py [--indicators 300 600] [--jobs N]
        [--database-url URL] [--sdg-python PATH] [--steps]

For each size N a fresh database gets a published plan of N indicators (5 per measure,
3 measures per policy, 4 policies per field) loaded through the bulk service
(``apply_batch``): per indicator a baseline, a final target and 10 years of actuals, each year
for the whole area and for 12 districts (地区1 … 地区12), i.e. 13 × 10 + 2 = 132 figures.
Then, one after the other in the same minute: ``shisaku publish OUT --jobs N`` as a user runs
it (HTML in ja and en, the JSON, CSV and xlsx twins, the data package and the exchange files)
into a new folder; Open SDG's data builder (sdg-build, :mod:`benchmarks.sdg_build`) on the
same figures in two languages and in one; and ``shisaku publish`` again into the same folder
(incremental: everything rendered, nothing changed).  Each is a whole process measured by
:mod:`benchmarks.whole_process`: wall seconds, CPU seconds of it and its workers, the peak
memory of all its processes together (PSS, sampled) and of its largest one (ru_maxrss).  The
ratio is sdg-build's wall seconds over the first publish's, both measured here side by side.
Shisaku's modules are compiled to bytecode first, as installing a package does
(``compileall``), so that the first run does not also pay for compiling the modules the
loading above did not import.  Without ``--sdg-python`` (the Python of a virtualenv holding
sdg-build: benchmarks/README.md) sdg-build is not run and no ratio is printed.  ``--steps``
prints each step of the first run as the command logs it at DEBUG.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TOWN = "999997"
SLUG = "2015-2024"
YEARS = range(2015, 2025)
AREAS = [f"地区{i}" for i in range(1, 13)]
PER_MEASURE, MEASURES_PER_POLICY, POLICIES_PER_FIELD = 5, 3, 4


if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.whole_process import Measured, measure  # noqa: E402


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


def maxrss_mib() -> float:
    """Return the resident maximum of this process or its largest worker so far (Linux: KiB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return max(own, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024


HEADER = (
    f"{'N':>5} {'run':<22} {'wall s':>7} {'cpu s':>7} {'peak MiB':>8} {'largest':>8} {'ratio':>6}"
)


def line(n: int, label: str, cost: Measured, ratio: str = "") -> str:
    """Return one row of the results table."""
    return (
        f"{n:>5} {label:<22} {cost.wall:>7.2f} {cost.cpu:>7.2f} {cost.peak_mib:>8.0f} "
        f"{cost.largest_mib:>8.0f} {ratio:>6}"
    )


def compile_modules() -> None:
    """Compile Shisaku's modules to bytecode, as ``pip install`` of the package does."""
    import compileall

    compileall.compile_dir(ROOT / "shisaku", quiet=1)


def publish_command(out: Path, jobs: int) -> list[str]:
    """Return ``shisaku publish`` as a user runs it (the console script of this virtualenv)."""
    return [str(Path(sys.executable).parent / "shisaku"), "publish", str(out), "--jobs", str(jobs)]


def run_publish(out: Path, jobs: int, steps: bool) -> Measured:
    """Run ``shisaku publish`` into ``out`` as a whole process; print its steps if asked."""
    env = os.environ | ({"SHISAKU_LOG_LEVEL": "DEBUG"} if steps else {})
    cost = measure(publish_command(out, jobs), env=env)
    if cost.status != 0:
        raise SystemExit(f"shisaku publish failed ({cost.status}):\n{cost.stderr}")
    for step in (x for x in cost.stderr.splitlines() if "publish: " in x):
        print(f"{'':>5}   {step.split('publish: ', 1)[1]}")
    return cost


def run_sdg_build(n: int, languages: list[str], python: str) -> Measured:
    """Build the same figures with sdg-build in ``languages`` as a whole process."""
    from benchmarks.sdg_build import command as sdg_command
    from benchmarks.sdg_build import write_input

    folder = Path(tempfile.mkdtemp(prefix=f"sdg-build-{n}-"))
    write_input(folder, n, languages)
    cost = measure(sdg_command(folder, python), cwd=folder)
    if cost.status != 0:
        raise SystemExit(f"sdg-build failed ({cost.status}):\n{cost.stderr[-2000:]}")
    return cost


def side_by_side(n: int, jobs: int, sdg_python: str | None, steps: bool) -> None:
    """Publish N indicators, build them with sdg-build, publish again; print each."""
    out = Path(tempfile.mkdtemp(prefix=f"shisaku-site-{n}-"))
    first = run_publish(out, jobs, steps)
    print(line(n, "shisaku publish first", first), flush=True)
    for languages in (["ja", "en"], ["ja"]) if sdg_python else ():
        built = run_sdg_build(n, languages, sdg_python or "")
        label = f"sdg-build {'+'.join(languages)}"
        print(line(n, label, built, f"{built.wall / first.wall:.1f}×"), flush=True)
    again = run_publish(out, jobs, False)
    print(line(n, "shisaku publish again", again), flush=True)


def main() -> None:
    """Run the benchmark for each size and print a table."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--indicators", type=int, nargs="+", default=[300, 600])
    parser.add_argument("--database-url", help="default: a new SQLite file")
    parser.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="processes (default: the cores)"
    )
    parser.add_argument("--sdg-python", metavar="PATH", help="the Python that has sdg-build")
    parser.add_argument("--steps", action="store_true", help="print each step's seconds")
    args = parser.parse_args()
    setup_django(args.database_url)
    compile_modules()
    from django.db import connections

    print(HEADER)
    for n in args.indicators:
        fresh_database()
        loaded = load(n)
        connections.close_all()
        print(f"{'':>5} (loading the data through apply_batch took {loaded:.1f} s)", flush=True)
        side_by_side(n, args.jobs, args.sdg_python, args.steps)
    sizes = " ".join(map(str, args.indicators))
    sdg = f" --sdg-python {args.sdg_python}" if args.sdg_python else ""
    rerun = f"--indicators {sizes} --jobs {args.jobs}{sdg}"
    print(f"rerun: .venv/bin/python benchmarks/publish.py {rerun}")


if __name__ == "__main__":
    main()
