"""shisaku publish: the Frictionless data package, one municipality, and the command's errors.

Data: the fictional 試験市 plan (999997) with invented indicators, and 宇陀市's two real ones.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import frictionless
import pytest

from shisaku import schemas
from shisaku.cli import main
from shisaku.publishing import datapackage, manifest
from shisaku.publishing.datapackage import PackageTables, number, utc_text
from shisaku.publishing.site import PublishError, publish
from shisaku.tabular import to_csv
from shisaku.tabular.contracts import header
from tests.factories import make_uda_plan
from tests.test_publish import PLAN, SITE, run, testville  # noqa: F401 (fixture)


@pytest.fixture
def package(testville, tmp_path):  # noqa: F811 (fixture)
    """The data package of a published 試験市."""
    run(tmp_path)
    return tmp_path / "data" / "datapackage.json"


def test_the_data_package_validates_with_frictionless(package):
    report = frictionless.validate(str(package))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_the_package_states_its_licence_as_not_yet_set_and_cites_the_plan(package):
    data = json.loads(package.read_text(encoding="utf-8"))
    assert data["licenses"][0]["name"] == "unknown"
    assert "to be set by the city" in data["licenses"][0]["title"]
    assert data["sources"] == [{"title": "試験市 試験市総合計画", "path": f"{SITE}/ja/{PLAN}"}]
    keys = {r["name"]: r["schema"]["primaryKey"] for r in data["resources"]}
    assert keys["figures"][-3:] == ["kind", "period", "breakdown"]


def test_the_city_sets_the_licence(testville, tmp_path):  # noqa: F811
    run(tmp_path, licence="CC-BY-4.0")
    package = tmp_path / "data" / "datapackage.json"
    assert json.loads(package.read_text(encoding="utf-8"))["licenses"] == [{"name": "CC-BY-4.0"}]
    assert frictionless.validate(str(package)).valid


@pytest.mark.parametrize(
    ("moment", "text"),
    [
        (datetime(2026, 4, 1, 9, 30, 0, 999999, tzinfo=UTC), "2026-04-01T09:30:00Z"),
        (datetime(2026, 4, 1, 9, 30, tzinfo=timezone(timedelta(hours=9))), "2026-04-01T00:30:00Z"),
        (datetime(1969, 12, 31, 23, 59, 59, 500000, tzinfo=UTC), "1969-12-31T23:59:59Z"),
    ],
)
def test_times_are_written_in_utc_to_the_second(moment, text):
    assert utc_text(moment) == text == moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def rows(package, name: str) -> list[dict]:
    """Return a table of the package read back by frictionless, with its typed values."""
    with frictionless.Package(str(package)).get_resource(name) as resource:
        return [row.to_dict() for row in resource.row_stream]


def test_numbers_are_plain_text_the_same_value_of_each_type_its_own_text():
    exact = Decimal.from_float(0.30000000000000004)  # equal to the float: 52 decimals
    assert number(exact) == "0.300000000000000044408920985"  # to 28 significant digits
    assert number(0.30000000000000004) == "0.3"  # a float: to 12 significant digits
    assert [number(v) for v in (Decimal("-0.00"), Decimal("1E+2"), None, float("nan"))] == [
        "0",
        "100",
        "",
        "",
    ]


def test_a_table_streamed_a_few_rows_at_a_time_is_the_table_written_at_once(monkeypatch):
    monkeypatch.setattr(datapackage, "CHUNK_ROWS", 2)  # a formula only in the last chunk
    columns = header("data-plans")
    rows = [[f"{i}", "-5", "text", *[""] * (len(columns) - 3)] for i in range(4)]
    rows.append(["=1+1", "-x", "@a", *[""] * (len(columns) - 3)])
    tables = PackageTables()
    try:
        tables._append("plans", iter(rows[:3]))  # a group of plans, then the next
        tables._append("plans", iter(rows[3:]))
        streams = tables.streams([], lambda plan, kind, code: "", SITE, None)
        found = {name: source.read() for name, source in streams}
    finally:
        tables.close()
    assert found["plans.csv"] == to_csv(columns, rows, bom=False)
    assert b"'=1+1,'-x,'@a" in found["plans.csv"]


def test_the_figures_read_back_in_tidy_long_form_with_numbers(package):
    a1 = [r for r in rows(package, "figures") if r["indicator_code"] == "A1"]
    latest = {r["breakdown"]: r["value"] for r in a1 if r["period"] == "FY2025"}
    assert latest == {None: Decimal(120), "地区1": Decimal(70), "地区2": Decimal(50)}
    assert {r["kind"] for r in a1} == {"baseline", "target", "actual"}
    assert all(r["period_end"] >= r["period_start"] for r in a1)


def test_the_nodes_and_indicators_link_their_pages(package):
    nodes = {r["code"]: r for r in rows(package, "nodes")}
    assert nodes["1-1-1"]["url"] == f"{SITE}/ja/{PLAN}1-1-1/"
    assert nodes["1-1-1.1"]["url"] == f"{SITE}/ja/{PLAN}1-1-1/#i-1-1-1.1"
    assert nodes["9"]["title_known"] is False
    indicators = {r["indicator_code"]: r for r in rows(package, "indicators")}
    assert indicators["P1"]["node_code"] is None  # the plan's own indicator
    assert indicators["A1"]["url"] == f"{SITE}/ja/{PLAN}indicators/A1/"


def test_every_indicator_is_graded_in_every_year_with_an_actual(package):
    graded = {(r["indicator_code"], r["year"]): r for r in rows(package, "assessments")}
    assert set(graded) == {(c, y) for c in ("A1", "A2", "P1") for y in (2024, 2025)}
    assert graded["A1", 2025]["shown"] is True and graded["A1", 2024]["shown"] is False


def test_the_sdg_links_are_one_row_per_goal_or_target_of_a_measure(package):
    table = (package.parent / "sdg-links.csv").read_bytes().decode()
    assert table.split("\r\n") == [
        "municipality_code,plan,node,goal,target,source",
        "999997,2024-2028,1-1-1,3,,計画書 p.12（架空）",
        "999997,2024-2028,1-1-1,3,8,計画書 p.12（架空）",
        "999997,2024-2028,1-1-1,10,,計画書 p.12（架空）",
        "",
    ]
    assert [(r["goal"], r["target"]) for r in rows(package, "sdg-links")] == [
        (3, None),
        (3, "8"),
        (10, None),
    ]


MOFA = (
    "外務省 JAPAN SDGs Action Platform「SDGsとは？」17の目標（仮訳の短い名称） "
    "https://www.mofa.go.jp/mofaj/gaiko/oda/sdgs/about/index.html — "
    "政府標準利用規約（第2.0版）により出典を記載して利用"
)
UN = "United Nations, Sustainable Development Goals — goal short titles, https://sdgs.un.org/goals"
COLOURS = (
    "United Nations Department of Global Communications, SDG Guidelines for the use of the "
    "SDG logo including the colour wheel, and 17 icons (colour values of the 17 goals), "
    "https://www.un.org/sustainabledevelopment/news/communications-material/"
)
SOURCE = f"name_ja: {MOFA} / name_en: {UN} / colour: {COLOURS}"


def test_the_seventeen_goals_are_written_with_the_sources_of_their_names_and_colours(package):
    goals = rows(package, "sdgs")
    assert len(goals) == 17
    assert goals[0] == {
        "goal": 1,
        "name_ja": "貧困をなくそう",
        "name_en": "No Poverty",
        "colour": "#E5243B",
        "source": SOURCE,
    }
    assert [(g["goal"], g["name_ja"], g["name_en"], g["colour"]) for g in goals[15:]] == [
        (16, "平和と公正をすべての人に", "Peace, Justice and Strong Institutions", "#00689D"),
        (17, "パートナーシップで目標を達成しよう", "Partnerships for the Goals", "#19486A"),
    ]
    assert {g["source"] for g in goals} == {SOURCE}
    entry = {r["name"]: r for r in json.loads(package.read_text("utf-8"))["resources"]}["sdgs"]
    assert entry["sources"] == [
        {"title": f"name_ja: {MOFA}"},
        {"title": f"name_en: {UN}"},
        {"title": f"colour: {COLOURS}"},
    ]
    assert entry["description"].startswith("Only the names and colour values are used")


def test_one_municipality_is_published_alone(testville, operator, tmp_path):  # noqa: F811
    make_uda_plan(operator)
    publish(tmp_path, municipality="292125")
    names = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()}
    assert "ja/292125/2015-2019/indicators/1/index.html" in names
    assert not any("999997" in name for name in names)


def test_an_unknown_municipality_is_refused_before_anything_is_written(testville, tmp_path):  # noqa: F811
    with pytest.raises(PublishError, match="292125"):
        publish(tmp_path / "out", municipality="292125")
    assert not (tmp_path / "out").exists()


def test_the_command_publishes_and_counts_what_it_wrote(testville, tmp_path, capsys):  # noqa: F811
    assert main(["publish", str(tmp_path), "--language", "ja"]) == 0
    # 127: the pages (the list of prefectures too), their data, the feeds, widgets, badges and
    # share pages, the SDG pages (18) and each goal's JSON (17), the static files (htmx for
    # the indicator list's filters, copy.js for the share pages); no sitemap (one language);
    # and the JSON Schemas the twins name
    count = 127 + len(schemas.names())
    assert f"書き込み {count}・変更なし 0・削除 0" in capsys.readouterr().out
    assert main(["publish", str(tmp_path), "--language", "ja"]) == 0
    assert f"書き込み 0・変更なし {count}・削除 0" in capsys.readouterr().out


def test_the_command_exits_2_for_an_unknown_municipality(testville, tmp_path, capsys):  # noqa: F811
    assert main(["publish", str(tmp_path), "--municipality", "292125"]) == 2
    assert "団体 292125 の公開中の計画はありません" in capsys.readouterr().err


def test_the_command_exits_2_for_a_folder_it_cannot_write(testville, tmp_path, capsys):  # noqa: F811
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert main(["publish", str(blocker / "site")]) == 2
    assert "書き込めません" in capsys.readouterr().err


def test_a_full_disk_is_named_and_the_next_run_completes_the_folder(
    testville,  # noqa: F811
    tmp_path,
    capsys,
    monkeypatch,
):
    """The run's record of its files (a temporary SQLite database) finding the disk full is
    said as such, with the folders to free, not as a traceback; once there is room again the
    next run writes the whole folder (the files the failed run wrote are checked again)."""

    def full(self):
        error = sqlite3.OperationalError("database or disk is full")
        error.sqlite_errorcode = sqlite3.SQLITE_FULL
        raise error

    with monkeypatch.context() as patched:
        patched.setattr(manifest.Records, "flush", full)
        assert main(["publish", str(tmp_path / "site"), "--language", "ja"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"エラー: {tmp_path / 'site'}: 書き込めません（ディスクがいっぱいです。")
    assert tempfile.gettempdir() in err and "Traceback" not in err
    assert main(["publish", str(tmp_path / "site"), "--language", "ja"]) == 0
    assert main(["publish", str(tmp_path / "site"), "--language", "ja"]) == 0
    assert "書き込み 0・" in capsys.readouterr().out.splitlines()[-1]
