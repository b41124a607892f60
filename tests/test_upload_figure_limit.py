"""One upload adds at most SHISAKU_MAX_FIGURES_PER_INDICATOR_YEAR figures to an indicator for
a year: more is refused, naming the file, the indicator, the year and the limit, with nothing
written (issue 13 item 10: 200,000 breakdown rows on one indicator made its page 88 MB).

Figures of the fictional 試験市 (999997), not any real city's.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from shisaku.cli import main
from shisaku.indicators.models import Figure, Indicator
from tests.test_staff_support import BASE, SLUG, TOWN, as_user, text, town_fixture  # noqa: F401

DEFINITIONS = (
    "municipality_code,plan,indicator_code,node_code,name,direction,unit\n"
    "999997,2024-2028,A-1,1-1-1,相談件数,increase,件\n"
)
HEADER = "municipality_code,plan,indicator_code,kind,period,value,breakdown\n"


def figures(
    count: int,
    *,
    code: str = "A-1",
    period: str = "2025年度",
    town: str = "999997",
    slug: str = "2024-2028",
) -> str:
    """Return a figures file with ``count`` actuals of one indicator and year, one a district."""
    rows = [f"{town},{slug},{code},actual,{period},{n}件,地区{n}\n" for n in range(1, count + 1)]
    return HEADER + "".join(rows)


def message(count: int, limit: int, *, code: str = "A-1", year: str = "2025年度") -> str:
    return (
        f"指標 {code} の {year}の数値が {count} 件あります。1 回の取り込みで 1 つの指標の 1 年に"
        f"加えられる数値は {limit} 件までです（設定 SHISAKU_MAX_FIGURES_PER_INDICATOR_YEAR）。"
        "何も書き込んでいません"
    )


def run(capsys, tmp_path, body: str) -> tuple[int, str, str]:
    defs, figs = tmp_path / "defs.csv", tmp_path / "figs.csv"
    defs.write_text(DEFINITIONS, encoding="utf-8")
    figs.write_text(body, encoding="utf-8")
    code = main(["import-indicators", str(defs), str(figs)])
    out, err = capsys.readouterr()
    return code, out, err


def test_an_upload_over_the_default_limit_is_refused_naming_file_indicator_year_and_limit(
    small_plan, capsys, tmp_path
):
    code, out, err = run(capsys, tmp_path, figures(1001))
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"エラー: figs.csv: {message(1001, 1000)}",
        "1 件のエラーがあります。何も書き込んでいません。",
    ]
    assert not Indicator.objects.filter(code="A-1").exists()
    assert not Figure.objects.exists()


def test_the_limit_counts_every_kind_and_breakdown_of_one_year_only(
    small_plan, capsys, tmp_path, monkeypatch
):
    monkeypatch.setenv("SHISAKU_MAX_FIGURES_PER_INDICATOR_YEAR", "3")
    more = ["target,2025年度,9件,", "baseline,2025年度,1件,", "actual,2026年度,1件,"]
    body = figures(2) + "".join(f"999997,2024-2028,A-1,{row}\n" for row in more)
    code, _, err = run(capsys, tmp_path, body)
    assert code == 2
    assert err.splitlines() == [
        f"エラー: figs.csv: {message(4, 3)}",
        "1 件のエラーがあります。何も書き込んでいません。",
    ]
    assert not Figure.objects.exists()


def test_an_upload_at_the_limit_is_written(small_plan, capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("SHISAKU_MAX_FIGURES_PER_INDICATOR_YEAR", "3")
    body = figures(3) + "999997,2024-2028,A-1,actual,2026年度,1件,\n"
    code, _, err = run(capsys, tmp_path, body)
    assert (code, err) == (0, "")
    assert Figure.objects.filter(indicator__code="A-1").count() == 4


def test_a_calendar_year_is_named_as_a_year(small_plan, capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("SHISAKU_MAX_FIGURES_PER_INDICATOR_YEAR", "2")
    code, _, err = run(capsys, tmp_path, figures(3, period="2025年"))
    assert code == 2
    assert f"エラー: figs.csv: {message(3, 2, year='2025年')}" in err.splitlines()


def test_the_workspace_upload_refuses_the_same_way(town, monkeypatch):
    monkeypatch.setenv("SHISAKU_MAX_FIGURES_PER_INDICATOR_YEAR", "2")
    body = figures(3, code="K3", town=TOWN, slug=SLUG).encode("utf-8")
    upload = SimpleUploadedFile("figures.csv", body, content_type="text/csv")
    response = as_user("kosodate").post(BASE + "upload/", {"file": upload})
    assert response.status_code == 400
    assert message(3, 2, code="K3") in text(response)
    assert not Figure.objects.filter(indicator__code="K3").exists()


@pytest.mark.parametrize("value", ["many", "1.5"])
def test_a_limit_that_is_not_a_whole_number_is_refused(value, monkeypatch):
    from shisaku.exchange.indicatorfiles import figure_limit

    monkeypatch.setenv("SHISAKU_MAX_FIGURES_PER_INDICATOR_YEAR", value)
    with pytest.raises(ValueError, match="SHISAKU_MAX_FIGURES_PER_INDICATOR_YEAR must be"):
        figure_limit()
