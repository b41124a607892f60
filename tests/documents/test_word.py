"""The Word reader: real .docx files in, exact source lines out.

The two corpus documents are read whole; the numbering, table, text-box and refusal cases are
small documents written here with python-docx, with the XML python-docx cannot write added
by hand.
"""

from __future__ import annotations

import re
import time
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.oxml import parse_xml
from lxml import etree

from shisaku.documents import DocumentError, read_document
from shisaku.documents.word import read_docx
from shisaku.documents.word_formats import format_number, symbol_char
from tests.fixtures.plans.make_docx import (
    NSDECL,
    add_numbering,
    lvl_xml,
    start_override,
    text_box_run,
)

PLANS = Path(__file__).resolve().parents[1] / "fixtures" / "plans"

Numbering = tuple[int, Sequence[str], dict[int, str]]


def para(
    text: str = "", *, num: tuple[int, int] | None = None, style: str = "", ppr: str = ""
) -> str:
    """Return the XML of a paragraph with one run of ``text`` (runs if ``text`` starts with <)."""
    props = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num:
        props += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    runs = (
        text
        if text.startswith("<")
        else (f"<w:r><w:t xml:space='preserve'>{text}</w:t></w:r>" if text else "")
    )
    return f"<w:p><w:pPr>{props}{ppr}</w:pPr>{runs}</w:p>"


def make_docx(
    tmp_path: Path,
    body: str,
    *,
    numbering: Sequence[Numbering] = (),
    prepare: Callable[[Any], None] | None = None,
    name: str = "test.docx",
) -> Path:
    """Write a .docx whose body is the XML ``body`` (paragraphs and tables)."""
    document = Document()
    if prepare:
        prepare(document)
    for abstract_id, levels, nums in numbering:
        add_numbering(document, abstract_id, levels, nums)
    sect_pr = document.element.body.sectPr
    for item in list(document.element.body):
        if item is not sect_pr:
            document.element.body.remove(item)
    for item in list(parse_xml(f"<w:body {NSDECL}>{body}</w:body>")):
        sect_pr.addprevious(item)
    path = tmp_path / name
    document.save(str(path))
    return path


def texts(path: Path) -> list[str]:
    """Return the text of every source line of a .docx."""
    return [line.text for line in read_docx(path).lines]


# --- the corpus documents ------------------------------------------------------------------------


def test_word_headings_reads_every_line_with_its_numbering_level_and_weight() -> None:
    document = read_docx(PLANS / "word-headings.docx")
    got = [(line.text, line.outline, line.bold) for line in document.lines]
    assert got[:20] == [
        ("第6次東雲川町総合計画 後期基本計画", 0, False),
        ("計画期間　令和3年度～令和7年度", 0, False),
        ("第１章　子どもが健やかに育つまち", 1, True),
        ("重点", 0, True),  # the text box anchored before the 施策 title
        ("1-1　子育て支援の充実", 2, True),
        ("（１）現状と課題", 0, True),
        (
            "•　本町の年間出生数は、平成27年度の148人から令和元年度には121人に減っています。",
            0,
            False,
        ),
        ("•　共働き世帯が増え、0歳から2歳までの保育の申込みが毎年増えています。", 0, False),
        ("（２）施策の方向", 0, True),
        (
            "妊娠期から子育て期まで一つの窓口で相談できる体制を整え、保育の受け皿を広げることで、"
            "安心して子どもを産み育てられる環境をつくります。",
            0,
            False,
        ),
        ("（３）主な取組", 0, True),
        ("①　妊娠期からの相談体制の充実", 0, False),
        ("ア　母子健康手帳を交付するときに、保健師がすべての妊婦と面談します。", 0, False),
        ("イ　産後ケア事業を利用できる日数を増やします。", 0, False),
        ("②　保育の受け皿の拡大", 0, False),
        ("ア　町立しののめ保育所に0歳児室を増築し、定員を増やします。", 0, False),
        ("■目標とする指標", 0, True),
        ("指標名\t現状値（令和元年度）\t目標値（令和7年度）", 0, True),
        ("子育てしやすいまちだと感じる保護者の割合\t61.5%\t75.0%", 0, False),
        ("保育所の待機児童数\t9人\t0人", 0, False),
    ]
    assert got[20:] == [
        ("1-2　学校教育の充実", 2, True),
        ("（１）現状と課題", 0, True),
        ("•　町内の小学校4校のうち3校で、校舎の築年数が40年を超えています。", 0, False),
        ("（２）施策の方向", 0, True),
        (
            "一人ひとりの学ぶ力を伸ばす授業づくりと、安全で快適な学校施設の整備を進めます。",
            0,
            False,
        ),
        ("（３）主な取組", 0, True),
        ("①　学ぶ力を伸ばす授業づくり", 0, False),  # a new list instance restarts at ①
        ("ア　1人1台端末を使った授業を全学年に広げます。", 0, False),
        ("イ　放課後の学習教室を全小学校で開きます。", 0, False),
        ("■目標とする指標", 0, True),
        ("指標名\t現状値（令和元年度）\t目標値（令和7年度）", 0, True),
        ("授業がよくわかると答えた児童の割合\t78.2%\t85.0%", 0, False),
        ("第２章　安全に暮らせるまち", 1, True),
        ("2-1　防災・減災の推進", 2, True),
        ("（１）現状と課題", 0, True),
        ("•　東雲川の流域では、近年の大雨で床下浸水の被害が繰り返し起きています。", 0, False),
        ("（２）施策の方向", 0, True),
        ("住民、事業者、町がそれぞれの役割を果たし、災害に強い地域をつくります。", 0, False),
        ("SDGs 11", 0, True),  # the text box anchored after the paragraph's text
        ("（３）主な取組", 0, True),
        ("①　地域の防災力の向上", 0, False),
        ("ア　自主防災組織の結成と訓練を支援します。", 0, False),
        ("②　災害情報の確実な伝達", 0, False),
        ("ア　防災行政無線と登録制メールで、避難情報を同時に届けます。", 0, False),
        ("■目標とする指標", 0, True),
        ("指標名\t現状値（令和元年度）\t目標値（令和7年度）", 0, True),
        ("自主防災組織の結成率\t68.0%\t85.0%", 0, False),
        ("防災メールの登録者数\t2,350人\t4,000人", 0, False),
    ]
    assert [line.number for line in document.lines] == list(range(1, 49))
    assert document.lines[46].cells == ("自主防災組織の結成率", "68.0%", "85.0%")
    assert len(document.lines) == 48


def test_word_headings_sizes_title_pages_and_notices() -> None:
    document = read_docx(PLANS / "word-headings.docx")
    assert document.title == "第6次東雲川町総合計画 後期基本計画"
    assert document.name == "word-headings.docx" and document.pages == 0
    assert {line.page for line in document.lines} == {0}
    assert [line.size for line in document.lines[2:6]] == [14.0, 10.5, 13.0, 10.5]
    assert [(n.code, n.text) for n in document.notices] == [
        (
            "running_head",
            "ヘッダー「第6次東雲川町総合計画　後期基本計画」は本文ではないため読み込んでいません",
        ),
        ("running_head", "フッター「- 1 -」は本文ではないため読み込んでいません"),
    ]


def test_word_plain_numbers_keeps_typed_numbers_and_font_hints() -> None:
    document = read_docx(PLANS / "word-plain-numbers.docx")
    got = [(line.text, line.bold, line.size) for line in document.lines]
    assert got == [
        ("千鳥浜市第3次総合計画　基本計画", True, 18.0),
        ("", False, 10.5),
        ("基本目標１　誰もが健康に暮らせるまち", True, 14.0),
        ("１－１　健康づくりの推進", True, 12.0),
        ("【現状と課題】", True, 10.5),
        ("・特定健康診査の受診率は、令和元年度で38.2％にとどまっています。", False, 10.5),
        ("・運動を週に1回以上する市民は、全体の半分に届いていません。", False, 10.5),
        ("【施策の方向】", True, 10.5),
        (
            "市民一人ひとりが自分の健康に関心を持ち、身近な場所で健康づくりに取り組めるよう支えます。",
            False,
            10.5,
        ),
        ("【主な取組】", True, 10.5),
        ("（１）生活習慣病の予防", True, 10.5),
        ("　①休日や夜間にも特定健康診査を受けられるようにします。", False, 10.5),
        ("　②健診の結果に応じて、保健師が生活の改善を助言します。", False, 10.5),
        ("（２）運動の習慣づくり", True, 10.5),
        ("　①海岸遊歩道を使ったウォーキング教室を開きます。", False, 10.5),
        ("■成果指標", True, 10.5),
        ("指標名\t現状値\t目標値", True, 10.5),
        ("\t令和元年度\t令和7年度", True, 10.5),
        ("特定健康診査の受診率\t38.2％\t50.0％", False, 10.5),
        ("週1回以上運動する市民の割合\t46.5％\t60.0％", False, 10.5),
        ("※割合は市民意識調査によります。\t\t", False, 10.5),
        ("基本目標２", True, 14.0),  # a soft line break splits a paragraph that is no heading
        ("安心して暮らせるまち", True, 14.0),
        ("２－１　地域医療の確保", True, 12.0),
        ("【現状と課題】", True, 10.5),
        (
            "・市内の診療所の医師は高齢化が進み、休日の当番医を確保することが難しくなっています。",
            False,
            10.5,
        ),
        ("【主な取組】", True, 10.5),
        ("（１）休日・夜間の診療体制の維持", True, 10.5),
        ("　①千鳥浜市医師会と協力して、休日当番医の体制を保ちます。", False, 10.5),
        ("■成果指標", True, 10.5),
        ("指標名\t現状値\t目標値", True, 10.5),
        ("\t令和元年度\t令和7年度", True, 10.5),
        ("休日当番医を開いた日の割合\t92.0％\t100％", False, 10.5),
    ]
    assert {line.outline for line in document.lines} == {0}
    # Merged cells are left empty after their first position.
    assert [line.cells for line in document.lines[16:21]] == [
        ("指標名", "現状値", "目標値"),
        ("", "令和元年度", "令和7年度"),
        ("特定健康診査の受診率", "38.2％", "50.0％"),
        ("週1回以上運動する市民の割合", "46.5％", "60.0％"),
        ("※割合は市民意識調査によります。", "", ""),
    ]
    assert document.title == "千鳥浜市第3次総合計画 基本計画"
    assert [(n.code, n.text) for n in document.notices] == [
        ("running_head", "ヘッダー「千鳥浜市第3次総合計画」は本文ではないため読み込んでいません")
    ]


def test_read_document_dispatches_docx_to_the_word_reader() -> None:
    found = read_document(PLANS / "word-plain-numbers.docx")
    assert found is not None and found.lines[2].text.startswith("基本目標１")


# --- list numbering ------------------------------------------------------------------------------

OUTLINE: Numbering = (
    1,
    [
        lvl_xml(0, "decimal", "%1."),
        lvl_xml(1, "lowerLetter", "(%2)", extra='<w:suff w:val="space"/>'),
        lvl_xml(2, "decimalEnclosedCircle", "%3", extra='<w:suff w:val="nothing"/>'),
    ],
    {1: "", 2: "", 3: start_override(0, 5)},
)


def test_counters_continue_restart_deeper_levels_and_honour_start_overrides(tmp_path: Path) -> None:
    body = "".join([
        para("a", num=(1, 0)), para("b", num=(1, 1)), para("c", num=(1, 1)), para("本文"),
        para("d", num=(1, 0)), para("e", num=(1, 1)), para("f", num=(1, 2)),
        para("g", num=(2, 0)),  # another instance of the same definition continues it
        para("h", num=(3, 0)), para("i", num=(3, 0)),  # an instance restarting at 5
        para("j", num=(1, 0)),  # the definition's one counter goes on from there
    ])  # fmt: skip
    path = make_docx(tmp_path, body, numbering=[OUTLINE])
    assert texts(path) == [
        "1.　a", "(a) b", "(b) c", "本文", "2.　d", "(a) e", "①f", "3.　g", "5.　h", "6.　i",
        "7.　j",
    ]  # fmt: skip


def test_level_restart_rules(tmp_path: Path) -> None:
    levels = [
        lvl_xml(0, "decimal", "%1", extra='<w:suff w:val="space"/>'),
        lvl_xml(1, "decimal", "%1.%2", extra='<w:suff w:val="space"/>'),
        lvl_xml(2, "decimal", "%3)", extra='<w:lvlRestart w:val="0"/><w:suff w:val="space"/>'),
        lvl_xml(3, "decimal", "%4]", extra='<w:lvlRestart w:val="1"/><w:suff w:val="space"/>'),
    ]
    order = [0, 2, 3, 1, 2, 3, 0, 2, 3]
    body = "".join(para("x", num=(4, level)) for level in order)
    path = make_docx(tmp_path, body, numbering=[(4, levels, {4: ""})])
    assert texts(path) == ["1 x", "1) x", "1] x", "1.1 x", "2) x", "2] x", "2 x", "3) x", "1] x"]


def test_level_override_replaces_a_level_for_one_instance(tmp_path: Path) -> None:
    replaced = (
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/>'
        + lvl_xml(0, "upperRoman", "%1章", extra='<w:suff w:val="nothing"/>')
        + "</w:lvlOverride>"
    )
    body = para("総論", num=(5, 0)) + para("各論", num=(5, 0)) + para("付録", num=(6, 0))
    numbering = [(5, [lvl_xml(0, "decimal", "%1.")], {5: replaced, 6: ""})]
    path = make_docx(tmp_path, body, numbering=numbering)
    assert texts(path) == ["I章総論", "II章各論", "3.　付録"]


def test_japanese_formats_legal_numbering_and_unused_parent_levels(tmp_path: Path) -> None:
    levels = [
        lvl_xml(0, "japaneseCounting", "第%1章", start=3),
        lvl_xml(1, "decimalFullWidth", "%1.%2", extra="<w:isLgl/>"),
        lvl_xml(2, "irohaFullWidth", "%3"),
        lvl_xml(3, "decimalFullWidth", "%1-%2-%4"),
    ]
    order = [1, 0, 1, 2, 2, 3]  # level 1 first: its %1 shows level 0's start value
    body = "".join(para("題", num=(7, level)) for level in order)
    path = make_docx(tmp_path, body, numbering=[(7, levels, {7: ""})])
    assert texts(path) == ["3.1　題", "第三章　題", "3.1　題", "イ　題", "ロ　題", "三-１-１　題"]


def test_unknown_format_is_decimal_with_one_notice(tmp_path: Path) -> None:
    body = para("一", num=(8, 0)) + para("二", num=(8, 0))
    path = make_docx(tmp_path, body, numbering=[(8, [lvl_xml(0, "thaiNumbers", "%1.")], {8: ""})])
    document = read_docx(path)
    assert [line.text for line in document.lines] == ["1.　一", "2.　二"]
    assert [(n.code, n.text) for n in document.notices] == [
        ("other", "番号の書式 thaiNumbers には対応していないため、算用数字で示しました")
    ]


def _numbering_style(document: Any) -> None:
    """Add a numbering style 「MyList」 standing for numId 21."""
    document.styles.element.append(
        parse_xml(
            f'<w:style {NSDECL} w:type="numbering" w:styleId="MyList"><w:name w:val="My List"/>'
            '<w:pPr><w:numPr><w:numId w:val="21"/></w:numPr></w:pPr></w:style>'
        )
    )


def test_numbering_from_styles_links_and_numid_zero(tmp_path: Path) -> None:
    body = "".join([
        para("箇条", style="ListBullet"),  # the template's List Bullet: Symbol bullet via its style
        para("番号なし", style="ListBullet", ppr='<w:numPr><w:numId w:val="0"/></w:numPr>'),
        para("リンク", num=(22, 0)), para("リンク", num=(22, 0)),
    ])  # fmt: skip
    numbering = [
        (21, [lvl_xml(0, "aiueoFullWidth", "（%1）", extra='<w:suff w:val="nothing"/>')], {21: ""}),
        (20, [], {22: ""}),
    ]
    path = make_docx(tmp_path, body, numbering=numbering, prepare=_numbering_style)
    document = Document(str(path))
    abstract = document.part.numbering_part.element.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}abstractNum"
    )
    abstract.addnext(
        parse_xml(
            f'<w:abstractNum {NSDECL} w:abstractNumId="20">'
            '<w:numStyleLink w:val="MyList"/></w:abstractNum>'
        )
    )
    document.save(str(path))
    assert texts(path) == ["•　箇条", "番号なし", "（ア）リンク", "（イ）リンク"]


@pytest.mark.parametrize(
    ("fmt", "values", "shown"),
    [
        ("decimalEnclosedCircle", (1, 20, 21, 50, 51), ["①", "⑳", "㉑", "㊿", "51"]),
        ("decimalFullWidth", (7, 12), ["７", "１２"]),
        ("aiueoFullWidth", (1, 3, 46, 47), ["ア", "ウ", "ン", "ア"]),
        ("irohaFullWidth", (1, 2, 3), ["イ", "ロ", "ハ"]),
        ("japaneseCounting", (1, 10, 11, 20, 105), ["一", "十", "十一", "二十", "百五"]),
        ("japaneseLegal", (1, 10, 23), ["壱", "壱拾", "弐拾参"]),
        ("ideographDigital", (10, 2024), ["一〇", "二〇二四"]),
        ("upperRoman", (4, 9, 14), ["IV", "IX", "XIV"]),
        ("lowerLetter", (1, 26, 27), ["a", "z", "aa"]),
        ("decimalZero", (3, 12), ["03", "12"]),
        ("ideographTraditional", (1, 10, 11), ["甲", "癸", "甲"]),
        ("none", (4,), [""]),
    ],
)
def test_number_formats(fmt: str, values: tuple[int, ...], shown: list[str]) -> None:
    assert [format_number(v, fmt) for v in values] == shown


def test_symbol_font_bullets_become_the_characters_they_draw() -> None:
    assert symbol_char("\uf0b7\uf06c\uf06e\uf0d8\uf020・") == "•●■➢・・"
    assert format_number(1, "cardinalText") is None


# --- headings, weight and size -----------------------------------------------------------------


def _japanese_heading_styles(document: Any) -> None:
    """Add a style named 「見出し 2」 without an outline level, and one based on Heading 3."""
    document.styles.element.append(
        parse_xml(
            f'<w:style {NSDECL} w:type="paragraph" w:styleId="2"><w:name w:val="見出し 2"/>'
            '<w:basedOn w:val="Normal"/></w:style>'
        )
    )
    document.styles.element.append(
        parse_xml(
            f'<w:style {NSDECL} w:type="paragraph" w:styleId="Shisaku"><w:name w:val="施策"/>'
            '<w:basedOn w:val="Heading3"/><w:rPr><w:b w:val="0"/></w:rPr></w:style>'
        )
    )


def test_outline_levels_from_names_inheritance_and_outline_lvl(tmp_path: Path) -> None:
    body = "".join([
        para("章", style="Heading1"), para("節", style="2"), para("施策", style="Shisaku"),
        para("直接", ppr='<w:outlineLvl w:val="0"/>'),
        para("本文扱い", style="Heading1", ppr='<w:outlineLvl w:val="9"/>'),
        para("表題", style="Title"), para("本文"),
    ])  # fmt: skip
    path = make_docx(tmp_path, body, prepare=_japanese_heading_styles)
    lines = read_docx(path).lines
    assert [(line.text, line.outline) for line in lines] == [
        ("章", 1), ("節", 2), ("施策", 3), ("直接", 1), ("本文扱い", 0), ("表題", 0), ("本文", 0),
    ]  # fmt: skip
    assert [line.bold for line in lines] == [True, False, False, False, True, False, False]


def run(text: str, props: str = "") -> str:
    """Return the XML of one run."""
    return f"<w:r><w:rPr>{props}</w:rPr><w:t xml:space='preserve'>{text}</w:t></w:r>"


def test_bold_is_the_majority_of_characters_and_size_the_largest_run(tmp_path: Path) -> None:
    body = "".join([
        para(run("太字", "<w:b/>") + run("普通")),  # half is not most
        para(run("太字です", "<w:b/>") + run(" 普通 ")),  # white space does not count
        para(run("強調", '<w:rStyle w:val="Strong"/>') + run("a")),  # bold through a style
        para(run("小", '<w:sz w:val="20"/>') + run("大", '<w:sz w:val="32"/>')
             + run(" ", '<w:sz w:val="48"/>')),  # a blank run's size does not count
        para(style="Heading1"),  # an empty paragraph: its style's size
        para(run("消えない", '<w:b w:val="0"/>'), style="Heading1"),
    ])  # fmt: skip
    lines = read_docx(make_docx(tmp_path, body)).lines
    assert [(line.text, line.bold, line.size) for line in lines] == [
        ("太字普通", False, 11.0),
        ("太字です 普通 ", True, 11.0),
        ("強調a", True, 11.0),
        ("小大 ", False, 16.0),
        ("", False, 14.0),
        ("消えない", False, 14.0),
    ]


# --- the text of a paragraph ---------------------------------------------------------------------


def test_soft_breaks_split_body_paragraphs_but_not_headings(tmp_path: Path) -> None:
    broken = run("一行目") + "<w:r><w:br/><w:t>二行目</w:t><w:cr/><w:t>三行目</w:t></w:r>"
    body = "".join([
        para(broken),
        para(run("基本目標１") + "<w:r><w:br/></w:r>" + run("安全なまち"), style="Heading1"),
        para(run("改ページ") + '<w:r><w:br w:type="page"/><w:t>の後</w:t></w:r>'),
        para("<w:r><w:t>1</w:t><w:tab/><w:t>項目</w:t><w:noBreakHyphen/><w:t>A</w:t></w:r>"),
        para(),
    ])  # fmt: skip
    lines = read_docx(make_docx(tmp_path, body)).lines
    assert [(line.number, line.text, line.outline) for line in lines] == [
        (1, "一行目", 0), (2, "二行目", 0), (3, "三行目", 0), (4, "基本目標１　安全なまち", 1),
        (5, "改ページの後", 0), (6, "1\t項目-A", 0), (7, "", 0),
    ]  # fmt: skip


def test_runs_through_links_fields_controls_and_tracked_changes(tmp_path: Path) -> None:
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText> PAGEREF x </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + run("12") +
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )  # fmt: skip
    body = "".join([
        para('<w:hyperlink w:anchor="x">' + run("リンク") + "</w:hyperlink>" + run("先")),
        para(run("参照") + field + '<w:fldSimple w:instr=" PAGE ">' + run("3") + "</w:fldSimple>"),
        para(run("残す") + '<w:ins w:id="1" w:author="a">' + run("追加") + "</w:ins>"
             + '<w:del w:id="2" w:author="a"><w:r><w:delText>削除</w:delText></w:r></w:del>'),
        para(run("見える") + run("隠し", "<w:vanish/>") + run("注") +
             '<w:r><w:footnoteReference w:id="1"/></w:r>'),
        "<w:sdt><w:sdtPr/><w:sdtContent>" + para("目次の行") + "</w:sdtContent></w:sdt>",
        para("<w:sdt><w:sdtContent>" + run("入力欄") + "</w:sdtContent></w:sdt>"),
    ])  # fmt: skip
    document = read_docx(make_docx(tmp_path, body))
    assert [line.text for line in document.lines] == [
        "リンク先", "参照123", "残す追加", "見える注", "目次の行", "入力欄",
    ]  # fmt: skip
    assert [n.text for n in document.notices] == [
        "脚注・文末脚注 1 件は読み込んでいません（本文中の注番号も除きました）",
        "変更履歴が残っています。すべて承諾した状態（挿入は残し、削除は除く）で読みました",
    ]


# --- tables --------------------------------------------------------------------------------------


def cell(*paragraphs: str, props: str = "") -> str:
    """Return the XML of a table cell holding ``paragraphs`` (XML)."""
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{''.join(paragraphs) or para()}</w:tc>"


def table(*rows: str, columns: int = 3) -> str:
    """Return the XML of a table of ``rows`` on a grid of ``columns``."""
    grid = "<w:gridCol w:w='2000'/>" * columns
    return f"<w:tbl><w:tblPr/><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"


def test_table_rows_cells_and_merged_cells_left_empty(tmp_path: Path) -> None:
    nested = table(
        "<w:tr>" + cell(para("上")) + "</w:tr>", "<w:tr>" + cell(para("下")) + "</w:tr>", columns=1
    )
    body = table(
        "<w:tr>" + cell(para(run("指標", "<w:b/>")), props='<w:gridSpan w:val="2"/>')
        + cell(para(run("目標値", "<w:b/>")), para(run("(R7)", "<w:b/>"))) + "</w:tr>",
        "<w:tr>" + cell(para("子育て"), para("支援"), props='<w:vMerge w:val="restart"/>')
        + cell(para("Total"), para("Score")) + cell(para("80%"), para("以上")) + "</w:tr>",
        "<w:tr>" + cell(props="<w:vMerge/>") + cell(nested)
        + cell(para("<w:r><w:t>x</w:t><w:tab/><w:t>y</w:t></w:r>")) + "</w:tr>",
        "<w:tr><w:trPr><w:gridBefore w:val='1'/></w:trPr>" + cell(para("右寄り")) + "</w:tr>",
        "<w:tr>" + cell(para("1", num=(1, 0))) + cell(para("2", num=(1, 0))) + cell() + "</w:tr>",
    )  # fmt: skip
    lines = read_docx(
        make_docx(tmp_path, para("前") + body + para("後"), numbering=[OUTLINE])
    ).lines
    assert [line.cells for line in lines] == [
        (),
        ("指標", "", "目標値(R7)"),
        ("子育て支援", "Total Score", "80%以上"),
        ("", "上下", "x y"),
        ("", "右寄り", ""),
        ("1.　1", "2.　2", ""),
        (),
    ]
    assert lines[1].text == "指標\t\t目標値(R7)" and lines[1].bold
    assert [line.bold for line in lines[2:6]] == [False] * 4
    assert [line.text for line in (lines[0], lines[-1])] == ["前", "後"]


# --- text boxes and figures ----------------------------------------------------------------------


def test_text_boxes_are_read_where_their_anchor_sits(tmp_path: Path) -> None:
    def box(text: str, shape: int) -> str:
        return str(etree.tostring(text_box_run(text, shape), encoding=str))

    vml = (
        "<w:r><w:pict><v:shape><v:textbox><w:txbxContent>" + para("縦の見出し")
        + "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    )  # fmt: skip
    body = "".join([
        para(box("重点", 1) + run("施策の題"), style="Heading2"),
        para(run("本文です。") + box("SDGs 3", 2)),
        para(vml),
        table("<w:tr>" + cell(para(run("指標") + box("注", 3))) + cell() + cell() + "</w:tr>"),
    ])  # fmt: skip
    lines = read_docx(make_docx(tmp_path, body)).lines
    assert [(line.text, line.outline, line.bold) for line in lines] == [
        ("重点", 0, True),
        ("施策の題", 2, True),
        ("本文です。", 0, False),
        ("SDGs 3", 0, True),  # once: the VML copy of a DrawingML box is not read again
        ("縦の見出し", 0, False),  # a box before any text of its paragraph comes first
        ("", 0, False),  # the paragraph holding the VML box has no text of its own
        ("指標注\t\t", 0, False),
    ]


def test_smartart_and_charts_are_reported(tmp_path: Path) -> None:
    def graphic(kind: str) -> str:
        uri = f"http://schemas.openxmlformats.org/drawingml/2006/{kind}"
        frame = f'<wp:inline><a:graphic><a:graphicData uri="{uri}"/></a:graphic></wp:inline>'
        return f"<w:r><w:drawing>{frame}</w:drawing></w:r>"

    body = para("前") + para(graphic("diagram")) + para(run("図") + graphic("chart"))
    document = read_docx(make_docx(tmp_path, body))
    assert [line.text for line in document.lines] == ["前", "", "図"]
    assert [(n.code, n.text) for n in document.notices] == [
        ("figure_text", "2 行目付近の図（SmartArt）の中の文字は読み込んでいません"),
        ("figure_text", "3 行目付近の図（グラフ）の中の文字は読み込んでいません"),
    ]


def test_each_header_and_footer_is_one_notice(tmp_path: Path) -> None:
    def heads(document: Any) -> None:
        section = document.sections[0]
        section.different_first_page_header_footer = True
        section.header.paragraphs[0].text = "総合計画"
        section.header.add_paragraph("基本計画")
        section.first_page_header.paragraphs[0].text = "表紙"
        section.footer.paragraphs[0].text = ""  # an empty footer says nothing

    document = read_docx(make_docx(tmp_path, para("本文"), prepare=heads))
    assert [line.text for line in document.lines] == ["本文"]
    assert sorted((n.code, n.text) for n in document.notices) == [
        ("running_head", "ヘッダー「総合計画 / 基本計画」は本文ではないため読み込んでいません"),
        ("running_head", "ヘッダー「表紙」は本文ではないため読み込んでいません"),
    ]


# --- files that are refused ----------------------------------------------------------------------

RESAVE = "古い .doc 形式なら Word で .docx に保存し直してください"
CANNOT = "Word 文書（.docx）として開けません"


def refused(path: Path) -> str:
    """Return the message of the DocumentError reading ``path`` raises."""
    with pytest.raises(DocumentError) as caught:
        read_docx(path)
    return str(caught.value)


def test_files_that_are_not_docx_are_refused_with_a_reason(tmp_path: Path) -> None:
    text = tmp_path / "plan.docx"
    text.write_text("第1章 総論\n", encoding="utf-8")
    old = tmp_path / "old.docx"
    old.write_bytes(
        bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 1024 + "WordDocument".encode("utf-16-le")
    )
    locked = tmp_path / "locked.docx"
    locked.write_bytes(
        bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 600 + "EncryptedPackage".encode("utf-16-le")
    )
    sheet = tmp_path / "sheet.docx"
    with zipfile.ZipFile(sheet, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert refused(text) == (f"plan.docx: {CANNOT}（ZIP 形式のファイルではありません）。{RESAVE}")
    assert refused(old) == f"old.docx: {CANNOT}（Word 97-2003 の .doc 形式です）。{RESAVE}"
    assert refused(locked) == (
        f"locked.docx: {CANNOT}（パスワードで保護されています）。"
        "Word で保護を解除してから保存し直してください"
    )
    assert refused(sheet) == (
        f"sheet.docx: {CANNOT}（Word の本文 word/document.xml がありません）。"
        "Word で保存した .docx を選んでください"
    )


def test_a_docx_with_broken_xml_is_refused(tmp_path: Path) -> None:
    good = make_docx(tmp_path, para("本文"))
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(broken, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(
                info.filename,
                b"<w:document><w:body>" if info.filename == "word/document.xml" else data,
            )
    message = refused(broken)
    assert message.startswith(f"broken.docx: {CANNOT}（中身が Word 文書として壊れています: ")
    assert message.endswith(f"）。{RESAVE}")


def _bomb(path: Path, expanded: int) -> None:
    """Write a zip whose document.xml expands to ``expanded`` bytes of one repeated byte."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as member:
            for _ in range(expanded // (1 << 20)):
                member.write(b" " * (1 << 20))


def test_a_zip_bomb_is_refused_before_parsing(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.docx"
    _bomb(bomb, 20 << 20)
    started = time.perf_counter()
    message = refused(bomb)
    assert time.perf_counter() - started < 0.5
    assert message.startswith("bomb.docx: 本文（word/document.xml）の圧縮率が ")
    assert message.endswith("倍と異常に高く（上限 100 倍）、圧縮爆弾の疑いがあるため読み込みません")


def test_an_archive_expanding_past_200_mb_is_refused(tmp_path: Path) -> None:
    # The sizes are read from the central directory, so stating them is enough to be refused.
    big = make_docx(tmp_path, para("本文"))
    data = bytearray(big.read_bytes())
    directory = data.index(b"PK\x01\x02")  # the first member's central directory entry
    data[directory + 24 : directory + 28] = (300 << 20).to_bytes(4, "little")
    big.write_bytes(bytes(data))
    message = refused(big)  # 300 MB stated, plus the other members
    assert re.fullmatch(
        r"test\.docx: 展開すると 30[01] MB になり、上限の 200 MB を超えるため読み込みません",
        message,
    )


def test_the_limits_leave_ordinary_documents_alone() -> None:
    for name in ("word-headings.docx", "word-plain-numbers.docx"):
        with zipfile.ZipFile(PLANS / name) as archive:
            info = archive.getinfo("word/document.xml")
        assert info.file_size / info.compress_size < 20


def test_a_bare_package_without_core_properties_or_numbering(tmp_path: Path) -> None:
    def looping_styles(document: Any) -> None:
        for style_id, based_on in (("A", "B"), ("B", "A")):
            document.styles.element.append(
                parse_xml(
                    f'<w:style {NSDECL} w:type="paragraph" w:styleId="{style_id}">'
                    f'<w:name w:val="{style_id}"/><w:basedOn w:val="{based_on}"/></w:style>'
                )
            )

    body = para("輪", style="A") + para("箇条", style="ListBullet")  # its list is gone too
    source = make_docx(tmp_path, body, prepare=looping_styles)
    bare = tmp_path / "bare.docx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(bare, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename.endswith(".rels"):
                data = re.sub(rb"<Relationship [^>]*(core-properties|numbering)[^>]*/>", b"", data)
            if info.filename not in ("docProps/core.xml", "word/numbering.xml"):
                new.writestr(info.filename, data)
    document = read_docx(bare)
    assert document.title == ""
    assert [(line.text, line.outline, line.size) for line in document.lines] == [
        ("輪", 0, 11.0),  # styles based on each other: the loop is cut
        ("箇条", 0, 11.0),
    ]
