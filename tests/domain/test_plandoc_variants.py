"""Variant plan documents (fictional test fixtures) in the dress of other cities' PDFs."""

from __future__ import annotations

from pathlib import Path

import pytest

from shisaku.domain.plandoc import parse_plan
from shisaku.domain.plantree import Node, PlanTree, walk

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "plandocs"
HEADER = ["指標とその説明", "基準値", "目標値"]


def read(name: str) -> PlanTree:
    """Parse a fixture document."""
    path = FIXTURES / name
    return parse_plan(path.read_text(encoding="utf-8"), source=path.name)


def outline(tree: PlanTree) -> list[tuple[str, str, str | None]]:
    """Every node as (kind, code, title), None for an unknown title."""
    return [(n.kind, n.code, n.title if n.title_known else None) for n in walk(tree.nodes)]


def node(tree: PlanTree, code: str) -> Node:
    """Return the node with ``code``."""
    return next(n for n in walk(tree.nodes) if n.code == code)


def sections(tree: PlanTree, code: str) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """The sections of a node as (key, state, [(block kind, text)])."""
    return [
        (s.key, s.state, [(b.kind, b.text) for b in s.blocks]) for s in node(tree, code).sections
    ]


def warnings(tree: PlanTree) -> list[tuple[int, str]]:
    """Return the warnings as (line, code)."""
    return [(w.line, w.code) for w in tree.warnings]


# --- full-width numbering, 第１章, 【】 sections, 〈〉 groups, ・●○ bullets ----------------------


@pytest.fixture(scope="module")
def fullwidth() -> PlanTree:
    """The full-width variant, parsed once."""
    return read("variant_fullwidth.txt")


def test_the_fullwidth_variant_has_its_exact_outline(fullwidth: PlanTree) -> None:
    assert outline(fullwidth) == [
        ("field", "1", "くらし創り"),
        ("policy", "1-1", "地域福祉の充実"),
        ("measure", "1-1-1", "見守り体制の充実"),
        ("initiative", "1-1-1.1", "見守り活動の推進"),
        ("action", "1-1-1.1.1", "町内会や事業者と協定を結び、日常の見守り活動を広げます。"),
        ("action", "1-1-1.1.2", "見守りに協力する市民を養成する講座を開催します。"),
        ("initiative", "1-1-1.2", "情報共有の仕組みづくり"),
        ("action", "1-1-1.2.1", "関係機関が見守りの情報を共有する仕組みを整えます。"),
        ("measure", "1-1-2", "相談支援の充実"),
        ("initiative", "1-1-2.1", "総合相談の推進"),
        ("action", "1-1-2.1.1", "福祉の総合相談窓口※1を設け、分野を越えた相談に応じます。"),
        ("action", "1-1-2.1.2", "地域包括支援センターと連携し、訪問による相談を行います。"),
    ]


def test_the_fullwidth_variant_policy_has_its_sections(fullwidth: PlanTree) -> None:
    assert sections(fullwidth, "1-1") == [
        (
            "description",
            "present",
            [
                (
                    "paragraph",
                    "誰もが住み慣れた地域で暮らし続けられるよう、支え合いの仕組みを広げます。",
                )
            ],
        ),
        (
            "situation",
            "present",
            [
                ("subheading", "高齢者の暮らし"),
                ("bullet", "高齢者のみの世帯が増えており、日常の見守りの担い手が不足しています。"),
                ("bullet", "介護予防に取り組む地域団体の活動に、地区ごとの差が見られます。"),
                ("subheading", "相談の状況"),
                (
                    "bullet",
                    "相談窓口が分野ごとに分かれており、"
                    "複数の課題を抱える世帯への対応が難しくなっています。",
                ),
            ],
        ),
        (
            "direction",
            "present",
            [
                (
                    "paragraph",
                    "地域の多様な主体が連携し、身近な地域で支え合う仕組みづくりを進めます。",
                ),
                ("paragraph", "また、相談支援の体制を整え、一人ひとりに寄り添った支援を行います。"),
            ],
        ),
        (
            "diagram",
            "present",
            [
                (
                    "paragraph",
                    "地域福祉の充実は、見守り体制の充実と相談支援の充実の二つの施策で進めます。",
                )
            ],
        ),
    ]


def test_the_fullwidth_variant_reads_its_indicator_rows(fullwidth: PlanTree) -> None:
    table = node(fullwidth, "1-1-1").section("indicators")
    assert table is not None
    assert (table.state, table.columns) == ("present", HEADER)
    assert [b.text.split("\t") for b in table.blocks] == [
        ["見守り協定を結んだ事業者の数", "120事業者（2018年度）", "200事業者（2023年度）"],
        ["見守り講座の修了者数（累計）", "350人（2018年度）", "1,000人（2023年度）"],
    ]
    empty = node(fullwidth, "1-1-2").section("indicators")
    assert empty is not None
    assert (empty.state, empty.columns, empty.blocks) == ("empty", HEADER, [])


def test_the_fullwidth_variant_attaches_its_numbered_footnote(fullwidth: PlanTree) -> None:
    notes = [(n.code, f.term, f.text) for n in walk(fullwidth.nodes) for f in n.footnotes]
    assert notes == [
        (
            "1-1-2.1.1",
            "総合相談窓口",
            "高齢、障がい、子育て、生活困窮などの相談を一か所で受け付ける窓口のこと。",
        )
    ]
    assert warnings(fullwidth) == [(59, "empty_indicators")]


# --- 第２章, （１） sections, ■ headings, ◆◇①● bullets, ≪≫〔〕＜＞ groups, missing parents ------


@pytest.fixture(scope="module")
def chapter() -> PlanTree:
    """The chapter-and-brackets variant, parsed once."""
    return read("variant_chapter_brackets.txt")


def test_the_chapter_variant_has_its_exact_outline(chapter: PlanTree) -> None:
    assert outline(chapter) == [
        ("field", "2", "まち創り"),
        ("policy", "2-1", "安全なまちづくり"),
        ("measure", "2-1-1", "防災力の向上"),
        ("initiative", "2-1-1.1", "自主防災組織の育成"),
        ("action", "2-1-1.1.1", "自主防災組織の結成と活動を支援します。"),
        ("action", "2-1-1.1.2", "地域で行う防災訓練を支援します。"),
        ("initiative", "2-1-1.2", "災害情報の伝達"),
        ("action", "2-1-1.2.1", "防災行政無線やメールなど、複数の手段で災害情報を伝えます。"),
        ("measure", "2-1-2", "防犯対策の推進"),
        ("initiative", "2-1-2.1", None),
        ("action", "2-1-2.1.1", "防犯灯の設置を支援します。"),
        ("action", "2-1-2.1.2", "電話を使った詐欺の手口を知らせる出前講座を開きます。"),
        ("field", "3", None),
        ("policy", "3-2", "公共交通の確保"),
        ("policy", "3-3", None),
        ("measure", "3-3-1", "地域交通の維持"),
        ("initiative", "3-3-1.1", "地域の移動手段の確保"),
        ("action", "3-3-1.1.1", "地域が運営する乗合交通の立ち上げを支援します。"),
    ]


def test_the_chapter_variant_policy_has_its_sections(chapter: PlanTree) -> None:
    assert sections(chapter, "2-1") == [
        (
            "situation",
            "present",
            [
                ("subheading", "防災の状況"),
                (
                    "bullet",
                    "大雨による浸水の被害が各地で起きており、日頃からの備えの重要性が高まっています。",
                ),
                ("bullet", "自主防災組織の結成の割合は、地区によって差があります。"),
                ("subheading", "防犯の状況"),
                (
                    "bullet",
                    "住宅を狙った犯罪は減っているものの、電話を使った詐欺の被害が続いています。",
                ),
            ],
        ),
        (
            "direction",
            "present",
            [
                (
                    "paragraph",
                    "災害に強い地域をつくるため、住民、事業者、行政がそれぞれの役割を果たし、"
                    "日頃からの備えを進めます。",
                )
            ],
        ),
        ("diagram", "missing", []),
    ]
    assert sections(chapter, "2-1-2") == [("indicators", "empty", [])]


def test_the_chapter_variant_warns_for_each_gap(chapter: PlanTree) -> None:
    assert warnings(chapter) == [
        (26, "missing_diagram"),
        (43, "empty_indicators"),
        (51, "unknown_title"),
        (54, "empty_indicators"),
        (60, "unknown_title"),
        (72, "unknown_title"),
        (80, "empty_indicators"),
    ]


# --- letter-spaced headings, page numbers, residue, a footnote at a page foot -----------------


@pytest.fixture(scope="module")
def spaced() -> PlanTree:
    """The letter-spaced variant, parsed once."""
    return read("variant_letterspaced_pages.txt")


def test_the_letterspaced_variant_has_its_exact_outline(spaced: PlanTree) -> None:
    assert outline(spaced) == [
        ("field", "4", "みどり創り"),
        ("policy", "4-1", "環境保全の推進"),
        ("measure", "4-1-1", "ごみの減量と資源化"),
        ("initiative", "4-1-1.1", "分別の啓発"),
        ("action", "4-1-1.1.1", "ごみ分別アプリ※や出前講座で、分別の方法を分かりやすく伝えます。"),
        ("action", "4-1-1.1.2", "学校 ICT 環境を使った環境学習の教材を作り、小学校に届けます。"),
        ("initiative", "4-1-1.2", "資源回収の推進"),
        ("action", "4-1-1.2.1", "町内会などが行う資源回収を支援します。"),
        ("measure", "4-1-2", "里山の保全"),
        ("initiative", "4-1-2.1", "里山の手入れ"),
        ("action", "4-1-2.1.1", "竹林の伐採や下草刈りを行う市民団体の活動を支援します。"),
    ]


def test_the_letterspaced_variant_policy_has_its_sections(spaced: PlanTree) -> None:
    assert sections(spaced, "4-1") == [
        (
            "situation",
            "present",
            [
                ("subheading", "ごみの状況"),
                (
                    "bullet",
                    "家庭から出るごみの量は減っているものの、"
                    "資源として分けられる紙類が燃やすごみに多く含まれています。",
                ),
                ("subheading", "自然環境の状況"),
                ("bullet", "市街地に近い里山では、手入れの担い手が減り、竹林が広がっています。"),
            ],
        ),
        (
            "direction",
            "present",
            [
                (
                    "paragraph",
                    "ごみの減量と資源化を進めるとともに、里山の手入れを市民と一緒に行い、"
                    "身近な自然を次の世代に引き継ぎます。",
                )
            ],
        ),
        ("diagram", "missing", []),
    ]


def test_the_letterspaced_variant_attaches_the_page_foot_footnote(spaced: PlanTree) -> None:
    notes = [(n.code, f.term, f.text) for n in walk(spaced.nodes) for f in n.footnotes]
    assert notes == [
        (
            "4-1-1.1.1",
            "ごみ分別アプリ",
            "ごみの出し方や収集日を知らせるスマートフォン用のアプリのこと。",
        )
    ]


def test_the_letterspaced_variant_reads_its_tables_and_warnings(spaced: PlanTree) -> None:
    assert sections(spaced, "4-1-1")[1] == (
        "indicators",
        "present",
        [("row", "市民一人一日あたりのごみの量\t900グラム（2018年度）\t850グラム（2023年度）")],
    )
    assert warnings(spaced) == [(25, "missing_diagram"), (64, "empty_indicators")]
