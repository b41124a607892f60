"""The schemas of Shisaku's files: the plan exchange format (JSON and YAML) and the backup.

Every valid plan file (the bad-input corpus's base document, every plan of the demo exported
as JSON and as YAML) validates against ``exchange/plan.json``; every file of the bad-input
corpus that the reader refuses for its shape is refused by the schema too; the plan page's twin,
saved from the site, is an exchange file (its ``$schema`` included) and imports as it is.  A dump
of a test instance validates against ``backup/dump.json``.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from shisaku.cli import main
from shisaku.domain.plandict import PlanDictError, nodes_from_list
from shisaku.domain.plantree import node_to_dict
from shisaku.domain.sdgs import GoalRef
from shisaku.exchange import backup
from shisaku.plan.models import Plan, PlanNode
from shisaku.plan.sdgs import set_measure_goals
from tests.badinput.builders import plan_document
from tests.schema_checks import validator
from tests.test_properties_common import forests, json_values

SITE = "https://shisaku.example.jp"
CORPUS = Path(__file__).parent / "badinput" / "corpus" / "plan"
# Refused by the reader for what a schema cannot state: a relation between values (a code or
# section key used twice, the end of the period before its start, the check digit of the
# municipality code), nesting deeper than 20 nodes, or a lone surrogate (JSON Schema patterns
# see UTF-16 code units).
BEYOND_A_SCHEMA = {
    "deep-children.json",
    "duplicate-node-codes.json",
    "duplicate-root-codes.json",
    "municipality-code-check-digit.json",
    "node-title-lone-surrogate.json",
    "period-reversed.json",
    "section-duplicate-key.json",
}


def problems(name: str, document: Any) -> list[str]:
    """Return what the schema ``name`` finds wrong with ``document`` (empty: valid)."""
    return [f"{e.json_path}: {e.message}" for e in validator(name).iter_errors(document)]


def parsed(path: Path) -> Any:
    """Return a corpus file's document, or None when it is no JSON or YAML at all."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
        return json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except (UnicodeDecodeError, ValueError, yaml.YAMLError, RecursionError):
        return None  # a syntax or encoding error: refused before any shape is looked at


REFUSED = sorted(p for p in CORPUS.iterdir() if p.suffix in (".json", ".yaml"))


def test_the_corpus_base_document_is_a_valid_plan_file():
    assert problems("v1/exchange/plan", plan_document()) == []


@pytest.mark.parametrize("path", REFUSED, ids=lambda p: p.name)
def test_a_plan_file_the_reader_refuses_for_its_shape_is_refused_by_the_schema(path):
    document = parsed(path)
    if document is None or path.name in BEYOND_A_SCHEMA:
        assert path.name in BEYOND_A_SCHEMA or document is None
        return
    assert problems("v1/exchange/plan", document) != []


def test_the_files_beyond_a_schema_are_valid_but_refused_by_the_reader(db, capsys):
    for name in sorted(BEYOND_A_SCHEMA - {"deep-children.json"}):
        assert problems("v1/exchange/plan", parsed(CORPUS / name)) == [], name
        assert main(["import-plan", str(CORPUS / name)]) == 2, name
    capsys.readouterr()


def test_a_code_written_as_the_import_reads_it_is_valid(db, capsys, tmp_path):
    document = plan_document()
    document["municipality"]["code"] = " ９９９９９"  # full-width, without its check digit
    assert problems("v1/exchange/plan", document) == []
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert main(["import-plan", str(path)]) == 0
    assert Plan.objects.get().municipality.code == "999997"
    capsys.readouterr()


def test_a_misspelt_key_the_reader_would_ignore_is_refused():
    document = plan_document()
    document["nodes"][0]["titel_en"] = "Living"
    assert problems("v1/exchange/plan", document) == [
        "$.nodes[0]: Additional properties are not allowed ('titel_en' was unexpected)"
    ]


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_every_plan_of_the_demo_exports_as_a_valid_plan_file(db, capsys, tmp_path, fmt):
    main(["demo"])
    plans = Plan.objects.select_related("municipality").order_by("id")
    assert plans.count() >= 2
    for plan in plans:
        out = tmp_path / f"{plan.municipality.code}-{plan.slug}.{fmt}"
        code = plan.municipality.code
        assert (
            main(
                [
                    "export-plan",
                    "--municipality",
                    code,
                    "--plan",
                    plan.slug,
                    "-o",
                    str(out),
                    "--format",
                    fmt,
                ]
            )
            == 0
        )
        text = out.read_text(encoding="utf-8")
        document = json.loads(text) if fmt == "json" else yaml.safe_load(text)
        assert problems("v1/exchange/plan", document) == [], out.name
    capsys.readouterr()


def test_an_export_with_node_indicators_and_sdg_links_is_valid(db, capsys, tmp_path, operator):
    document_file = Path(__file__).parent / "fixtures" / "plans" / "kihon-asagirigawa-kpi.txt"
    args = ["--municipality", "999997", "--name", "試験市", "--title", "試験市計画"]
    assert main(["import-plan", str(document_file), *args, "--period", "2024-2028"]) == 0
    measure = PlanNode.objects.filter(kind="measure").order_by("id").first()
    refs = [GoalRef(3), GoalRef(4, "a")]
    set_measure_goals(
        actor=operator,
        municipality_code="999997",
        slug="2024-2028",
        node_code=measure.code,
        refs=refs,
    )
    out = tmp_path / "plan.yaml"
    assert (
        main(["export-plan", "--municipality", "999997", "--format", "yaml", "-o", str(out)]) == 0
    )
    document = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert document["sdgs"] == [{"node": measure.code, "goals": ["3", "4.a"]}]
    assert len(list(indicator_rows(document["nodes"]))) >= 5
    assert problems("v1/exchange/plan", document) == []
    capsys.readouterr()


def indicator_rows(nodes: list[dict[str, Any]]) -> Any:
    """Yield every indicator row of the nodes and their subtrees."""
    for node in nodes:
        yield from node.get("indicators", [])
        yield from indicator_rows(node["children"])


def test_a_dump_of_an_instance_is_a_valid_backup(db, capsys, tmp_path):
    main(["demo"])
    path = tmp_path / "all.json.gz"
    backup.dump(path)
    document = json.loads(gzip.decompress(path.read_bytes()))
    assert problems("v1/backup/dump", document) == []
    assert {"auth.user", "plan.plan", "indicators.figure"} <= set(document["models"])
    capsys.readouterr()


def test_a_dump_missing_its_hash_or_with_a_row_of_another_shape_is_refused():
    row = {"model": "plan.plan", "pk": 1, "fields": {"slug": "2019-2023"}}
    document = {
        "format": "shisaku.dump/1",
        "created_at": "2026-12-07T09:30:07.000001Z",
        "content_sha256": "0" * 64,
        "models": {"plan.plan": [row]},
    }
    assert problems("v1/backup/dump", document) == []
    assert problems("v1/backup/dump", {**document, "content_sha256": "0"}) == [
        "$.content_sha256: '0' does not match '^[0-9a-f]{64}$'"
    ]
    bad = {**document, "models": {"plan.plan": [{"model": "plan.plan", "pk": 1}]}}
    assert problems("v1/backup/dump", bad) == [
        "$.models['plan.plan'][0]: 'fields' is a required property"
    ]


# --- the schema and the reader agree on generated documents -----------------------------------

# What the reader refuses and no schema can state (see BEYOND_A_SCHEMA).
UNSTATED = ("is already the code of", "is already the key of", "nested deeper", "surrogate")


def document_of(nodes: Any) -> dict[str, Any]:
    """Return the corpus base document with ``nodes`` as its nodes."""
    return plan_document() | {"nodes": nodes}


@settings(max_examples=150, deadline=None)
@given(forests())
def test_every_tree_as_export_writes_it_is_a_valid_plan_file(nodes):
    assert problems("v1/exchange/plan", document_of([node_to_dict(n) for n in nodes])) == []


NODE_KEYS = ["kind", "code", "title", "title_en", "title_known", "sections", "children"]
NODE_KEYS += ["footnotes", "department", "education", "indicators"]


@settings(max_examples=400, deadline=None)
@given(forests(), st.sampled_from(NODE_KEYS), json_values)
def test_a_node_value_the_schema_accepts_is_read_or_refused_for_what_no_schema_states(
    nodes, key, value
):
    exported = [node_to_dict(n) for n in nodes] or [{"kind": "field", "code": "1", "title": ""}]
    exported[0][key] = value
    if problems("v1/exchange/plan", document_of(exported)):
        return
    try:
        nodes_from_list(exported)
    except PlanDictError as error:
        assert any(reason in str(error) for reason in UNSTATED), str(error)


def test_a_plan_twin_saved_from_the_site_imports_as_an_exchange_file(db, capsys, client, tmp_path):
    main(["demo"])
    plan = Plan.objects.filter(status="published").select_related("municipality").first()
    path = f"/ja/{plan.municipality.code}/{plan.slug}/index.json"
    twin = json.loads(client.get(path).content)
    assert twin["$schema"] == "http://testserver/schemas/v1/plan.json"
    assert problems("v1/exchange/plan", twin) == []
    assert problems("v1/plan", {k: v for k, v in twin.items() if k != "$schema"}) == [
        "$: '$schema' is a required property"
    ]
    saved = tmp_path / "plan.json"
    saved.write_bytes(client.get(path).content)
    assert main(["import-plan", str(saved)]) == 0
    assert json.loads(client.get(path).content) == twin  # read back as it was: nothing lost


def test_an_exchange_file_names_its_schema_only_with_an_address():
    document = plan_document()
    assert (
        problems("v1/exchange/plan", {"$schema": f"{SITE}/schemas/v1/plan.json"} | document) == []
    )
    assert problems("v1/exchange/plan", {"$schema": 1} | document) == [
        "$['$schema']: 1 is not of type 'string'"
    ]
