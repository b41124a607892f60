"""The bundled example data of other cities (DOMAIN.md §6), each under its own plan and source.

These are real published figures of 宇陀市, 加古川市, 松戸市, 美馬市 and 北海道, kept only as
data of their own city with the source named in ``data/examples/plans.csv`` and on every
indicator. None of it is 青森市's.
"""

from __future__ import annotations

import csv
from importlib import resources

from django.db import transaction

from shisaku.domain.actors import Actor
from shisaku.domain.plantree import PlanMeta
from shisaku.exchange.indicatorfiles import read_indicator_bytes
from shisaku.indicators import services as indicator_services
from shisaku.plan import services as plan_services

FOLDER = "data/examples"


def _data(name: str) -> bytes:
    """Return a bundled example file."""
    return resources.files("shisaku").joinpath(f"{FOLDER}/{name}").read_bytes()


def _save_plan(actor: Actor, row: dict[str, str]) -> None:
    """Create or update one example municipality and its (tree-less) plan."""
    code = row["municipality_code"]
    plan_services.save_municipality(
        actor=actor, code=code, name_ja=row["name"], name_en=row["name_en"]
    )
    meta = PlanMeta(
        title=row["title"],
        title_en=row["title_en"],
        slug=row["plan"],
        period_start=int(row["period_start"]),
        period_end=int(row["period_end"]),
        assessment={"preset": row["assessment"]},
    )
    plan_services.import_plan(
        actor=actor, municipality_code=code, meta=meta, nodes=[], source_name=row["source"]
    )


def load_examples(actor: Actor) -> indicator_services.BatchResult:
    """Load every example plan and its indicators, all or nothing (again: changes nothing)."""
    plans = csv.DictReader(_data("plans.csv").decode("utf-8").splitlines())
    files = [(f"{FOLDER}/{n}", _data(n)) for n in ("definitions.csv", "figures.csv")]
    with transaction.atomic():
        for row in plans:
            _save_plan(actor, row)
        batch = read_indicator_bytes(files)
        return indicator_services.apply_batch(actor=actor, batch=batch)
