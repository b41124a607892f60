"""Browser tests: Debian's Chromium driven by Playwright against Django's live server.

The browser is the system package (/usr/bin/chromium, installed by scripts/setup); nothing is
downloaded. axe-core comes from npm (node_modules, installed by scripts/setup).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("SHISAKU_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between page actions are ordinary synchronous calls and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole session."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page (own cookies) that fails the test on a JavaScript error or a CSP refusal."""
    context = browser.new_context(locale="ja-JP", viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.on(
        "console",
        lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None,
    )
    yield tab
    context.close()
    assert errors == []


def wait_until(tab: Page, expression: str, timeout_ms: int = 3000) -> None:
    """Wait until the expression is true in the page, asking every 50 ms.

    Page.wait_for_function polls by evaluating its text inside the page, which a page's CSP
    without 'unsafe-eval' refuses (newer Chromium); evaluate() goes through the DevTools
    protocol, which the CSP does not restrict.
    """
    for _ in range(max(1, timeout_ms // 50)):
        if tab.evaluate(expression):
            return
        tab.wait_for_timeout(50)
    raise AssertionError(f"still false after {timeout_ms} ms: {expression}")


@cache
def _axe_source() -> str:
    """Return axe-core's script."""
    return AXE.read_text(encoding="utf-8")


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Run axe-core (WCAG 2.x A and AA rules) on the page and return its violations."""
    # evaluate() runs through the DevTools protocol, which the page's CSP does not restrict
    # (a <script> tag would be refused, as the CSP should refuse it)
    page.evaluate(_axe_source())
    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    result = page.evaluate("options => axe.run(document, options)", options)
    return list(result["violations"])


def describe(violations: list[dict[str, Any]]) -> str:
    """Return violations as readable text for an assertion message."""
    return json.dumps(
        [
            {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"][:3]]}
            for v in violations
        ],
        ensure_ascii=False,
        indent=1,
    )


PHONE_AND_DESKTOP = (1280, 390)


def violations_across(browser: Browser, urls: list[str], widths=PHONE_AND_DESKTOP) -> dict:
    """Open every URL at every width; return the axe violations found, by (width, URL), and
    fail at once when a page is wider than the window (it would scroll sideways)."""
    found = {}
    for width in widths:
        context = browser.new_context(viewport={"width": width, "height": 900})
        tab = context.new_page()
        for url in urls:
            tab.goto(url)
            violations = axe_violations(tab)
            if violations:
                found[(width, url)] = describe(violations)
            wide = tab.evaluate("document.documentElement.scrollWidth")
            assert wide <= width, (width, url, wide)
        context.close()
    return found
