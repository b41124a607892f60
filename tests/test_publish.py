"""shisaku publish: the whole public site as static files, written again only where it changed.

Data: the fictional 試験市 plan (999997, tests/conftest.py) with invented indicators.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from shisaku import schemas
from shisaku.domain.indicatordata import IndicatorBatch, IndicatorDefinition
from shisaku.domain.sdgs import GoalRef
from shisaku.indicators import services as indicator_services
from shisaku.indicators.models import Indicator
from shisaku.plan.sdgs import set_measure_goals
from shisaku.public.comparisons.views import comparison_pages
from shisaku.publishing.folder import UnsafePath, check_relative
from shisaku.publishing.manifest import MANIFEST
from shisaku.publishing.site import publish
from tests.factories import figure

PLAN = "999997/2024-2028/"
SITE = "http://testserver"  # the test client's host, so that downloads match byte for byte
PAGE_FILES = ("index.html", "index.json", "index.csv", "index.xlsx")
# Invented figures: (code, node, direction, baseline FY2023, target FY2028, actuals FY2024, 2025)
INDICATORS = [
    ("A1", "1-1-1", "increase", "100", "150", ("110", "120")),
    ("A2", "1-1", "decrease", "50", "30", ("45", "40")),
    ("P1", "", "increase", "10", "20", ("12", "14")),
]


def invented_batch() -> IndicatorBatch:
    """Return three invented indicators of 試験市, A1 also by district in FY2025."""
    batch = IndicatorBatch()
    for code, node, direction, base, target, actuals in INDICATORS:
        batch.definitions.append(
            IndicatorDefinition("999997", "2024-2028", code, f"指標{code}", direction, node, "")
        )
        batch.figures += [
            figure("999997", "2024-2028", code, "baseline", "2023年度", base),
            figure("999997", "2024-2028", code, "target", "2028年度", target),
            *(
                figure("999997", "2024-2028", code, "actual", year, value)
                for year, value in zip(("2024年度", "2025年度"), actuals, strict=True)
            ),
        ]
    batch.figures += [
        district(figure("999997", "2024-2028", "A1", "actual", "2025年度", v), f"地区{i}")
        for i, v in enumerate(("70", "50"), start=1)
    ]
    return batch


def district(f, name: str):
    """Return a figure row for one district (a breakdown row)."""
    from dataclasses import replace

    return replace(f, breakdown=name)


SDG_REFS = [GoalRef(3), GoalRef(3, "8"), GoalRef(10)]  # invented links of the measure 1-1-1
SDG_SOURCE = "計画書 p.12（架空）"


@pytest.fixture
def testville(small_plan, operator):
    """The fictional plan 999997 with three invented indicators, its measure serving two SDG
    goals."""
    indicator_services.apply_batch(actor=operator, batch=invented_batch())
    set_measure_goals(
        actor=operator,
        municipality_code="999997",
        slug="2024-2028",
        node_code="1-1-1",
        refs=SDG_REFS,
        source=SDG_SOURCE,
    )
    return small_plan


def exchange_files(plan, views) -> dict[str, bytes]:
    """Return the plan's exchange files as the command hands them over."""
    from shisaku.cli.publish_commands import exchange_files as files

    return files(plan, views)


def run(out: Path, **options):
    """Publish into ``out`` as the command does, seen from the test client's host."""
    return publish(
        out, site_url=SITE, exporter=exchange_files, comparisons=comparison_pages, **options
    )


def files(out: Path) -> dict[str, bytes]:
    """Return every file under ``out`` (but the manifest), by path relative to it."""
    found = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    found.pop(MANIFEST, None)
    return found


def page_files(*pages: str, languages=("ja", "en"), names=PAGE_FILES) -> set[str]:
    """Return the files of pages (paths below the language) in each language."""
    return {f"{lang}/{page}{name}" for lang in languages for page in pages for name in names}


PLAN_PAGES = [
    "",
    "999997/",
    PLAN,
    PLAN + "dashboard/",
    PLAN + "measures/",
    PLAN + "indicators/",
    *(PLAN + f"{code}/" for code in ("1", "1-1", "1-1-1", "9")),
    *(PLAN + f"indicators/{code}/" for code, *_ in INDICATORS),
]
SDG_PAGES = page_files(PLAN + "sdgs/", names=("index.html",)) | {
    name
    for goal in range(1, 18)
    for name in page_files(PLAN + f"sdgs/{goal}/", names=("index.html", "index.json"))
}
REDIRECTS = [PLAN + "1-1-1.1/", PLAN + "1-1-1.1.1/"]  # initiative and action: on 1-1-1's page
EMBEDDED = [PLAN + "1-1-1/", *(PLAN + f"indicators/{code}/" for code, *_ in INDICATORS)]
EMBEDS = (  # the feeds, widgets, badges and share pages the plan, measure and indicator link
    page_files(PLAN, PLAN + "1-1-1/", names=("feed.atom",))
    | page_files(*EMBEDDED, names=("widget/index.html", "badge.svg", "share/index.html"))
)
SITEMAPS = {"sitemap.xml", "sitemaps/site.xml", "sitemaps/999997.xml"}
DATA = {
    "data/datapackage.json",
    *(f"data/{name}.csv" for name in ("plans", "nodes", "indicators", "figures", "assessments")),
    "data/sdg-links.csv",
    "data/sdgs.csv",
    "data/999997/2024-2028/indicator-definitions.csv",
    "data/999997/2024-2028/indicator-figures.csv",
}


def test_it_writes_every_page_with_its_twins_in_both_languages(testville, tmp_path):
    report = run(tmp_path)
    expected = (
        page_files(*PLAN_PAGES)
        | page_files(*REDIRECTS, names=("index.html", "index.json"))
        | {"index.html", "404.html", "ja/404.html", "en/404.html", "static/shisaku/site.css"}
        | {"static/shisaku/favicon.svg", "favicon.ico"}
        | {"static/django_htmx/htmx-2.min.js"}  # the indicator list's filters
        | DATA
        | EMBEDS
        | {"static/shisaku/copy.js"}  # the share pages' copy buttons
        | SITEMAPS
        | page_files("prefectures/")  # linked by the home page
        | SDG_PAGES
        | {f"schemas/{name}.json" for name in schemas.names()}  # the twins' JSON Schemas
    )
    assert set(files(tmp_path)) == expected
    assert (report.pages, report.files, report.written) == (99, len(expected), len(expected))
    assert (report.unchanged, report.deleted) == (0, 0)


def test_an_indicator_page_is_the_live_page_with_site_absolute_links(testville, tmp_path, client):
    run(tmp_path)
    html = (tmp_path / "ja" / PLAN / "indicators/A1/index.html").read_text(encoding="utf-8")
    assert "指標A1" in html and "地区1" in html
    assert 'href="/static/shisaku/site.css"' in html
    assert f'href="/ja/{PLAN}1-1-1/"' in html
    assert f'href="/en/{PLAN}indicators/A1/"' in html  # the language switch
    assert html.encode() == client.get(f"/ja/{PLAN}indicators/A1/").content


def test_every_twin_and_download_equals_what_the_live_site_answers(testville, tmp_path, client):
    run(tmp_path)
    for lang in ("ja", "en"):
        for page in PLAN_PAGES:
            url = f"/{lang}/{page}"
            for name in ("index.json", "index.csv", "index.xlsx"):
                written = (tmp_path / lang / page / name).read_bytes()
                assert written == client.get(url + name).content, url + name


def test_the_sdg_pages_and_their_json_are_what_the_live_site_answers(testville, tmp_path, client):
    run(tmp_path)
    for name in sorted(SDG_PAGES):
        url = "/" + name.removesuffix("index.html")
        assert (tmp_path / name).read_bytes() == client.get(url).content, url
    goal = json.loads((tmp_path / "en" / PLAN / "sdgs/3/index.json").read_bytes())
    assert [(m["code"], m["targets"]) for m in goal["measures"]] == [("1-1-1", ["3.8"])]
    assert json.loads((tmp_path / "ja" / PLAN / "sdgs/4/index.json").read_bytes())["measures"] == []


def test_the_csv_and_xlsx_downloads_open(testville, tmp_path):
    run(tmp_path)
    folder = tmp_path / "ja" / PLAN / "indicators/A1"
    rows = list(csv.DictReader(io.StringIO((folder / "index.csv").read_text("utf-8-sig"))))
    assert {r["breakdown"] for r in rows} == {"", "地区1", "地区2"}
    sheet = openpyxl.load_workbook(folder / "index.xlsx").active
    assert [c.value for c in sheet[1]][:3] == ["全国地方公共団体コード", "計画", "指標番号"]
    assert sheet.max_row == len(rows) + 1


def test_an_initiative_is_written_as_a_page_sending_readers_to_its_place(testville, tmp_path):
    run(tmp_path)
    html = (tmp_path / "ja" / PLAN / "1-1-1.1/index.html").read_text(encoding="utf-8")
    assert f'content="0; url=/ja/{PLAN}1-1-1/#i-1-1-1.1"' in html
    root = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert 'url=/ja/"' in root


def test_the_icon_is_the_one_the_live_site_answers_at_favicon_ico(testville, tmp_path, client):
    run(tmp_path)
    assert (tmp_path / "favicon.ico").read_bytes() == client.get("/favicon.ico").content


def test_the_404_page_is_the_site_404_page(testville, tmp_path):
    run(tmp_path)
    assert "ページが見つかりません" in (tmp_path / "404.html").read_text(encoding="utf-8")
    assert "Page not found" in (tmp_path / "en/404.html").read_text(encoding="utf-8")


def test_a_second_run_writes_nothing_and_reports_every_file_unchanged(testville, tmp_path):
    first = run(tmp_path)
    before = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if p.is_file()}
    second = run(tmp_path)
    assert (second.written, second.unchanged, second.deleted) == (0, first.files, 0)
    assert {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if p.is_file()} == before


def changed_files(before: dict[str, bytes], after: dict[str, bytes]) -> set[str]:
    """Return the files whose content differs."""
    return {
        name
        for name in before.keys() | after.keys()
        if before.get(name, b"") != after.get(name, b"")
    }


def test_after_one_figure_changes_only_the_pages_showing_it_are_rewritten(
    testville, tmp_path, operator
):
    run(tmp_path)
    before = files(tmp_path)
    batch = IndicatorBatch(
        figures=[figure("999997", "2024-2028", "A1", "actual", "2025年度", "150")]
    )
    indicator_services.apply_batch(actor=operator, batch=batch)  # A1 reaches its target
    report = run(tmp_path)
    changed = changed_files(before, files(tmp_path))
    affected = page_files(
        PLAN + "indicators/A1/", PLAN + "indicators/", PLAN + "1-1-1/", PLAN + "dashboard/"
    ) | {"data/figures.csv", "data/assessments.csv", "data/999997/2024-2028/indicator-figures.csv"}
    recent = page_files("", names=("index.html", "index.json"))  # the home's "recently updated"
    unrelated = (
        page_files("999997/", PLAN + "9/", PLAN + "indicators/A2/", PLAN + "indicators/P1/")
        | page_files("", names=("index.csv", "index.xlsx"))
        | {"data/plans.csv", "data/nodes.csv", "data/indicators.csv", "data/datapackage.json"}
    )
    assert affected | recent <= changed
    assert not changed & unrelated
    assert report.written == len(changed) and report.deleted == 0


def test_a_deleted_indicator_loses_its_files(testville, tmp_path):
    run(tmp_path)
    Indicator.objects.filter(code="A2").delete()  # no service deletes indicators yet
    report = run(tmp_path)
    assert report.deleted == 14  # its page with its data, widget, badge and share page, ja and en
    assert not (tmp_path / "ja" / PLAN / "indicators/A2").exists()
    assert not any("/A2/" in name for name in files(tmp_path))


def test_only_the_chosen_language_is_written(testville, tmp_path):
    run(tmp_path, languages=["en"])
    names = set(files(tmp_path))
    assert not any(name.startswith("ja/") for name in names)
    assert f"en/{PLAN}indicators/A1/index.html" in names
    assert 'url=/en/"' in (tmp_path / "index.html").read_text(encoding="utf-8")


def test_a_file_outside_the_folder_is_refused():
    assert check_relative("ja/999997/index.html") == "ja/999997/index.html"
    for bad in ("../x", "ja/../../x", "/etc/x", "ja/./x", "a\\b", ""):
        with pytest.raises(UnsafePath):
            check_relative(bad)


def queries_of_a_run(out: Path) -> int:
    """Return how many database queries a run makes."""
    with CaptureQueriesContext(connection) as captured:
        run(out)
    return len(captured.captured_queries)


def test_a_run_reads_each_plan_once_whatever_its_number_of_pages(testville, tmp_path, operator):
    before = queries_of_a_run(tmp_path / "a")
    more = [
        IndicatorDefinition("999997", "2024-2028", f"B{i}", f"指標B{i}", "increase", "1-1-1", "")
        for i in range(1, 6)
    ]
    indicator_services.apply_batch(actor=operator, batch=IndicatorBatch(definitions=more))
    assert queries_of_a_run(tmp_path / "b") == before  # ten more pages, not one query more


def test_a_page_whose_code_cannot_be_a_file_name_is_left_out_and_reported(
    testville, tmp_path, operator, client
):
    odd = IndicatorDefinition("999997", "2024-2028", "..", "指標..", "increase")
    indicator_services.apply_batch(actor=operator, batch=IndicatorBatch(definitions=[odd]))
    report = run(tmp_path)
    assert report.skipped == [
        f"/{lang}/{PLAN}indicators/../{name}"
        for name in ("", "widget/", "badge.svg", "share/")
        for lang in ("ja", "en")
    ]
    # the plan's page is the plan's, not the odd indicator's written over it
    assert (tmp_path / "ja" / PLAN / "index.html").read_bytes() == client.get(f"/ja/{PLAN}").content


def test_two_processes_write_the_same_site_as_one(testville, tmp_path):
    one = run(tmp_path / "one")
    two = run(tmp_path / "two", jobs=2)
    assert (two.pages, two.files, two.written, two.skipped) == (
        one.pages,
        one.files,
        one.written,
        [],
    )
    assert files(tmp_path / "two") == files(tmp_path / "one")
    manifest = (tmp_path / "two" / MANIFEST).read_bytes()
    assert manifest == (tmp_path / "one" / MANIFEST).read_bytes()
    again = run(tmp_path / "two", jobs=2)
    assert (again.written, again.unchanged, again.deleted) == (0, one.files, 0)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_run_in_groups_of_one_municipality_writes_the_same_site(
    testville, tmp_path, operator, monkeypatch, jobs
):
    from shisaku.publishing import site
    from tests.test_plan_views_kept import _town

    _town(operator, "012025", "別試験市")
    _town(operator, "999989", "三試験市")
    whole = run(tmp_path / "whole", jobs=jobs)
    monkeypatch.setattr(site, "TOWNS_AT_ONCE", 1)
    grouped = run(tmp_path / "grouped", jobs=jobs)
    assert (grouped.pages, grouped.files, grouped.written) == (
        whole.pages,
        whole.files,
        whole.written,
    )
    assert files(tmp_path / "grouped") == files(tmp_path / "whole")
    towns = [
        line[:6]
        for line in (tmp_path / "grouped" / "data" / "plans.csv").read_bytes().split(b"\r\n")
    ]
    assert towns == [b"munici", b"012025", b"999989", b"999997", b""]


def test_a_run_logs_how_long_each_step_took(testville, tmp_path, caplog):
    with caplog.at_level("DEBUG", logger="shisaku.publishing"):
        run(tmp_path, jobs=2)
    steps = [r.getMessage().rsplit(" took ", 1) for r in caplog.records]
    assert [step for step, _ in steps] == [
        "publish: loading the first plans",
        "publish: 1 municipalities' pages in 2 process(es)",
        "publish: the comparison pages, 404 pages and static files",
        "publish: the data package",
    ]
    assert all(re.fullmatch(r"\d+\.\d\d s", took) for _, took in steps)


def test_a_worker_that_would_query_the_database_stops_the_run(testville, tmp_path, monkeypatch):
    from shisaku.evaluation.reads import Reads
    from shisaku.publishing.workers import WorkerQueried

    monkeypatch.setattr(Reads, "preload", lambda self, plan: None)
    with pytest.raises(WorkerQueried, match="may not query the database"):
        run(tmp_path, jobs=2)


def test_the_comparison_pages_are_written_when_the_whole_site_is(testville, tmp_path, client):
    Indicator.objects.filter(code="A1").update(common_code="births")
    report = run(tmp_path, jobs=2)
    for lang in ("ja", "en"):
        for name in ("index.html", "index.json", "index.csv", "index.xlsx"):
            url = f"/{lang}/compare/births/" + ("" if name == "index.html" else name)
            written = (tmp_path / lang / "compare" / "births" / name).read_bytes()
            assert written == client.get(url).content, url
    alone = run(tmp_path / "alone", municipality="999997")
    # the comparison and the list of prefectures in ja and en, and the three sitemaps
    assert alone.pages == report.pages - 7
    assert not (tmp_path / "alone" / "ja" / "compare").exists()


def test_shisaku_publish_starts_with_its_own_command_module_only(tmp_path):
    """The publish command is timed as a whole process: it does not import the other
    commands' modules (and their libraries) at start-up."""
    import os
    import subprocess
    import sys

    script = (
        "import sys\nfrom shisaku.cli import _load_commands\nfrom shisaku.cli.registry import"
        " COMMANDS\n_load_commands('publish')\n"
        "print(sorted(COMMANDS), 'shisaku.cli.plan_commands' in sys.modules)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= {"SHISAKU_HOME": str(tmp_path), "DJANGO_SETTINGS_MODULE": "shisaku.settings"}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["['publish']", "False"]
