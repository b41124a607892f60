"""Benchmark: national scale — 1,741 synthetic municipalities' plans, bulk-loaded, then graded.

Rerun:  .venv/bin/python benchmarks/national.py [--municipalities 1741] [--years 10]
        [--database-url URL] [--tracemalloc] [--seed 2026] [--publish [--jobs N]]

Every municipality is synthetic: 試験市0001 / Test City 0001 …, with codes valid under the
check-digit rule but taken from municipality numbers 900–999 of prefectures 01–47, which
no real municipality uses. Each gets a published plan: one field, 3 policies, 5 measures
per policy (15 measures), 4 indicators per measure, each indicator with a baseline, a
final target and one actual per year (seeded, so every run loads the same data; directions
mixed: 増加 / 減少 / 維持 / 定性, about 1 actual in 20 missing; the plans' grading presets
rotate through all of them). Cells are read with the same readers an import uses. The first
indicators of every plan carry the codes of the common indicator catalogue (共通指標コード,
shisaku/data/common-indicators.csv), one code per position, so that every synthetic
municipality is comparable on them; the others have no common code (the catalogue is the
only source of valid codes).

The plans are generated lazily and written by :func:`shisaku.exchange.bulkload.bulk_load`
(COPY on PostgreSQL, executemany on SQLite; 50 municipalities a chunk, one transaction).
Then every plan is graded in its latest year with the real engine
(:func:`shisaku.indicators.assessing.assess_plan`, as the site and ``shisaku assess`` do).
It prints the rows written (checked with COUNT), the load seconds (generating the data is
timed apart and not included), rows/s, the assessment seconds and assessments/s, and the
peak memory: the resident maximum of the process (ru_maxrss) after each phase and, with
``--tracemalloc``, Python's own peak (which slows the run, so time it without).

With ``--publish`` it then runs ``shisaku publish`` of the whole site (ja and en, every page
with its twins, the comparison pages, the data package) as a user runs it, measured as a whole
process (:mod:`benchmarks.whole_process`: wall and CPU seconds of it and its workers, the peak
memory of all its processes together and of its largest one).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.publish import (  # noqa: E402
    compile_modules,
    fresh_database,
    maxrss_mib,
    publish_command,
    setup_django,
)
from benchmarks.whole_process import measure  # noqa: E402
from shisaku.domain.assessment import PRESETS  # noqa: E402
from shisaku.domain.localcode import check_digit  # noqa: E402

MUNICIPALITIES = 1741
SOURCE = "benchmarks/national.py"
FIRST_YEAR = 2015
POLICIES, MEASURES_PER_POLICY, PER_MEASURE = 3, 5, 4
DIRECTIONS = ("increase", "decrease", "maintain", "qualitative")
DIRECTION_WEIGHTS = (50, 30, 15, 5)
STEP = {"increase": 1.25, "decrease": 0.75, "maintain": 1.0}
UNITS = ("%", "人", "件", "回")


def municipality_code(number: int) -> str:
    """Return the code of synthetic municipality ``number`` (1-based): prefecture 01–47, 9xx."""
    prefecture, municipality = 1 + (number - 1) % 47, 900 + (number - 1) // 47
    if municipality > 999:
        raise ValueError(f"at most {47 * 100} synthetic municipalities")
    five = f"{prefecture:02d}{municipality:03d}"
    return five + str(check_digit(five))


def tree(rng: random.Random) -> list[Any]:
    """Return one field → 3 policies (with a 現状と課題 bullet) → 5 measures each."""
    from shisaku.domain.plantree import Block, Node, Section

    field = Node("field", "1", "分野1", title_en="Field 1")
    for p in range(1, POLICIES + 1):
        city, nation = rng.uniform(30, 70), rng.uniform(30, 70)
        bullet = (
            f"本市における満足度{p}は、2019年は{city:.1f}%と国の{nation:.1f}%よりも変化しています。"
        )
        policy = Node("policy", f"1-{p}", f"政策1-{p}", sections=[Section("situation")])
        policy.sections[0].blocks.append(Block("bullet", bullet))
        for m in range(1, MEASURES_PER_POLICY + 1):
            text = [Section("description", blocks=[Block("paragraph", "施策の内容を記述します。")])]
            policy.children.append(Node("measure", f"1-{p}-{m}", f"施策1-{p}-{m}", sections=text))
        field.children.append(policy)
    return [field]


class Cells:
    """Read period and value cells as an import reads them (periods cached: a dozen repeat)."""

    def __init__(self) -> None:
        from shisaku.domain.periods import read_period
        from shisaku.domain.values import read_value

        self.read_period, self.read_value = read_period, read_value
        self.periods: dict[int, Any] = {}

    def figure(self, where: tuple[str, str, str], kind: str, year: int, cell: str) -> Any:
        """Return one figure of indicator ``where`` = (municipality, plan, indicator code)."""
        from shisaku.domain.indicatordata import FigureInput

        if year not in self.periods:
            self.periods[year] = self.read_period(f"{year}年度")
        return FigureInput(*where, kind, self.periods[year], self.read_value(cell))


def numeric_cells(rng: random.Random, direction: str, years: int) -> tuple[str, str, list[str]]:
    """Return baseline, target and yearly actual cells of a numeric indicator."""
    base = rng.uniform(10, 2000)
    target = base * STEP[direction]
    actuals = []
    for year in range(1, years + 1):
        drift = base + (target - base) * year / years
        actuals.append("-" if rng.random() < 0.05 else f"{drift * rng.uniform(0.85, 1.15):,.1f}")
    return f"{base:,.1f}", f"{target:,.1f}", actuals


def qualitative_cells(rng: random.Random, years: int) -> tuple[str, str, list[str]]:
    """Return the cells of a 策定-style indicator, done in a random year (or not yet)."""
    done = rng.randrange(1, years + 2)
    return "未策定", "策定", ["策定" if y >= done else "検討中" for y in range(1, years + 1)]


def common(position: int) -> Any:
    """Return the catalogue entry shared by every plan's indicator at ``position``, if any."""
    from shisaku.domain.common_indicators import catalogue

    entries = list(catalogue().values())
    return entries[position] if position < len(entries) else None


def definition(code: str, slug: str, node: str, position: int, rng: random.Random) -> Any:
    """Return indicator ``position`` of a plan; the first ones carry a common code (共通指標)."""
    from shisaku.domain.indicatordata import IndicatorDefinition

    ind = f"{position // PER_MEASURE + 1:02d}-{position % PER_MEASURE + 1}"
    direction = rng.choices(DIRECTIONS, DIRECTION_WEIGHTS)[0]
    shared = common(position)
    if shared is None:
        return IndicatorDefinition(
            code, slug, ind, f"指標{ind}", direction, node, unit=rng.choice(UNITS)
        )
    return IndicatorDefinition(
        *(code, slug, ind, shared.name_ja, shared.direction or direction, node),
        unit=shared.unit,
        common_code=shared.code,
    )


def indicators(code: str, slug: str, rng: random.Random, years: int) -> tuple[list[Any], list[Any]]:
    """Return 4 definitions per measure and their figures."""
    cells, definitions, figures = Cells(), [], []
    last = FIRST_YEAR + years - 1
    for number in range(POLICIES * MEASURES_PER_POLICY):
        node = f"1-{number // MEASURES_PER_POLICY + 1}-{number % MEASURES_PER_POLICY + 1}"
        for k in range(PER_MEASURE):
            d = definition(code, slug, node, number * PER_MEASURE + k, rng)
            definitions.append(d)
            base, target, actuals = (
                qualitative_cells(rng, years)
                if d.direction == "qualitative"
                else numeric_cells(rng, d.direction, years)
            )
            where = (code, slug, d.code)
            figures.append(cells.figure(where, "baseline", FIRST_YEAR - 1, base))
            figures.append(cells.figure(where, "target", last, target))
            for year, cell in enumerate(actuals, start=FIRST_YEAR):
                figures.append(cells.figure(where, "actual", year, cell))
    return definitions, figures


def plan_load(number: int, years: int = 10, seed: int = 2026) -> Any:
    """Return synthetic municipality ``number`` (1-based) with its plan, ready for bulk_load."""
    from shisaku.domain.plantree import PlanMeta
    from shisaku.exchange.bulkload import PlanLoad

    rng = random.Random(f"national-{seed}-{number}")
    code = municipality_code(number)
    meta = PlanMeta(
        title=f"試験市{number:04d}総合計画",
        title_en=f"Test City {number:04d} Comprehensive Plan",
        period_start=FIRST_YEAR,
        period_end=FIRST_YEAR + years - 1,
        assessment={"preset": sorted(PRESETS)[number % len(PRESETS)]},
    )
    definitions, figures = indicators(code, meta.slug, rng, years)
    name = f"試験市{number:04d}"
    english = f"Test City {number:04d}"
    return PlanLoad(code, name, meta, tree(rng), english, definitions, figures, SOURCE)


def plan_loads(count: int, years: int, seed: int) -> Iterator[Any]:
    """Yield the synthetic municipalities one by one (never all in memory)."""
    for number in range(1, count + 1):
        yield plan_load(number, years, seed)


class Timed:
    """An iterator that adds up the time (wall and CPU) spent producing its items."""

    def __init__(self, items: Iterator[Any]) -> None:
        self.items, self.seconds, self.cpu = items, 0.0, 0.0

    def __iter__(self) -> Timed:
        return self

    def __next__(self) -> Any:
        started, cpu = time.perf_counter(), time.process_time()
        try:
            return next(self.items)
        finally:
            self.seconds += time.perf_counter() - started
            self.cpu += time.process_time() - cpu


class Clock:
    """Wall and CPU seconds since it was made (CPU: this process only, not the database's)."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def read(self, minus: Timed | None = None) -> tuple[float, float]:
        """Return (wall s, CPU s), less the time ``minus`` spent."""
        wall, cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu
        return (wall - minus.seconds, cpu - minus.cpu) if minus else (wall, cpu)


def load(count: int, years: int, seed: int) -> tuple[Any, tuple[float, float], Timed]:
    """Bulk-load the synthetic municipalities; return (result, (wall s, CPU s), generation)."""
    from shisaku.domain.actors import Actor
    from shisaku.exchange.bulkload import bulk_load
    from shisaku.progress import track

    stream = Timed(plan_loads(count, years, seed))
    clock = Clock()
    result = bulk_load(
        actor=Actor.operator("bench"), plans=track(stream, total=count, label="load  ")
    )
    return result, clock.read(minus=stream), stream


def assess_all() -> tuple[int, Counter[str], tuple[float, float]]:
    """Grade every plan in its latest year; return (assessments, statuses, (wall s, CPU s))."""
    from shisaku.indicators.assessing import assess_plan
    from shisaku.plan.queries import municipalities
    from shisaku.progress import track

    clock = Clock()
    plans = [p for m in municipalities(published_only=False) for p in m.plans]
    statuses: Counter[str] = Counter()
    for plan in track(plans, total=len(plans), label="assess"):
        statuses.update(r.assessment.status for r in assess_plan(plan).results)
    return sum(statuses.values()), statuses, clock.read()


def counted() -> dict[str, int]:
    """Return the rows in the database (COUNT), to check the loader's own counts."""
    from shisaku.indicators.models import Figure, Indicator
    from shisaku.plan.models import Municipality, Plan, PlanNode

    models = {"municipalities": Municipality, "plans": Plan, "nodes": PlanNode}
    models |= {"indicators": Indicator, "figures": Figure}
    return {kind: model.objects.count() for kind, model in models.items()}


def traced_peak() -> str:
    """Return Python's traced peak since the last reset, or a dash when not tracing."""
    if not tracemalloc.is_tracing():
        return "—"
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.reset_peak()
    return f"{peak:.1f} MiB"


def main() -> None:
    """Generate, load and grade, then print the figures."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--municipalities", type=int, default=MUNICIPALITIES)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--database-url", help="default: a new SQLite file in a temp directory")
    parser.add_argument("--tracemalloc", action="store_true", help="trace Python's peak (slower)")
    parser.add_argument("--publish", action="store_true", help="then time shisaku publish")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="publish processes")
    args = parser.parse_args()
    setup_django(args.database_url)
    fresh_database()
    from django.db import connection

    if args.tracemalloc:
        tracemalloc.start()
    result, (load_s, load_cpu), generated = load(args.municipalities, args.years, args.seed)
    load_peak, load_rss = traced_peak(), maxrss_mib()
    graded, statuses, (assess_s, assess_cpu) = assess_all()
    assess_peak = traced_peak()
    in_db = counted()
    assert all(in_db[k] == result[k] for k in in_db), (in_db, dict(result.rows))
    print(f"database              {connection.vendor} {connection.settings_dict['NAME']}")
    for kind in ("municipalities", "plans", "nodes", "indicators", "figures"):
        print(f"{kind:<21} {result[kind]:,}")
    others = ", ".join(f"{k} {v:,}" for k, v in result.rows.items() if k not in in_db)
    print(f"other rows            {others}")
    print(
        f"load                  {load_s:.1f} s  →  {result.total / load_s:,.0f} rows/s"
        f"  (CPU in this process {load_cpu:.1f} s)"
    )
    print(f"generating the data   {generated.seconds:.1f} s  (timed apart, not in the load)")
    by_status = ", ".join(f"{k} {v:,}" for k, v in sorted(statuses.items()))
    print(f"assessments           {graded:,}  ({by_status})")
    print(
        f"assess                {assess_s:.1f} s  →  {graded / assess_s:,.0f} assessments/s"
        f"  (CPU {assess_cpu:.1f} s; {1000 * assess_s / result['plans']:.0f} ms a plan)"
    )
    print(
        f"peak memory (maxrss)  {load_rss:.1f} MiB after the load,"
        f" {maxrss_mib():.1f} MiB at the end"
    )
    print(f"peak traced (python)  load {load_peak}, assess {assess_peak}")
    if args.publish:
        publish_whole_site(args.jobs)
    url = f" --database-url {args.database_url}" if args.database_url else ""
    more = f" --publish --jobs {args.jobs}" if args.publish else ""
    print(
        f"rerun: .venv/bin/python benchmarks/national.py --municipalities {args.municipalities}"
        f" --years {args.years} --seed {args.seed}{url}{more}"
    )


def publish_whole_site(jobs: int) -> None:
    """Run ``shisaku publish`` of the whole site as a user runs it and print what it cost."""
    from django.db import connections

    connections.close_all()
    compile_modules()  # as installing the package does: the run compiles nothing
    out = Path(tempfile.mkdtemp(prefix="shisaku-national-"))
    cost = measure(publish_command(out, jobs))
    if cost.status != 0:
        raise SystemExit(f"shisaku publish failed ({cost.status}):\n{cost.stderr[-2000:]}")
    print(f"publish               {cost.stdout.strip().splitlines()[-1]}")  # names the folder
    print(
        f"publish (whole)       {cost.wall:.1f} s wall, {cost.cpu:.1f} CPU s ({jobs} processes),"
        f" peak {cost.peak_mib:.0f} MiB all processes, {cost.largest_mib:.0f} MiB the largest"
    )


if __name__ == "__main__":
    main()
