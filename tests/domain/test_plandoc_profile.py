"""A reading profile as a person writes it: keys as styles, examples or words, and errors that
name the key and what would be accepted."""

from __future__ import annotations

from typing import Any

import pytest

from shisaku.domain.plandoc import read_plan
from shisaku.domain.plandoc_profile import (
    Choice,
    LevelRule,
    Profile,
    ProfileError,
    profile_from_dict,
    rules_to_dict,
)
from shisaku.domain.plandoc_source import document_from_text
from shisaku.domain.plantree import walk

# --- keys -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "style"),
    [
        ("基本目標{}", "基本目標{}"),
        ("({})", "({})"),
        ("{}-{}-{}", "{}-{}-{}"),
        ("基本目標1", "基本目標{}"),
        ("（1）", "({})"),
        ("⑴", "({})"),
        ("①", "①"),
        ("1-1-1", "{}-{}-{}"),
        ("１", "{}"),
        ("ア", "ア"),
        ("（ア）", "(ア)"),
        ("第1章", "第{}章"),
        ("Ⅱ", "Ⅰ"),
        ("II", "Ⅰ"),
    ],
)
def test_it_reads_a_heading_key_as_a_style_or_an_example_of_one(key: str, style: str) -> None:
    profile = profile_from_dict({"headings": {key: {"level": 2, "kind": "measure"}}})
    assert profile.styles == {style: Choice(2, "measure")}
    assert profile.words == {}


@pytest.mark.parametrize("word", ["基本目標", "施策", "プロジェクト"])
def test_it_reads_a_level_word_alone_as_every_style_with_that_word(word: str) -> None:
    profile = profile_from_dict({"headings": {word: {"level": 1, "kind": "field"}}})
    assert profile.words == {word: Choice(1, "field")}
    assert profile.choice(f"{word}{{}}") == Choice(1, "field")
    assert profile.choice(f"<{word}{{}}>") == Choice(1, "field")
    assert profile.choice("({})") is None


def test_a_style_key_wins_over_a_word_key() -> None:
    profile = profile_from_dict(
        {"headings": {"基本目標": "field", "基本目標1": {"level": 2, "kind": "measure"}}}
    )
    assert profile.choice("基本目標{}") == Choice(2, "measure")


@pytest.mark.parametrize(
    ("value", "choice", "decides"),
    [
        ("measure", Choice(0, "measure"), "level"),
        ("action", Choice(0, "action"), "level"),
        ({"level": 3}, Choice(3, ""), "level"),
        ({"level": 2, "kind": "policy"}, Choice(2, "policy"), "level"),
        ({"level": 2, "kind": "policy", "example": "（1）地域福祉"}, Choice(2, "policy"), "level"),
        ("text", Choice(0, "text"), "fallback"),
        ("group", Choice(0, "group"), "fallback"),
        ("bullet", Choice(0, "bullet"), "fallback"),
        ("skip", Choice(0, "skip"), "skip"),
        ({"kind": "text"}, Choice(0, "text"), "fallback"),
    ],
)
def test_it_reads_a_level_a_kind_or_both(value: Any, choice: Choice, decides: str) -> None:
    profile = profile_from_dict({"headings": {"①": value}})
    assert profile.styles == {"①": choice}
    assert profile.decides("①") == decides


def test_it_says_nothing_about_a_style_the_profile_does_not_name() -> None:
    profile = profile_from_dict({"headings": {"①": "text"}})
    assert (profile.choice("({})"), profile.decides("({})"), profile.kind("({})")) == (None, "", "")


def test_it_gives_the_levels_and_kinds_the_user_stated() -> None:
    profile = profile_from_dict(
        {"headings": {"1": {"level": 1, "kind": "field"}, "①": "action", "ア": "text"}}
    )
    styles = ["{}", "({})", "①", "ア"]
    assert profile.levels(styles) == {"{}": 1}
    assert profile.level_styles(styles) == {"{}", "①"}
    assert profile.fallback_styles(styles) == {"ア"}
    assert (profile.kind("{}"), profile.kind("①"), profile.kind("ア")) == ("field", "action", "")


def test_it_reads_sections_and_drop_lines_in_their_matching_forms() -> None:
    profile = profile_from_dict(
        {"sections": {"まちの 将来像": "vision"}, "drop": ["第2期 北浜市総合戦略 12"]}
    )
    assert profile.sections == {"まちの将来像": "vision"}
    assert profile.drop == ("第期北浜市総合戦略",)


def test_an_empty_profile_decides_nothing() -> None:
    assert profile_from_dict({}) == Profile()
    assert profile_from_dict({"headings": None, "sections": None, "drop": None}) == Profile()


def test_a_section_label_copied_from_the_document_is_recognised() -> None:
    text = "1 健やかなまち\n（1）健康づくりの推進\n１０年後のまち\nだれもが健診を受けています。\n"
    profile = profile_from_dict({"sections": {"１０年後のまち": "vision"}})
    reading = read_plan(document_from_text(text, name="雲雀野町.txt"), profile)
    measure = next(n for n in walk(reading.tree.nodes) if n.code == "1-1")
    assert [s.key for s in measure.sections] == ["vision"]


# --- errors ---------------------------------------------------------------------------------------

KINDS = "field, policy, measure, initiative, action, text, group, bullet, label, skip"


@pytest.mark.parametrize(
    ("obj", "path", "message"),
    [
        ([], "(top)", "(top): expected an object with headings, sections, drop"),
        ({"levels": {}}, "levels", "levels: expected only headings, sections and drop"),
        ({"headings": ["①"]}, "headings", "headings: expected an object"),
        (
            {"headings": {"①": "chapter"}},
            "headings.①",
            f"headings.①: 'chapter' is not one of {KINDS}",
        ),
        (
            {"headings": {"①": {"level": 2, "kind": "chapter"}}},
            "headings.①.kind",
            f"headings.①.kind: 'chapter' is not one of {KINDS}",
        ),
        (
            {"headings": {"①": {"level": "1"}}},
            "headings.①.level",
            "headings.①.level: expected a level from 1 to 20, found '1'",
        ),
        (
            {"headings": {"①": {"level": True}}},
            "headings.①.level",
            "headings.①.level: expected a level from 1 to 20, found True",
        ),
        (
            {"headings": {"①": {"level": 21}}},
            "headings.①.level",
            "headings.①.level: expected a level from 1 to 20, found 21",
        ),
        (
            {"headings": {"①": {}}},
            "headings.①",
            "headings.①: expected a level, a kind, or both",
        ),
        (
            {"headings": {"①": ["measure"]}},
            "headings.①",
            "headings.①: expected a kind (field, measure, text …) or {level, kind}",
        ),
        (
            {"headings": {"★★": "measure"}},
            "headings.★★",
            "headings.★★: expected a numbering such as 基本目標1, （1）, ① or 1-1-1",
        ),
        (
            {"sections": {"まちの将来像": "future"}},
            "sections.まちの将来像",
            "sections.まちの将来像: 'future' is not one of situation, direction, vision, "
            "diagram, initiatives, indicators",
        ),
        ({"drop": "第2期北浜市総合戦略"}, "drop", "drop: expected a list of lines"),
        ({"drop": [12]}, "drop", "drop: expected a list of lines"),
    ],
)
def test_it_refuses_a_profile_naming_the_key_and_what_is_accepted(
    obj: Any, path: str, message: str
) -> None:
    with pytest.raises(ProfileError) as caught:
        profile_from_dict(obj)
    assert (caught.value.path, str(caught.value)) == (path, message)


# --- the inferred layout as a profile -------------------------------------------------------------


RULES = [
    LevelRule("基本目標{}", 1, "field"),
    LevelRule("({})", 2, "measure"),
    LevelRule("ア", 0, ""),
]
EXAMPLES = {"基本目標{}": "基本目標1 子育て世代に選ばれるまち", "ア": "ア 相談窓口の充実"}


def test_it_writes_the_rules_as_profile_headings_with_an_example_each() -> None:
    assert rules_to_dict(RULES, EXAMPLES) == {
        "基本目標{}": {
            "level": 1,
            "kind": "field",
            "example": "基本目標1 子育て世代に選ばれるまち",
        },
        "({})": {"level": 2, "kind": "measure"},
        "ア": {"kind": "text", "example": "ア 相談窓口の充実"},
    }


def test_the_written_rules_read_back_as_the_same_decisions() -> None:
    profile = profile_from_dict({"headings": rules_to_dict(RULES, EXAMPLES)})
    assert profile.styles == {
        "基本目標{}": Choice(1, "field"),
        "({})": Choice(2, "measure"),
        "ア": Choice(0, "text"),
    }
