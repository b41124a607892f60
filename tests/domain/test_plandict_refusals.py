"""The plan exchange form: every refused shape, with the exact error naming the place, and
what is still accepted at each limit (lengths, depth, characters, missing keys)."""

from typing import Any

import pytest

from shisaku.domain.docindicators import DocIndicator
from shisaku.domain.plandict import (
    MAX_DEPTH,
    PlanDictError,
    node_from_dict,
    nodes_from_list,
    text_problem,
)
from shisaku.domain.plantree import Block, Footnote, Node, Section

CODE_EXPECTED = (
    "expected ASCII letters, digits, '.', '-', '(' and ')', such as 2, 2-1-1, 2-1-1.1.2 or 1-(2)"
    " (full-width digits and letters are read as ASCII)"
)
INDICATOR_EXPECTED = "expected a code without '/' or invisible characters, such as K1 or 2-1-1.K1"


def field(**keys: Any) -> dict[str, Any]:
    """A root node of the exchange form with only the keys a node needs, plus ``keys``."""
    return {"kind": "field", "code": "1", "title": "くらし", **keys}


def policy(code: str, **keys: Any) -> dict[str, Any]:
    return {"kind": "policy", "code": code, "title": "暮らしの安心", **keys}


def section(key: str = "vision", state: str = "present", **keys: Any) -> dict[str, Any]:
    return {"key": key, "state": state, **keys}


def block(**keys: Any) -> dict[str, Any]:
    return {"kind": "paragraph", "text": "相談支援を充実します。", **keys}


def indicator(code: str = "K1", **keys: Any) -> dict[str, Any]:
    return {"code": code, "name": "相談件数", **keys}


def nested(depth: int) -> dict[str, Any]:
    """A chain of ``depth`` nodes, each the only child of the one above."""
    node = policy(f"1-{depth}")
    for level in range(depth - 1, 0, -1):
        node = policy(f"1-{level}", children=[node])
    return node


REFUSED: list[tuple[str, Any, str, str]] = [
    ("no list", {}, "nodes", "expected a list of nodes, found dict"),
    ("null", None, "nodes", "expected a list of nodes, found NoneType"),
    ("text", "1", "nodes", "expected a list of nodes, found str"),
    ("not an object", [field(), "x"], "nodes[1]", "expected an object, found 'x'"),
    (
        "unknown kind",
        [field(kind="chapter")],
        "nodes[0].kind",
        "'chapter' is not one of field, policy, measure, initiative, action",
    ),
    ("kind missing", [{"code": "1", "title": "x"}], "nodes[0].kind", "is missing"),
    ("code missing", [{"kind": "field", "title": "x"}], "nodes[0].code", "is missing"),
    ("code a number", [field(code=1)], "nodes[0].code", "expected str, found 1"),
    ("code empty", [field(code="")], "nodes[0].code", "expected 1 to 40 characters, found ''"),
    (
        "code of 41",
        [field(code="1" * 41)],
        "nodes[0].code",
        "expected 1 to 40 characters, found 41",
    ),
    (
        "code with a space",
        [field(code="1 2")],
        "nodes[0].code",
        f"contains the invisible character U+0020 (SPACE); {CODE_EXPECTED}, found '1 2'",
    ),
    (
        "code with a sign",
        [field(code="1#")],
        "nodes[0].code",
        f"contains '#' U+0023 (NUMBER SIGN); {CODE_EXPECTED}, found '1#'",
    ),
    (
        "code twice among roots",
        [field(), field(code="2"), field(code="１")],
        "nodes[2].code",
        "'1' is already the code of nodes[0]",
    ),
    (
        "code twice among children",
        [field(children=[policy("1-1"), policy("1-2", children=[policy("1-1")])])],
        "nodes[0].children[1].children[0].code",
        "'1-1' is already the code of nodes[0].children[0]",
    ),
    (
        "code of a root reused below another root",
        [field(), field(code="2", children=[policy("1")])],
        "nodes[1].children[0].code",
        "'1' is already the code of nodes[0]",
    ),
    ("title missing", [{"kind": "field", "code": "1"}], "nodes[0].title", "is missing"),
    ("title a number", [field(title=3)], "nodes[0].title", "expected str, found 3"),
    ("title_en null", [field(title_en=None)], "nodes[0].title_en", "expected str, found None"),
    (
        "title_known a text",
        [field(title_known="no")],
        "nodes[0].title_known",
        "expected true or false, found 'no'",
    ),
    (
        "title_known a number",
        [field(title_known=0)],
        "nodes[0].title_known",
        "expected true or false, found 0",
    ),
    ("department a number", [field(department=1)], "nodes[0].department", "expected str, found 1"),
    (
        "department of 101",
        [field(department="課" * 101)],
        "nodes[0].department",
        "expected at most 100 characters, found 101",
    ),
    (
        "education a text",
        [field(education="yes")],
        "nodes[0].education",
        "expected bool, found 'yes'",
    ),
    ("education a number", [field(education=1)], "nodes[0].education", "expected bool, found 1"),
    ("children an object", [field(children={})], "nodes[0].children", "expected list, found {}"),
    (
        "a child not an object",
        [field(children=[policy("1-1"), 3])],
        "nodes[0].children[1]",
        "expected an object, found 3",
    ),
    (
        "a child with no title",
        [field(children=[{"kind": "policy", "code": "1-1"}])],
        "nodes[0].children[0].title",
        "is missing",
    ),
    ("sections a text", [field(sections="x")], "nodes[0].sections", "expected list, found 'x'"),
    (
        "a section not an object",
        [field(sections=[section(), None])],
        "nodes[0].sections[1]",
        "expected an object, found None",
    ),
    (
        "unknown section key",
        [field(sections=[section("intro")])],
        "nodes[0].sections[0].key",
        "'intro' is not one of description, vision, situation, direction, diagram, indicators",
    ),
    (
        "section state missing",
        [field(sections=[{"key": "vision"}])],
        "nodes[0].sections[0].state",
        "is missing",
    ),
    (
        "unknown section state",
        [field(sections=[section(state="gone")])],
        "nodes[0].sections[0].state",
        "'gone' is not one of present, missing, empty",
    ),
    (
        "section key twice",
        [field(sections=[section(), section("situation"), section("situation", "empty")])],
        "nodes[0].sections[2].key",
        "'situation' is already the key of sections[1]",
    ),
    (
        "columns a text",
        [field(sections=[section("indicators", columns="指標")])],
        "nodes[0].sections[0].columns",
        "expected list, found '指標'",
    ),
    (
        "a column a number",
        [field(sections=[section("indicators", columns=["指標", 2])])],
        "nodes[0].sections[0].columns[1]",
        "expected str, found 2",
    ),
    (
        "a column with a control character",
        [field(sections=[section("indicators", columns=["指標", "基準\x01値"])])],
        "nodes[0].sections[0].columns[1]",
        "contains the control character U+0001 (remove it)",
    ),
    (
        "blocks an object",
        [field(sections=[section(blocks={})])],
        "nodes[0].sections[0].blocks",
        "expected list, found {}",
    ),
    (
        "a block not an object",
        [field(sections=[section(blocks=[block(), "x"])])],
        "nodes[0].sections[0].blocks[1]",
        "expected an object, found 'x'",
    ),
    (
        "unknown block kind",
        [field(sections=[section(blocks=[block(kind="p")])])],
        "nodes[0].sections[0].blocks[0].kind",
        "'p' is not one of subheading, paragraph, bullet, row",
    ),
    (
        "block text missing",
        [field(sections=[section(blocks=[{"kind": "paragraph"}])])],
        "nodes[0].sections[0].blocks[0].text",
        "is missing",
    ),
    (
        "block text_en a number",
        [field(sections=[section(blocks=[block(text_en=1)])])],
        "nodes[0].sections[0].blocks[0].text_en",
        "expected str, found 1",
    ),
    (
        "a block's footnotes an object",
        [field(sections=[section(blocks=[block(footnotes={})])])],
        "nodes[0].sections[0].blocks[0].footnotes",
        "expected list, found {}",
    ),
    (
        "a block's footnote term of 201",
        [
            field(
                sections=[
                    section(
                        blocks=[
                            block(
                                footnotes=[
                                    {"term": "窓口", "text": "市役所の窓口"},
                                    {"term": "語" * 201, "text": "説明"},
                                ]
                            )
                        ]
                    )
                ]
            )
        ],
        "nodes[0].sections[0].blocks[0].footnotes[1].term",
        "expected at most 200 characters, found 201",
    ),
    (
        "a footnote without its term",
        [field(footnotes=[{"text": "説明"}])],
        "nodes[0].footnotes[0].term",
        "is missing",
    ),
    (
        "a footnote without its text",
        [field(footnotes=[{"term": "窓口"}])],
        "nodes[0].footnotes[0].text",
        "is missing",
    ),
    (
        "a footnote's text_en a number",
        [field(footnotes=[{"term": "窓口", "text": "説明", "text_en": 5}])],
        "nodes[0].footnotes[0].text_en",
        "expected str, found 5",
    ),
    (
        "a node's footnote not an object",
        [field(footnotes=[{"term": "窓口", "text": "説明"}, []])],
        "nodes[0].footnotes[1]",
        "expected an object, found []",
    ),
    (
        "indicators an object",
        [field(indicators={})],
        "nodes[0].indicators",
        "expected list, found {}",
    ),
    (
        "an indicator a text",
        [field(indicators=["K1"])],
        "nodes[0].indicators[0]",
        "expected an object with code, name, baseline and target",
    ),
    (
        "an indicator without a name",
        [field(indicators=[indicator(), {"code": "K2"}])],
        "nodes[0].indicators[1]",
        "expected a code and a name",
    ),
    (
        "an indicator code with a slash",
        [field(indicators=[indicator(), indicator("K/2")])],
        "nodes[0].indicators[1].code",
        f"contains '/' U+002F (SOLIDUS); {INDICATOR_EXPECTED}",
    ),
    (
        "an indicator code with NUL",
        [field(indicators=[indicator("K\x00")])],
        "nodes[0].indicators[0].code",
        f"contains the invisible character U+0000; {INDICATOR_EXPECTED}",
    ),
    (
        "an indicator code with a lone surrogate",
        [field(indicators=[indicator("K\ud800")])],
        "nodes[0].indicators[0].code",
        "contains a lone surrogate U+D800 (text must be valid Unicode)",
    ),
    (
        "a baseline period holding a colon and a space",
        [field(indicators=[indicator(baseline={"raw": "120件", "period": "FY: 2019"})])],
        "nodes[0].indicators[0].baseline.period",
        "expected a period key such as FY2019 or null, found 'FY: 2019'",
    ),
    (
        f"nested {MAX_DEPTH + 1} deep",
        [field(children=[nested(MAX_DEPTH)])],
        "nodes[0]" + ".children[0]" * MAX_DEPTH,
        f"nested deeper than {MAX_DEPTH} levels",
    ),
]


@pytest.mark.parametrize(
    ("data", "path", "message"), [case[1:] for case in REFUSED], ids=[case[0] for case in REFUSED]
)
def test_a_refused_shape_is_named_at_its_place(data, path, message):
    with pytest.raises(PlanDictError) as refused:
        nodes_from_list(data)
    assert (refused.value.path, str(refused.value)) == (path, f"{path}: {message}")


def test_one_node_read_on_its_own_refuses_a_code_used_twice_below_it():
    with pytest.raises(PlanDictError) as refused:
        node_from_dict(field(children=[policy("1-1"), policy("1")]), "node")
    assert str(refused.value) == "node.children[1].code: '1' is already the code of node"


def test_the_root_list_is_named_by_the_path_it_is_given():
    with pytest.raises(PlanDictError) as refused:
        nodes_from_list([field(), 2], "plan.nodes")
    assert str(refused.value) == "plan.nodes[1]: expected an object, found 2"


BAD_CHARACTERS = [
    ("\x00", "contains the control character U+0000 (remove it)"),
    ("\x08", "contains the control character U+0008 (remove it)"),
    ("\x0e", "contains the control character U+000E (remove it)"),
    ("\x1f", "contains the control character U+001F (remove it)"),
    ("\x7f", "contains the control character U+007F (remove it)"),
    ("\ud800", "contains a lone surrogate U+D800 (text must be valid Unicode)"),
    ("\udfff", "contains a lone surrogate U+DFFF (text must be valid Unicode)"),
]


def point(char: str) -> str:
    """A test id for a character: its code point (pytest ids cannot hold lone surrogates)."""
    return f"U+{ord(char):04X}"


@pytest.mark.parametrize(
    ("char", "problem"), BAD_CHARACTERS, ids=[point(c) for c, _ in BAD_CHARACTERS]
)
def test_a_character_no_column_stores_is_refused_in_a_title(char, problem):
    assert text_problem(f"相談{char}窓口") == problem
    with pytest.raises(PlanDictError) as refused:
        nodes_from_list([field(title=f"相談{char}窓口")])
    assert str(refused.value) == f"nodes[0].title: {problem}"


KEPT = ["\t", "\n", "\x0b", "\x0c", "\r", " ", "\x80", "\x85", "\u3000", "\ud7ff", "\ue000"]


@pytest.mark.parametrize("char", KEPT, ids=[point(c) for c in KEPT])
def test_layout_characters_and_others_outside_the_refused_ranges_are_kept(char):
    assert text_problem(f"相談{char}窓口") is None
    assert nodes_from_list([field(title=f"相談{char}窓口")])[0].title == f"相談{char}窓口"


def test_missing_optional_keys_read_as_their_defaults():
    data = [
        field(
            sections=[section("situation", blocks=[block(footnotes=[{"term": "a", "text": "b"}])])],
            footnotes=[{"term": "窓口", "text": "市役所の窓口"}],
        )
    ]
    expected = Node(
        "field",
        "1",
        "くらし",
        title_en="",
        title_known=True,
        sections=[
            Section(
                "situation",
                "present",
                [Block("paragraph", "相談支援を充実します。", "", [Footnote("a", "b", "")])],
                [],
            )
        ],
        children=[],
        footnotes=[Footnote("窓口", "市役所の窓口", "")],
        department="",
        education=False,
        indicators=[],
    )
    assert nodes_from_list(data) == [expected]


def test_every_key_of_a_node_is_read():
    data = [
        field(
            title_en="Living",
            title_known=False,
            department="企画課",
            education=True,
            sections=[section("indicators", "empty", columns=["指標", "目標値"])],
            footnotes=[{"term": "窓口", "text": "市役所の窓口", "text_en": "the desk"}],
            indicators=[indicator(note="年度末")],
            children=[policy("1-1")],
        )
    ]
    expected = Node(
        "field",
        "1",
        "くらし",
        title_en="Living",
        title_known=False,
        sections=[Section("indicators", "empty", [], ["指標", "目標値"])],
        children=[Node("policy", "1-1", "暮らしの安心")],
        footnotes=[Footnote("窓口", "市役所の窓口", "the desk")],
        department="企画課",
        education=True,
        indicators=[DocIndicator("相談件数", code="K1", note="年度末")],
    )
    assert nodes_from_list(data) == [expected]


def test_texts_at_their_limits_are_accepted():
    data = [
        field(
            code="1" * 40,
            department="課" * 100,
            title="題" * 5000,
            footnotes=[{"term": "語" * 200, "text": "説" * 5000}],
            sections=[section("indicators", columns=["列" * 1000])],
        )
    ]
    node = nodes_from_list(data)[0]
    assert (node.code, node.department, len(node.title)) == ("1" * 40, "課" * 100, 5000)
    assert (node.footnotes[0].term, node.sections[0].columns) == ("語" * 200, ["列" * 1000])


def test_a_code_of_one_character_is_accepted():
    assert nodes_from_list([field(code="9")])[0].code == "9"


def test_a_full_width_code_is_read_as_ascii():
    assert nodes_from_list([field(code="１", children=[policy("１－（２）")])])[0] == Node(
        "field", "1", "くらし", children=[Node("policy", "1-(2)", "暮らしの安心")]
    )


def test_a_tree_as_deep_as_allowed_is_read():
    tree = nodes_from_list([nested(MAX_DEPTH)])
    depth, node = 1, tree[0]
    while node.children:
        depth, node = depth + 1, node.children[0]
    assert (depth, node.code) == (MAX_DEPTH, f"1-{MAX_DEPTH}")
