"""Plan services: create, update in place, versions, snapshots, audit, permissions."""

import pytest

from shisaku.accounts.permissions import PermissionDenied
from shisaku.audit.models import AppendOnlyError, AuditEntry
from shisaku.domain.actors import Actor
from shisaku.domain.plandoc import parse_plan
from shisaku.domain.plantree import PlanMeta
from shisaku.plan import queries, services
from shisaku.plan.models import PlanNode, PlanSnapshot, TextBlock
from tests.conftest import SEED, small_nodes

META = PlanMeta(
    title="試験市総合計画", title_en="Testville Plan", period_start=2024, period_end=2028
)


def test_a_new_plan_is_created_with_version_one_a_snapshot_and_an_audit_entry(small_plan):
    assert (small_plan.created, small_plan.version) == (True, 1)
    assert PlanNode.objects.count() == 6
    assert PlanSnapshot.objects.get().version == 1
    assert list(AuditEntry.objects.order_by("id").values_list("action", "object_id")) == [
        ("municipality.save", "999997"),
        ("plan.create", "999997/2024-2028"),
    ]


def test_the_stored_tree_reads_back_equal_to_what_was_imported(small_plan):
    plan = queries.find_plan("999997")
    assert queries.load_nodes(plan.id) == small_nodes()


def test_reimporting_the_same_tree_changes_nothing(small_plan, operator):
    ids = sorted(PlanNode.objects.values_list("id", flat=True))
    result = services.import_plan(
        actor=operator, municipality_code="999997", meta=META, nodes=small_nodes()
    )
    assert (result.created, result.changes, result.version) == (False, [], 1)
    assert sorted(PlanNode.objects.values_list("id", flat=True)) == ids
    assert PlanSnapshot.objects.count() == 1


def test_a_changed_tree_updates_in_place_and_keeps_node_rows(small_plan, operator):
    measure_id = PlanNode.objects.get(code="1-1-1").id
    nodes = small_nodes()
    nodes[0].children[0].children[0].title = "相談支援の強化"
    result = services.import_plan(
        actor=operator, municipality_code="999997", meta=META, nodes=nodes
    )
    assert [str(c) for c in result.changes] == [
        "~ 1-1-1 名称: 「相談支援の充実」 → 「相談支援の強化」"
    ]
    assert result.version == 2
    assert PlanNode.objects.get(code="1-1-1").id == measure_id
    assert PlanNode.objects.get(code="1-1-1").title_ja == "相談支援の強化"
    assert list(PlanSnapshot.objects.values_list("version", flat=True)) == [2, 1]


def test_a_dry_run_reports_changes_and_writes_nothing(small_plan, operator):
    nodes = small_nodes()
    del nodes[1]
    result = services.import_plan(
        actor=operator, municipality_code="999997", meta=META, nodes=nodes, dry_run=True
    )
    assert [str(c) for c in result.changes] == ["- 9 field 「」"]
    assert PlanNode.objects.filter(code="9").exists()
    assert queries.find_plan("999997").meta.version == 1


def test_english_translations_survive_a_reimport_of_the_japanese_document(small_plan, operator):
    TextBlock.objects.filter(text_ja="相談支援を充実します。").update(
        text_en="We improve counselling."
    )
    nodes = small_nodes()
    for node in nodes:
        node.title_en = ""
    services.import_plan(actor=operator, municipality_code="999997", meta=META, nodes=nodes)
    assert (
        TextBlock.objects.get(text_ja="相談支援を充実します。").text_en == "We improve counselling."
    )
    assert PlanNode.objects.get(code="1").title_en == "Living"


def test_a_visitor_may_not_import_a_plan(small_plan):
    with pytest.raises(PermissionDenied):
        services.import_plan(
            actor=Actor.anonymous(), municipality_code="999997", meta=META, nodes=[]
        )
    assert PlanNode.objects.count() == 6


def test_audit_entries_cannot_be_changed_or_removed(small_plan):
    entry = AuditEntry.objects.first()
    entry.summary = "rewritten"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()


def test_publishing_a_plan_is_audited(small_plan, operator):
    services.set_plan_status(
        actor=operator, municipality_code="999997", slug="2024-2028", status="draft"
    )
    entry = AuditEntry.objects.get(action="plan.status")
    assert (entry.before, entry.after) == ({"status": "published"}, {"status": "draft"})


def test_the_seed_reads_back_from_the_database_exactly_as_parsed(db, operator):
    tree = parse_plan(SEED.read_text(encoding="utf-8"), source=SEED.name)
    services.save_municipality(actor=operator, code="022012", name_ja="青森市")
    meta = PlanMeta(title="青森市総合計画 前期基本計画", period_start=2019, period_end=2023)
    services.import_plan(actor=operator, municipality_code="022012", meta=meta, nodes=tree.nodes)
    assert queries.load_nodes(queries.find_plan("022012").id) == tree.nodes


def test_a_reimport_that_drops_a_measure_with_indicators_is_refused_and_changes_nothing(
    small_plan, operator
):
    from shisaku.domain.indicatordata import IndicatorBatch, IndicatorDefinition
    from shisaku.indicators import services as indicator_services

    batch = IndicatorBatch(
        definitions=[
            IndicatorDefinition(
                "999997", "2024-2028", "K1", "相談件数", "increase", node_code="1-1-1"
            )
        ]
    )
    indicator_services.apply_batch(actor=operator, batch=batch)
    nodes = small_nodes()
    nodes[0].children[0].children.clear()  # drop measure 1-1-1
    with pytest.raises(services.PlanInUse, match="1-1-1"):
        services.import_plan(actor=operator, municipality_code="999997", meta=META, nodes=nodes)
    assert PlanNode.objects.filter(code="1-1-1").exists()
    assert queries.find_plan("999997").meta.version == 1
