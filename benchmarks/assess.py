"""Benchmark: grade 1,000,000 synthetic indicator-years with every preset, then roll them up.

Rerun:  .venv/bin/python benchmarks/assess.py [--indicators 100000] [--years 10] [--seed 2024]

Synthetic indicators (seeded, so every run grades the same data) mix directions (増加 /
減少 / 維持 / 定性), ranks, cumulative totals, 「全国値」 targets with a comparator,
two-component indicators, per-year targets and missing actuals (about 1 in 10), and are
graded with the seven presets in turn (every method). Indicators are built and graded in
batches of 10,000 so memory stays bounded. It prints the assessments per second, the
seconds spent grading (building the facts is timed apart), the roll-up time and the peak
resident memory of the process (``resource.getrusage``, maxrss).
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from collections import Counter

from shisaku.domain.assessment import (
    PRESETS,
    Assessment,
    IndicatorFacts,
    MethodConfig,
    Point,
    assess,
)
from shisaku.domain.rollup import roll_up

BATCH = 10_000
FIRST_YEAR = 2015
PRESET_NAMES = sorted(PRESETS)


def numeric(rng: random.Random, years: int, direction: str) -> IndicatorFacts:
    """Return a numeric indicator with a baseline, a target and a noisy path between them."""
    base = round(rng.uniform(1, 1000), rng.choice((0, 1, 2)))
    step = {"increase": 1.3, "decrease": 0.7, "maintain": 1.0}[direction]
    target = round(base * step, 2)
    actuals = {}
    for i, year in enumerate(range(FIRST_YEAR, FIRST_YEAR + years), start=1):
        drift = base + (target - base) * i / years
        value = None if rng.random() < 0.1 else round(drift * rng.uniform(0.8, 1.2), 2)
        actuals[year] = Point(year, value)
    last = FIRST_YEAR + years - 1
    yearly = {
        y: base + (target - base) * (y - FIRST_YEAR + 1) / years for y in range(FIRST_YEAR, last, 2)
    }
    return IndicatorFacts(
        direction,  # type: ignore[arg-type]
        Point(FIRST_YEAR - 1, base),
        Point(last, target),
        year_targets=yearly,
        actuals=actuals,
        rank=rng.random() < 0.03,
        cumulative=rng.random() < 0.03,
    )


def qualitative(rng: random.Random, years: int) -> IndicatorFacts:
    """Return a 策定-style indicator, done in a random year."""
    done = FIRST_YEAR + rng.randrange(years)
    actuals = {
        y: Point(y, None, "策定" if y >= done else "検討中")
        for y in range(FIRST_YEAR, FIRST_YEAR + years)
    }
    return IndicatorFacts(
        "qualitative", None, Point(FIRST_YEAR + years - 1, None, "策定"), actuals=actuals
    )


def national(rng: random.Random, years: int) -> IndicatorFacts:
    """Return an indicator whose target is 「全国値」, with a comparator for most years."""
    facts = numeric(rng, years, "increase")
    comparator = {y: rng.uniform(1, 1000) for y in facts.actuals if rng.random() < 0.8}
    target = Point(facts.target.year, None, "全国値")
    return IndicatorFacts(
        "increase", facts.baseline, target, actuals=facts.actuals, comparator=comparator
    )


def two_parts(rng: random.Random, years: int) -> IndicatorFacts:
    """Return an indicator with two components (小学生 / 中学生)."""
    parts = {name: numeric(rng, years, "increase") for name in ("小学生", "中学生")}
    return IndicatorFacts("increase", None, Point(FIRST_YEAR + years - 1, None), components=parts)


def indicator(rng: random.Random, years: int) -> IndicatorFacts:
    """Return one synthetic indicator of a random kind."""
    roll = rng.random()
    if roll < 0.02:
        return qualitative(rng, years)
    if roll < 0.03:
        return national(rng, years)
    if roll < 0.05:
        return two_parts(rng, years)
    direction = rng.choices(("increase", "decrease", "maintain"), (6, 3, 1))[0]
    return numeric(rng, years, direction)


def run(indicators: int, years: int, seed: int) -> None:
    """Build, grade and roll up the synthetic indicators in batches, then print the figures."""
    rng = random.Random(seed)
    configs: list[MethodConfig] = [PRESETS[name] for name in PRESET_NAMES]
    build = grade = rollup = 0.0
    statuses: Counter[str] = Counter()
    done = 0
    for start in range(0, indicators, BATCH):
        t0 = time.perf_counter()
        batch = [indicator(rng, years) for _ in range(min(BATCH, indicators - start))]
        t1 = time.perf_counter()
        results: list[list[Assessment]] = [[] for _ in configs]
        for n, facts in enumerate(batch):
            index = (start + n) % len(configs)
            cfg, out = configs[index], results[index]
            for year in facts.actuals or range(FIRST_YEAR, FIRST_YEAR + years):
                out.append(assess(facts, year, cfg))
        t2 = time.perf_counter()
        for cfg, out in zip(configs, results, strict=True):
            roll_up([(a, None) for a in out], cfg.scale)
            statuses.update(a.status for a in out)
            done += len(out)
        t3 = time.perf_counter()
        build, grade, rollup = build + t1 - t0, grade + t2 - t1, rollup + t3 - t2
    report(indicators, years, done, build, grade, rollup, statuses)


def report(
    indicators: int,
    years: int,
    done: int,
    build: float,
    grade: float,
    rollup: float,
    statuses: Counter[str],
) -> None:
    """Print the figures and how to rerun."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"indicators            {indicators:,} × {years} years, presets: {', '.join(PRESET_NAMES)}"
    )
    by_status = ", ".join(f"{k} {v:,}" for k, v in sorted(statuses.items()))
    print(f"assessments           {done:,}  ({by_status})")
    print(f"grading               {grade:.2f} s  →  {done / grade:,.0f} assessments/s")
    print(f"roll-up               {rollup:.2f} s  (one per preset and batch of {BATCH:,})")
    print(f"building the facts    {build:.2f} s  (not part of the throughput)")
    print(f"total                 {build + grade + rollup:.2f} s")
    print(f"peak memory (maxrss)  {peak:.1f} MiB")
    print(f"python                {sys.version.split()[0]}")
    print("rerun: .venv/bin/python benchmarks/assess.py [--indicators N] [--years Y] [--seed S]")


def main() -> None:
    """Parse the arguments and run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--indicators", type=int, default=100_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    run(args.indicators, args.years, args.seed)


if __name__ == "__main__":
    main()
