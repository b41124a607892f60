"""The comparison page in Chromium at 1280 px: the table fits, the chart's labels are whole.

The bundled examples compare 北海道 (a prefecture, its figure for calendar 2023) with 宇陀市
(a city, its figure for fiscal 2017): two groups, never ranked against each other.
"""

import pytest

from shisaku.cli import main
from tests.browser.conftest import violations_across

COMPARE = "/ja/compare/total-fertility-rate/"

COLUMNS = """() => {
  const table = document.querySelector('table.compare');
  const region = table.parentElement;
  const cells = [...table.querySelectorAll('th, td')];
  return {
    columns: [...table.querySelectorAll('thead th')].map(th => th.getBoundingClientRect().width),
    em: parseFloat(getComputedStyle(table).fontSize),
    table: table.scrollWidth,
    region: region.clientWidth,
    cut: cells.filter(c => c.scrollWidth > c.clientWidth + 1).map(c => c.textContent),
  };
}"""

LABELS = """() => {
  const svg = document.querySelector('svg.bar-chart');
  const view = svg.viewBox.baseVal;
  return [...svg.querySelectorAll('text')].map(t => {
    const b = t.getBBox();
    return {text: t.textContent, x: b.x, y: b.y, w: b.width, h: b.height,
            inside: b.x >= view.x && b.y >= view.y && b.x + b.width <= view.x + view.width
                    && b.y + b.height <= view.y + view.height};
  });
}"""


@pytest.fixture
def site(transactional_db, live_server, capsys):
    main(["demo"])
    capsys.readouterr()
    return live_server.url


def overlapping(boxes):
    """Return the pairs of label boxes that overlap (touching edges do not count)."""

    def meet(a, b):
        return (
            a["x"] < b["x"] + b["w"] - 0.5
            and b["x"] < a["x"] + a["w"] - 0.5
            and a["y"] < b["y"] + b["h"] - 0.5
            and b["y"] < a["y"] + a["h"] - 0.5
        )

    return [
        (a["text"], b["text"]) for i, a in enumerate(boxes) for b in boxes[i + 1 :] if meet(a, b)
    ]


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_comparison_table_fits_1280_px_with_no_column_squeezed_or_cut(site, page, language):
    page.goto(site + COMPARE.replace("/ja/", f"/{language}/"))
    found = page.evaluate(COLUMNS)
    assert len(found["columns"]) == 6
    assert min(found["columns"]) >= 5 * found["em"], found
    assert found["table"] <= found["region"], found
    assert found["cut"] == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280


def test_the_chart_labels_are_whole_inside_the_drawing_and_never_overlap(site, page):
    page.goto(site + COMPARE)
    boxes = page.evaluate(LABELS)
    assert [b["text"] for b in boxes if not b["text"][0].isdigit()] == [
        "全国 1.43（2017年）",
        "市区町村（年度の数値）",
        "宇陀市",
        "都道府県（暦年の数値）",
        "北海道",
    ]
    assert [b["text"] for b in boxes if "（" in b["text"] and b["text"][0].isdigit()] == [
        "1.00（2017年度（平成29年度））",
        "1.06（2023年（令和5年））",
    ]
    assert [b["text"] for b in boxes if not b["inside"]] == []
    assert overlapping(boxes) == []


def test_english_labels_are_whole_and_apart_too(site, page):
    page.goto(site + COMPARE.replace("/ja/", "/en/"))
    boxes = page.evaluate(LABELS)
    assert [b["text"] for b in boxes if not b["inside"]] == []
    assert overlapping(boxes) == []
    assert "Prefectures, calendar years" in [b["text"] for b in boxes]


def test_no_axe_violations_at_1280_and_390_px_in_both_languages(site, browser):
    urls = [site + COMPARE, site + COMPARE.replace("/ja/", "/en/")]
    assert violations_across(browser, urls) == {}


@pytest.fixture
def towns_site(transactional_db, live_server, operator):
    """The fictional towns of tests/test_compare.py with 青森県 and 港町: three groups."""
    from tests.test_compare import _mixed, make_towns

    make_towns(operator)
    _mixed(operator)
    return live_server.url


def test_three_groups_fit_and_their_labels_stay_apart(towns_site, page):
    page.goto(towns_site + "/ja/prefectures/02/compare/total-fertility-rate/")
    found = page.evaluate(COLUMNS)
    assert min(found["columns"]) >= 5 * found["em"], found
    assert found["table"] <= found["region"] and found["cut"] == []
    boxes = page.evaluate(LABELS)
    assert [b["text"] for b in boxes if not b["text"][0].isdigit()] == [
        "全国 1.26（2022年度）",
        "市区町村（年度の数値）",
        "北市",
        "南町",
        "市区町村（暦年の数値）",
        "港町",
        "都道府県（暦年の数値）",
        "青森県",
    ]
    assert [b["text"] for b in boxes if not b["inside"]] == []
    assert overlapping(boxes) == []


def test_on_a_390_px_phone_the_chart_scrolls_in_its_region_with_12_px_texts(site, browser):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    tab = context.new_page()
    tab.goto(site + COMPARE)
    found = tab.evaluate(
        """() => {
      const svg = document.querySelector('svg.bar-chart');
      const frame = svg.parentElement;
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      return {
        px: Math.min(...[...svg.querySelectorAll('text')].map(
          t => parseFloat(getComputedStyle(t).fontSize) * scale)),
        scrolls: frame.scrollWidth > frame.clientWidth,
        tabindex: frame.tabIndex,
        role: frame.getAttribute('role'),
        label: frame.getAttribute('aria-label'),
        page: document.documentElement.scrollWidth,
      };
    }"""
    )
    assert found["px"] >= 12, found
    assert (found["scrolls"], found["tabindex"], found["role"], found["label"]) == (
        True,
        0,
        "region",
        "グラフ（狭い画面では横にスクロールできます）",
    )
    assert found["page"] <= 390
    context.close()
