"""Node codes from exchange files: one rule whatever the format (JSON or YAML).

Full-width digits, letters, brackets and dashes are read as ASCII, as the plan-document reader
reads a document's numbering; invisible and format characters, and anything an address cannot
hold, are refused with the node's path, the field and what is accepted. Every page of a plan
imported from an accepted file renders.
"""

from __future__ import annotations

import json

import pytest
import yaml

from shisaku.cli import main
from shisaku.domain.codes import NodeCodeError, normalize_node_code
from shisaku.plan.models import PlanNode

TOWN, SLUG = "022012", "2030-2034"
PLAN = f"/ja/{TOWN}/{SLUG}/"


def node(kind, code, title, children=(), **extra):
    return {"kind": kind, "code": code, "title": title, "sections": [], "children": [*children]}


def exchange(field_code="２", policy_code="２－１", measure_code="２－１－１"):
    description = {
        "key": "description",
        "state": "present",
        "blocks": [{"kind": "paragraph", "text": "相談支援を充実します。", "text_en": ""}],
    }
    measure = node("measure", measure_code, "相談支援の充実")
    measure["sections"] = [description]
    measure["indicators"] = [
        {
            "code": "K1",
            "name": "相談件数",
            "unit": "件",
            "baseline": {"raw": "100件", "value": "100", "period": "FY2029"},
            "target": {"raw": "120件", "value": "120", "period": "FY2034"},
        }
    ]
    return {
        "schema": "shisaku.plan/1",
        "municipality": {"code": TOWN, "name": "青森市", "name_en": "Aomori City"},
        "plan": {
            "slug": SLUG,
            "title": "青森市総合計画",
            "period": {"start": 2030, "end": 2034},
            "status": "published",
        },
        "nodes": [
            node("field", "1", "くらし"),
            node("field", field_code, "しごと", [node("policy", policy_code, "雇用", [measure])]),
        ],
    }


def write(tmp_path, doc, fmt):
    path = tmp_path / f"plan.{fmt}"
    if fmt == "json":
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    else:
        path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


def import_file(capsys, path):
    code = main(["import-plan", str(path)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("２", "2"),
        ("２－１－１", "2-1-1"),
        ("２−１", "2-1"),  # the minus sign plans print between numbers
        ("１－（２）", "1-(2)"),
        ("Ａ１.２", "A1.2"),
        ("2-1-1.1.2", "2-1-1.1.2"),
    ],
)
def test_a_code_is_folded_to_ascii_as_the_document_reader_folds_it(raw, code):
    assert normalize_node_code(raw) == code


@pytest.mark.parametrize(
    ("raw", "named"),
    [
        ("2\u200b", "U+200B (ZERO WIDTH SPACE)"),
        ("2\u202e1", "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
        ("\ufeff2", "U+FEFF (ZERO WIDTH NO-BREAK SPACE)"),
        ("2 1", "U+0020 (SPACE)"),
        ("2/1", "'/' U+002F (SOLIDUS)"),
        ("第2章", "'第' U+7B2C"),
        ("2?x", "'?' U+003F (QUESTION MARK)"),
    ],
)
def test_a_code_with_an_invisible_or_unaddressable_character_is_refused(raw, named):
    with pytest.raises(NodeCodeError) as refused:
        normalize_node_code(raw)
    assert named in str(refused.value)
    assert "expected ASCII letters, digits, '.', '-', '(' and ')'" in str(refused.value)


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_full_width_codes_in_an_exchange_file_are_imported_as_ascii(db, capsys, tmp_path, fmt):
    code, _, err = import_file(capsys, write(tmp_path, exchange(), fmt))
    assert code == 0, err
    assert sorted(PlanNode.objects.values_list("code", flat=True)) == ["1", "2", "2-1", "2-1-1"]


@pytest.mark.parametrize("fmt", ["json", "yaml"])
@pytest.mark.parametrize(
    ("codes", "where", "named"),
    [
        ({"field_code": "2\u200b"}, "nodes[1].code", "U+200B (ZERO WIDTH SPACE)"),
        ({"policy_code": "2-1\u202e"}, "nodes[1].children[0].code", "U+202E"),
        ({"measure_code": "2/1/1"}, "nodes[1].children[0].children[0].code", "'/' U+002F"),
        ({"field_code": "１"}, "nodes[1].code", "'1' is already the code of nodes[0]"),
    ],
)
def test_a_code_no_address_can_hold_is_refused_with_its_path(
    db, capsys, tmp_path, fmt, codes, where, named
):
    code, _, err = import_file(capsys, write(tmp_path, exchange(**codes), fmt))
    assert code == 2
    assert f"plan.{fmt} の {where}: " in err and named in err
    assert not PlanNode.objects.exists()


def test_every_page_of_a_plan_imported_from_an_exchange_file_renders(db, capsys, tmp_path, client):
    assert import_file(capsys, write(tmp_path, exchange(), "yaml"))[0] == 0
    codes = PlanNode.objects.values_list("code", flat=True)
    pages = [PLAN, PLAN + "index.json", PLAN + "dashboard/", PLAN + "indicators/"]
    pages += [PLAN + "indicators/K1/", PLAN + "index.csv", PLAN + "dashboard/index.json"]
    pages += [f"{PLAN}{c}/" for c in codes] + [f"{PLAN}{c}/index.json" for c in codes]
    pages += [f"/ja/{TOWN}/", "/ja/search/?q=しごと", "/ja/search/?q=相談", "/ja/search/?q=2-1"]
    pages += [p.replace("/ja/", "/en/", 1) for p in pages]
    statuses = {page: client.get(page).status_code for page in pages}
    assert {page: s for page, s in statuses.items() if s != 200} == {}
    assert f'href="{PLAN}2-1-1/"' in client.get(PLAN).content.decode()


@pytest.mark.parametrize("fmt", ["json", "yaml"])
@pytest.mark.parametrize(
    ("indicator_code", "named"),
    [("K/1", "'/' U+002F (SOLIDUS)"), ("K\u202e1", "U+202E"), ("K\u200b1", "U+200B")],
)
def test_an_indicator_code_no_address_can_hold_is_refused_with_its_path(
    db, capsys, tmp_path, fmt, indicator_code, named
):
    doc = exchange()
    doc["nodes"][1]["children"][0]["children"][0]["indicators"][0]["code"] = indicator_code
    code, _, err = import_file(capsys, write(tmp_path, doc, fmt))
    assert code == 2
    where = "nodes[1].children[0].children[0].indicators[0].code"
    assert f"plan.{fmt} の {where}: contains " in err and named in err
    assert not PlanNode.objects.exists()


def test_a_plan_imported_with_full_width_codes_publishes(db, capsys, tmp_path):
    assert import_file(capsys, write(tmp_path, exchange(), "json"))[0] == 0
    out = tmp_path / "site"
    code = main(["publish", str(out), "--municipality", TOWN])
    _, err = capsys.readouterr()
    assert code == 0, err
    assert (out / "ja" / TOWN / SLUG / "2-1-1" / "index.html").is_file()
