"""Indicator files: reading CSV and xlsx into checked batches, applying them, and the round trip.

Real figures are 加古川市's only (第2期まち・ひと・しごと創生総合戦略, city.kakogawa.lg.jp ebook
028_matihito2021, pages 13 and 20), in its own plan 282103/2021-2026.  Everything else is
test data of the fictional 試験市 (999997).
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest

from shisaku.domain.indicatordata import FigureInput, IndicatorDefinition, Place
from shisaku.domain.periods import Period
from shisaku.domain.plantree import PlanMeta
from shisaku.domain.values import Reading
from shisaku.exchange import indicator_xlsx
from shisaku.exchange.indicator_cells import local_code
from shisaku.exchange.indicator_csv import CsvWriteError, guard, unguard, write_csv
from shisaku.exchange.indicator_xlsx import cell_text
from shisaku.exchange.indicatorfiles import (
    csv_paths,
    export_csv,
    export_indicators,
    period_text,
    read_indicator_bytes,
    read_indicator_files,
    render_csv,
    render_xlsx,
    weight_text,
)
from shisaku.indicators.models import Figure, Indicator
from shisaku.indicators.queries import figure_history, plan_indicators
from shisaku.indicators.services import BatchRejected, apply_batch
from shisaku.plan import services as plan_services
from shisaku.plan.queries import PlanInfo, find_plan
from tests.conftest import FIXTURES

FILES = FIXTURES / "indicators"
KAKOGAWA_P13 = "加古川市 第2期まち・ひと・しごと創生総合戦略（ebook 028_matihito2021、13ページ）"
KAKOGAWA_P20 = "加古川市 第2期まち・ひと・しごと創生総合戦略（ebook 028_matihito2021、20ページ）"

# Test data of the fictional 試験市 (not any real city's figures).
SHIKEN_DEFINITIONS = (
    "municipality_code,plan,indicator_code,node_code,name,direction,unit,time_basis,"
    "source_kind,components,rationale,weight\n"
    "999997,2024-2028,A-1,1-1-1,相談件数,increase,件,fiscal,operations,,"
    "- 前年度より改善を目指す,1\n"
    "999997,2024-2028,A-2,1-1,平均を上回る地区数,増加,地区,年,survey,国語|算数,,0.5\n"
)
SHIKEN_FIGURES = (
    "municipality_code,plan,indicator_code,kind,period,value,note,breakdown\n"
    '999997,2024-2028,A-1,baseline,令和5年度,"1,200件",,\n'
    '999997,2024-2028,A-1,target,2028年度,"1,500件",=1+1 は式ではない,\n'
    "999997,2024-2028,A-1,actual,R6,△10,@担当課,北地区\n"
    "999997,2024-2028,A-2,baseline,2023,国語： 5地区 算数： 2地区,,\n"
    "999997,2024-2028,A-2,actual,2024,-,未公表,\n"
)
FIGURES_HEADER = "municipality_code,plan,indicator_code,kind,period,value,note\n"
DEFINITIONS_HEADER = "municipality_code,plan,indicator_code,name,direction\n"


@pytest.fixture
def kakogawa_plan(db, operator) -> PlanInfo:
    """加古川市's 第2期総合戦略 (2021–2026 fiscal years), without a tree: its indicators only."""
    plan_services.save_municipality(
        actor=operator, code="282103", name_ja="加古川市", name_en="Kakogawa City"
    )
    meta = PlanMeta(
        title="第2期加古川市まち・ひと・しごと創生総合戦略", period_start=2021, period_end=2026
    )
    plan_services.import_plan(actor=operator, municipality_code="282103", meta=meta, nodes=[])
    return find_plan("282103", "2021-2026")


def read(*files: tuple[str, str | bytes]):
    """Read named file contents (text is encoded as UTF-8) into one batch."""
    return read_indicator_bytes(
        [(name, data.encode() if isinstance(data, str) else data) for name, data in files]
    )


def errors_of(*files: tuple[str, str | bytes]) -> list[str]:
    """Return the errors of reading the files, as printed."""
    return [str(error) for error in read(*files).errors]


def kakogawa_files() -> list[tuple[str, bytes]]:
    """Return the 加古川市 definitions and figures fixtures."""
    names = ("kakogawa-definitions.csv", "kakogawa-figures.csv")
    return [(name, (FILES / name).read_bytes()) for name in names]


def workbook(sheets: dict[str, list[list[object]]]) -> bytes:
    """Return an xlsx with the given sheets and rows (strings starting with = become formulas)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        ws = book.create_sheet(title)
        for row in rows:
            ws.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_rows(text: str) -> list[list[object]]:
    """Return CSV text as rows for a worksheet."""
    return [list(row) for row in csv.reader(io.StringIO(text))]


def state() -> list[tuple[str, str, str, str, int, bool]]:
    """Return every stored figure revision."""
    rows = Figure.objects.order_by("indicator__code", "kind", "period", "revision")
    return [(f.indicator.code, f.kind, f.period, f.raw, f.revision, f.is_current) for f in rows]


# --- reading -------------------------------------------------------------------------------


def test_it_reads_the_kakogawa_rows_into_definitions_and_figures(kakogawa_plan):
    batch = read_indicator_files(
        [FILES / "kakogawa-definitions.csv", FILES / "kakogawa-figures.csv"]
    )
    assert batch.errors == []
    assert batch.definitions[2] == IndicatorDefinition(
        municipality_code="282103",
        plan="2021-2026",
        code="3",
        name="刑法犯認知件数",
        direction="decrease",
        name_en="Recorded penal code offences",
        unit="件",
        source_kind="government",
        source=KAKOGAWA_P20,
        time_basis="calendar",
    )
    assert batch.definitions[2].place == Place("kakogawa-definitions.csv", 4)
    assert [d.name for d in batch.definitions] == [
        "出生数",
        "子育てしやすいまちと感じる市民の割合",
        "刑法犯認知件数",
    ]
    assert [(f.indicator_code, f.kind, f.period.key(), f.reading.raw) for f in batch.figures] == [
        ("1", "baseline", "FY2019", "1,820人"),
        ("1", "target", "FY2021-2026avg", "1,890人"),
        ("2", "baseline", "FY2020", "45.4%"),
        ("2", "target", "FY2026", "60.0%"),
        ("3", "baseline", "CY2019", "2,025件"),
        ("3", "target", "CY2026", "1,800件"),
    ]
    assert batch.figures[1] == FigureInput(
        municipality_code="282103",
        plan="2021-2026",
        indicator_code="1",
        kind="target",
        period=Period(2021, 2026, "fiscal", "average"),
        reading=Reading("1,890人", "number", Decimal("1890"), "人"),
    )
    assert batch.figures[1].place == Place("kakogawa-figures.csv", 3)


def test_it_reads_the_fictional_plan_with_every_optional_column(small_plan):
    batch = read(("defs.csv", SHIKEN_DEFINITIONS), ("figs.csv", SHIKEN_FIGURES))
    assert batch.errors == []
    first, second = batch.definitions
    assert (first.node_code, first.source_kind, first.rationale, first.weight) == (
        "1-1-1",
        "operations",
        "- 前年度より改善を目指す",
        1.0,
    )
    assert (second.direction, second.time_basis, second.components, second.weight) == (
        "increase",
        "calendar",
        ("国語", "算数"),
        0.5,
    )
    assert [(f.period.key(), f.reading.kind, f.note, f.breakdown) for f in batch.figures] == [
        ("FY2023", "number", "", ""),
        ("FY2028", "number", "=1+1 は式ではない", ""),
        ("FY2024", "number", "@担当課", "北地区"),
        ("CY2023", "multi", "", ""),
        ("CY2024", "missing", "未公表", ""),
    ]
    assert batch.figures[2].reading.value == Decimal("-10")


def test_a_period_without_a_basis_takes_the_stored_indicators_basis(small_plan, operator):
    apply_batch(actor=operator, batch=read(("defs.csv", SHIKEN_DEFINITIONS)))
    batch = read(("figs.csv", FIGURES_HEADER + "999997,2024-2028,A-2,target,2028,9地区,\n"))
    assert batch.errors == []
    assert batch.figures[0].period == Period(2028, 2028, "calendar")


def test_a_period_may_be_written_as_its_key(small_plan):
    definitions = ("defs.csv", SHIKEN_DEFINITIONS)
    rows = "".join(
        f"999997,2024-2028,A-1,actual,{key},1件,\n" for key in ("FY2025", "cy2025", "Y2025")
    )
    rows += "999997,2024-2028,A-1,target,FY2024-2028avg,1件,\n"
    batch = read(definitions, ("figs.csv", FIGURES_HEADER + rows))
    assert batch.errors == []
    assert [f.period.key() for f in batch.figures] == [
        "FY2025",
        "CY2025",
        "Y2025",
        "FY2024-2028avg",
    ]


def test_a_five_digit_municipality_code_gets_its_check_digit(small_plan):
    text = DEFINITIONS_HEADER + "99999,2024-2028,A-9,仮の指標,維持\n"
    batch = read(("defs.csv", text))
    assert batch.errors == []
    assert (batch.definitions[0].municipality_code, batch.definitions[0].direction) == (
        "999997",
        "maintain",
    )


def test_headers_are_matched_loosely_and_blank_lines_are_skipped(small_plan):
    text = (
        " Municipality_Code ,PLAN,ｉｎｄｉｃａｔｏｒ_ｃｏｄｅ,name,direction\n"
        "\n"
        "999997,2024-2028,A-9,仮,↓\n"
    )
    batch = read(("defs.csv", text))
    assert batch.errors == []
    assert batch.definitions[0].place == Place("defs.csv", 3)
    assert batch.definitions[0].direction == "decrease"


class Towns:
    """A catalogue that knows only which municipalities are registered."""

    def __init__(self, *codes: str) -> None:
        self.codes = set(codes)

    def has_municipality(self, municipality_code: str) -> bool:
        return municipality_code in self.codes


@pytest.mark.parametrize(
    ("text", "registered", "code"),
    [
        ("022012", (), "022012"),
        ("０２２０１２", (), "022012"),
        ("2201", (), "022012"),  # 02201 after a spreadsheet dropped its zero
        ("22012", ("022012",), "022012"),  # 022012 after a spreadsheet dropped its zero
        ("22012", (), "220124"),  # read as a 5-digit code when 022012 is not registered
        ("28210", ("282103",), "282103"),
        ("28210", ("028210",), "282103"),  # 028210 is no valid code: its check digit is 5
    ],
)
def test_a_municipality_code_gets_back_a_leading_zero_a_spreadsheet_dropped(text, registered, code):
    assert local_code(text, Towns(*registered)) == code


@pytest.mark.parametrize(
    ("cell", "components"),
    [
        ("小学生|中学生", ("小学生", "中学生")),
        (" 小学生 ｜ | 中学生 ", ("小学生", "中学生")),
        ("", ()),
    ],
)
def test_components_are_labels_separated_by_bars(small_plan, cell, components):
    text = DEFINITIONS_HEADER.replace("\n", ",components\n")
    batch = read(("defs.csv", text + f"999997,2024-2028,A-1,満足度,increase,{cell}\n"))
    assert batch.definitions[0].components == components


# --- errors --------------------------------------------------------------------------------


def test_it_names_an_unknown_column_and_lists_the_accepted_ones(small_plan):
    text = "municipality_code,plan,indicator_code,kind,period,value,colour\n"
    assert errors_of(("figs.csv", text)) == [
        "figs.csv の 1 行目 の colour 列: 数値ファイルにない列です。使える列: "
        "municipality_code、plan、indicator_code、kind、period、value、note、source、breakdown"
    ]


def test_it_names_missing_required_columns(small_plan):
    assert errors_of(("defs.csv", "municipality_code,plan,indicator_code,name\n")) == [
        "defs.csv の 1 行目 の direction 列: 必須の列がありません"
        "（指標定義ファイルの必須列: municipality_code、plan、indicator_code、name、direction）"
    ]


def test_it_refuses_a_header_that_is_neither_layout(small_plan):
    assert errors_of(("x.csv", "municipality_code,plan,indicator_code\n1,2,3\n")) == [
        "x.csv の 1 行目: 見出しから指標定義ファイルか数値ファイルかを判別できません"
        "（定義は name・direction、数値は kind・period・value の列を持ちます）"
    ]


def test_it_refuses_repeated_and_empty_header_cells(small_plan):
    text = "municipality_code,plan,indicator_code,name,direction,name,\n"
    assert errors_of(("defs.csv", text)) == [
        "defs.csv の 1 行目 の name 列: 同じ見出しの列が二つあります（一つにしてください）",
        "defs.csv の 1 行目: 見出しが空です（7 番目の列）",
    ]


def test_it_reports_ragged_rows(small_plan):
    text = (
        DEFINITIONS_HEADER
        + "999997,2024-2028,A-1,相談件数,increase,余分\n"
        + "999997,2024-2028,A-2,相談件数\n"
    )
    assert errors_of(("defs.csv", text)) == [
        "defs.csv の 2 行目: セルの数が見出しと合いません（見出し 5 列、この行 6 列）",
        "defs.csv の 3 行目: セルの数が見出しと合いません（見出し 5 列、この行 4 列）",
    ]


def test_it_collects_every_bad_cell_of_the_whole_file(small_plan):
    figures = (
        FIGURES_HEADER
        + "999998,2024-2028,A-1,baseline,2023年度,1件,\n"
        + "999997,2019-2023,A-1,baseline,2023年度,1件,\n"
        + "999997,2024-2028,Z-9,baseline,2023年度,1件,\n"
        + "999997,2024-2028,A-1,予測,平成0年度,1,2件,\n"
        + "999997,2024-2028,A-1,target,2028年度,,\n"
        + "999997,2024-2028,A-1,target,令和10年度,2件,\n"
    )
    assert errors_of(("defs.csv", SHIKEN_DEFINITIONS), ("figs.csv", figures)) == [
        "figs.csv の 2 行目 の municipality_code 列: "
        "「999998」の検査数字が合いません（正しくは 999997）",
        "figs.csv の 3 行目 の plan 列: 計画 2019-2023 がありません（試験市の計画: 2024-2028）",
        "figs.csv の 4 行目 の indicator_code 列: 指標 Z-9 が定義されていません"
        "（指標定義ファイルに行を加えるか、先に定義を取り込んでください）",
        "figs.csv の 5 行目: セルの数が見出しと合いません（見出し 7 列、この行 8 列）",
        "figs.csv の 7 行目 の period 列: 指標 A-1 の target FY2028 は figs.csv の 6 行目 と"
        "重複しています（1 行にまとめてください）",
    ]


def test_it_reports_bad_choices_periods_values_and_weights_at_their_cells(small_plan):
    definitions = (
        "municipality_code,plan,indicator_code,name,direction,time_basis,weight\n"
        "999997,2024-2028,A-1,,up,月,重い\n"
        "999997,2024-2028,A-2,仮,維持,年度,-1\n"
    )
    figures = FIGURES_HEADER + "999997,2024-2028,A-1,予測,平成0年度,1.2.3件,\n"
    assert errors_of(("defs.csv", definitions), ("figs.csv", figures)) == [
        "defs.csv の 2 行目 の name 列: 空欄です（必須の列です）",
        "defs.csv の 2 行目 の direction 列: 「up」は使えません。使える値: increase（増加）、"
        "decrease（減少）、maintain（維持）、qualitative（定性）",
        "defs.csv の 2 行目 の time_basis 列: 「月」は使えません。使える値: fiscal（年度）、"
        "calendar（年）",
        "defs.csv の 2 行目 の weight 列: 「重い」は重みとして読めません（0 以上の数、例: 1、0.5）",
        "defs.csv の 3 行目 の weight 列: 「-1」は重みとして読めません（0 以上の数、例: 1、0.5）",
        "figs.csv の 2 行目 の kind 列: 「予測」は使えません。使える値: baseline（基準値）、"
        "target（目標値）、actual（実績値）",
        "figs.csv の 2 行目 の period 列: 『平成0年度』は期間として読めません。平成0年という年は"
        "ありません。例: 2019年度、令和6年度、H26、R5、2019~2023年度",
        "figs.csv の 2 行目 の value 列: 『1.2.3件』は値として読めません。小数点の位置が正しく"
        "ありません。数値（例: 1,820人、48.2%、△10）、順位（13位）、未取得の印（-、―、なし、X）、"
        "定性的な目標（策定 など）を受け付けます",
    ]


def test_errors_are_listed_file_by_file_in_the_order_given(small_plan, kakogawa_plan):
    figures = FIGURES_HEADER + "999997,2024-2028,A-1,予測,2023,1件,\n"
    definitions = DEFINITIONS_HEADER + "999997,2024-2028,A-1,相談件数,上昇\n"
    book = kakogawa_workbook_with_a_merged_cell()
    errors = read(("figs.csv", figures), ("book.xlsx", book), ("defs.csv", definitions)).errors
    assert [str(e.place) for e in errors] == [
        "figs.csv の 2 行目 の kind 列",
        "book.xlsx の figures シート の 2 行目",
        "defs.csv の 2 行目 の direction 列",
    ]


def kakogawa_workbook_with_a_merged_cell() -> bytes:
    """Return the 加古川市 workbook with cells G2:G3 of its figures sheet merged."""
    book = openpyxl.load_workbook(io.BytesIO(kakogawa_workbook()))
    book["figures"].merge_cells("G2:G3")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_figures_of_a_definition_with_errors_are_not_reported_as_undefined(small_plan):
    definitions = DEFINITIONS_HEADER + "999997,2024-2028,A-1,相談件数,up\n"
    figures = FIGURES_HEADER + "999997,2024-2028,A-1,baseline,2023,1件,\n"
    assert errors_of(("defs.csv", definitions), ("figs.csv", figures)) == [
        "defs.csv の 2 行目 の direction 列: 「up」は使えません。使える値: increase（増加）、"
        "decrease（減少）、maintain（維持）、qualitative（定性）",
    ]


def test_it_reports_repeated_definitions_unknown_towns_and_long_cells(small_plan):
    text = (
        DEFINITIONS_HEADER
        + "999997,2024-2028,A-1,相談件数,increase\n"
        + "999997,2024-2028,A-1,相談件数,increase\n"
        + "022012,2019-2023,B-1,相談件数,increase\n"
        + f"999997,2024-2028,{'X' * 41},相談件数,increase\n"
    )
    assert errors_of(("defs.csv", text)) == [
        "defs.csv の 3 行目 の indicator_code 列: 指標 A-1 の定義 は defs.csv の 2 行目 と"
        "重複しています（1 行にまとめてください）",
        "defs.csv の 4 行目 の plan 列: "
        "団体 022012 は登録されていません（先に計画を取り込んでください）",
        "defs.csv の 5 行目 の indicator_code 列: 長すぎます（41 文字。40 文字までです）",
    ]


def test_it_refuses_control_characters(small_plan):
    text = DEFINITIONS_HEADER + "999997,2024-2028,A-1,相談\x07件数,increase\n"
    assert errors_of(("defs.csv", text)) == [
        "defs.csv の 2 行目 の name 列: 制御文字 U+0007 が含まれています（取り除いてください）"
    ]


def test_it_refuses_bytes_in_no_accepted_encoding(small_plan):
    data = DEFINITIONS_HEADER.encode() + b"\x81\x20\n"  # a Shift_JIS lead byte, no trail
    assert errors_of(("defs.csv", data)) == [
        "defs.csv: 文字コードを判別できません（UTF-8 としては 54 バイト目、Shift_JIS としては "
        "54 バイト目が読めません）。UTF-8、Shift_JIS、UTF-16 のいずれかで保存してください"
    ]
    assert errors_of(("bom.csv", codecs.BOM_UTF8 + b"a\xff")) == [
        "bom.csv: UTF-8（BOM 付き） として読めません（5 バイト目）"
    ]


def test_it_refuses_broken_quoting_and_empty_files(small_plan):
    text = DEFINITIONS_HEADER + '999997,2024-2028,A-1,"相談"件数,increase\n'
    assert errors_of(("defs.csv", text), ("empty.csv", "")) == [
        "defs.csv の 2 行目: CSV として読めません（',' expected after '\"'）。"
        '引用符 " の閉じ忘れなどを確かめてください',
        "empty.csv: 空のファイルです（見出しの行がありません）",
    ]


def test_a_missing_file_is_reported(db, tmp_path):
    batch = read_indicator_files([tmp_path / "nowhere.csv"])
    assert [str(e) for e in batch.errors] == [
        "nowhere.csv: 読み込めません（No such file or directory）"
    ]


# --- applying: all or nothing, dry run, history --------------------------------------------


def test_one_bad_row_among_good_rows_writes_nothing(small_plan, operator):
    figures = SHIKEN_FIGURES + "999997,2024-2028,A-1,actual,R7,たくさん1件,,\n"
    batch = read(("defs.csv", SHIKEN_DEFINITIONS), ("figs.csv", figures))
    assert len(batch.figures) == 5
    assert [str(e.place) for e in batch.errors] == ["figs.csv の 7 行目 の value 列"]
    with pytest.raises(BatchRejected):
        apply_batch(actor=operator, batch=batch)
    assert Indicator.objects.count() == 0
    assert Figure.objects.count() == 0


def test_an_error_found_while_applying_rolls_back_the_definitions(small_plan, operator):
    definitions = SHIKEN_DEFINITIONS.replace(",1-1,", ",1-9,")
    batch = read(("defs.csv", definitions), ("figs.csv", SHIKEN_FIGURES))
    assert batch.errors == []
    with pytest.raises(BatchRejected) as rejected:
        apply_batch(actor=operator, batch=batch)
    assert [str(e) for e in rejected.value.errors] == [
        "defs.csv の 3 行目: 計画 2024-2028 に施策 1-9 がありません"
    ]
    assert Indicator.objects.count() == 0


def test_a_dry_run_lists_the_same_changes_and_writes_nothing(small_plan, operator):
    files = (("defs.csv", SHIKEN_DEFINITIONS), ("figs.csv", SHIKEN_FIGURES))
    trial = apply_batch(actor=operator, batch=read(*files), dry_run=True)
    assert Indicator.objects.count() == 0
    real = apply_batch(actor=operator, batch=read(*files))
    assert trial.changes == real.changes
    assert real.changes == [
        "+ 指標 A-1 相談件数",
        "+ 指標 A-2 平均を上回る地区数",
        "+ A-1 基準値 2023年度（令和5年度）: 1,200件",
        "+ A-1 目標値 2028年度（令和10年度）: 1,500件",
        "+ A-1 実績値 2024年度（令和6年度）（北地区）: △10",
        "+ A-2 基準値 2023年（令和5年）: 国語： 5地区 算数： 2地区",
        "+ A-2 実績値 2024年（令和6年）: -",
    ]
    assert (trial.dry_run, real.dry_run) == (True, False)


def test_reimporting_the_same_files_changes_nothing(small_plan, operator):
    files = (("defs.csv", SHIKEN_DEFINITIONS), ("figs.csv", SHIKEN_FIGURES))
    apply_batch(actor=operator, batch=read(*files))
    again = apply_batch(actor=operator, batch=read(*files))
    assert again.changes == []
    assert (again.indicators_created, again.indicators_updated, again.figures_unchanged) == (
        0,
        0,
        5,
    )


def test_a_changed_value_is_revision_2_and_revision_1_is_kept(small_plan, operator):
    apply_batch(actor=operator, batch=read(("defs.csv", SHIKEN_DEFINITIONS)))
    first = FIGURES_HEADER + '999997,2024-2028,A-1,target,2028年度,"1,500件",\n'
    apply_batch(actor=operator, batch=read(("figs.csv", first)))
    second = first.replace('"1,500件"', '"1,600件"')
    result = apply_batch(actor=operator, batch=read(("figs.csv", second)))
    assert result.changes == ["~ A-1 目標値 2028年度（令和10年度）: 1,500件 → 1,600件"]
    assert state() == [
        ("A-1", "target", "FY2028", "1,500件", 1, False),
        ("A-1", "target", "FY2028", "1,600件", 2, True),
    ]
    history = figure_history(Indicator.objects.get(code="A-1").id)
    assert [(f.raw, f.revision, f.is_current) for f in history] == [
        ("1,600件", 2, True),
        ("1,500件", 1, False),
    ]


# --- encodings -----------------------------------------------------------------------------


def test_the_kakogawa_figures_read_the_same_in_every_encoding(kakogawa_plan):
    definitions = (FILES / "kakogawa-definitions.csv").read_bytes()
    utf8 = (FILES / "kakogawa-figures.csv").read_bytes()
    variants = {
        "kakogawa-figures.csv": utf8,
        "bom.csv": codecs.BOM_UTF8 + utf8,
        "kakogawa-figures-sjis.csv": (FILES / "kakogawa-figures-sjis.csv").read_bytes(),
        "kakogawa-figures-utf16.txt": (FILES / "kakogawa-figures-utf16.txt").read_bytes(),
        "utf16-no-bom.txt": (FILES / "kakogawa-figures-utf16.txt").read_bytes()[2:],
        "tabs.tsv": tab_separated(utf8.decode()).encode(),
    }
    expected = read(("defs.csv", definitions), ("figs.csv", utf8)).figures
    assert len(expected) == 6
    for name, data in variants.items():
        batch = read(("defs.csv", definitions), (name, data))
        assert (name, batch.errors, batch.figures) == (name, [], expected)


def tab_separated(text: str) -> str:
    """Return CSV text with tabs between the cells."""
    out = io.StringIO()
    csv.writer(out, delimiter="\t", lineterminator="\n").writerows(csv_rows(text))
    return out.getvalue()


# --- formula guard -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "guarded"),
    [
        ("=1+1", "'=1+1"),
        ("+81", "'+81"),
        ("@SUM", "'@SUM"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-abc", "'-abc"),
        ("-2+3", "'-2+3"),
        ("-", "-"),
        ("-5", "-5"),
        ("-1,820人", "-1,820人"),
        ("-5人/日", "-5人/日"),
        ("- 前年度より改善", "'- 前年度より改善"),
        ("△10", "△10"),
        ("'abc", "'abc"),
        ("'=x", "''=x"),
        ("", ""),
        ("出生数", "出生数"),
    ],
)
def test_the_formula_guard_adds_an_apostrophe_that_reading_removes(text, guarded):
    assert guard(text) == guarded
    assert unguard(guarded) == text


# --- xlsx ----------------------------------------------------------------------------------


def kakogawa_workbook(**sheet_names: str) -> bytes:
    """Return the 加古川市 fixtures as a workbook (values as text, as typed with 「'」)."""
    definitions = (FILES / "kakogawa-definitions.csv").read_text(encoding="utf-8")
    figures = (FILES / "kakogawa-figures.csv").read_text(encoding="utf-8")
    return workbook(
        {
            sheet_names.get("definitions", "definitions"): csv_rows(definitions),
            sheet_names.get("figures", "figures"): csv_rows(figures),
        }
    )


@pytest.mark.parametrize("names", [{}, {"definitions": "指標定義", "figures": "数値"}])
def test_a_workbook_with_named_sheets_reads_like_the_csv_files(kakogawa_plan, names):
    expected = read(*kakogawa_files())
    batch = read(("kakogawa.xlsx", kakogawa_workbook(**names)))
    assert batch.errors == []
    assert (batch.definitions, batch.figures) == (expected.definitions, expected.figures)
    sheet = names.get("figures", "figures")
    assert batch.figures[0].place == Place(f"kakogawa.xlsx の {sheet} シート", 2)


def test_a_single_sheet_is_recognised_by_its_header(kakogawa_plan):
    text = (FILES / "kakogawa-definitions.csv").read_text(encoding="utf-8")
    batch = read(("defs.xlsx", workbook({"Sheet1": csv_rows(text), "Sheet2": []})))
    assert batch.errors == []
    assert len(batch.definitions) == 3


def test_numbers_typed_as_numbers_become_text_without_float_noise(kakogawa_plan):
    rows = csv_rows((FILES / "kakogawa-definitions.csv").read_text(encoding="utf-8"))
    figures: list[list[object]] = [
        FIGURES_HEADER.strip().split(","),
        [282103, "2021-2026", 1, "baseline", "2019年度", 1820, None],
        [282103, "2021-2026", 1, "target", "2021~2026年度平均", 1890.0, None],
        [282103, "2021-2026", 2, "baseline", "2020年度", 48.2, None],
        [282103, "2021-2026", 2, "target", "2026年度", 0.1 + 0.2, None],
    ]
    data = workbook({"definitions": rows, "figures": figures})
    data = rewrite_sheet(data, "sheet2", "<v>48.2</v>", "<v>48.200000000000003</v>")
    batch = read(("numbers.xlsx", data))
    assert batch.errors == []
    assert [f.reading.raw for f in batch.figures] == ["1820", "1890", "48.2", "0.3"]
    assert batch.figures[0].municipality_code == "282103"


def rewrite_sheet(data: bytes, sheet: str, old: str, new: str) -> bytes:
    """Return the workbook with ``old`` replaced by ``new`` in one sheet's XML."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == f"xl/worksheets/{sheet}.xml":
                assert old.encode() in content
                content = content.replace(old.encode(), new.encode())
            target.writestr(info, content)
    return out.getvalue()


@pytest.mark.parametrize(
    ("value", "number_format", "text"),
    [
        (None, "General", ""),
        (1820, "General", "1820"),
        (1820.0, "General", "1820"),
        (48.200000000000003, "General", "48.2"),
        (0.454, "0.0%", "45.4%"),
        (1e21, "General", "1000000000000000000000"),
        (-0.0, "General", "0"),
        (Decimal("1.40"), "General", "1.4"),
        (True, "General", "TRUE"),
        ("△10", "@", "△10"),
    ],
)
def test_cell_values_become_the_text_a_user_typed(value, number_format, text):
    assert cell_text(value, number_format) == text


def test_a_workbook_refuses_merged_cells_and_formulas(kakogawa_plan):
    book = openpyxl.load_workbook(io.BytesIO(kakogawa_workbook()))
    book["figures"].merge_cells("G2:G3")
    book["figures"]["F4"] = "=1500+320"
    out = io.BytesIO()
    book.save(out)
    assert errors_of(("book.xlsx", out.getvalue())) == [
        "book.xlsx の figures シート の 2 行目: セル G2:G3 が結合されています。"
        "結合を解除し、1 つのセルに 1 つの値を入れてください",
        "book.xlsx の figures シート の 4 行目 の value（F4） 列: セル F4 は数式です。"
        "数式ではなく値を入力してください",
    ]


def test_a_workbook_names_unknown_columns_by_cell(kakogawa_plan):
    rows = [[*DEFINITIONS_HEADER.strip().split(","), "colour"]]
    assert errors_of(("book.xlsx", workbook({"指標定義": rows}))) == [
        "book.xlsx の 指標定義 シート の 1 行目 の colour（F1） 列: 指標定義ファイルにない列です。"
        "使える列: municipality_code、plan、indicator_code、node_code、name、name_en、definition、"
        "definition_en、unit、unit_en、direction、accumulation、time_basis、source_kind、source、department、"
        "components、rationale、rationale_en、note、note_en、weight、common_code"
    ]


def test_a_workbook_refuses_values_outside_the_header(kakogawa_plan):
    rows = [
        DEFINITIONS_HEADER.strip().split(","),
        ["282103", "2021-2026", "1", "出生数", "increase", "", "余分"],
    ]
    assert errors_of(("book.xlsx", workbook({"definitions": rows}))) == [
        "book.xlsx の definitions シート の 2 行目: 見出しのない列のセル G2 に値があります"
        "（見出しを付けるか、消してください）"
    ]


def test_a_workbook_with_several_unnamed_sheets_is_refused(db):
    rows = [DEFINITIONS_HEADER.strip().split(",")]
    assert errors_of(("book.xlsx", workbook({"A": rows, "B": rows}))) == [
        "book.xlsx: どのシートを読むか分かりません。シート名を definitions と figures"
        "（または 指標定義 と 数値）にしてください"
    ]


def test_it_refuses_files_that_are_not_xlsx_or_too_big(db, monkeypatch):
    assert errors_of(("book.xlsx", b"municipality_code")) == [
        "book.xlsx: xlsx（Excel ブック）として読めません。"
        "Excel で「Excel ブック (*.xlsx)」として保存してください"
    ]
    assert errors_of(("old.xls", b"\xd0\xcf\x11\xe0rest")) == [
        "old.xls: 古い Excel 形式（.xls）は読めません。"
        "「Excel ブック (*.xlsx)」で保存し直してください"
    ]
    broken = workbook({"definitions": [["a"]]}).replace(b"xl/workbook.xml", b"xl/notebook.xml")
    assert errors_of(("broken.xlsx", broken)) == [
        "broken.xlsx: xlsx（Excel ブック）として読めません。"
        "Excel で「Excel ブック (*.xlsx)」として保存してください（KeyError）"
    ]
    monkeypatch.setattr(indicator_xlsx, "MAX_BYTES", 100)
    assert errors_of(("big.xlsx", b"PK\x03\x04" + b"0" * 1024 * 1024)) == [
        "big.xlsx: ファイルが大きすぎます（1.0 MB。20 MB までです）"
    ]


def test_it_refuses_a_sheet_with_too_many_rows(db, monkeypatch):
    monkeypatch.setattr(indicator_xlsx, "MAX_ROWS", 2)
    rows = [DEFINITIONS_HEADER.strip().split(","), ["a"], ["b"]]
    assert errors_of(("book.xlsx", workbook({"definitions": rows}))) == [
        "book.xlsx の definitions シート: "
        "行が多すぎます（3 行。2 行まで）。ファイルを分けてください"
    ]


# --- export and round trip -----------------------------------------------------------------


def test_it_exports_the_kakogawa_rows_in_the_exchange_layout(kakogawa_plan, operator):
    apply_batch(actor=operator, batch=read(*kakogawa_files()))
    definitions, figures = export_indicators(kakogawa_plan)
    assert definitions[0] == {
        "municipality_code": "282103",
        "plan": "2021-2026",
        "indicator_code": "1",
        "node_code": "",
        "name": "出生数",
        "name_en": "Number of births",
        "definition": "",
        "definition_en": "",
        "unit": "人",
        "unit_en": "",
        "direction": "increase",
        "accumulation": "single_year",
        "time_basis": "fiscal",
        "source_kind": "government",
        "source": KAKOGAWA_P13,
        "department": "",
        "components": "",
        "rationale": "",
        "rationale_en": "",
        "note": "",
        "note_en": "",
        "weight": "",
        "common_code": "",
    }
    assert [(f["indicator_code"], f["kind"], f["period"], f["value"]) for f in figures] == [
        ("1", "baseline", "2019年度", "1,820人"),
        ("1", "target", "2021~2026年度平均", "1,890人"),
        ("2", "baseline", "2020年度", "45.4%"),
        ("2", "target", "2026年度", "60.0%"),
        ("3", "baseline", "2019年", "2,025件"),
        ("3", "target", "2026年", "1,800件"),
    ]
    views = plan_indicators(kakogawa_plan.id)
    assert export_csv(kakogawa_plan, views) == render_csv(*export_indicators(kakogawa_plan))


def test_the_english_unit_is_read_under_either_header_and_exported_as_given(small_plan, operator):
    header = "municipality_code,plan,indicator_code,name,direction,unit,単位（英語）\n"
    rows = "999997,2024-2028,A-1,相談件数,increase,件,consultations\n"
    apply_batch(actor=operator, batch=read(("defs.csv", header + rows)))
    assert Indicator.objects.get(code="A-1").unit_en == "consultations"
    (row,) = export_indicators(find_plan("999997", "2024-2028"))[0]
    assert (row["unit"], row["unit_en"]) == ("件", "consultations")
    too_long = "999997,2024-2028,A-2,相談件数,increase,件," + "x" * 31 + "\n"
    assert errors_of(("defs.csv", header + too_long)) == [
        "defs.csv の 2 行目 の unit_en 列: 長すぎます（31 文字。30 文字までです）"
    ]


@pytest.mark.parametrize(
    ("key", "text"),
    [
        ("FY2019", "2019年度"),
        ("CY2019", "2019年"),
        ("Y2019", "Y2019"),
        ("FY2019-2023", "2019~2023年度"),
        ("CY2019-2023", "2019~2023年"),
        ("FY2021-2026avg", "2021~2026年度平均"),
    ],
)
def test_period_keys_are_written_as_plans_write_them(key, text):
    assert period_text(key) == text


@pytest.mark.parametrize(
    ("weight", "text"), [(None, ""), (1.0, "1"), (0.5, "0.5"), (0.1, "0.1"), (1e-7, "0.0000001")]
)
def test_weights_are_written_as_the_shortest_text(weight, text):
    assert weight_text(weight) == text


def test_csv_paths_drop_a_trailing_csv(tmp_path):
    assert csv_paths(tmp_path / "out.csv") == (
        tmp_path / "out-definitions.csv",
        tmp_path / "out-figures.csv",
    )
    assert csv_paths(tmp_path / "out") == csv_paths(tmp_path / "out.csv")


def load_both(operator) -> PlanInfo:
    """Load the fictional plan's indicators and the guard-worthy cells; return the plan."""
    apply_batch(
        actor=operator, batch=read(("d.csv", SHIKEN_DEFINITIONS), ("f.csv", SHIKEN_FIGURES))
    )
    return find_plan("999997", "2024-2028")


def assert_round_trip(operator, plan: PlanInfo, files: list[tuple[str, bytes]], render) -> None:
    """Import exported files: a dry run and a real run change nothing; a new export is identical."""
    before = state()
    trial = apply_batch(actor=operator, batch=read(*files), dry_run=True)
    real = apply_batch(actor=operator, batch=read(*files))
    assert (trial.changes, real.changes) == ([], [])
    assert (real.figures_unchanged, real.indicators_updated) == (5, 0)
    assert state() == before
    assert render(*export_indicators(plan)) == files


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-bom", "shift_jis", "utf-16"])
def test_a_csv_export_imports_with_no_changes_and_exports_the_same(small_plan, operator, encoding):
    plan = load_both(operator)

    def render(definitions, figures):
        texts = render_csv(definitions, figures, encoding=encoding)
        return list(zip((f"d.{encoding}.csv", f"f.{encoding}.csv"), texts, strict=True))

    files = render(*export_indicators(plan))
    assert_round_trip(operator, plan, files, render)


def test_the_csv_export_guards_formulas_and_marks_the_encoding(small_plan, operator):
    definitions, figures = render_csv(*export_indicators(load_both(operator)), encoding="utf-8-bom")
    assert definitions.startswith(codecs.BOM_UTF8 + b"municipality_code,plan,")
    lines = figures.decode("utf-8-sig").split("\r\n")
    assert (
        lines[0] == "municipality_code,plan,indicator_code,kind,period,value,note,source,breakdown"
    )
    assert lines[1:] == [
        '999997,2024-2028,A-1,baseline,2023年度,"1,200件",,,',
        '999997,2024-2028,A-1,target,2028年度,"1,500件",\'=1+1 は式ではない,,',
        "999997,2024-2028,A-1,actual,2024年度,△10,'@担当課,,北地区",
        "999997,2024-2028,A-2,baseline,2023年,国語： 5地区 算数： 2地区,,,",
        "999997,2024-2028,A-2,actual,2024年,-,未公表,,",
        "",
    ]
    assert "'- 前年度より改善を目指す" in definitions.decode("utf-8-sig")
    utf16, _ = render_csv(*export_indicators(find_plan("999997")), encoding="utf-16")
    assert utf16.startswith(codecs.BOM_UTF16_LE + "municipality_code\tplan".encode("utf-16-le"))


@pytest.mark.parametrize(
    ("encoding", "cell", "named"),
    [
        ("shift_jis", "𠮷野家", "「𠮷」（U+20BB7）は Shift_JIS で"),
        ("utf-8", "a\ud800", "「\ud800」（U+D800）は UTF-8 で"),
    ],
)
def test_a_cell_the_encoding_cannot_hold_is_named_by_row_and_column(encoding, cell, named):
    rows = [{"a": "1", "b": "合計"}, {"a": "2"}, {"a": "3", "b": cell}, {"b": cell}]
    with pytest.raises(CsvWriteError) as error:
        write_csv(["a", "b"], rows, encoding=encoding, name="figures")
    assert (
        str(error.value)
        == f"figures の 4 行目 の b 列の文字{named}表せません。UTF-8 で書き出してください"
    )


def test_an_xlsx_export_imports_with_no_changes_and_exports_the_same_cells(small_plan, operator):
    plan = load_both(operator)
    data = render_xlsx(*export_indicators(plan))
    assert read(("plan.xlsx", data)).errors == []
    assert_round_trip(operator, plan, [("plan.xlsx", data)], lambda d, f: [("plan.xlsx", data)])
    again = render_xlsx(*export_indicators(plan))
    assert sheet_cells(again) == sheet_cells(data)


def sheet_cells(data: bytes) -> dict[str, list[list[object]]]:
    """Return every sheet's cell values of a workbook."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    return {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in book.worksheets}


def test_the_xlsx_export_writes_text_cells_a_bold_frozen_header_and_widths(small_plan, operator):
    data = render_xlsx(*export_indicators(load_both(operator)))
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["definitions", "figures"]
    ws = book["figures"]
    assert (ws.freeze_panes, ws["A1"].font.b, ws["A1"].value) == ("A2", True, "municipality_code")
    assert [(c.value, c.data_type, c.number_format) for c in ws[3][5:7]] == [
        ("1,500件", "s", "@"),
        ("=1+1 は式ではない", "s", "@"),
    ]
    assert (ws["F4"].value, ws["F6"].value, ws["A2"].value) == ("△10", "-", "999997")
    assert ws.column_dimensions["A"].width == 19
    assert ws.column_dimensions["F"].width == 27
