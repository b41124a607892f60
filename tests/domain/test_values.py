"""Value cells as Japanese plans write them (pure Python, no Django)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from shisaku.domain.values import CellError, Component, Reading, format_value, read_value

# text, kind, value, unit, qualifier, label
CASES = [
    # numbers with units and commas
    ("1,820人", "number", "1820", "人", "", ""),
    ("761,053人", "number", "761053", "人", "", ""),
    ("48.2%", "number", "48.2", "%", "", ""),
    ("48.2％", "number", "48.2", "%", "", ""),
    ("48.20%", "number", "48.20", "%", "", ""),
    ("5.5‰", "number", "5.5", "‰", "", ""),
    ("2,025件", "number", "2025", "件", "", ""),
    ("1,800件", "number", "1800", "件", "", ""),
    ("1,890人", "number", "1890", "人", "", ""),
    ("45.4%", "number", "45.4", "%", "", ""),
    ("60.0%", "number", "60.0", "%", "", ""),
    ("3,823人", "number", "3823", "人", "", ""),
    ("4,107人", "number", "4107", "人", "", ""),
    ("0人", "number", "0", "人", "", ""),
    ("1,170人", "number", "1170", "人", "", ""),
    ("1,300人", "number", "1300", "人", "", ""),
    ("0.90", "number", "0.90", "", "", ""),
    ("1.40", "number", "1.40", "", "", ""),
    ("1.12", "number", "1.12", "", "", ""),
    ("1.06", "number", "1.06", "", "", ""),
    ("62.0", "number", "62.0", "", "", ""),
    ("70.0", "number", "70.0", "", "", ""),
    ("300", "number", "300", "", "", ""),
    ("1820", "number", "1820", "", "", ""),
    ("１，８２０人", "number", "1820", "人", "", ""),
    ("４８．２％", "number", "48.2", "%", "", ""),
    ("  1,820人  ", "number", "1820", "人", "", ""),
    ("\u30001,820人\u3000", "number", "1820", "人", "", ""),
    ("1,820 人", "number", "1820", "人", "", ""),
    ("10か所", "number", "10", "か所", "", ""),
    ("12箇所", "number", "12", "箇所", "", ""),
    ("50千円", "number", "50", "千円", "", ""),
    ("1,500円", "number", "1500", "円", "", ""),
    ("4回", "number", "4", "回", "", ""),
    ("1.5倍", "number", "1.5", "倍", "", ""),
    ("120人/年", "number", "120", "人/年", "", ""),
    ("100m2", "number", "100", "m2", "", ""),
    ("100㎡", "number", "100", "m2", "", ""),
    ("2.5km", "number", "2.5", "km", "", ""),
    # multipliers
    ("12.5万人", "number", "125000", "人", "", ""),
    ("1,200万円", "number", "12000000", "円", "", ""),
    ("3億円", "number", "300000000", "円", "", ""),
    ("1.23456万人", "number", "12345.6", "人", "", ""),
    # mixed places, largest first; 千 after digits alone is part of the unit
    ("3万5千人", "number", "35000", "人", "", ""),
    ("1億2,400万円", "number", "124000000", "円", "", ""),
    ("約1万2千人", "number", "12000", "人", "約", ""),
    ("3万5000人", "number", "35000", "人", "", ""),
    ("1億2千万円", "number", "120000000", "円", "", ""),
    ("1兆2千億円", "number", "1200000000000", "円", "", ""),
    ("3万5千200人", "number", "35200", "人", "", ""),
    ("2万人", "number", "20000", "人", "", ""),
    ("2,205千人", "number", "2205", "千人", "", ""),
    ("612千人", "number", "612", "千人", "", ""),  # 千 after digits alone: the unit's
    ("5百万円", "number", "5", "百万円", "", ""),
    ("1,234百万円", "number", "1234", "百万円", "", ""),
    ("2千万円", "number", "2", "千万円", "", ""),
    ("86.4億円", "number", "8640000000", "円", "", ""),
    ("2千万円", "number", "2", "千万円", "", ""),
    # negatives and signs
    ("△10", "number", "-10", "", "", ""),
    ("▲3", "number", "-3", "", "", ""),
    ("△1.5ポイント", "number", "-1.5", "ポイント", "", ""),
    ("-3.5", "number", "-3.5", "", "", ""),
    ("−3.5", "number", "-3.5", "", "", ""),
    ("－3.5", "number", "-3.5", "", "", ""),
    ("+1.2ポイント", "number", "1.2", "ポイント", "", ""),
    ("＋7ポイント", "number", "7", "ポイント", "", ""),
    ("△1,234人", "number", "-1234", "人", "", ""),
    # qualifiers
    ("約2,600名", "number", "2600", "名", "約", ""),
    ("約 2,600 名", "number", "2600", "名", "約", ""),
    ("およそ300人", "number", "300", "人", "約", ""),
    ("10人程度", "number", "10", "人", "約", ""),
    ("3,823人（見込）", "number", "3823", "人", "見込", ""),
    ("3,823人(見込み)", "number", "3823", "人", "見込", ""),
    ("3,823人見込", "number", "3823", "人", "見込", ""),
    ("1,234（速報値）", "number", "1234", "", "速報", ""),
    ("1,234(確定値)", "number", "1234", "", "確定", ""),
    ("1.06（暫定）", "number", "1.06", "", "暫定", ""),
    ("100%以上", "number", "100", "%", "以上", ""),
    ("5%以下", "number", "5", "%", "以下", ""),
    ("1,000人超", "number", "1000", "人", "超", ""),
    ("3件未満", "number", "3", "件", "未満", ""),
    ("約1,820人（見込）", "number", "1820", "人", "約・見込", ""),
    # ranks
    ("13位", "rank", "13", "位", "", ""),
    ("１位", "rank", "1", "位", "", ""),
    ("10位以内", "rank", "10", "位", "以内", ""),
    ("第12位", "rank", "12", "位", "", ""),
    ("上位5位", "rank", "5", "位", "", ""),
    ("全国12位", "rank", "12", "位", "", "全国"),
    ("全国第3位", "rank", "3", "位", "", "全国"),
    ("県内上位5位以内", "rank", "5", "位", "以内", "県内"),
    ("県内 12位", "rank", "12", "位", "", "県内"),
    # missing
    ("―", "missing", None, "", "", "―"),
    ("－", "missing", None, "", "", "－"),
    ("-", "missing", None, "", "", "-"),
    ("—", "missing", None, "", "", "—"),
    ("‐", "missing", None, "", "", "‐"),
    ("ー", "missing", None, "", "", "ー"),
    ("−", "missing", None, "", "", "−"),
    ("─", "missing", None, "", "", "─"),  # a box-drawing line, as a web table prints none
    ("― 件/年", "missing", None, "件/年", "", "― 件/年"),  # no value, the unit it would have
    ("―人", "missing", None, "人", "", "―人"),
    ("±0人", "number", "0", "人", "", ""),  # a balance of none
    ("━", "missing", None, "", "", "━"),
    ("――", "missing", None, "", "", "――"),
    ("なし", "missing", None, "", "", "なし"),
    ("X", "missing", None, "", "", "X"),
    ("x", "missing", None, "", "", "x"),
    ("×", "missing", None, "", "", "×"),
    ("ｘ", "missing", None, "", "", "ｘ"),
    ("Ｘ", "missing", None, "", "", "Ｘ"),
    ("未集計", "missing", None, "", "", "未集計"),
    ("調査中", "missing", None, "", "", "調査中"),
    ("未公表", "missing", None, "", "", "未公表"),
    (" - ", "missing", None, "", "", "-"),
    ("", "missing", None, "", "", ""),
    ("   ", "missing", None, "", "", ""),
    ("\u3000", "missing", None, "", "", ""),
    ("\u00a0", "missing", None, "", "", ""),
    # qualitative
    ("策定", "qualitative", None, "", "", "策定"),
    ("設置", "qualitative", None, "", "", "設置"),
    ("全員取得", "qualitative", None, "", "", "全員取得"),
    ("計画の策定", "qualitative", None, "", "", "計画の策定"),
    ("DX推進計画の策定", "qualitative", None, "", "", "DX推進計画の策定"),
    # a direction from the baseline: the comparison is the qualifier
    ("増加", "qualitative", None, "", "増加", "増加"),
    ("向上", "qualitative", None, "", "増加", "向上"),
    ("減少", "qualitative", None, "", "減少", "減少"),
    ("削減", "qualitative", None, "", "減少", "削減"),
    ("維持", "qualitative", None, "", "維持", "維持"),
    ("現状維持", "qualitative", None, "", "維持", "現状維持"),
    ("現状値を維持", "qualitative", None, "", "維持", "現状値を維持"),
    ("現状より増加", "qualitative", None, "", "増加", "現状より増加"),
    ("減少を目指します", "qualitative", None, "", "減少", "減少を目指します"),
    ("増加を目指します", "qualitative", None, "", "増加", "増加を目指します"),
    ("現状維持をめざす", "qualitative", None, "", "維持", "現状維持をめざす"),
    ("増加傾向", "qualitative", None, "", "", "増加傾向"),
    # reference
    ("全国値", "reference", None, "", "", "全国値"),
    ("全国平均", "reference", None, "", "", "全国平均"),
    ("国の値", "reference", None, "", "", "国の値"),
    ("県平均", "reference", None, "", "", "県平均"),
    ("県の値", "reference", None, "", "", "県の値"),
    ("全道平均", "reference", None, "", "", "全道平均"),
    ("全国平均以上", "reference", None, "", "以上", "全国平均"),
]
TEXTS = [case[0] for case in CASES]


@pytest.mark.parametrize(("text", "kind", "value", "unit", "qualifier", "label"), CASES, ids=TEXTS)
def test_it_reads_a_value_cell_as_plans_write_it(text, kind, value, unit, qualifier, label):
    reading = read_value(text)
    expected = Decimal(value) if value is not None else None
    assert reading == Reading(text, kind, expected, unit, qualifier, label)
    if expected is not None:
        assert str(reading.value) == str(expected)  # the source precision is kept


@pytest.mark.parametrize(
    ("text", "components"),
    [
        ("国語： 5地区 算数： 2地区", [("国語", "5", "地区"), ("算数", "2", "地区")]),
        ("国語:5地区 算数:2地区", [("国語", "5", "地区"), ("算数", "2", "地区")]),
        ("小学生 85.6 / 中学生 82.6", [("小学生", "85.6", ""), ("中学生", "82.6", "")]),
        ("小学生85.6%／中学生82.6%", [("小学生", "85.6", "%"), ("中学生", "82.6", "%")]),
        ("男性 1,820人、女性 1,900人", [("男性", "1820", "人"), ("女性", "1900", "人")]),
        ("国語 X 算数 2地区", [("国語", None, ""), ("算数", "2", "地区")]),
    ],
)
def test_it_reads_labelled_parts_as_a_multi_part_value(text, components):
    reading = read_value(text)
    assert reading.kind == "multi"
    assert reading.value is None
    found = [(c.label, c.reading.value, c.reading.unit) for c in reading.components]
    assert found == [(lab, Decimal(v) if v else None, unit) for lab, v, unit in components]


@pytest.mark.parametrize(
    ("text", "known"),
    [
        ("1,820人", True),
        ("13位", True),
        ("策定", True),
        ("全国値", True),
        ("―", False),
        ("", False),
        ("国語： 5地区 算数： 2地区", True),
        ("国語 X 算数 2地区", False),
    ],
)
def test_a_reading_is_known_unless_something_is_missing(text, known):
    assert read_value(text).is_known() is known


@pytest.mark.parametrize(
    ("text", "display"),
    [
        ("1,820人", "1,820人"),
        ("１，８２０人", "1,820人"),
        ("1820", "1,820"),
        ("48.2％", "48.2%"),
        ("48.20%", "48.20%"),
        ("1.40", "1.40"),
        ("△10", "△10"),
        ("▲3", "△3"),
        ("-3.5", "△3.5"),
        ("+1.2ポイント", "1.2ポイント"),
        ("約2,600名", "約2,600名"),
        ("10人程度", "約10人"),
        ("3,823人(見込み)", "3,823人（見込）"),
        ("1,234（速報値）", "1,234（速報）"),
        ("約1,820人（見込）", "約1,820人（見込）"),
        ("100%以上", "100%以上"),
        ("10位以内", "10位以内"),
        ("12.5万人", "125,000人"),
        ("3万5千人", "35,000人"),
        ("1億2,400万円", "124,000,000円"),
        ("2,205千人", "2,205千人"),
        ("第12位", "12位"),
        ("全国12位", "全国12位"),
        ("県内上位5位以内", "県内5位以内"),
        ("現状維持", "現状維持"),
        ("増加", "増加"),
        ("―", "―"),
        ("なし", "なし"),
        ("", "―"),
        ("策定", "策定"),
        ("全国平均以上", "全国平均以上"),
        ("国語： 5地区 算数： 2地区", "国語 5地区 / 算数 2地区"),
    ],
)
def test_it_formats_a_reading_in_the_japanese_display_form(text, display):
    assert format_value(read_value(text)) == display


@pytest.mark.parametrize("text", TEXTS)
def test_the_display_form_reads_back_to_the_same_value(text):
    reading = read_value(text)
    again = read_value(format_value(reading))
    assert (again.kind, again.value, again.unit) == (reading.kind, reading.value, reading.unit)
    assert again.qualifier == reading.qualifier


def test_a_multi_part_display_form_reads_back_to_the_same_parts():
    reading = read_value("小学生 85.6 / 中学生 82.6")
    again = read_value(format_value(reading))
    assert again.components == reading.components


def test_format_value_writes_a_negative_zero_without_the_sign_of_a_loss():
    assert format_value(Reading("0", "number", Decimal("-0"))) == "△0"
    assert format_value(read_value("△0")) == "0"


def test_a_component_keeps_its_label_and_reading():
    component = read_value("国語： 5地区 算数： 2地区").components[0]
    assert component == Component("国語", Reading("5地区", "number", Decimal(5), "地区"))


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("約", "数値がありません"),
        ("見込", "数値がありません"),
        ("以上", "数値がありません"),
        ("12..3", "小数点の位置が正しくありません"),
        ("1.2.3", "小数点の位置が正しくありません"),
        ("1,82,0人", "桁区切りのカンマの位置が正しくありません"),
        ("18,20人", "桁区切りのカンマの位置が正しくありません"),
        ("1,8200人", "桁区切りのカンマの位置が正しくありません"),
        ("abc", "数値でも日本語の語句でもありません"),
        ("OK", "数値でも日本語の語句でもありません"),
        ("1,820人 2,000人", "ラベルのない数値が2つ以上あります"),
        ("0.90 1.40", "ラベルのない数値が2つ以上あります"),
        ("1万2万人", "万・億・千の位取りが正しくありません"),
        ("3千5万人", "万・億・千の位取りが正しくありません"),
        ("3万12000人", "万・億・千の位取りが正しくありません"),
        ("1億12,400万円", "万・億・千の位取りが正しくありません"),
        ("3万5千1200人", "万・億・千の位取りが正しくありません"),
        ("1.5万3千人", "万・億・千の位取りが正しくありません"),
        ("国語 1万2万人 算数 3人", "万・億・千の位取りが正しくありません"),
        ("国語 100兆人 算数 3人", "数値が大きすぎます"),
        ("全国100,000,000,000,000位", "数値が大きすぎます"),
        ("1億2,40万円", "桁区切りのカンマの位置が正しくありません"),
        ("第0位", "順位は1以上の整数で書きます"),
        ("全国12.5位", "順位は1以上の整数で書きます"),
        ("13.5位", "順位は1以上の整数で書きます"),
        ("△3位", "順位は1以上の整数で書きます"),
        ("0位", "順位は1以上の整数で書きます"),
        ("H26", "数値・単位・注記の並びとして読めません"),
        ("第2期計画の策定", "数値・単位・注記の並びとして読めません"),
        ("1,820人（目標）", "数値・単位・注記の並びとして読めません"),
        ("-    85,000", "値なしの印（-）と数値が空白で離れています"),
        ("－ 5.2%", "値なしの印（-）と数値が空白で離れています"),
        ("ー 12", "値なしの印（-）と数値が空白で離れています"),
        ("― 12", "値なしの印（-）と数値が空白で離れています"),
    ],
)
def test_it_says_why_a_cell_cannot_be_read_and_what_it_accepts(text, reason):
    with pytest.raises(CellError) as caught:
        read_value(text)
    message = str(caught.value)
    assert message.startswith(f"『{text}』は値として読めません。{reason}")
    assert "数値（例: 1,820人、48.2%、△10）" in message
    assert "順位（13位）" in message
    assert "未取得の印（-、―、なし、X）" in message
    assert "定性的な目標（策定 など）を受け付けます" in message
    assert caught.value.reason.startswith(reason)


@pytest.mark.parametrize(
    ("text", "scope"),
    [("全国12位", "全国"), ("県内上位5位以内", "県内"), ("第12位", ""), ("12位", "")],
)
def test_a_rank_keeps_the_group_it_is_ranked_in_as_its_label(text, scope):
    reading = read_value(text)
    assert (reading.kind, reading.label) == ("rank", scope)
    assert read_value(format_value(reading)).label == scope


def test_a_cell_error_is_a_value_error():
    with pytest.raises(ValueError, match="値として読めません"):
        read_value("abc")


def test_reading_the_same_cell_twice_gives_equal_readings():
    assert read_value("1,820人") == read_value("1,820人")


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        # 宇陀市 総合戦略 (合計特殊出生率; 人口移動)
        ("0.90", "number", "0.90"),
        ("1.40", "number", "1.40"),
        ("0.93", "number", "0.93"),
        ("1.11", "number", "1.11"),
        ("1.00", "number", "1.00"),
        ("385", "number", "385"),
        ("150", "number", "150"),
        # 加古川市 第2期総合戦略
        ("1,820人", "number", "1820"),
        ("45.4%", "number", "45.4"),
        ("2,025件", "number", "2025"),
        # 松戸市 総合戦略
        ("3,823人", "number", "3823"),
        ("3,975", "number", "3975"),
        # 美馬市 総合計画
        ("0人", "number", "0"),
        # 北海道
        ("1.12", "number", "1.12"),
        ("全国値", "reference", None),
        ("62.0", "number", "62.0"),
        ("53.6", "number", "53.6"),
    ],
)
def test_it_reads_the_values_of_the_real_rows_in_the_domain_guide(text, kind, value):
    reading = read_value(text)
    assert reading.kind == kind
    assert reading.value == (Decimal(value) if value else None)


@pytest.mark.parametrize(("text", "value"), [("-5.2%", "-5.2"), ("−3", "-3"), ("△ 10", "-10")])
def test_a_minus_glued_to_its_number_or_a_triangle_stays_a_minus(text, value):
    assert read_value(text).value == Decimal(value)


@pytest.mark.parametrize("text", ["±5", "±0.5%", "ーション", "-abc", "― 前年度より改善"])
def test_a_plus_minus_is_zero_only_before_zero_and_a_long_vowel_begins_no_missing_mark(text):
    try:
        reading = read_value(text)
    except CellError:
        return
    assert reading.kind == "qualitative"
