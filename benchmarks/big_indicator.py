"""Benchmark: one indicator with 200,000 breakdown figures — its page, twin, downloads and API.

Rerun:  .venv/bin/python benchmarks/big_indicator.py [--figures 200000] [--periods 2]
        [--database-url URL]

A fresh database gets the fictional 試験市 (999997) with one published plan and one indicator
K1 with four figures for the whole city (baseline, target, two actuals) and ``--figures``
district actuals spread over ``--periods`` fiscal years (inserted as plain rows: an import
may add at most SHISAKU_MAX_FIGURES_PER_INDICATOR_YEAR per year, so a real indicator gets
there only over many uploads). Each address is then requested twice with Django's test client
in this process, as production serves it (no debug): the first request builds the plan's view
(read from the database), the second uses the view each process keeps. Printed per address:
the response's size and both times; then two writes of a district's actual through the API
(with a token of the planning office) and the page again after them.

Issue 13 item 10 measured, before the bound: the public page 88 MB in 5.9 s and the API list
63 MB in 19.9 s.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.publish import fresh_database, setup_django  # noqa: E402

TOWN, SLUG = "999997", "2024-2028"
PAGE = f"/ja/{TOWN}/{SLUG}/indicators/K1/"
API = f"/api/v1/municipalities/{TOWN}/plans/{SLUG}"
ADDRESSES = {
    "page (ja)": PAGE,
    "page (en)": f"/en/{TOWN}/{SLUG}/indicators/K1/",
    "page twin .json": PAGE + "index.json",
    "page download .csv": PAGE + "index.csv",
    "API indicators list": f"{API}/indicators",
    "API indicator": f"{API}/indicators/K1",
    "API figures page": f"{API}/indicators/K1/figures",
    "API figures, last page": f"{API}/indicators/K1/figures?limit=500&offset={{last}}",
    "API observations page": f"{API}/indicators/K1/observations",
    "API assessments": f"{API}/assessments",
}
COLUMNS = (
    "indicator_id",
    "kind",
    "period",
    "period_start",
    "period_end",
    "breakdown",
    "raw",
    "value_kind",
    "value",
    "unit",
    "qualifier",
    "label",
    "components",
    "note",
    "source",
    "revision",
    "is_current",
    "entered_by",
    "entered_at",
)


def production_settings() -> None:
    """Serve as production does (no debug), with the test client's host allowed."""
    os.environ["SHISAKU_DEBUG"] = "0"
    os.environ["SHISAKU_HTTPS"] = "0"
    os.environ["SHISAKU_SECRET_KEY"] = "benchmark-only"
    os.environ["SHISAKU_ALLOWED_HOSTS"] = "testserver"


def load(figures: int, periods: int) -> float:
    """Create the plan, indicator K1 and its figures; return the seconds taken."""
    from shisaku.domain.actors import Actor
    from shisaku.domain.indicatordata import FigureInput, IndicatorBatch, IndicatorDefinition
    from shisaku.domain.periods import read_period
    from shisaku.domain.plantree import Node, PlanMeta
    from shisaku.indicators.models import Indicator
    from shisaku.indicators.services import apply_batch
    from shisaku.plan import services

    started = time.perf_counter()
    actor = Actor(label="cli:benchmark", is_operator=True)
    services.save_municipality(actor=actor, code=TOWN, name_ja="試験市", name_en="Testville")
    meta = PlanMeta(title="試験市総合計画", period_start=2024, period_end=2028)
    services.import_plan(
        actor=actor, municipality_code=TOWN, meta=meta, nodes=[Node("field", "1", "くらし")]
    )
    whole = [("baseline", "2023年度", "80件"), ("target", "2028年度", "120件")]
    whole += [("actual", "2025年度", "100件"), ("actual", "2026年度", "110件")]
    batch = IndicatorBatch(
        definitions=[IndicatorDefinition(TOWN, SLUG, "K1", "相談件数", "increase", unit="件")],
        figures=[
            FigureInput(TOWN, SLUG, "K1", kind, read_period(period), _reading(raw))
            for kind, period, raw in whole
        ],
    )
    apply_batch(actor=actor, batch=batch)
    years = [2025 + n for n in range(periods)]
    per_year = -(-figures // periods)
    indicator = Indicator.objects.get(code="K1").id
    insert_districts(indicator, years, per_year, digits=6, entered_by="cli:benchmark")
    return time.perf_counter() - started


def _reading(raw: str) -> Any:
    """Return a value read as an import reads it."""
    from shisaku.domain.values import read_value

    return read_value(raw)


def insert_districts(
    indicator_id: int, years: list[int], per_year: int, *, digits: int, entered_by: str
) -> None:
    """Insert ``per_year`` district actuals (地区 numbered from 1 on ``digits`` digits, value n)
    for each of ``years`` as plain rows, 10,000 at a time: bulk_create would take seconds.

    The tests (tests/test_big_indicator.py) build their big indicator with it too."""
    from django.db import connection, transaction
    from django.utils import timezone

    from shisaku.indicators.models import Figure

    fields = {name: Figure._meta.get_field(name.removesuffix("_id")) for name in COLUMNS}
    components = fields["components"].get_db_prep_save([], connection)
    now = fields["entered_at"].get_db_prep_save(timezone.now(), connection)
    rows = [
        (
            indicator_id, "actual", f"FY{year}", year, year, f"地区{n:0{digits}d}", f"{n}件",
            "number", fields["value"].get_db_prep_save(Decimal(n), connection), "件", "", "",
            components, "", "", 1, True, entered_by, now,
        )
        for year in years
        for n in range(1, per_year + 1)
    ]  # fmt: skip
    table = connection.ops.quote_name(Figure._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in COLUMNS)
    sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(COLUMNS))})"
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, len(rows), 10_000):
            cursor.executemany(sql, rows[start : start + 10_000])


def timed(client: Any, url: str) -> tuple[int, float]:
    """Request ``url``; return (bytes, seconds), or (-status, seconds) for anything but 200
    (the code before the bound had no list of figures)."""
    started = time.perf_counter()
    response = client.get(url)
    seconds = time.perf_counter() - started
    return len(response.content) if response.status_code == 200 else -response.status_code, seconds


def token() -> str:
    """Return an API token of a planning-office user of 試験市."""
    from shisaku.accounts.services import create_token, create_user
    from shisaku.domain.actors import Actor

    actor = Actor(label="cli:benchmark", is_operator=True)
    user = create_user(
        actor=actor, username="kikaku", password="bench-Pass-4821!", municipality_code=TOWN,
        role="planning",
    )  # fmt: skip
    return create_token(actor=actor, user_id=user, name="benchmark")


def timed_write(client: Any, bearer: str, value: int) -> tuple[int, float]:
    """Record a district's actual through the API; return (status, seconds)."""
    body = {"kind": "actual", "period": "2025年度", "value": f"{value}件"}
    body["breakdown"] = "地区000001"
    started = time.perf_counter()
    response = client.post(
        f"{API}/indicators/K1/figures", body, content_type="application/json",
        headers={"Authorization": f"Bearer {bearer}"},
    )  # fmt: skip
    return response.status_code, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    """Load the indicator and measure every address."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--figures", type=int, default=200_000)
    parser.add_argument("--periods", type=int, default=2)
    parser.add_argument("--database-url")
    args = parser.parse_args(argv)
    production_settings()
    setup_django(args.database_url)
    from django.test import Client

    fresh_database()
    print(f"loaded {args.figures:,} breakdown figures in {load(args.figures, args.periods):.1f} s")
    client = Client()
    for warm_up in ("/ja/", "/api/v1/municipalities"):  # templates, URLs: not the indicator
        timed(client, warm_up)
    last = max(0, args.figures + 4 - 500)
    print(f"{'address':<24} {'bytes':>12} {'first s':>8} {'again s':>8}")
    for label, url in ADDRESSES.items():
        size, first = timed(client, url.format(last=last))
        _, again = timed(client, url.format(last=last))
        print(f"{label:<24} {size:>12,} {first:>8.2f} {again:>8.2f}")
    bearer = token()
    status, first = timed_write(client, bearer, 7)
    _, again = timed_write(client, bearer, 8)
    print(f"{'API write (POST)':<24} {'status ' + str(status):>12} {first:>8.2f} {again:>8.2f}")
    size, after = timed(client, ADDRESSES["page (ja)"])
    print(f"{'page (ja) after a write':<24} {size:>12,} {after:>8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
