"""Every page's main table as CSV and xlsx beside its JSON twin: files that open, right rows."""

from __future__ import annotations

import codecs
import csv
import io

import openpyxl
import pytest

from shisaku.domain.indicatordata import IndicatorBatch, IndicatorDefinition
from shisaku.domain.plantree import PlanMeta
from shisaku.public.downloads.files import content_disposition
from tests import test_public_indicators as indicator_pages
from tests.test_public_indicators import apply, figure, page

testville = indicator_pages.testville  # fixtures shared with the indicator pages' tests

TEST = "/ja/999997/2024-2028/"
EN_TEST = "/en/999997/2024-2028/"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PAGES = {
    "/ja/": "shisaku-plans",
    "/ja/999997/": "999997-plans",
    TEST: "999997-2024-2028",
    TEST + "1/": "999997-2024-2028-1",
    TEST + "1-1/": "999997-2024-2028-1-1",
    TEST + "1-1-1/": "999997-2024-2028-1-1-1",
    TEST + "indicators/": "999997-2024-2028-indicators-2025",
    TEST + "indicators/K1/": "999997-2024-2028-indicator-K1",
    TEST + "dashboard/": "999997-2024-2028-dashboard-2025",
    "/ja/search/?q=ict": "search-ict",
}


def download(client, url: str, status: int = 200):
    response = client.get(url)
    assert response.status_code == status, url
    return response


def csv_rows(client, url: str) -> list[dict[str, str]]:
    response = download(client, url)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(codecs.BOM_UTF8)
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))


def xlsx_rows(client, url: str, sheet: int = 0) -> list[list[object]]:
    response = download(client, url)
    assert response["Content-Type"] == XLSX
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    return [[c.value for c in row] for row in book.worksheets[sheet].iter_rows()]


def machine_names(client, url: str) -> list[object]:
    """Return the machine names a workbook's metadata sheet lists beside its headings."""
    about = xlsx_rows(client, url, 1)
    start = about.index(["列名（機械可読）", "見出し"])
    return [name for name, _ in about[start + 1 :]]


def data_url(url: str, extension: str) -> str:
    path, mark, query = url.partition("?")
    return f"{path}index.{extension}{mark}{query}"


@pytest.mark.parametrize(("url", "name"), PAGES.items())
def test_every_page_links_its_data_as_json_csv_and_xlsx_and_each_opens(
    client, testville, url, name
):
    html = page(client, url)
    for extension, media in [("json", "application/json"), ("csv", "text/csv"), ("xlsx", XLSX)]:
        link = data_url(url, extension).replace("&", "&amp;")
        assert f'<a href="{link}" type="{media}" download>' in html, extension
    response = download(client, data_url(url, "csv"))
    assert response["Content-Disposition"] == f'attachment; filename="{name}.csv"'
    header = next(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    # the workbook heads the same columns in Japanese and names them on its metadata sheet
    assert machine_names(client, data_url(url, "xlsx")) == header
    assert len(xlsx_rows(client, data_url(url, "xlsx"))[0]) == len(header)


def test_the_home_and_municipality_files_list_the_published_plans(client, testville):
    rows = csv_rows(client, "/ja/index.csv")
    assert rows == [
        {
            "municipality_code": "999997",
            "municipality": "試験市",
            "municipality_en": "Testville",
            "plan": "2024-2028",
            "title": "試験市総合計画",
            "title_en": "Testville Plan",
            "period_start": "2024",
            "period_end": "2028",
            "url": "http://testserver/ja/999997/2024-2028/",
        }
    ]
    assert csv_rows(client, "/ja/999997/index.csv") == rows


def test_the_plan_file_is_its_node_outline(client, testville):
    rows = csv_rows(client, TEST + "index.csv")
    assert [(r["code"], r["kind"], r["parent_code"], r["title"], r["title_en"]) for r in rows] == [
        ("1", "field", "", "くらし", "Living"),
        ("1-1", "policy", "1", "暮らしの安心", ""),
        ("1-1-1", "measure", "1-1", "相談支援の充実", "Better counselling"),
        ("1-1-1.1", "initiative", "1-1-1", "相談体制の充実", ""),
        ("1-1-1.1.1", "action", "1-1-1.1", "相談窓口を開設します。", ""),
        ("9", "field", "", "", ""),
    ]
    assert {(r["municipality_code"], r["plan"]) for r in rows} == {("999997", "2024-2028")}


def test_a_node_file_holds_its_indicators_with_key_figures_and_grades(client, testville):
    rows = csv_rows(client, TEST + "1-1-1/index.csv")
    k1, k2 = rows
    assert k1 | {"url": ""} == {
        "municipality_code": "999997",
        "plan": "2024-2028",
        "indicator_code": "K1",
        "node_code": "1-1-1",
        "name": "相談件数",
        "name_en": "Counselling cases",
        "unit": "件",
        "direction": "increase",
        "baseline_period": "FY2023",
        "baseline_value": "100",
        "baseline_as_written": "100件",
        "target_period": "FY2028",
        "target_value": "150",
        "target_as_written": "150件",
        "latest_actual_period": "FY2025",
        "latest_actual_value": "140",
        "latest_actual_as_written": "140件",
        "assessed_year": "2025",
        "grade": "B",
        "grade_label": "80%以上100%未満",
        "url": "",
        "unit_en": "",
    }
    assert k1["url"] == "http://testserver/ja/999997/2024-2028/indicators/K1/"
    # no actual is an empty cell, never a zero
    assert (k2["latest_actual_value"], k2["latest_actual_as_written"], k2["grade"]) == ("", "", "X")


def test_the_indicator_file_holds_every_current_figure(client, testville):
    rows = csv_rows(client, TEST + "indicators/K1/index.csv")
    assert [(r["kind"], r["period"], r["value"], r["as_written"], r["unit"]) for r in rows] == [
        ("baseline", "FY2023", "100", "100件", "件"),
        ("target", "FY2028", "150", "150件", "件"),
        ("actual", "FY2024", "120", "120件", "件"),
        ("actual", "FY2025", "140", "140件", "件"),
    ]


def test_the_indicator_list_file_follows_the_year_asked_for(client, testville):
    response = download(client, TEST + "indicators/index.csv?year=2024")
    assert response["Content-Disposition"].endswith(
        'filename="999997-2024-2028-indicators-2024.csv"'
    )
    rows = csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))
    assert [(r["indicator_code"], r["assessed_year"], r["grade"]) for r in rows] == [
        ("K1", "2024", "B"),
        ("K2", "2024", "X"),
        ("K3", "2024", "X"),
    ]


def test_the_dashboard_file_holds_the_counts_per_field_and_policy(client, testville):
    rows = xlsx_rows(client, TEST + "dashboard/index.xlsx")
    assert rows[0] == [
        "全国地方公共団体コード",
        "計画",
        "評価年度",
        "階層",
        "分野の番号",
        "番号",
        "名称",
        "名称（英語）",
        "評価Aの指標数",
        "評価Bの指標数",
        "評価Cの指標数",
        "評価Dの指標数",
        "評価Xの指標数",
        "指標数",
        "評価した指標数",
        "順調な指標の割合",
        "実績値のない指標数",
    ]
    # counts, shares and years are numbers; codes stay text
    assert [r[:6] + r[8:] for r in rows[1:]] == [
        ["999997", "2024-2028", 2025, "field", "1", "1", 0, 1, 1, 0, 1, 3, 2, 0.5, 1],
        ["999997", "2024-2028", 2025, "policy", "1", "1-1", 0, 1, 1, 0, 1, 3, 2, 0.5, 1],
        ["999997", "2024-2028", 2025, "field", "9", "9", 0, 0, 0, 0, 0, 0, 0, None, 0],
        ["999997", "2024-2028", 2025, "total", None, None, 0, 1, 1, 0, 1, 3, 2, 0.5, 1],
    ]


def test_the_search_file_lists_the_hits_with_a_japanese_file_name(client, testville):
    response = download(client, "/ja/search/index.csv?q=相談件数")
    assert response["Content-Disposition"] == (
        "attachment; filename=\"search-_.csv\"; filename*=UTF-8''search-"
        "%E7%9B%B8%E8%AB%87%E4%BB%B6%E6%95%B0.csv"
    )
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [(r["type"], r["code"], r["title"], r["query"]) for r in rows] == [
        ("text", "1-1", "暮らしの安心", "相談件数"),
        ("indicator", "K1", "相談件数", "相談件数"),
    ]


@pytest.mark.parametrize(
    ("name", "header"),
    [
        ("022012-2019-2023-2-1.csv", 'attachment; filename="022012-2019-2023-2-1.csv"'),
        (
            "999997-2024-2028-indicator-出生率.csv",
            'attachment; filename="999997-2024-2028-indicator-_.csv"; '
            "filename*=UTF-8''999997-2024-2028-indicator-%E5%87%BA%E7%94%9F%E7%8E%87.csv",
        ),
        (
            'a "b".xlsx',
            "attachment; filename=\"a_b_.xlsx\"; filename*=UTF-8''a%20%22b%22.xlsx",
        ),
    ],
)
def test_file_names_are_ascii_with_the_utf8_name_beside_them_when_needed(name, header):
    assert content_disposition(name) == header


@pytest.fixture
def formula_like(testville, operator):
    """An indicator whose name a spreadsheet would run as a formula if it were not guarded."""
    t = ("999997", "2024-2028")
    batch = IndicatorBatch(
        definitions=[
            IndicatorDefinition(*t, "K9", "=1+1 は式ではない", "increase", node_code="1-1-1")
        ]
    )
    batch.figures.append(figure(*t, "K9", "baseline", "2023年度", "-5"))
    apply(operator, batch)


def test_a_cell_a_spreadsheet_would_run_is_guarded(client, formula_like):
    rows = csv_rows(client, TEST + "1-1-1/index.csv")
    assert (rows[-1]["name"], rows[-1]["baseline_value"]) == ("'=1+1 は式ではない", "-5")
    response = download(client, TEST + "1-1-1/index.xlsx")
    ws = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert (ws["E4"].value, ws["E4"].data_type) == ("=1+1 は式ではない", "s")
    assert (ws.freeze_panes, ws["A1"].font.b) == ("A2", True)


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/ja/999999/index.csv", 404),
        (TEST + "7-7/index.csv", 404),
        (TEST + "1-1-1.1/index.csv", 404),  # an initiative has no page of its own
        (TEST + "indicators/K0/index.xlsx", 404),
        ("/ja/999997/1999-2003/index.csv", 404),
        (TEST + "indicators/index.csv?year=abc", 400),
    ],
)
def test_unknown_addresses_and_bad_parameters_get_no_file(client, testville, url, status):
    download(client, url, status)


def test_only_csv_and_xlsx_are_offered(client, testville):
    assert client.get(TEST + "index.pdf", follow=True).status_code == 404


def test_a_node_file_needs_a_fixed_number_of_queries(
    client, testville, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        download(client, TEST + "1-1-1/index.xlsx")


# --- workbooks for people: numbers, headings, what the data is, empty tables ---------------------


def worksheets(client, url: str):
    response = download(client, url)
    return openpyxl.load_workbook(io.BytesIO(response.content)).worksheets


def test_numbers_and_years_are_numbers_in_the_workbook_and_codes_stay_text(client, testville):
    data = worksheets(client, TEST + "indicators/K1/index.xlsx")[0]
    row = {data.cell(1, c).value: data.cell(2, c) for c in range(1, data.max_column + 1)}
    kinds = {name: (cell.value, cell.data_type) for name, cell in row.items()}
    assert kinds["全国地方公共団体コード"] == ("999997", "s")
    assert kinds["開始年度"] == (2023, "n")
    assert kinds["終了年度"] == (2023, "n")
    assert kinds["値"] == (100, "n")
    assert kinds["原文の表記"] == ("100件", "s")
    assert kinds["版"] == (1, "n")
    summary = worksheets(client, TEST + "1-1-1/index.xlsx")[0]
    values = [(c.value, c.data_type) for c in summary[2]]
    assert values[9] == (100, "n")  # baseline value
    assert values[17] == (2025, "n")  # year graded
    assert values[2] == ("K1", "s")


def test_the_metadata_sheet_says_what_the_indicator_is_and_names_each_column(client, testville):
    sheets = worksheets(client, TEST + "indicators/K1/index.xlsx")
    assert [s.title for s in sheets] == ["figures", "データの説明"]
    about = [[c.value for c in row] for row in sheets[1].iter_rows()]
    assert about[:8] == [
        ["項目", "内容"],
        ["掲載ページ", "http://testserver/ja/999997/2024-2028/indicators/K1/"],
        ["ライセンス", "未定（市が定めます。例: CC-BY-4.0）。それまでは市にお問い合わせください。"],
        ["指標", "K1 相談件数"],
        ["指標の定義", "市の相談窓口が1年間に受けた相談の件数"],
        ["単位", "件"],
        ["出典", "試験市 福祉課業務統計（架空）"],
        [None, None],
    ]
    assert about[8:11] == [
        ["列名（機械可読）", "見出し"],
        ["municipality_code", "全国地方公共団体コード"],
        ["plan", "計画"],
    ]


def test_the_english_workbook_is_headed_in_english(client, testville):
    sheets = worksheets(client, EN_TEST + "indicators/K1/index.xlsx")
    assert [c.value for c in sheets[0][1]][:6] == [
        "Local government code",
        "Plan",
        "Indicator code",
        "Kind",
        "Period",
        "First year",
    ]
    about = [[c.value for c in row] for row in sheets[1].iter_rows()]
    assert sheets[1].title == "About this data"
    assert about[3] == ["Indicator", "K1 Counselling cases"]


def test_the_page_a_workbook_comes_from_keeps_its_query(client, testville):
    about = xlsx_rows(client, TEST + "indicators/index.xlsx?year=2024&grade=B", 1)
    assert about[1] == [
        "掲載ページ",
        "http://testserver/ja/999997/2024-2028/indicators/?year=2024&grade=B",
    ]


@pytest.mark.parametrize(
    ("url", "why"),
    [
        (TEST + "9/index", "計画のこの項目には指標がありません。"),
        (TEST + "indicators/index", "条件に合う指標はありません。"),  # with ?grade=A below
    ],
)
def test_an_empty_table_says_why_in_both_formats(client, testville, url, why):
    query = "?grade=A" if "indicators" in url else ""
    rows = list(
        csv.reader(io.StringIO(download(client, url + ".csv" + query).content.decode("utf-8-sig")))
    )
    assert len(rows) == 2 and rows[1][0] == why and set(rows[1][1:]) == {""}
    book = xlsx_rows(client, url + ".xlsx" + query)
    assert len(book) == 2 and book[1][0] == why and set(book[1][1:]) == {None}


def test_a_plan_without_indicators_says_so_in_its_indicator_file(client, db, operator):
    from shisaku.plan import services

    services.save_municipality(actor=operator, code="999997", name_ja="試験市")
    meta = PlanMeta(title="試験市総合計画", period_start=2024, period_end=2028)
    services.import_plan(actor=operator, municipality_code="999997", meta=meta, nodes=[])
    rows = csv_rows(client, TEST + "indicators/index.csv")
    assert [r["municipality_code"] for r in rows] == ["この計画にはまだ指標が設定されていません。"]


@pytest.mark.parametrize(
    "text",
    [
        *("0", "-0", "0.0", "-0.00", "100", "100.00", "101.000000", "1E+2", "1E-7", "0.000001"),
        *("1.10", "-5", "-1.5000", "12345678901234567890123456789", "5E-3", "NaN", "Infinity"),
        *("1.00000000000000000000000000001", "1234567890123456789012345678.0", "-0E+3"),
    ],
)
def test_a_number_is_written_as_its_normalized_plain_text(text: str) -> None:
    from decimal import Decimal

    from shisaku.public.downloads.tables import decimal_text

    normalized = format(Decimal(text).normalize(), "f")
    assert decimal_text(Decimal(text)) == ("0" if normalized == "-0" else normalized)
    assert decimal_text(None) == ""
