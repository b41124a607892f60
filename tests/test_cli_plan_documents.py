# Expected output lines are long Japanese sentences: kept whole so that they read as printed.
# ruff: noqa: E501
"""import-plan with other cities' documents: PDF, Word, layouts of their own, profiles,
the indicator rows they print, and export-plan giving those rows back."""

import json
from decimal import Decimal
from pathlib import Path

import pytest

from shisaku.audit.models import AuditEntry
from shisaku.cli import main
from shisaku.indicators.models import Figure, Indicator
from shisaku.plan.models import Plan, PlanNode

CORPUS = Path(__file__).resolve().parent / "fixtures" / "plans"
TOWN = ["--municipality", "999997", "--name", "試験市"]


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def figures(code: str) -> list[tuple[str, str, Decimal | None]]:
    """Return an indicator's current figures as (kind, period, value)."""
    rows = Figure.objects.filter(indicator__code=code, is_current=True).order_by("kind", "period")
    return [(f.kind, f.period, f.value) for f in rows]


def test_a_pdf_plan_imports_with_its_tree_and_indicator_rows(db, capsys):
    code, out, err = run(
        capsys,
        "import-plan",
        CORPUS / "pdf-two-column.pdf",
        *TOWN,
        "--title",
        "計画",
        "--period",
        "2021-2025",
    )
    assert (code, err) == (0, "")
    assert "999997/2021-2025: 新規作成しました（版 1）" in out
    assert "指標の行 10（時点のある基準値・目標値 20）: 指標 新規 10 / 更新 0 / 数値 追加 20" in out
    plan = Plan.objects.get(municipality__code="999997")
    measure = PlanNode.objects.get(plan=plan, code="2-1")
    assert (measure.kind, measure.title_ja) == ("measure", "子育て支援の充実")
    indicator = Indicator.objects.get(plan=plan, code="2-1.K1")
    assert (indicator.name_ja, indicator.unit, indicator.node_id) == (
        "保育所等の待機児童数",
        "人",
        measure.id,
    )
    assert (indicator.direction, indicator.time_basis) == ("decrease", "fiscal")
    assert figures("2-1.K1") == [
        ("baseline", "FY2019", Decimal("12")),
        ("target", "FY2025", Decimal("0")),
    ]
    assert AuditEntry.objects.filter(action="indicator.save").count() == 10


def test_a_word_plan_takes_its_title_and_period_from_the_document(db, capsys):
    code, _out, err = run(capsys, "import-plan", CORPUS / "word-headings.docx", *TOWN)
    assert (code, err) == (0, "")
    plan = Plan.objects.get(municipality__code="999997")
    assert (plan.title_ja, plan.period_start, plan.period_end, plan.slug) == (
        "第6次東雲川町総合計画 後期基本計画",
        2021,
        2025,
        "2021-2025",
    )
    assert PlanNode.objects.get(plan=plan, code="1-1").title_ja == "子育て支援の充実"


def test_a_document_that_states_no_title_needs_the_options(db, capsys):
    code, out, err = run(capsys, "import-plan", CORPUS / "web-shisaku-hanaoka.txt", *TOWN)
    assert (code, out) == (2, "")
    assert "--title と --period（例: 2019-2023）を指定してください" in err
    assert Plan.objects.count() == 0


def test_a_dry_run_shows_the_reading_and_writes_nothing(db, capsys):
    code, out, _err = run(
        capsys, "import-plan", CORPUS / "ebook-senryaku-shiomi.txt", *TOWN, "--dry-run"
    )
    assert code == 0
    assert "1 若い世代の希望をかなえ、子どもが育つまち" in out
    assert (
        "  指標 1.K1 出生数［人］: 612（2019年度（令和元年度）） → 640（2021〜2026年度平均（令和3〜8年度平均））"
        in out
    )
    assert (
        "基本目標{}: {level: 1, kind: field, example: 基本目標1 “ひと” 若い世代の希望をかなえ、子どもが育つまち}"
        in out
    )
    assert (
        "--- 文書に書かれた計画名: 第2期汐見市まち・ひと・しごと創生総合戦略 / 計画期間: 2021〜2026年度"
        in out
    )
    assert "  2 行目（ページ番号）: 1/26" in out
    assert "  6 行目（ウェブページや電子書籍の案内）: 元のページ  ../index.html#1" in out
    assert "999997/2021-2026: 新規作成します（版 1）" in out
    assert (Plan.objects.count(), Indicator.objects.count()) == (0, 0)


def test_a_profile_reads_a_numbering_as_text(db, capsys, tmp_path):
    profile = tmp_path / "profile.yaml"
    profile.write_text("headings:\n  （1）: text\n", encoding="utf-8")
    code, _out, err = run(
        capsys, "import-plan", CORPUS / "ebook-senryaku-shiomi.txt", *TOWN, "--profile", profile
    )
    assert (code, err) == (0, "")
    nodes = PlanNode.objects.filter(plan__municipality__code="999997")
    assert sorted(n.code for n in nodes) == ["1", "2", "3"]
    # the measures' KPI rows now belong to their goals
    assert Indicator.objects.filter(node__code="1").count() == 8


def test_the_profile_a_dry_run_prints_reads_the_document_the_same_when_given_back(
    db, capsys, tmp_path
):
    doc = CORPUS / "word-headings.docx"
    period = ["--title", "t", "--period", "2021-2025"]
    code, out, _ = run(capsys, "import-plan", doc, *TOWN, *period, "--dry-run")
    assert code == 0
    printed = out.split("--- 見出しの読み方（直すときは YAML にして --profile で渡します）\n")[1]
    printed = printed.split("\n---")[0]
    assert "  26pt: {kind: text," in printed
    profile = tmp_path / "profile.yaml"
    profile.write_text(printed, encoding="utf-8")
    again, out_again, err = run(
        capsys, "import-plan", doc, *TOWN, *period, "--dry-run", "--profile", profile
    )
    assert (again, err) == (0, "")
    assert out_again.split("---")[0] == out.split("---")[0]


def test_a_profile_that_names_an_unknown_kind_is_refused_naming_its_key(db, capsys, tmp_path):
    profile = tmp_path / "profile.yaml"
    profile.write_text("headings:\n  基本目標1: chapter\n", encoding="utf-8")
    code, out, err = run(
        capsys, "import-plan", CORPUS / "ebook-senryaku-shiomi.txt", *TOWN, "--profile", profile
    )
    assert (code, out) == (2, "")
    assert err.startswith(
        "エラー: profile.yaml の headings.基本目標1: 'chapter' is not one of field,"
    )
    assert Plan.objects.count() == 0


def test_a_profile_with_aliases_is_refused_before_it_expands(db, capsys, tmp_path):
    profile = tmp_path / "profile.yaml"
    profile.write_text("a: &a [x, x]\nb: [*a, *a]\n", encoding="utf-8")
    code, _, err = run(
        capsys, "import-plan", CORPUS / "ebook-senryaku-shiomi.txt", *TOWN, "--profile", profile
    )
    assert code == 2
    assert "エイリアス（*名前）は使えません" in err


def test_a_document_without_headings_lists_each_line_it_could_not_place(db, capsys, tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("会議の記録です。\n出席者は5名でした。\n次回は未定です。\n", encoding="utf-8")
    code, out, err = run(capsys, "import-plan", bad, *TOWN, "--title", "t", "--period", "2021-2025")
    assert (code, out) == (2, "")
    assert [line.split("『")[0] for line in err.strip().split("\n")] == [
        "エラー: notes.txt の 1 行目: ",
        "notes.txt の 2 行目: ",
        "notes.txt の 3 行目: ",
    ]
    assert Plan.objects.count() == 0


def test_export_gives_each_node_its_indicator_rows_and_imports_back_unchanged(db, capsys, tmp_path):
    run(capsys, "import-plan", CORPUS / "ebook-senryaku-shiomi.txt", *TOWN)
    out_file = tmp_path / "plan.json"
    assert run(capsys, "export-plan", "--municipality", "999997", "-o", out_file)[0] == 0
    document = json.loads(out_file.read_text(encoding="utf-8"))
    goal = document["nodes"][0]
    assert goal["indicators"][0] == {
        "code": "1.K1",
        "name": "出生数",
        "unit": "人",
        "baseline": {"raw": "612人", "value": "612", "period": "FY2019"},
        "target": {"raw": "640人", "value": "640", "period": "FY2021-2026avg"},
        "direction": "increase",
        "time_basis": "fiscal",
    }
    code, out, _ = run(capsys, "import-plan", out_file)
    assert code == 0
    assert "999997/2021-2026: 変更はありません（版 1）" in out
    assert "指標 新規 0 / 更新 0 / 数値 追加 0" in out


def test_a_figure_without_a_period_is_kept_as_text_not_as_a_figure(db, capsys, tmp_path):
    doc = tmp_path / "plan.txt"
    doc.write_text(
        "1 くらし\n1-1 暮らしの安心\n成果指標\n指標名\t現状値\t目標値\n相談件数\t120件\t150件（令和7年度）\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "import-plan", doc, *TOWN, "--title", "t", "--period", "2021-2025")
    assert code == 0
    assert "1-1.K1 相談件数 の基準値『120件』には時点の記載がありません。" in out
    indicator = Indicator.objects.get(code="1-1.K1")
    assert indicator.undated == [{"kind": "baseline", "raw": "120件", "value": "120"}]
    assert figures("1-1.K1") == [("target", "FY2025", Decimal("150"))]
    run(capsys, "export-plan", "--municipality", "999997", "-o", tmp_path / "out.json")
    exported = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    row = exported["nodes"][0]["children"][0]["indicators"][0]
    assert row["baseline"] == {"raw": "120件", "value": "120", "period": None}


def test_importing_the_document_again_keeps_what_the_workspace_added(db, capsys):
    run(capsys, "import-plan", CORPUS / "ebook-senryaku-shiomi.txt", *TOWN)
    Indicator.objects.filter(code="1.K1").update(
        name_en="Births", source="人口動態統計", direction="maintain"
    )
    code, _out, _ = run(
        capsys, "import-plan", CORPUS / "ebook-senryaku-shiomi.txt", "--municipality", "999997"
    )
    assert code == 0
    row = Indicator.objects.get(code="1.K1")
    assert (row.name_en, row.source) == ("Births", "人口動態統計")
    assert row.direction == "increase"  # the document's 612 → 640 says so; it wins


@pytest.mark.parametrize(
    "name", ["pdf-overprint.pdf", "pdf-out-of-order.pdf", "word-plain-numbers.docx"]
)
def test_every_document_format_of_the_corpus_imports(db, capsys, name):
    code, out, err = run(
        capsys, "import-plan", CORPUS / name, *TOWN, "--title", "t", "--period", "2021-2025"
    )
    assert (code, err) == (0, "")
    assert "新規作成しました" in out


def test_the_public_page_shows_a_figure_printed_without_a_period_as_printed(
    db, capsys, client, tmp_path
):
    doc = tmp_path / "plan.txt"
    doc.write_text(
        "1 くらし\n1-1 暮らしの安心\n成果指標\n指標名\t現状値\t目標値\n相談件数\t120件\t150件（令和7年度）\n",
        encoding="utf-8",
    )
    assert run(capsys, "import-plan", doc, *TOWN, "--title", "t", "--period", "2021-2025")[0] == 0
    ja = client.get("/ja/999997/2021-2025/indicators/1-1.K1/").content.decode()
    assert "<dt>計画書に時点の記載がない値</dt><dd>基準値 120件</dd>" in ja
    en = client.get("/en/999997/2021-2025/indicators/1-1.K1/").content.decode()
    assert "<dt>Printed in the plan without a period</dt><dd>Baseline 120件</dd>" in en


def test_a_dry_run_shows_a_bound_or_an_approximation_with_its_value(db, capsys, tmp_path):
    doc = tmp_path / "plan.txt"
    doc.write_text(
        "1 くらし\n1-1 暮らしの安心\n成果指標\n指標名\t現状値（令和2年度）\t目標値（令和7年度）\n"
        "交通事故の件数\t約420件\t350件以下\n",
        encoding="utf-8",
    )
    args = ["--title", "t", "--period", "2021-2025", "--dry-run"]
    code, out, _ = run(capsys, "import-plan", doc, *TOWN, *args)
    assert code == 0
    assert (
        "指標 1-1.K1 交通事故の件数［件］: 約420（2020年度（令和2年度）） → 350以下（2025年度（令和7年度））"
        in out
    )


def test_years_printed_without_their_era_take_it_from_the_period_given(db, capsys, tmp_path):
    doc = tmp_path / "plan.txt"
    doc.write_text(
        "1 くらし\n1-1 暮らしの安心\n成果指標\n指標名\t現状値(2年度)\t目標値(6年度)\n"
        "相談件数\t120件\t150件\n",
        encoding="utf-8",
    )
    code, _out, _ = run(capsys, "import-plan", doc, *TOWN, "--title", "t", "--period", "2021-2024")
    assert code == 0
    assert figures("1-1.K1") == [
        ("baseline", "FY2020", Decimal("120")),
        ("target", "FY2024", Decimal("150")),
    ]
