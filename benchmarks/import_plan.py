"""Benchmark: parse and load the bundled 青森市 plan, and a synthetic plan 100 times its size.

Rerun:  .venv/bin/python benchmarks/import_plan.py [--scale 100] [--database-url URL]

It prints, for the seed (×1), ×10 and ×scale: seconds to parse, seconds to load into a
new database, peak Python memory (tracemalloc), and the cost per ×1 so that linear growth
can be read off. The synthetic plan is the seed repeated with renumbered field codes.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "shisaku" / "data" / "aomori-2019-2023.txt"
CODE = re.compile(r"^(\d+)((?:-\d+)*\s)", re.MULTILINE)


def synthetic(scale: int) -> str:
    """Return the seed repeated ``scale`` times, each copy with its own field numbers."""
    seed = SEED.read_text(encoding="utf-8")
    copies = [CODE.sub(lambda m, c=c: f"{int(m[1]) + 3 * c}{m[2]}", seed) for c in range(scale)]
    return "\n".join(copies)


def measure(scale: int, slug: str) -> tuple[float, float, float, int]:
    """Parse and load one synthetic plan; return (parse s, load s, peak MiB, node count)."""
    from shisaku.domain.actors import Actor
    from shisaku.domain.plandoc import parse_plan
    from shisaku.domain.plantree import PlanMeta, count_kinds
    from shisaku.plan import services

    text = synthetic(scale)
    tracemalloc.start()
    t0 = time.perf_counter()
    tree = parse_plan(text, source=f"synthetic×{scale}")
    t1 = time.perf_counter()
    meta = PlanMeta(title=f"合成計画 ×{scale}", period_start=2019, period_end=2023, slug=slug)
    services.import_plan(
        actor=Actor.operator("bench"), municipality_code="999997", meta=meta, nodes=tree.nodes
    )
    t2 = time.perf_counter()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return t1 - t0, t2 - t1, peak, sum(count_kinds(tree).values())


def setup_django(database_url: str | None) -> None:
    """Point Django at a new empty database and migrate it."""
    os.environ["SHISAKU_HOME"] = tempfile.mkdtemp(prefix="shisaku-bench-")
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shisaku.settings")
    sys.path.insert(0, str(ROOT))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from shisaku.domain.actors import Actor
    from shisaku.plan import services

    services.save_municipality(actor=Actor.operator("bench"), code="999997", name_ja="ベンチ市")


def main() -> None:
    """Run the benchmark and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--database-url", help="default: a new SQLite file")
    args = parser.parse_args()
    setup_django(args.database_url)
    print(
        f"{'size':>6} {'nodes':>7} {'parse s':>8} {'load s':>8} {'peak MiB':>9} {'ms per ×1':>10}"
    )
    for scale in sorted({1, 10, args.scale}):
        parse_s, load_s, peak, nodes = measure(scale, f"bench-{scale}")
        per = 1000 * (parse_s + load_s) / scale
        print(f"×{scale:<5} {nodes:>7} {parse_s:>8.3f} {load_s:>8.3f} {peak:>9.1f} {per:>10.1f}")
    print("rerun: .venv/bin/python benchmarks/import_plan.py --scale", args.scale)


if __name__ == "__main__":
    main()
