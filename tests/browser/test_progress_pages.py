"""Progress at a glance and the notice of a plan without figures, in a real browser: axe-core
finds no WCAG 2.1 A/AA violation on the home, plan, field and policy pages in both languages at
a desktop's and a phone's width, nothing overflows sideways, and the bar is drawn."""

from __future__ import annotations

import pytest

from shisaku.cli import main
from shisaku.domain.actors import Actor
from shisaku.domain.plantree import PlanMeta
from tests.browser.conftest import violations_across
from tests.conftest import small_nodes
from tests.test_public_indicators import invented_batch

PAGES = [
    "",  # home: the notice of the bundled plan, plans with figures, recently updated
    "022012/",  # municipality: the notice and the statistics read from the text
    "022012/2019-2023/",  # plan without figures: every measure 評価不能
    "022012/2019-2023/2/",  # field without figures
    "999997/2024-2028/",  # plan with figures: bar, counts beside the previous year, statuses
    "999997/2024-2028/1/",  # field with figures
    "999997/2024-2028/1-1/",  # policy with figures
]


@pytest.fixture
def site(transactional_db, live_server, capsys):
    """The demo data and the fictional 試験市 plan with graded indicators in two years."""
    from shisaku.indicators import services as indicators
    from shisaku.plan import services as plans

    main(["demo"])
    capsys.readouterr()
    actor = Actor.operator("test")
    plans.save_municipality(actor=actor, code="999997", name_ja="試験市", name_en="Testville")
    meta = PlanMeta(
        title="試験市総合計画", title_en="Testville Plan", period_start=2024, period_end=2028
    )
    plans.import_plan(actor=actor, municipality_code="999997", meta=meta, nodes=small_nodes())
    indicators.apply_batch(actor=actor, batch=invented_batch())
    return live_server.url


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_progress_pages_have_no_axe_violations_on_a_desktop_and_a_phone(
    site, browser, language
):
    assert violations_across(browser, [f"{site}/{language}/{path}" for path in PAGES]) == {}


def test_the_bar_is_drawn_with_its_counts_and_the_statuses_are_listed(site, page):
    page.goto(f"{site}/ja/999997/2024-2028/1-1/")
    bar = page.locator(".progress-bar svg.grade-bar")
    assert bar.get_attribute("aria-label") == "評価別の指標数：A 0件、B 1件、C 1件、D 0件、X 1件"
    box = bar.bounding_box()
    assert box is not None and box["width"] > 200
    assert page.locator(".measure-statuses td.status").all_inner_texts() == ["順調"]
    page.goto(f"{site}/en/")
    assert page.locator(".no-figures").first.is_visible()
    page.locator(".no-figures a[href$='#with-figures']").first.click()
    assert page.locator("#with-figures").is_visible()
