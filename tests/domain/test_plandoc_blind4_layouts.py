"""Layouts of the fourth blind batch: a level named only in the running head, the parts that open
a document before its plan, a label after a list of items, and actions that name their
departments in parentheses."""

from __future__ import annotations

from shisaku.domain.plandoc_headtitles import HeadTitle, HeadTitles, head_titles
from tests.domain.test_plandoc_blind2_layouts import dropped, node, outline, read

# --- a level named only in the running head -------------------------------------------------------

HEADS = """\
川原市総合計画
12
第２部　基本計画　　　　　　　　　　　　基本目標１　子どもの笑顔があふれるまち
施策1-1　子育ての支援
成果指標
指標名\t現状値\t目標値
相談件数\t40件\t60件
13
第２部　基本計画　　　　　　　　　　　　基本目標１　子どもの笑顔があふれるまち
施策1-2　学校教育の充実
成果指標
指標名\t現状値\t目標値
授業が分かる児童の割合\t80%\t90%
14
第２部　基本計画　　　　　　　　　　　　基本目標２　緑の中で働けるまち
施策2-1　農業の振興
成果指標
指標名\t現状値\t目標値
新規就農者数\t2人\t10人
"""


def test_a_running_head_names_the_level_the_codes_imply() -> None:
    reading = read(HEADS)
    assert outline(reading) == [
        ("field", "1", "子どもの笑顔があふれるまち"),
        ("measure", "1-1", "子育ての支援"),
        ("measure", "1-2", "学校教育の充実"),
        ("field", "2", "緑の中で働けるまち"),
        ("measure", "2-1", "農業の振興"),
    ]
    assert not [w for w in reading.tree.warnings if w.code == "unknown_title"]


def test_a_number_no_running_head_prints_leaves_the_title_unknown() -> None:
    text = HEADS.replace("基本目標２　緑の中で働けるまち", "基本目標３　緑の中で働けるまち")
    assert outline(read(text))[3] == ("field", "2", "?")


def test_head_titles_reads_a_level_word_or_a_chapter_with_its_title_never_a_part() -> None:
    heads = [
        (3, "第２部　基本計画　　　　基本目標１　子どもの笑顔があふれるまち"),
        (9, "第3部 後期基本計画　第2章 安心して暮らせるまち　38"),
        (11, "第４編　前期基本計画"),
    ]
    assert head_titles(heads) == [
        HeadTitle(3, 12, (1,), "子どもの笑顔があふれるまち"),
        HeadTitle(9, 11, (2,), "安心して暮らせるまち"),
    ]


def test_the_nearest_head_above_the_line_gives_the_title_else_the_first_below() -> None:
    titles = HeadTitles(
        [
            HeadTitle(3, 0, (1,), "前の題"),
            HeadTitle(20, 0, (1,), "後の題"),
            HeadTitle(5, 0, (2,), "二"),
        ]
    )
    assert titles.title("1", 25) == "後の題"
    assert titles.title("1", 10) == "前の題"
    assert titles.title("2", 1) == "二"
    assert titles.title("3", 10) == ""
    assert titles.title("1-(1)", 10) == ""


# --- the parts that open a document before its plan -----------------------------------------------

PARTS = """\
第１次森川町総合計画
第１編　序論
第１章　計画策定の趣旨
１　計画の期間
（１）基本構想
　10年間とします。
第２編　基本構想
第１章　町の将来像
１　森と川のまち
第３編　前期基本計画
第１章　健やかなまち
第１節　保健
１　現況と課題
　健診の受診率が下がっています。
２　施策の方向
（１）健診の推進
　①休日健診の実施
（２）医療の確保
　①診療所の医師の確保
３　目標指標
　指標名\t現状値\t目標値
　健診の受診率\t40%\t50%
"""


def test_the_parts_before_the_plan_titled_as_introductions_are_set_aside() -> None:
    reading = read(PARTS)
    assert outline(reading) == [
        ("field", "1", "健やかなまち"),
        ("measure", "1-1", "保健"),
        ("initiative", "1-1.1", "健診の推進"),
        ("action", "1-1.1.1", "休日健診の実施"),
        ("initiative", "1-1.2", "医療の確保"),
        ("action", "1-1.2.1", "診療所の医師の確保"),
    ]
    assert dropped(reading, "opening") == [
        "第１編　序論",
        "第１章　計画策定の趣旨",
        "１　計画の期間",
        "（１）基本構想",
        "10年間とします。",
        "第２編　基本構想",
        "第１章　町の将来像",
        "１　森と川のまち",
    ]
    assert [i.name for i in node(reading, "1-1").indicators] == ["健診の受診率"]


def test_a_part_whose_headings_introduce_the_plan_is_set_aside_too() -> None:
    text = PARTS.replace("第１編　序論", "第１編　計画の前提").replace("第２編　基本構想", "")
    text = text.replace("第１章　町の将来像\n１　森と川のまち\n", "第２章　町の概況\n")
    reading = read(text)
    assert dropped(reading, "opening")[:3] == [
        "第１編　計画の前提",
        "第１章　計画策定の趣旨",
        "１　計画の期間",
    ]
    assert outline(reading)[0] == ("field", "1", "健やかなまち")


def test_parts_without_a_plan_part_after_them_stay() -> None:
    reading = read(PARTS.replace("第３編　前期基本計画", "第３編　まちづくりの展開"))
    assert not dropped(reading, "opening")
    assert outline(reading)[0] == ("field", "1", "計画策定の趣旨")


# --- a label after a list of items ----------------------------------------------------------------

LABELS = """\
第２章　学びのまち
２－１　学校教育の充実
〔現状と課題〕
　児童数が減っています。
〔施策の内容〕
　ア　学力の向上
　　　少人数の指導を続けます。
　イ　ふるさと学習
　　　地域の人が教えます。
〔主な事業〕
　◇学習支援員配置事業
　◇ふるさと学習事業
〔成果指標〕
　指標\t現状値\t目標値
　授業が分かる児童の割合\t80%\t90%
２－２　生涯学習の推進
〔施策の内容〕
　ア　講座の充実
　　　講座を増やします。
　イ　図書館の充実
　　　開館時間を延ばします。
〔主な事業〕
　◇公民館講座事業
〔成果指標〕
　指標\t現状値\t目標値
　講座の参加者数\t900人\t1,200人
"""


def test_a_label_after_the_items_that_none_of_them_had_is_the_measures() -> None:
    reading = read(LABELS)
    assert outline(reading) == [
        ("field", "2", "学びのまち"),
        ("measure", "2-1", "学校教育の充実"),
        ("initiative", "2-1.1", "学力の向上"),
        ("initiative", "2-1.2", "ふるさと学習"),
        ("initiative", "2-1.3", "?"),
        ("action", "2-1.3.1", "学習支援員配置事業"),
        ("action", "2-1.3.2", "ふるさと学習事業"),
        ("measure", "2-2", "生涯学習の推進"),
        ("initiative", "2-2.1", "講座の充実"),
        ("initiative", "2-2.2", "図書館の充実"),
        ("initiative", "2-2.3", "?"),
        ("action", "2-2.3.1", "公民館講座事業"),
    ]
    assert dropped(reading, "running_head") == []
    assert [line.role for line in reading.lines if line.text == "〔施策の内容〕"] == ["label"] * 2


ITEM_LABELS = """\
第1章　健やかなまち
第1節　子育ての支援
現状と課題
子育ての相談先がわからない保護者がいます。
成果指標
指標名\t現状値\t目標値
待機児童数\t14人\t0人
（1）相談の充実
主な取組
・相談窓口を一つにします。
（2）保育の確保
主な取組
・保育所を建て替えます。
第2節　学校教育
現状と課題
学力が伸び悩んでいます。
成果指標
指標名\t現状値\t目標値
正答率\t60%\t65%
（1）学力の向上
主な取組
・端末を使った学習を広げます。
（2）施設の長寿命化
主な取組
・体育館に空調を入れます。
"""


def test_a_label_under_each_item_stays_the_items() -> None:
    assert outline(read(ITEM_LABELS))[:8] == [
        ("field", "1", "健やかなまち"),
        ("measure", "1-1", "子育ての支援"),
        ("initiative", "1-1.1", "相談の充実"),
        ("initiative", "1-1.1.1", "?"),
        ("action", "1-1.1.1.1", "相談窓口を一つにします。"),
        ("initiative", "1-1.2", "保育の確保"),
        ("initiative", "1-1.2.1", "?"),
        ("action", "1-1.2.1.1", "保育所を建て替えます。"),
    ]


# --- an indicator printed twice on one node, neither time with a baseline -------------------------

TWICE = """\
１　子育て支援
成果指標
指標名\t目標値（令和10年度）
待機児童数\t0人
指標名\t目標値（令和10年度）
待機児童数\t0人
"""


def test_an_indicator_printed_twice_without_a_baseline_is_one_row_without_one() -> None:
    indicators = node(read(TWICE), "1").indicators
    assert [(i.name, i.baseline, [t.raw for t in i.targets]) for i in indicators] == [
        ("待機児童数", None, ["0人"])
    ]
