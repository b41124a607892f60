"""shisaku publish: no broken link in the static copy.

Every published HTML file is read, and every address it links on the site (``href`` and
``src``, relative or absolute with the run's site address) must be a file of the copy
(``index.html`` for a folder), but for the addresses docs/publishing.md names as needing a
running Shisaku (the search, the API, the consultations).  The sitemap lists the copy's own
addresses.

Data: the fictional 試験市 plan (999997, tests/conftest.py) with invented indicators, its
measure linked to SDG goals (so its page links goal pages).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from shisaku.indicators.models import Indicator
from tests.test_publish import EMBEDS, PLAN, SITE, SITEMAPS, run, testville  # noqa: F401

# docs/publishing.md: the addresses a running Shisaku answers (the search, the API, voice)
LIVE_ONLY = re.compile(r"/(ja|en)/search/|/api/|/(ja|en)/\d{6}/voice/")
SITE_HOST = urlsplit(SITE).netloc


class Links(HTMLParser):
    """The ``href`` and ``src`` values of an HTML document."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Note the link attributes of a tag."""
        self.found += [v for name, v in attrs if name in ("href", "src") and v is not None]


def links_of(html: str) -> list[str]:
    """Return every ``href`` and ``src`` of a page."""
    parser = Links()
    parser.feed(html)
    return parser.found


def page_url(relative: str) -> str:
    """Return the address a published file answers (a folder's for ``index.html``)."""
    return "/" + relative.removesuffix("index.html")


def site_file(url: str) -> str | None:
    """Return the file of the copy an address on the site names (None for another site)."""
    parts = urlsplit(url)
    if parts.scheme not in ("", "http", "https") or parts.netloc not in ("", SITE_HOST):
        return None
    path = unquote(parts.path)
    return path.lstrip("/") + ("index.html" if path.endswith("/") else "")


def broken_links(out: Path) -> set[tuple[str, str]]:
    """Return each (page, link) whose address on the site is not a file of the copy."""
    broken = set()
    for file in sorted(out.rglob("*.html")):
        relative = file.relative_to(out).as_posix()
        for link in links_of(file.read_text(encoding="utf-8")):
            url = urljoin(page_url(relative), link)
            target = site_file(url)
            live_only = LIVE_ONLY.match(urlsplit(url).path)
            if target is not None and not live_only and not (out / target).is_file():
                broken.add((relative, link))
    return broken


@pytest.mark.parametrize("common_code, html_files", [("", 88), ("births", 90)])
def test_every_link_of_every_published_page_leads_to_a_file_of_the_copy(
    testville,  # noqa: F811
    tmp_path,
    common_code,
    html_files,
):
    Indicator.objects.filter(code="A1").update(common_code=common_code)  # a comparison or none
    run(tmp_path)
    # 34 pages before the measure lists (2), the list of prefectures (2) and the widgets and
    # share pages of a measure and three indicators (16); the SDG pages (the goals and each
    # goal: 36); the comparison page (2)
    assert len(list(tmp_path.rglob("*.html"))) == html_files
    assert broken_links(tmp_path) == set()


def test_the_live_only_addresses_are_the_search_and_the_api(testville, tmp_path):  # noqa: F811
    run(tmp_path)
    targets = {
        urlsplit(urljoin("/", link)).path
        for file in tmp_path.rglob("*.html")
        for link in links_of(file.read_text(encoding="utf-8"))
    }
    assert {t for t in targets if LIVE_ONLY.match(t)} == {"/api/v1/docs"}


def test_every_address_of_the_sitemap_is_a_file_of_the_copy(testville, tmp_path):  # noqa: F811
    run(tmp_path)
    index = (tmp_path / "sitemap.xml").read_text(encoding="utf-8")
    files = re.findall(r"<loc>([^<]+)</loc>", index)
    assert files == [f"{SITE}/sitemaps/site.xml", f"{SITE}/sitemaps/999997.xml"]
    pages = [
        url
        for sitemap in files
        for url in re.findall(
            r'<loc>([^<]+)</loc>|href="([^"]+)"',
            (tmp_path / site_file(sitemap)).read_text(encoding="utf-8"),
        )
    ]
    addresses = {loc or href for loc, href in pages}
    assert f"{SITE}/en/{PLAN}measures/" in addresses
    assert f"{SITE}/en/{PLAN}sdgs/" in addresses
    assert f"{SITE}/ja/{PLAN}sdgs/17/" in addresses
    assert all(address.startswith(SITE + "/") for address in addresses)
    assert [a for a in addresses if not (tmp_path / site_file(a)).is_file()] == []


def test_the_feeds_widgets_badges_and_sitemaps_are_what_the_live_site_answers(
    testville,  # noqa: F811
    tmp_path,
    client,
):
    run(tmp_path)
    for name in sorted(EMBEDS | SITEMAPS):
        url = "/" + name.removesuffix("index.html")
        assert (tmp_path / name).read_bytes() == client.get(url).content, url
