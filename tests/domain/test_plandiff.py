"""What a re-import would change, and translations carried across."""

from shisaku.domain.plandiff import carry_translations, diff_trees
from shisaku.domain.plantree import Block, Node
from tests.conftest import small_nodes


def _measure(nodes):
    return nodes[0].children[0].children[0]


def test_identical_trees_have_no_changes():
    assert diff_trees(small_nodes(), small_nodes()) == []


def test_it_lists_added_removed_and_changed_nodes():
    old, new = small_nodes(), small_nodes()
    _measure(new).title = "相談支援の強化"
    new[0].children[0].children.append(Node("measure", "1-1-2", "新しい施策"))
    del new[1]
    assert [str(c) for c in diff_trees(old, new)] == [
        "~ 1-1-1 名称: 「相談支援の充実」 → 「相談支援の強化」",
        "+ 1-1-2 measure 「新しい施策」",
        "- 9 field 「」",
    ]


def test_it_reports_a_changed_sentence_by_section():
    old, new = small_nodes(), small_nodes()
    new[0].children[0].section("situation").blocks.append(
        Block("bullet", "高齢者の相談が増えています。")
    )
    assert [str(c) for c in diff_trees(old, new)] == ["~ 1-1 現状と課題: 2 → 3 件"]


def test_translations_alone_are_not_changes():
    old, new = small_nodes(), small_nodes()
    _measure(new).title_en = "Another translation"
    assert diff_trees(old, new) == []


def test_it_carries_english_across_where_the_japanese_is_unchanged():
    old, new = small_nodes(), small_nodes()
    _measure(old).section("description").blocks[0].text_en = "We improve counselling."
    _measure(new).title_en = ""
    new[0].children[0].title = "暮らしの安全"
    old[0].children[0].title_en = "Safe living"
    carry_translations(old, new)
    assert _measure(new).title_en == "Better counselling"
    assert _measure(new).section("description").blocks[0].text_en == "We improve counselling."
    assert new[0].children[0].title_en == ""  # the Japanese changed: the old English no longer fits
