"""Grading a stored plan: the 宇陀市 worked example end to end, roll-ups, and `shisaku assess`."""

import json

import pytest

from shisaku.cli import main
from shisaku.indicators.assessing import assess_plan
from shisaku.plan import queries
from tests.factories import make_uda_plan


@pytest.fixture
def uda(db, operator):
    make_uda_plan(operator)
    return queries.find_plan("292125")


@pytest.mark.parametrize(
    ("year", "grades", "ratios"),
    [
        (2015, ["C", "D"], [66.4, 39.0]),
        (2016, ["C", "C"], [79.3, 61.2]),
        (2017, ["C", "C"], [71.4, 73.2]),
    ],
)
def test_it_reproduces_the_uda_worked_example_from_stored_figures(uda, year, grades, ratios):
    done = assess_plan(uda, year)
    assert [r.assessment.grade for r in done.results] == grades
    assert [round(r.assessment.ratio * 100, 1) for r in done.results] == ratios


def test_the_default_year_is_the_latest_with_an_actual(uda):
    assert assess_plan(uda).year == 2017


def test_a_year_without_actuals_is_ungraded_not_zero(uda):
    done = assess_plan(uda, 2018)
    assert [(r.assessment.grade, r.assessment.status) for r in done.results] == [
        ("X", "no_actual"),
        ("X", "no_actual"),
    ]
    assert done.plan.assessed == 0
    assert done.plan.on_track_share is None


def test_the_plan_roll_up_counts_grades_by_the_published_rule(uda):
    whole = assess_plan(uda, 2015).plan
    assert whole.counts == {"A": 0, "B": 0, "C": 1, "D": 1, "X": 0}
    assert whole.on_track_share == 0.0
    assert "未評価" in whole.rule


def test_the_forecast_projects_the_actuals_to_the_target_year(uda):
    result = assess_plan(uda, 2017).result("2")
    assert result.forecast is not None
    assert result.forecast.status == "ok"
    assert result.forecast.linear == pytest.approx(8.33, abs=0.01)  # 385, 245, 205: −90 a year


def test_assess_prints_json_with_code_grade_ratio_and_explanation(uda, capsys):
    code = main(["assess", "--municipality", "292125", "--year", "2017", "--format", "json"])
    doc = json.loads(capsys.readouterr().out)
    assert code == 0
    first = doc["indicators"][0]
    assert (first["indicator_code"], first["grade"], round(first["ratio"], 3)) == ("1", "C", 0.714)
    assert first["explanation"]["formula"] == "実績 ÷ 目標 = 1.00 ÷ 1.40 = 71.4%"
    assert doc["counts"] == {"A": 0, "B": 0, "C": 2, "D": 0, "X": 0}


def test_assess_prints_a_table_and_csv(uda, capsys):
    main(["assess", "--municipality", "292125", "--year", "2015"])
    table = capsys.readouterr().out
    assert "  1        C      66.4%  合計特殊出生率" in table
    main(["assess", "--municipality", "292125", "--year", "2015", "--format", "csv"])
    rows = capsys.readouterr().out.splitlines()
    assert rows[0] == "indicator_code,name,grade,ratio,status,explanation"
    assert rows[2].startswith("2,人口移動（社会減）,D,39.0,graded,")


def test_assess_says_when_a_plan_has_no_indicators_yet(db, capsys):
    main(["demo"])
    capsys.readouterr()
    main(["assess", "--municipality", "022012"])
    assert "指標はまだ設定されていません（未取得）" in capsys.readouterr().out
