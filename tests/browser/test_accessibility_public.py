"""axe-core reports no WCAG 2.1 A/AA violation on any public page type, in Japanese and English."""

import pytest

from shisaku.cli import main
from tests.browser.conftest import axe_violations, describe

PAGES = [
    "",  # home
    "022012/",  # municipality
    "022012/2019-2023/",  # plan
    "022012/2019-2023/2/",  # field
    "022012/2019-2023/2-1/",  # policy with statistics
    "022012/2019-2023/3-1-3/",  # measure with a footnote
    "292125/2015-2019/",  # plan without a tree, with indicators
    "292125/2015-2019/indicators/",  # indicator list
    "292125/2015-2019/indicators/1/",  # indicator page with its chart
    "292125/2015-2019/dashboard/",  # grade dashboard
    "search/?q=子育て",  # search results
    "prefectures/",  # prefectures with published plans
    "prefectures/29/",  # a prefecture's municipalities and common indicators
    "prefectures/29/compare/total-fertility-rate/",  # one indicator across a prefecture
    "compare/total-fertility-rate/",  # across every municipality, with the national value
]


@pytest.fixture
def site(transactional_db, live_server, capsys):
    main(["demo"])
    capsys.readouterr()
    return live_server.url


def test_the_main_content_is_visible_and_laid_out_on_a_phone_and_a_desktop(site, browser):
    for width in (360, 1280):
        context = browser.new_context(viewport={"width": width, "height": 800})
        tab = context.new_page()
        for path in PAGES:
            tab.goto(f"{site}/ja/{path}")
            box = tab.locator("main h1").bounding_box()
            assert box is not None and box["width"] > width / 3, (width, path, box)
            assert tab.evaluate("document.documentElement.scrollWidth") <= width, (width, path)
        context.close()


@pytest.mark.parametrize("language", ["ja", "en"])
def test_every_public_page_type_has_no_axe_violations(site, page, language):
    found = {}
    for path in PAGES:
        page.goto(f"{site}/{language}/{path}")
        violations = axe_violations(page)
        if violations:
            found[path] = describe(violations)
    assert found == {}


def test_the_axe_check_does_find_a_violation_when_there_is_one(page):
    body = '<main><img src="x.png"></main>'
    page.set_content(f'<html lang="ja"><head><title>t</title></head><body>{body}</body></html>')
    assert [v["id"] for v in axe_violations(page)] == ["image-alt"]
