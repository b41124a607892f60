"""The 17 goals as data, and goal references as typed by people."""

from __future__ import annotations

import pytest

from shisaku.domain.sdgs import BadGoalRef, GoalRef, contrast, goals, parse_ref, parse_refs, sources


def test_there_are_seventeen_goals_numbered_in_order() -> None:
    assert list(goals()) == list(range(1, 18))


def test_the_goals_carry_the_ministry_and_un_names_and_colours() -> None:
    first, eleventh, last = goals()[1], goals()[11], goals()[17]
    assert (first.name_ja, first.name_en, first.colour) == (
        "貧困をなくそう",
        "No Poverty",
        "#E5243B",
    )
    assert eleventh.name_ja == "住み続けられるまちづくりを"
    assert eleventh.name("en") == "Sustainable Cities and Communities"
    assert (last.name_ja, last.colour) == ("パートナーシップで目標を達成しよう", "#19486A")


def test_the_data_file_names_its_sources() -> None:
    found = sources()
    assert "https://www.mofa.go.jp/mofaj/gaiko/oda/sdgs/about/index.html" in found["name_ja"]
    assert "https://sdgs.un.org/goals" in found["name_en"]
    assert "communications-material" in found["colour"]


def test_every_tile_text_colour_meets_wcag_aa_contrast() -> None:
    ratios = {g.number: round(contrast(g.colour, g.text_colour), 2) for g in goals().values()}
    assert min(ratios.values()) == 4.65
    assert (goals()[7].text_colour, goals()[17].text_colour) == ("#000000", "#FFFFFF")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4", GoalRef(4)),
        (" 4.1 ", GoalRef(4, "1")),
        ("４．Ａ", GoalRef(4, "a")),
        ("17.19", GoalRef(17, "19")),
    ],
)
def test_it_reads_goals_and_targets(text: str, expected: GoalRef) -> None:
    assert parse_ref(text) == expected


@pytest.mark.parametrize("text", ["0", "18", "4.", "x", "4-1", ""])
def test_it_refuses_what_is_not_a_goal_and_says_what_is_accepted(text: str) -> None:
    with pytest.raises(BadGoalRef) as error:
        parse_ref(text, "plan.json: node 1-1-1")
    assert str(error.value) == (
        f"plan.json: node 1-1-1: 「{text}」はSDGsのゴールではありません。"
        "1〜17 のゴール番号（例: 4）、またはターゲット（例: 4.1、4.a）で書いてください"
    )


def test_several_references_come_back_once_each_in_goal_order() -> None:
    refs = parse_refs(["11", "4.a", "4.2", "4", "11", " "])
    assert [r.label for r in refs] == ["4", "4.2", "4.a", "11"]
