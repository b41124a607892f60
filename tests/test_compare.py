"""Comparing municipalities: common indicator codes, prefecture pages and comparison pages.

Every municipality here is fictional test data (北市 029017, 南町 029025 and 西村 029033 in
青森県's code range, 東市 039012 in 岩手県's), not any real city's plan or figures.
"""

from __future__ import annotations

from shisaku.domain import common_indicators
from shisaku.domain.indicatordata import IndicatorBatch, IndicatorDefinition
from shisaku.domain.prefectures import prefecture_of, prefectures
from shisaku.exchange.indicatorfiles import export_indicators, read_indicator_bytes
from shisaku.indicators.queries import plan_indicators
from shisaku.indicators.services import apply_batch
from shisaku.plan.queries import find_plan
from tests.conftest import ROOT

DEFINITIONS = "municipality_code,plan,indicator_code,name,direction,common_code\n"


def read_definitions(rows: str):
    """Read a definitions file of the given rows."""
    return read_indicator_bytes([("definitions.csv", (DEFINITIONS + rows).encode())])


# --- the catalogue and the exchange column ----------------------------------------------------


def test_the_catalogue_lists_well_known_statistics_by_code():
    found = common_indicators.catalogue()
    assert list(found)[:3] == ["population", "total-fertility-rate", "births"]
    assert found["total-fertility-rate"].name_ja == "合計特殊出生率"
    assert common_indicators.by_name("合計特殊 出生率").code == "total-fertility-rate"
    assert common_indicators.find("tfr") is None


def test_every_common_code_is_documented_in_the_indicator_files_doc():
    text = (ROOT / "docs" / "indicator-files.md").read_text(encoding="utf-8")
    assert [c for c in common_indicators.catalogue() if f"| `{c}` |" not in text] == []


def test_the_47_prefectures_are_named_and_a_town_belongs_to_the_first_two_digits():
    assert len(prefectures()) == 47
    assert prefecture_of("022012").name_ja == "青森県"
    assert prefecture_of("010006").name_en == "Hokkaido"
    assert prefecture_of("999997") is None


def test_the_common_code_column_is_read_and_round_trips(small_plan, operator):
    batch = read_definitions("999997,2024-2028,K1,出生数,increase,ＢＩＲＴＨＳ\n")
    assert batch.errors == []
    assert batch.definitions[0].common_code == "births"
    apply_batch(actor=operator, batch=batch)
    plan = find_plan("999997", "2024-2028")
    assert [v.common_code for v in plan_indicators(plan.id)] == ["births"]
    definitions, _ = export_indicators(plan)
    assert definitions[0]["common_code"] == "births"


def test_a_common_code_not_in_the_catalogue_is_refused_with_the_codes_accepted(small_plan):
    batch = read_definitions("999997,2024-2028,K1,出生数,increase,birth-count\n")
    known = "、".join(common_indicators.catalogue())
    assert [str(e) for e in batch.errors] == [
        "definitions.csv の 2 行目 の common_code 列: "
        f"「birth-count」は共通指標コードの一覧にありません。使える値: {known}"
    ]


def test_a_definition_without_the_column_has_no_common_code():
    definition = IndicatorDefinition("999997", "2024-2028", "K1", "出生数", "increase")
    assert IndicatorBatch(definitions=[definition]).definitions[0].common_code == ""


def test_the_examples_give_a_code_only_to_cities_measuring_the_same_statistic(db, capsys):
    from shisaku.cli import main

    main(["demo"])
    capsys.readouterr()
    from shisaku.indicators.models import Indicator

    coded = Indicator.objects.exclude(common_code="").order_by("common_code", "plan__municipality")
    assert [(i.common_code, i.plan.municipality.code, i.name_ja) for i in coded] == [
        ("births", "122076", "出生数"),
        ("births", "282103", "出生数"),
        ("total-fertility-rate", "010006", "合計特殊出生率"),
        ("total-fertility-rate", "292125", "合計特殊出生率"),
    ]


def test_the_api_and_the_indicator_twin_give_the_common_code(small_plan, operator, client):
    apply_batch(
        actor=operator,
        batch=read_definitions("999997,2024-2028,K1,出生数,increase,births\n"),
    )
    api = client.get("/api/v1/municipalities/999997/plans/2024-2028/indicators/K1").json()
    twin = client.get("/ja/999997/2024-2028/indicators/K1/index.json").json()
    assert (api["common_code"], twin["indicator"]["common_code"]) == ("births", "births")
