"""Properties of the plan-document reader: whatever the text, a tree or a PlanDocError.

Documents are drawn from a grammar of the line forms real plans print (code headings in half
and full width, chapters, section words in their many dresses, groups, bullets, footnotes,
table rows, page numbers, sentences cut by page breaks) mixed with noise, so that the reader's
rules meet each other in orders no fixture has; and from arbitrary text and bytes.
"""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from shisaku.domain.plandoc import PlanDocError, decode_plan_bytes, parse_plan
from shisaku.domain.plantree import PlanTree, walk
from shisaku.urlcodes import NodeConverter
from tests.test_properties_common import ascii_noise, short_word

DIGITS = st.integers(1, 3)  # few codes, so that duplicates and strays are common
FULL_WIDTH = str.maketrans("0123456789-", "０１２３４５６７８９－")


@st.composite
def code(draw: st.DrawFn, levels: int) -> str:
    """Return a plan code of ``levels`` parts, sometimes in full width or with spaced dashes."""
    text = "-".join(str(draw(DIGITS)) for _ in range(levels))
    if draw(st.booleans()):
        text = text.translate(FULL_WIDTH)
    return text.replace("-", " - ") if draw(st.integers(0, 5)) == 0 else text


@st.composite
def heading(draw: st.DrawFn) -> str:
    """Return a code heading of one to four levels (four is an error), or a chapter."""
    title = draw(short_word)
    if draw(st.integers(0, 4)) == 0:
        number = draw(st.sampled_from(["1", "2", "一", "二", "十二", "３"]))
        return f"第{number}章 {title}"
    separator = draw(st.sampled_from([" ", "\u3000", "  "]))
    return f"{draw(code(draw(st.integers(1, 4))))}{separator}{title}"


SECTIONS = st.sampled_from(
    [
        "【現状と課題】",
        "（１）基本方向",
        "■主な取組",
        "主な取り組み",
        "施策の体系",
        "目標とする指標",
        "●成果指標",
        "２ 現状・課題",
    ]
)


@st.composite
def body_line(draw: st.DrawFn) -> str:
    """Return a line of body text in one of the forms plans print."""
    word = draw(short_word)
    forms = [
        f"《{word}》",
        f"【{word}】",
        f"・{word}を進めます。",
        f"● {word}",
        f"① {word}の充実",
        f"- {word}",
        f"※{word}：{word}のこと。",
        f"※1 {word}:説明",
        f"{word}\t基準値\t目標値",
        f"{word}\t120件\t150件",
        f"{word}を推進します。",
        f"{word}の途中で",  # a sentence a page break cut
        f"「{word}」※の説明です。",
        "- 45 -",
        "12 / 120",
        "",
        "\u3000",
    ]
    return draw(st.sampled_from(forms))


line_lists = st.lists(
    st.one_of(heading(), SECTIONS, body_line(), ascii_noise, st.text(max_size=15)), max_size=40
)
# Most documents open with a field heading, as plans do; the others test text before one.
document_lines = st.one_of(
    line_lists,
    st.builds(
        lambda first, rest: [first, *rest],
        st.builds("{} {}".format, DIGITS, short_word),
        line_lists,
    ),
)


def _check(text: str) -> None:
    """Parse ``text``: a tree with unique codes, or an error naming a line of the text."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    try:
        tree = parse_plan(text, source="doc.txt")
    except PlanDocError as error:
        assert 0 <= error.line <= len(lines)
        assert str(error).startswith("doc.txt")
        assert error.expected
        return
    assert isinstance(tree, PlanTree)
    codes = [n.code for n in walk(tree.nodes)]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(NodeConverter.regex, code) for code in codes)  # each has its page
    assert all(0 <= w.line <= len(lines) for w in tree.warnings)


@settings(max_examples=400)
@given(document_lines)
@example(["1 あああ", "1 - 1 - 1 ああ"])  # a code below a heading placed by its number: one 1
@example(["1 ああ", "■主な取組", "第1章 あ", "①\u3040㐀"])  # a group, then a heading: 1.1, 1.2
@example(["1 あう", "①\u3040㐀", "1 - 1 あい", "1 - 1 - 1 ああ"])  # 1-1 taken: renumbered
def test_a_document_of_real_line_forms_gives_a_tree_or_an_error_at_a_line(lines):
    _check("\n".join(lines))


@given(st.lists(st.one_of(heading(), body_line()), min_size=1, max_size=30))
def test_crlf_and_cr_line_ends_read_as_lf(lines):
    text = "\n".join(lines)
    outcome = []
    for variant in (text, text.replace("\n", "\r\n"), text.replace("\n", "\r")):
        try:
            outcome.append([n.code for n in walk(parse_plan(variant).nodes)])
        except PlanDocError as error:
            outcome.append([f"error at {error.line}"])
    assert outcome[0] == outcome[1] == outcome[2]


@given(st.text())
def test_any_text_gives_a_tree_or_an_error(text):
    _check(text)


@given(st.binary(max_size=200))
def test_any_bytes_decode_to_text_or_an_error_about_the_whole_file(data):
    try:
        text = decode_plan_bytes(data, source="doc.txt")
    except PlanDocError as error:
        assert error.line == 0
        assert "テキストではないバイト列" in str(error)
        return
    _check(text)


@given(document_lines, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp932"]))
def test_a_document_reads_the_same_in_every_accepted_encoding(lines, encoding):
    text = "\n".join(lines)
    try:
        data = text.encode(encoding)
        decoded = decode_plan_bytes(data, source="doc.txt")
    except (UnicodeEncodeError, PlanDocError):
        return  # noise that Shift_JIS cannot hold, or control characters
    if encoding == "cp932" and _is_utf8(data):
        return  # Shift_JIS that is also valid UTF-8 (half-width kana pairs) is read as UTF-8
    assert decoded.removeprefix("\ufeff") == text.removeprefix("\ufeff")


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
