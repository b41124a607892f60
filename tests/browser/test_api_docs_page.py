"""The API reference fits a 1280 px window (no sideways scroll) and the public footer links it."""

from __future__ import annotations

import pytest

from shisaku.cli import main
from tests.browser.conftest import axe_violations, describe


@pytest.fixture
def site(transactional_db, live_server, capsys):
    main(["demo"])
    capsys.readouterr()
    return live_server.url


def widest(page) -> list[str]:
    """Return the elements that reach past the window's right edge (for the failure message)."""
    return page.evaluate(
        """() => [...document.querySelectorAll('main *')]
            .filter(e => e.getBoundingClientRect().right > window.innerWidth)
            .slice(0, 5).map(e => e.tagName + ' ' + e.textContent.slice(0, 60))"""
    )


def test_the_api_docs_fit_a_1280_px_window_without_sideways_scrolling(site, page):
    page.goto(f"{site}/api/v1/docs")
    assert page.locator("h1").inner_text().startswith("Shisaku API")
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= 1280, (width, widest(page))
    assert axe_violations(page) == [], describe(axe_violations(page))


@pytest.mark.parametrize(
    ("lang", "label"), [("ja", "API（開発者向け）"), ("en", "API (for developers)")]
)
def test_the_public_footer_links_the_api_docs_in_both_languages(site, page, lang, label):
    page.goto(f"{site}/{lang}/")
    link = page.locator("footer.site-footer").get_by_role("link", name=label)
    assert link.get_attribute("href") == "/api/v1/docs"
    link.click()
    page.wait_for_url(f"{site}/api/v1/docs")
    assert page.locator("h1").inner_text().startswith("Shisaku API")
