"""The title and the period a plan document states about itself (only offered, never guessed)."""

from __future__ import annotations

import pytest

from shisaku.domain.plandoc import read_plan
from shisaku.domain.plandoc_meta import find_period, find_title
from shisaku.domain.plandoc_source import document_from_text

# --- the title ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cover", "title"),
    [
        (
            ["雲雀野町", "第2次雲雀野町総合計画", "後期基本計画", "令和3年3月"],
            "第2次雲雀野町総合計画 後期基本計画",
        ),
        (["雲雀野町総合計画（令和3年度～令和12年度）"], "雲雀野町総合計画"),
        (["雲雀野町総合計画 2022（令和4）年度 ▶ 2026（令和8）年度"], "雲雀野町総合計画"),
        (["雲雀野町総合戦略", "2022～2026"], "雲雀野町総合戦略"),
        (["ブックタイトル第2次雲雀野町総合計画"], "第2次雲雀野町総合計画"),
        (["第1章 総合計画の概要", "雲雀野町総合計画"], "雲雀野町総合計画"),
        (
            ["本町は総合計画を策定しました。", "・総合計画の概要", "雲雀野町まちづくりビジョン"],
            "雲雀野町まちづくりビジョン",
        ),
        (["雲雀野町", "令和3年3月"], ""),
        ([], ""),
    ],
)
def test_it_finds_the_title_on_the_cover(cover: list[str], title: str) -> None:
    assert find_title(cover, []) == title


def test_a_running_head_that_names_the_plan_wins_over_the_cover() -> None:
    heads = ["第2次雲雀野町総合計画 後期基本計画"] * 2
    assert find_title(["雲雀野町総合計画"], heads) == "第2次雲雀野町総合計画 後期基本計画"


def test_a_running_head_that_names_a_chapter_is_no_title() -> None:
    assert (
        find_title(["雲雀野町総合計画"], ["第2章 基本計画", "第2章 基本計画"]) == "雲雀野町総合計画"
    )


@pytest.mark.parametrize(
    "heads",
    [
        ["雲雀野町総合計画 12", "雲雀野町総合計画 13"],
        ["12 雲雀野町総合計画", "13 雲雀野町総合計画"],
    ],
)
def test_it_finds_the_title_in_a_running_head_without_its_page_number(heads: list[str]) -> None:
    assert find_title([], heads) == "雲雀野町総合計画"


PLAN = """\
雲雀野町総合計画
後期基本計画
計画期間　令和4年度～令和8年度
1 健やかなまち
健診を勧めます。
雲雀野町総合計画 後期基本計画 12
(1) 健康づくりの推進
健診を勧めます。
雲雀野町総合計画 後期基本計画 13
(2) 地域医療の充実
かかりつけ医を広めます。
"""


def test_the_reading_offers_the_period_the_document_states() -> None:
    assert read_plan(document_from_text(PLAN, name="雲雀野町.txt")).period == (2022, 2026)


def test_the_reading_offers_the_title_of_the_running_head_without_its_page_number() -> None:
    assert read_plan(document_from_text(PLAN, name="雲雀野町.txt")).title == (
        "雲雀野町総合計画 後期基本計画"
    )


# --- the period -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "period"),
    [
        (["計画期間", "令和3年度～令和7年度"], (2021, 2025)),
        (["計画期間：2022（令和4）年度 ▶ 2026（令和8）年度"], (2022, 2026)),
        (["計画期間", "令和5～9年度"], (2023, 2027)),
        (["計画の期間は、令和3年度から令和7年度までの5年間です。"], (2021, 2025)),
        (["計画期間：平成31年度～平成35年度"], (2019, 2023)),
        (["計画期間：R4～R8"], (2022, 2026)),
        (["計画期間 2022年度から2026年度まで"], (2022, 2026)),
        (["雲雀野町総合計画（2022～2026）"], (2022, 2026)),
        (["雲雀野町総合計画", "令和4年度～令和8年度"], (2022, 2026)),
    ],
)
def test_it_finds_the_period_after_its_label_or_beside_the_title(
    lines: list[str], period: tuple[int, int]
) -> None:
    assert find_period(lines) == period


@pytest.mark.parametrize(
    "lines",
    [
        [],
        ["人口は2015年から2020年にかけて減少しました。"],
        ["計画期間", "本計画の期間は5年間とします。"],
        ["計画期間 2020～2050"],  # longer than any plan
    ],
)
def test_it_finds_no_period_where_the_document_states_none(lines: list[str]) -> None:
    assert find_period(lines) is None
