"""The indicator page in Chromium: the breakdown selector without JavaScript, a phone's 390 px
(axis text at least 12 px as rendered, wide tables that say they scroll), axe at 1280 and 390 px.

試験市's indicator K2 (fictional test data, :mod:`tests.test_indicator_breakdowns`) has figures
for the whole city and for 女性 and 男性.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import violations_across, wait_until
from tests.test_indicator_breakdowns import make_split

PAGE = "/{}/999997/2024-2028/indicators/K2/"

# Each chart text's size on screen: its computed font size times the drawing's scale.
AXIS_TEXT = """() => {
  const svg = document.querySelector('svg.chart');
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return [...svg.querySelectorAll('.value-axis text, .year-axis text')].map(t => ({
    text: t.textContent,
    px: parseFloat(getComputedStyle(t).fontSize) * scale,
    height: t.getBBox().height * scale,
  }));
}"""

REGIONS = """() => [...document.querySelectorAll('#table .table-scroll, #history .table-scroll')]
  .map(r => ({
    table: r.querySelector('table').className,
    scrolls: r.scrollWidth > r.clientWidth,
    tabindex: r.tabIndex,
    role: r.getAttribute('role'),
    label: document.getElementById(r.getAttribute('aria-labelledby')).textContent.trim(),
    cue: (() => {
      const cue = r.previousElementSibling;
      return cue && cue.classList.contains('scroll-cue') && cue.offsetParent !== null
        ? cue.textContent : null;
    })(),
  }))"""


@pytest.fixture
def site(transactional_db, live_server, small_plan, operator):
    """試験市's plan with indicator K2 and its breakdowns."""
    make_split(operator)
    return live_server.url


def test_without_javascript_the_selector_shows_the_breakdown_chosen(site, browser):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    tab = context.new_page()
    tab.goto(site + PAGE.format("ja") + "?year=2025")
    assert tab.locator("#breakdown option").all_inner_texts() == ["全体", "女性", "男性"]
    tab.select_option("#breakdown", "男性")
    tab.get_by_role("button", name="表示").click()
    tab.wait_for_load_state()
    assert tab.url == site + PAGE.format("ja") + "?breakdown=%E7%94%B7%E6%80%A7&year=2025"
    assert tab.locator("#chart-title").text_content() == "相談件数（男性）のグラフ"
    assert tab.locator("table.years tbody tr").all_inner_texts() == [
        "2023年度（令和5年度）\t40件\t—\t—",
        "2024年度（令和6年度）\t—\t—\t42件",
        "2025年度（令和7年度）\t—\t—\t45件",
        "2028年度（令和10年度）\t—\t50件\t—",
    ]
    assert tab.input_value("#breakdown") == "男性"
    context.close()


def test_on_a_390_px_phone_axis_text_is_at_least_12_px_and_wide_tables_say_they_scroll(
    site, browser
):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    tab = context.new_page()
    tab.goto(site + PAGE.format("ja"))
    texts = tab.evaluate(AXIS_TEXT)
    assert [t["text"] for t in texts][:2] == ["件", "95"]
    assert [t["text"] for t in texts if t["px"] < 12] == []
    assert min(t["height"] for t in texts) >= 12
    regions = tab.evaluate(REGIONS)
    assert [(r["table"], r["scrolls"], r["cue"]) for r in regions] == [
        ("years", False, None),
        ("figures", True, "表は横にスクロールすると、すべての列を見られます。"),
        ("history", True, "表は横にスクロールすると、すべての列を見られます。"),
    ]
    assert [(r["tabindex"], r["role"], r["label"]) for r in regions] == [
        (0, "region", "年ごとの基準値・その年の目標値・実績値"),
        (0, "region", "原文の表記どおりのすべての数値"),
        (0, "region", "修正の履歴"),
    ]
    # the region takes the keyboard's focus and scrolls with the arrow keys
    tab.locator("#table .table-scroll").nth(1).focus()
    tab.keyboard.press("ArrowRight")
    wait_until(tab, "document.querySelectorAll('#table .table-scroll')[1].scrollLeft > 0")
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()


def test_the_cue_is_not_shown_on_a_desktop(site, page):
    page.goto(site + PAGE.format("ja"))
    assert page.locator(".scroll-cue").first.is_visible() is False


@pytest.mark.parametrize("language", ["ja", "en"])
def test_no_axe_violations_at_1280_and_390_px_whole_and_broken_down(site, browser, language):
    base = site + PAGE.format(language)
    urls = [base, base + "?breakdown=%E5%A5%B3%E6%80%A7"]
    assert violations_across(browser, urls) == {}
