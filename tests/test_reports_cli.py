"""``shisaku report`` and ``shisaku mark-education``: files written whole, errors exit 2."""

from __future__ import annotations

import io
import os

import openpyxl
import pypdf
import pytest

from shisaku.cli import main
from shisaku.plan.models import PlanNode
from shisaku.reports import files
from tests.test_evaluation_setup import SLUG, TOWN, YEAR
from tests.test_reports_data import build_report_town

pytestmark = pytest.mark.usefixtures("db")


@pytest.fixture
def town(operator):
    return build_report_town(operator)


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def report(capsys, kind, target, *extra):
    where = ["--municipality", TOWN, "--plan", SLUG, "--year", str(YEAR), "-o", str(target)]
    return run(capsys, "report", kind, *where, *extra)


def test_the_annual_report_is_written_as_a_pdf(town, capsys, tmp_path):
    target = tmp_path / "annual.pdf"
    code, out, err = report(capsys, "annual", target, "--issued", "2026-09-01")
    assert code == 0, err
    assert str(target) in out and "主要な施策の成果（PDF）" in out
    reader = pypdf.PdfReader(io.BytesIO(target.read_bytes()))
    assert "発行日 2026年9月1日" in reader.pages[0].extract_text()
    assert "[" not in err  # not a terminal: no progress bar drawn
    assert os.listdir(tmp_path) == ["annual.pdf"]  # no temporary file left


def test_the_workbook_and_the_html_are_written(town, capsys, tmp_path):
    assert report(capsys, "workbook", tmp_path / "sheets.xlsx")[0] == 0
    assert openpyxl.load_workbook(tmp_path / "sheets.xlsx").sheetnames[0] == "概要"
    assert report(capsys, "html", tmp_path / "report.html")[0] == 0
    assert "相談支援の充実" in (tmp_path / "report.html").read_text(encoding="utf-8")


def test_the_current_plan_is_used_when_no_plan_is_named(town, capsys, tmp_path):
    target = tmp_path / "r.html"
    code, _, err = run(
        capsys, "report", "html", "--municipality", TOWN, "--year", str(YEAR), "-o", str(target)
    )
    assert code == 0, err and target.exists()


def test_without_a_plan_named_the_published_plan_is_used_not_a_newer_draft(
    town, capsys, tmp_path, operator
):
    from shisaku.domain.plantree import PlanMeta
    from shisaku.plan import services
    from tests.conftest import small_nodes

    draft = PlanMeta(title="次期計画（案）", period_start=2029, period_end=2033, status="draft")
    services.import_plan(actor=operator, municipality_code=TOWN, meta=draft, nodes=small_nodes())
    target = tmp_path / "r.html"
    code, _, err = run(
        capsys, "report", "html", "--municipality", TOWN, "--year", str(YEAR), "-o", str(target)
    )
    assert code == 0, err
    page = target.read_text(encoding="utf-8")
    assert "次期計画（案）" not in page and "相談支援の充実" in page


def test_without_a_published_plan_the_report_asks_for_one(town, capsys, tmp_path, operator):
    from shisaku.plan import services

    services.set_plan_status(actor=operator, municipality_code=TOWN, slug=SLUG, status="draft")
    target = tmp_path / "r.html"
    code, _, err = run(
        capsys, "report", "html", "--municipality", TOWN, "--year", str(YEAR), "-o", str(target)
    )
    assert code == 2 and "公開中の計画がありません" in err and "--plan" in err


def test_an_unknown_plan_is_an_error(town, capsys, tmp_path):
    where = ["--municipality", TOWN, "--plan", "1999-2003", "--year", "2000"]
    code, _, err = run(capsys, "report", "annual", *where, "-o", str(tmp_path / "x.pdf"))
    assert code == 2
    assert "エラー: plan 1999-2003 of municipality 999997 does not exist" in err


def test_a_year_outside_the_plan_is_an_error(town, capsys, tmp_path):
    where = ["--municipality", TOWN, "--plan", SLUG, "--year", "2030"]
    code, _, err = run(capsys, "report", "annual", *where, "-o", str(tmp_path / "x.pdf"))
    assert code == 2
    assert "2030年度は計画「試験市総合計画」の期間" in err
    assert not (tmp_path / "x.pdf").exists()


def test_a_year_that_is_not_a_number_is_refused_by_the_parser(town, capsys, tmp_path):
    with pytest.raises(SystemExit) as stop:
        main(["report", "annual", "--municipality", TOWN, "--year", "R7", "-o", "x.pdf"])
    assert stop.value.code == 2
    assert "--year" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("where", "message"),
    [("missing/x.pdf", "がありません"), (".", "はフォルダです")],
)
def test_an_unwritable_path_is_an_error_before_any_work(town, capsys, tmp_path, where, message):
    code, _, err = report(capsys, "annual", tmp_path / where)
    assert code == 2 and message in err


def test_a_failed_write_leaves_the_previous_file_and_no_temporary(
    town, capsys, tmp_path, monkeypatch
):
    target = tmp_path / "annual.html"
    target.write_text("前の版", encoding="utf-8")

    def fail(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", fail)
    code, _, err = report(capsys, "html", target)
    assert code == 2 and "書き込めません: No space left on device" in err
    assert target.read_text(encoding="utf-8") == "前の版"
    assert os.listdir(tmp_path) == ["annual.html"]


def test_the_education_report_needs_a_marked_policy(town, capsys, tmp_path):
    code, _, err = report(capsys, "education", tmp_path / "e.pdf")
    assert code == 2 and "教育の印が付いた政策がありません" in err
    assert not (tmp_path / "e.pdf").exists()


def test_mark_education_marks_and_unmarks_a_policy(town, capsys):
    where = ["--municipality", TOWN, "--plan", SLUG]
    code, out, _ = run(capsys, "mark-education", *where, "1-1")
    assert code == 0 and "1-1: 教育の点検・評価の対象にしました" in out
    assert PlanNode.objects.get(code="1-1").education
    assert "既に対象です" in run(capsys, "mark-education", *where, "1-1")[1]
    code, out, _ = run(capsys, "mark-education", *where, "1-1", "--off")
    assert code == 0 and "対象から外しました" in out
    assert not PlanNode.objects.get(code="1-1").education


@pytest.mark.parametrize(
    ("node", "message"),
    [("1-1-1", "教育の印は政策（policy）に付けます"), ("9-9", "does not exist")],
)
def test_mark_education_refuses_a_measure_or_an_unknown_node(town, capsys, node, message):
    code, _, err = run(capsys, "mark-education", "--municipality", TOWN, "--plan", SLUG, node)
    assert code == 2 and message in err
