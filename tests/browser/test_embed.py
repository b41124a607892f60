"""Embedding in a real browser: another site's page shows a widget in an iframe, and the
badge as an image; an ordinary page is refused in a frame; axe-core finds no WCAG 2.1 A/AA
violation on the widgets and the share pages in both languages at a desktop's and a phone's
width."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from tests import filterville
from tests.browser.conftest import violations_across, wait_until

PLAN = f"/{{}}/{filterville.CODE}/{filterville.SLUG}/"
PAGES = [
    "indicators/K1/widget/",
    "1-1-1/widget/",
    "2-1-1/widget/",  # a measure without indicators
    "indicators/K1/share/",
    "1-1-1/share/",
]


@pytest.fixture
def site(transactional_db, live_server, operator):
    """絞込市 and its graded plan."""
    filterville.create(operator)
    return live_server.url


@contextmanager
def other_site(body: str) -> Iterator[str]:
    """Serve ``body`` as a page of another site (127.0.0.1 on a port of its own, no policy)
    for as long as the block runs; yield its address."""
    html = f"<!DOCTYPE html><html lang='en'><title>Other</title><body>{body}</body></html>"

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(html.encode())

        def log_message(self, *args) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def test_another_site_shows_the_widget_and_the_badge(site, page):
    url = site + PLAN.format("en")
    body = (
        f'<iframe id="w" src="{url}indicators/K1/widget/" title="K1" width="600" height="560">'
        f'</iframe><img id="b" src="{url}1-1-1/badge.svg" alt="1-1-1 status: On schedule">'
    )
    with other_site(body) as address:
        page.goto(address)
        shows_widget(page)


def shows_widget(tab) -> None:
    """Check that the other site's page shows the widget and the badge."""
    frame = tab.frame_locator("#w")
    assert frame.locator("h1").inner_text() == "K1 Growth in counselling cases"
    assert frame.locator("a").first.get_attribute("href") == "/en/999962/2024-2028/indicators/K1/"
    wait_until(tab, "document.getElementById('b').complete")
    assert tab.evaluate("document.getElementById('b').naturalWidth") > 50


def test_an_ordinary_page_is_refused_in_a_frame(site, browser):
    tab = browser.new_context().new_page()  # not the page fixture: the refusal is logged
    url = site + PLAN.format("en") + "indicators/K1/"
    with other_site(f'<iframe id="p" src="{url}" title="page"></iframe>') as address:
        tab.goto(address)
        tab.wait_for_timeout(500)
    frame = tab.frame(url=url)
    # Chromium refuses to render a page whose policy says frame-ancestors 'none'
    assert frame is None or frame.evaluate("document.querySelector('h1')") is None


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_widgets_and_share_pages_have_no_axe_violations(site, browser, language):
    urls = [site + PLAN.format(language) + p for p in PAGES]
    assert violations_across(browser, urls) == {}


def test_the_copy_button_puts_the_snippet_on_the_clipboard(site, browser):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    tab = context.new_page()
    tab.goto(site + PLAN.format("ja") + "1-1-1/share/")
    tab.get_by_role("button", name="バッジのHTMLをコピー").click()
    tab.locator(".copied", has_text="コピーしました。").wait_for()
    copied = tab.evaluate("navigator.clipboard.readText()")
    assert copied == tab.input_value("#snippet-badge")
    assert copied.startswith('<a href="http://localhost:')
    context.close()
