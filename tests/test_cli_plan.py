"""The shisaku command: demo, import-plan, export-plan, pass-through."""

import json

import pytest

from shisaku.cli import main
from shisaku.plan.models import Plan, PlanNode
from shisaku.voice.models import Consultation
from tests.conftest import SEED

SEED_SUMMARY = "分野 2 / 政策 5 / 施策 15 / 主な取組 33 / 取組 67 / 現状と課題 17 項目 29 点"
NEW_PLAN = [
    "--municipality",
    "022012",
    "--title",
    "青森市総合計画 前期基本計画",
    "--period",
    "2019-2023",
]


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_demo_loads_the_bundled_plan_once(db, capsys):
    code, out, _ = run(capsys, "demo")
    assert code == 0
    assert SEED_SUMMARY in out
    assert "022012/2019-2023: 新規作成しました（版 1）" in out
    code, out, _ = run(capsys, "demo")
    assert code == 0
    assert "022012/2019-2023: 変更はありません（版 1）" in out
    assert Plan.objects.filter(municipality__code="022012").count() == 1
    assert PlanNode.objects.count() == 2 + 5 + 15 + 33 + 67  # the example plans have no tree


def test_import_plan_reads_the_seed_and_lists_its_warnings(db, capsys):
    code, out, _ = run(capsys, "import-plan", str(SEED), *NEW_PLAN)
    assert code == 0
    warnings = [line for line in out.splitlines() if line.startswith("注意: ")]
    assert len(warnings) == 1 + 5 + 15
    assert SEED_SUMMARY in out
    assert Plan.objects.get().municipality.name_ja == "青森市"  # from the bundled list


def test_a_dry_run_prints_the_tree_and_writes_nothing(db, capsys):
    code, out, _ = run(capsys, "import-plan", str(SEED), *NEW_PLAN, "--dry-run")
    assert code == 0
    assert "  2-1 子ども・子育て支援の充実" in out
    assert "    2-1-1 切れ目のない子育て支援の充実" in out
    assert "3 （名称不明：原文に記載なし）" in out
    assert "022012/2019-2023: 新規作成します（版 1）" in out
    assert Plan.objects.count() == 0


def test_a_dry_run_of_a_changed_document_says_what_would_change(db, capsys, tmp_path):
    run(capsys, "import-plan", str(SEED), *NEW_PLAN)
    changed = tmp_path / "changed.txt"
    text = SEED.read_text(encoding="utf-8")
    changed.write_text(text.replace("2-3-3 競技力の向上", "2-3-3 競技力の強化"), encoding="utf-8")
    code, out, _ = run(capsys, "import-plan", str(changed), "--municipality", "022012", "--dry-run")
    assert code == 0
    assert "022012/2019-2023: 1 件の変更を更新します（版 2）" in out
    assert "~ 2-3-3 名称: 「競技力の向上」 → 「競技力の強化」" in out
    assert PlanNode.objects.get(code="2-3-3").title_ja == "競技力の向上"


def test_reimporting_a_changed_document_updates_in_place(db, capsys, tmp_path):
    run(capsys, "import-plan", str(SEED), *NEW_PLAN)
    changed = tmp_path / "changed.txt"
    changed.write_text(
        SEED.read_text(encoding="utf-8").replace("競技力の向上を図るため", "競技力を高めるため")
    )
    code, out, _ = run(capsys, "import-plan", str(changed), "--municipality", "022012")
    assert code == 0
    assert "~ 2-3-3 概要: 本文の変更" in out
    assert Plan.objects.get().version == 2
    assert PlanNode.objects.count() == 122


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_an_export_imported_back_gives_an_identical_export(db, capsys, tmp_path, fmt):
    run(capsys, "demo")
    first = tmp_path / f"plan.{fmt}"
    run(capsys, "export-plan", "--municipality", "022012", "--format", fmt, "-o", str(first))
    Consultation.objects.all().delete()  # the demo's example consultation keeps its measure
    Plan.objects.all().delete()
    code, out, err = run(capsys, "import-plan", str(first))
    assert "022012/2019-2023: 新規作成しました（版 1）" in out
    assert (code, err) == (0, "")
    second = tmp_path / f"again.{fmt}"
    run(capsys, "export-plan", "--municipality", "022012", "--format", fmt, "-o", str(second))
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")


def test_the_json_export_is_the_whole_tree(db, capsys):
    run(capsys, "demo")
    code, out, _ = run(capsys, "export-plan", "--municipality", "022012", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["schema"] == "shisaku.plan/1"
    assert doc["municipality"] == {"code": "022012", "name": "青森市", "name_en": "Aomori City"}
    assert doc["plan"]["period"] == {"start": 2019, "end": 2023}
    assert [(n["code"], n["title"], n["title_known"]) for n in doc["nodes"]] == [
        ("2", "ひと創り", True),
        ("3", "", False),
    ]
    policy = doc["nodes"][0]["children"][0]
    assert set(policy) >= {"kind", "code", "title", "children", "sections"}
    assert [s["key"] for s in policy["sections"]] == ["situation", "direction", "diagram"]


def test_the_markdown_export_reads_as_the_plan(db, capsys):
    run(capsys, "demo")
    code, out, _ = run(capsys, "export-plan", "--municipality", "022012", "--format", "markdown")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "# 青森市 青森市総合計画 前期基本計画"
    assert "## 2 ひと創り" in lines
    assert "### 2-1 子ども・子育て支援の充実" in lines
    assert "## 3 （名称は原文に記載がありません）" in lines
    assert "#### 施策の体系（原文に収録されていません）" in lines
    assert (
        "  ※関係人口：移住でも観光でもなく、地域や地域の人々と多様に関わる地域外の人財のこと。"
        in lines
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["import-plan", "nowhere.txt", "--municipality", "022012"], "nowhere.txt: 読み込めません"),
        (
            ["import-plan", str(SEED), "--municipality", "022013"],
            "検査数字が合いません（正しくは 022012）",
        ),
        (
            ["import-plan", str(SEED), "--municipality", "999997"],
            "新しい計画です。--title と --period",
        ),
        (
            ["export-plan", "--municipality", "022012"],
            "plan (current) of municipality 022012 does not exist",
        ),
    ],
)
def test_bad_commands_fail_with_a_clear_message(db, capsys, args, message):
    code, out, err = run(capsys, *args)
    assert (code, out) == (2, "")
    assert message in err
    assert Plan.objects.count() == 0


def test_a_new_municipality_needs_a_name(db, capsys):
    code, _, err = run(
        capsys,
        "import-plan",
        str(SEED),
        "--municipality",
        "999997",
        "--title",
        "計画",
        "--period",
        "2024-2028",
    )
    assert code == 2
    assert "団体 999997 は未登録です。--name で団体名を指定してください" in err


def test_a_malformed_json_file_is_refused_with_its_line(db, capsys, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{\n  "schema": "shisaku.plan/1",\n  "plan": {,\n}', encoding="utf-8")
    code, _, err = run(capsys, "import-plan", str(bad))
    assert code == 2
    assert "bad.json の 3 行 12 列: JSON の誤り" in err


def test_a_json_file_with_a_wrong_value_names_its_path(db, capsys, tmp_path):
    run(capsys, "demo")
    good = tmp_path / "plan.json"
    run(capsys, "export-plan", "--municipality", "022012", "-o", str(good))
    doc = json.loads(good.read_text(encoding="utf-8"))
    doc["nodes"][0]["children"][1]["kind"] = "chapter"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    code, _, err = run(capsys, "import-plan", str(bad))
    assert code == 2
    assert "bad.json の nodes[0].children[1].kind: 'chapter' is not one of" in err


def test_django_commands_pass_through(db, capsys):
    code, out, _ = run(capsys, "showmigrations", "plan")
    assert code == 0
    assert "[X] 0001_initial" in out


def test_help_lists_the_commands(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for name in ("demo", "import-plan", "export-plan", "serve"):
        assert f"  {name}" in out


def test_an_unreadable_plan_document_names_its_line_and_writes_nothing(db, capsys, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("2 ひと創り\n\n2-1 子育て\n\n2-1 教育\n", encoding="utf-8")
    code, out, err = run(capsys, "import-plan", str(bad), *NEW_PLAN)
    assert (code, out) == (2, "")
    assert err.startswith("エラー: bad.txt の 5 行目: 『2-1 教育』を読めません。")
    assert Plan.objects.count() == 0


def test_demo_loads_the_labelled_examples_of_other_cities_once(db, capsys):
    code, out, _ = run(capsys, "demo")
    assert code == 0
    assert "他都市の例（出典付き）: 指標 新規 10 / 数値 追加 29" in out
    _, out, _ = run(capsys, "demo")
    assert "他都市の例（出典付き）: 指標 新規 0 / 数値 追加 0" in out
    uda = Plan.objects.get(municipality__code="292125")
    assert uda.source_name.startswith("宇陀市 数値目標評価シート")
    assert (
        uda.indicators.get(code="1").source
        == "宇陀市 数値目標評価シート（vdocuments.mx/effccc-ceff.html）"
    )
    assert not Plan.objects.get(municipality__code="022012").indicators.exists()  # 青森市: 未取得
