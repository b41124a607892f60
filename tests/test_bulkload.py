"""The bulk load: national-scale data written with COPY / executemany, as the services would."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from benchmarks.national import municipality_code, plan_load
from shisaku.accounts.permissions import PermissionDenied
from shisaku.audit.models import AuditEntry
from shisaku.domain.actors import Actor
from shisaku.domain.common_indicators import catalogue
from shisaku.domain.indicatordata import IndicatorBatch
from shisaku.domain.localcode import normalize_local_code
from shisaku.exchange.bulkload import BulkLoadError, PlanLoad, bulk_load
from shisaku.indicators.assessing import assess_plan
from shisaku.indicators.models import Figure, Indicator
from shisaku.indicators.queries import plan_indicators
from shisaku.indicators.services import apply_batch
from shisaku.plan import queries
from shisaku.plan import services as plan_services
from shisaku.plan.models import (
    ContextStatistic,
    Municipality,
    Plan,
    PlanNode,
    PlanSnapshot,
    Section,
    TextBlock,
)

# per synthetic plan: 1 field + 3 policies + 15 measures; a section and a block on each
# policy and measure; 2 statistics in each policy's bullet; 60 indicators × (2 + 10 years)
PER_PLAN = {
    PlanNode: 19,
    Section: 18,
    TextBlock: 18,
    ContextStatistic: 6,
    Indicator: 60,
    Figure: 720,
    PlanSnapshot: 1,
}


def counts() -> dict[str, int]:
    """Return the rows of every table the bulk load writes, and of the audit trail."""
    models = [Municipality, Plan, *PER_PLAN, AuditEntry]
    return {m.__name__: m.objects.count() for m in models}


def recoded(load: PlanLoad, code: str) -> PlanLoad:
    """Return the same plan for another municipality code."""
    return dataclasses.replace(
        load,
        municipality_code=code,
        definitions=[dataclasses.replace(d, municipality_code=code) for d in load.definitions],
        figures=[dataclasses.replace(f, municipality_code=code) for f in load.figures],
    )


def load_through_services(actor: Actor, load: PlanLoad) -> None:
    """Write a load the ordinary way: municipality, plan import, then an indicator batch."""
    code = load.municipality_code
    plan_services.save_municipality(actor=actor, code=code, name_ja=load.name_ja)
    plan_services.import_plan(actor=actor, municipality_code=code, meta=load.meta, nodes=load.nodes)
    batch = IndicatorBatch(definitions=load.definitions, figures=load.figures)
    apply_batch(actor=actor, batch=batch)


def comparable(view: Any) -> Any:
    """Return an indicator view without what differs between two loads (ids, entry times)."""
    figures = tuple(f._replace(entered_at=None) for f in view.figures)
    return dataclasses.replace(view, id=0, figures=figures)


def test_the_synthetic_codes_are_valid_and_not_real_numbers():
    codes = [municipality_code(n) for n in range(1, 1742)]
    assert len(set(codes)) == 1741
    assert all(normalize_local_code(c) == c for c in codes)
    assert {c[:2] for c in codes} == {f"{p:02d}" for p in range(1, 48)}
    assert all(900 <= int(c[2:5]) <= 999 for c in codes)


def test_three_generated_municipalities_are_written_row_for_row(db, operator):
    result = bulk_load(actor=operator, plans=(plan_load(n) for n in (1, 2, 3)), chunk_size=2)
    expected = {"Municipality": 3, "Plan": 3, "AuditEntry": 6}
    expected |= {m.__name__: 3 * n for m, n in PER_PLAN.items()}
    assert counts() == expected
    assert (result["municipalities"], result["nodes"], result["figures"]) == (3, 57, 2160)
    assert result.total == sum(expected.values())
    assert sorted(Municipality.objects.values_list("code", "name_ja", "name_en")) == [
        (municipality_code(n), f"試験市{n:04d}", f"Test City {n:04d}") for n in (1, 2, 3)
    ]
    assert set(Figure.objects.values_list("revision", "is_current", "entered_by")) == {
        (1, True, operator.label)
    }
    shared = Indicator.objects.exclude(common_code="").values_list("common_code", flat=True)
    assert sorted(shared) == sorted(3 * list(catalogue()))  # the first indicators of each plan


def test_a_bulk_loaded_plan_reads_and_grades_as_the_same_plan_loaded_through_the_services(
    db, operator
):
    bulk_load(actor=operator, plans=[plan_load(1)])
    load_through_services(operator, recoded(plan_load(1), municipality_code(2)))
    bulk, usual = queries.find_plan(municipality_code(1)), queries.find_plan(municipality_code(2))
    assert bulk.meta == usual.meta
    assert queries.load_nodes(bulk.id) == queries.load_nodes(usual.id)
    assert queries.context_statistics(bulk.id) == queries.context_statistics(usual.id)
    views = [comparable(v) for v in plan_indicators(bulk.id)]
    assert views == [comparable(v) for v in plan_indicators(usual.id)]
    graded, expected = assess_plan(bulk), assess_plan(usual)
    assert [(r.indicator.code, r.assessment, r.forecast) for r in graded.results] == [
        (r.indicator.code, r.assessment, r.forecast) for r in expected.results
    ]
    assert (graded.year, graded.by_node, graded.plan) == (
        expected.year,
        expected.by_node,
        expected.plan,
    )


def test_each_plan_gets_its_snapshot_and_the_audit_entries_of_an_import(db, operator):
    bulk_load(actor=operator, plans=[plan_load(1), plan_load(2)])
    for n in (1, 2):
        code = municipality_code(n)
        plan = queries.find_plan(code)
        snapshot = PlanSnapshot.objects.get(plan_id=plan.id)
        assert (snapshot.version, snapshot.actor) == (1, operator.label)
        assert snapshot.document == queries.plan_document(plan)
        entries = AuditEntry.objects.filter(municipality_code=code).order_by("id")
        assert [(e.action, e.object_id, e.actor, e.before) for e in entries] == [
            ("municipality.save", code, operator.label, None),
            ("plan.create", f"{code}/2015-2024", operator.label, None),
        ]
        assert entries[1].after["version"] == 1
        assert "指標 60、数値 720" in entries[1].summary


def test_a_municipality_that_exists_is_refused_by_code_and_nothing_is_written(db, operator):
    taken = municipality_code(3)
    plan_services.save_municipality(actor=operator, code=taken, name_ja="既存町")
    before = counts()
    with pytest.raises(BulkLoadError, match=f"{taken}（既存町）は既にあります"):
        # one municipality per chunk: the first two are written before the third is refused
        bulk_load(actor=operator, plans=(plan_load(n) for n in (1, 2, 3)), chunk_size=1)
    assert counts() == before


def test_a_municipality_given_twice_is_refused_and_nothing_is_written(db, operator):
    before = counts()
    with pytest.raises(BulkLoadError, match=f"{municipality_code(1)} が一括読み込みの中に2度"):
        bulk_load(actor=operator, plans=[plan_load(1), plan_load(2), plan_load(1)])
    assert counts() == before


def test_a_figure_of_an_indicator_the_plan_lacks_is_refused_with_its_place(db, operator):
    load = plan_load(2)
    load.figures.append(dataclasses.replace(load.figures[0], indicator_code="99-9"))
    with pytest.raises(BulkLoadError, match=r"2 件目（\d{6}）: 数値 99-9 baseline FY2014"):
        bulk_load(actor=operator, plans=[plan_load(1), load])
    assert counts()["Municipality"] == 0


def test_only_the_operator_may_load_and_a_refusal_writes_nothing(db, operator):
    planner = Actor("kikaku", user_id=None)
    with pytest.raises(PermissionDenied):
        bulk_load(actor=planner, plans=[plan_load(1)])
    assert counts()["Municipality"] == 0


def test_ids_continue_without_collision_between_the_bulk_load_and_the_services(
    small_plan, operator
):
    bulk_load(actor=operator, plans=[plan_load(1)])
    load_through_services(operator, recoded(plan_load(1), municipality_code(2)))
    bulk_load(actor=operator, plans=[plan_load(3)])
    assert counts()["Plan"] == 4
    assert Figure.objects.values("indicator__plan").distinct().count() == 3
    assert PlanSnapshot.objects.filter(plan__municipality__code=municipality_code(3)).count() == 1
