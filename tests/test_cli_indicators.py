"""The shisaku import-indicators and export-indicators commands.

Real figures are 加古川市's only (第2期まち・ひと・しごと創生総合戦略, city.kakogawa.lg.jp ebook
028_matihito2021, pages 13 and 20); changed values are tried on the fictional 試験市 (999997).
"""

from __future__ import annotations

import codecs
import io

import openpyxl
import pytest

from shisaku.cli import main
from shisaku.domain.plantree import PlanMeta
from shisaku.indicators.models import Figure, Indicator
from shisaku.plan import services as plan_services
from tests.conftest import FIXTURES

FILES = FIXTURES / "indicators"
DEFINITIONS = str(FILES / "kakogawa-definitions.csv")
FIGURES = str(FILES / "kakogawa-figures.csv")
KAKOGAWA_CHANGES = [
    "+ 指標 1 出生数",
    "+ 指標 2 子育てしやすいまちと感じる市民の割合",
    "+ 指標 3 刑法犯認知件数",
    "+ 1 基準値 2019年度（令和元年度）: 1,820人",
    "+ 1 目標値 2021〜2026年度平均（令和3〜8年度平均）: 1,890人",
    "+ 2 基準値 2020年度（令和2年度）: 45.4%",
    "+ 2 目標値 2026年度（令和8年度）: 60.0%",
    "+ 3 基準値 2019年（令和元年）: 2,025件",
    "+ 3 目標値 2026年（令和8年）: 1,800件",
]
KAKOGAWA_SUMMARY = "指標: 新規 3・更新 0 / 数値: 追加 6・改訂 0・変更なし 0"
# Test data of the fictional 試験市 (not any real city's figures).
SHIKEN_DEFINITIONS = (
    "municipality_code,plan,indicator_code,node_code,name,direction,unit\n"
    "999997,2024-2028,A-1,1-1-1,相談件数,increase,件\n"
)
SHIKEN_FIGURES = (
    "municipality_code,plan,indicator_code,kind,period,value,note\n"
    '999997,2024-2028,A-1,target,2028年度,"1,500件",\n'
)


@pytest.fixture
def kakogawa_plan(db, operator):
    """加古川市's 第2期総合戦略 (2021–2026 fiscal years), without a tree: its indicators only."""
    plan_services.save_municipality(
        actor=operator, code="282103", name_ja="加古川市", name_en="Kakogawa City"
    )
    meta = PlanMeta(
        title="第2期加古川市まち・ひと・しごと創生総合戦略", period_start=2021, period_end=2026
    )
    plan_services.import_plan(actor=operator, municipality_code="282103", meta=meta, nodes=[])


@pytest.fixture
def shiken_files(small_plan, tmp_path):
    """Write the fictional plan's definitions and figures files; return their paths."""
    definitions, figures = tmp_path / "defs.csv", tmp_path / "figs.csv"
    definitions.write_text(SHIKEN_DEFINITIONS, encoding="utf-8")
    figures.write_text(SHIKEN_FIGURES, encoding="utf-8")
    return definitions, figures


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


# --- import-indicators ---------------------------------------------------------------------


def test_import_applies_the_files_and_prints_each_change(kakogawa_plan, capsys):
    code, out, err = run(capsys, "import-indicators", DEFINITIONS, FIGURES)
    assert (code, err) == (0, "")
    assert out.splitlines() == [*KAKOGAWA_CHANGES, KAKOGAWA_SUMMARY]
    assert Indicator.objects.count() == 3
    assert Figure.objects.count() == 6


def test_a_dry_run_prints_the_trial_changes_and_writes_nothing(kakogawa_plan, capsys):
    code, out, _ = run(capsys, "import-indicators", FIGURES, DEFINITIONS, "--dry-run")
    assert code == 0
    assert out.splitlines() == [
        *(f"（試行）{change}" for change in KAKOGAWA_CHANGES),
        f"（試行）{KAKOGAWA_SUMMARY}（書き込みはしていません）",
    ]
    assert Indicator.objects.count() == 0


def test_reimporting_prints_that_nothing_changed(kakogawa_plan, capsys):
    run(capsys, "import-indicators", DEFINITIONS, FIGURES)
    code, out, _ = run(capsys, "import-indicators", DEFINITIONS, FIGURES)
    assert code == 0
    assert out.splitlines() == [
        "変更はありません",
        "指標: 新規 0・更新 0 / 数値: 追加 0・改訂 0・変更なし 6",
    ]


def test_a_changed_value_is_printed_as_a_revision(shiken_files, capsys):
    definitions, figures = shiken_files
    run(capsys, "import-indicators", definitions, figures)
    figures.write_text(SHIKEN_FIGURES.replace("1,500件", "1,600件"), encoding="utf-8")
    code, out, _ = run(capsys, "import-indicators", figures)
    assert code == 0
    assert out.splitlines() == [
        "~ A-1 目標値 2028年度（令和10年度）: 1,500件 → 1,600件",
        "指標: 新規 0・更新 0 / 数値: 追加 0・改訂 1・変更なし 0",
    ]
    assert list(Figure.objects.order_by("revision").values_list("raw", "is_current")) == [
        ("1,500件", False),
        ("1,600件", True),
    ]


def test_errors_are_printed_with_their_place_and_nothing_is_written(shiken_files, capsys):
    definitions, figures = shiken_files
    figures.write_text(
        SHIKEN_FIGURES
        + "999997,2024-2028,A-1,actual,R6,たくさん,\n"
        + "999997,2024-2028,A-1,actual,令和7年度の末ごろ,1件,\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "import-indicators", definitions, figures)
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "エラー: figs.csv の 4 行目 の period 列: 『令和7年度の末ごろ』は期間として読めません。"
        "年・年度・範囲（~）・平均のほかに読めない書き方が含まれています。"
        "例: 2019年度、令和6年度、H26、R5、2019~2023年度",
        "1 件のエラーがあります。何も書き込んでいません。",
    ]
    assert Indicator.objects.count() == 0


def test_errors_found_while_applying_are_printed_the_same_way(shiken_files, capsys):
    definitions, figures = shiken_files
    definitions.write_text(SHIKEN_DEFINITIONS.replace("1-1-1", "7-7-7"), encoding="utf-8")
    code, _, err = run(capsys, "import-indicators", definitions, figures)
    assert code == 2
    assert err.splitlines() == [
        "エラー: defs.csv の 2 行目: 計画 2024-2028 に施策 7-7-7 がありません",
        "1 件のエラーがあります。何も書き込んでいません。",
    ]
    assert Indicator.objects.count() == 0


def test_a_progress_bar_is_drawn_on_a_terminal(kakogawa_plan, capsys, monkeypatch):
    monkeypatch.setattr("shisaku.progress.enabled", lambda stream: True)
    code, _, err = run(capsys, "import-indicators", DEFINITIONS, FIGURES)
    assert code == 0
    assert f"\rkakogawa-figures.csv（数値） [{'#' * 30}] 6/6\n" in err


# --- export-indicators ---------------------------------------------------------------------


def test_export_writes_two_csv_files_that_import_with_no_changes(kakogawa_plan, capsys, tmp_path):
    run(capsys, "import-indicators", DEFINITIONS, FIGURES)
    base = tmp_path / "kakogawa.csv"
    code, out, _ = run(
        capsys, "export-indicators", "--municipality", "282103", "--format", "csv", "-o", base
    )
    definitions, figures = tmp_path / "kakogawa-definitions.csv", tmp_path / "kakogawa-figures.csv"
    assert code == 0
    assert out == f"書き出しました: {definitions}、{figures}（指標 3 件、数値 6 件）\n"
    assert figures.read_text(encoding="utf-8").splitlines() == [
        "municipality_code,plan,indicator_code,kind,period,value,note,source,breakdown",
        '282103,2021-2026,1,baseline,2019年度,"1,820人",,,',
        '282103,2021-2026,1,target,2021~2026年度平均,"1,890人",,,',
        "282103,2021-2026,2,baseline,2020年度,45.4%,,,",
        "282103,2021-2026,2,target,2026年度,60.0%,,,",
        '282103,2021-2026,3,baseline,2019年,"2,025件",,,',
        '282103,2021-2026,3,target,2026年,"1,800件",,,',
    ]
    code, out, _ = run(capsys, "import-indicators", definitions, figures, "--dry-run")
    assert out.splitlines()[0] == "（試行）変更はありません"


@pytest.mark.parametrize(
    ("options", "head"),
    [
        (["--bom"], codecs.BOM_UTF8 + b"municipality_code,plan,"),
        (["--encoding", "shift_jis"], b"municipality_code,plan,"),
        (
            ["--encoding", "utf-16"],
            codecs.BOM_UTF16_LE + "municipality_code\tplan".encode("utf-16-le"),
        ),
    ],
)
def test_export_writes_the_chosen_encoding_and_reads_it_back(
    kakogawa_plan, capsys, tmp_path, options, head
):
    run(capsys, "import-indicators", DEFINITIONS, FIGURES)
    base = tmp_path / "out"
    export = ["export-indicators", "--municipality", "282103", "-o", base, *options]
    assert run(capsys, *export)[0] == 0
    paths = [tmp_path / "out-definitions.csv", tmp_path / "out-figures.csv"]
    first = [p.read_bytes() for p in paths]
    assert first[1].startswith(head)
    code, out, _ = run(capsys, "import-indicators", *paths)
    assert (code, out.splitlines()[0]) == (0, "変更はありません")
    run(capsys, *export)
    assert [p.read_bytes() for p in paths] == first


def test_export_writes_one_workbook_that_imports_with_no_changes(kakogawa_plan, capsys, tmp_path):
    run(capsys, "import-indicators", DEFINITIONS, FIGURES)
    path = tmp_path / "kakogawa.xlsx"
    code, out, _ = run(
        capsys, "export-indicators", "--municipality", "282103", "--plan", "2021-2026",
        "--format", "xlsx", "-o", path,
    )  # fmt: skip
    assert (code, out) == (0, f"書き出しました: {path}（指標 3 件、数値 6 件）\n")
    book = openpyxl.load_workbook(io.BytesIO(path.read_bytes()))
    assert book.sheetnames == ["definitions", "figures"]
    assert book["figures"]["F3"].value == "1,890人"
    code, out, _ = run(capsys, "import-indicators", path)
    assert (code, out.splitlines()[0]) == (0, "変更はありません")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            ["--municipality", "282103", "--plan", "2099-2100"],
            "エラー: plan 2099-2100 of municipality 282103 does not exist",
        ),
        (
            ["--municipality", "282104"],
            "エラー: 「282104」の検査数字が合いません（正しくは 282103）",
        ),
        (
            ["--municipality", "282103", "--bom", "--encoding", "shift_jis"],
            "エラー: --bom は UTF-8 のときだけ使えます（--encoding utf-8）",
        ),
        (
            ["--municipality", "282103", "--format", "xlsx", "--bom"],
            "エラー: --bom と --encoding は --format csv のときだけ使えます",
        ),
    ],
)
def test_export_refuses_what_it_cannot_do(kakogawa_plan, capsys, tmp_path, options, message):
    code, out, err = run(capsys, "export-indicators", *options, "-o", tmp_path / "x")
    assert (code, out, err) == (2, "", message + "\n")
    assert list(tmp_path.iterdir()) == []


def test_export_names_a_cell_shift_jis_cannot_hold_and_writes_nothing(
    shiken_files, capsys, tmp_path
):
    definitions, figures = shiken_files
    figures.write_text(SHIKEN_FIGURES.replace(",\n", ",𠮷田地区の値\n"), encoding="utf-8")
    run(capsys, "import-indicators", definitions, figures)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    code, _, err = run(
        capsys, "export-indicators", "--municipality", "999997", "--encoding", "shift_jis",
        "-o", out_dir / "shiken",
    )  # fmt: skip
    assert (code, err) == (
        2,
        "エラー: figures の 2 行目 の note 列の文字「𠮷」（U+20BB7）は Shift_JIS で表せません。"
        "UTF-8 で書き出してください\n",
    )
    assert list(out_dir.iterdir()) == []


def test_export_names_the_file_it_cannot_write(kakogawa_plan, capsys, tmp_path):
    target = tmp_path / "missing" / "out.xlsx"
    code, _, err = run(
        capsys, "export-indicators", "--municipality", "282103", "--format", "xlsx", "-o", target
    )
    assert (code, err) == (2, f"エラー: {target}: 書き込めません（No such file or directory）\n")
