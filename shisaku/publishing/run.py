"""One publishing run: render each page with its twins, then the files around the pages.

A page answering 200 is written as ``index.html`` with each of its twins
(:attr:`Page.twins`) that answers 200; a redirect
(an initiative or action, sent to its place on its measure's page) is written as a small page
that sends the reader on, with the JSON twin when it has one.  After the pages: the 404 pages,
a root ``index.html`` sending readers to the home page, the site's icon at ``favicon.ico`` (where
browsers look for it, as the live site answers it), the JSON Schemas the twins name
(``schemas/v1/…``, :mod:`schemas`), the static files the pages link, the
data package and, when the command hands over a function for them, each plan's indicator
exchange files at ``data/<code>/<slug>/``.

A page's CSV and xlsx are the same table (docs/public-site.md, Downloads).  Pages come in every
language one after the other, so for a table the public side marks as the same in every
language (a table without labels or addresses, such as an indicator's figures) the run writes
the files it built for the first language rather than building them again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from urllib.parse import unquote

from django.contrib.staticfiles import finders
from django.templatetags.static import static

from shisaku.domain.nodepages import anchor_id, page_owner, paths
from shisaku.domain.plantree import Node
from shisaku.indicators.queries import IndicatorView
from shisaku.plan.queries import PlanInfo
from shisaku.publishing.datapackage import PackageTables
from shisaku.publishing.folder import UnsafePath, check_relative
from shisaku.publishing.output import Output
from shisaku.publishing.pages import Page
from shisaku.publishing.render import Rendered, Renderer, redirect_page
from shisaku.publishing.schemas import write_schemas

BLOCK = 2**20  # bytes of a data package table read and written at a time
ICON = "shisaku/favicon.ico"  # the static file the live site answers at /favicon.ico
LINK_ATTRIBUTES = (b"href", b"src")  # the attributes whose static files a run copies

# a plan and its indicators → file name → content
ExchangeFiles = Callable[[PlanInfo, list[IndicatorView]], dict[str, bytes]]


class SiteRun:
    """Render pages and extras into the output, keeping what later steps need."""

    def __init__(
        self, renderer: Renderer, out: Output, languages: list[str], site: str, licence: str | None
    ) -> None:
        self.r, self.out, self.languages, self.site = renderer, out, languages, site
        self.licence = licence
        self.places: dict[int, dict[str, str]] = {}  # plan id → node code → its page or place
        self.static_url = static("")  # /static/: only a path on this site can be mirrored
        quoted = re.escape(self.static_url).encode()
        # an attribute value starting with the address (a literal prefix is a fast search)
        self.static_link = re.compile(rb'="(' + quoted + rb'[^"?#]+)"')
        self.static_links: set[str] = set()
        self.tables: tuple[str, bytes, bytes] | None = None  # page key, CSV, xlsx
        self.skipped: list[str] = []  # pages whose path cannot be a file (a code such as "..")

    def pages(self, pages: Iterable[Page]) -> None:
        """Render and write every page with its twins (a page's language made active once
        for all of them, and left active for the next page in it: :meth:`Renderer.speaking`)."""
        with self.r.speaking():
            for page in pages:
                self.page(page)

    def page(self, page: Page) -> None:
        """Write a page (or its redirect) and each twin that answers."""
        try:
            check_relative(page.target)
        except UnsafePath:
            self.skipped.append(page.path)
            return
        if page.alone:
            self.alone(page)
            return
        html = self.r.get(page.path, page.language)
        if html.status == 200:
            self.html(page.file("index.html"), html.content)
        elif 300 <= html.status < 400:
            self.out.put(page.file("index.html"), redirect_page(html.location))
        if "index.json" in page.twins:
            self.twin(page, "index.json")
        if html.status == 200 and "index.csv" in page.twins:
            self.downloads(page)

    def alone(self, page: Page) -> None:
        """Write a page without twins (a widget) or a file (a badge, a feed) when it answers."""
        answer = self.r.get(page.path, page.language)
        if answer.status != 200:
            return
        if page.target.endswith(".html"):
            self.html(page.target, answer.content)
        else:
            self.out.put(page.target, answer.content)

    def twin(self, page: Page, name: str) -> Rendered:
        """Write one twin of a page when it answers."""
        answer = self.r.get(page.path + name, page.language)
        if answer.status == 200:
            self.out.put(page.file(name), answer.content)
        return answer

    def downloads(self, page: Page) -> None:
        """Write the CSV and the xlsx (a table the same in every language: the files the run
        wrote for the language before)."""
        key = page.path.removeprefix(f"/{page.language}/")
        if self.tables and self.tables[0] == key:
            self.out.put(page.file("index.csv"), self.tables[1])
            self.out.put(page.file("index.xlsx"), self.tables[2])
            return
        csv, xlsx = self.twin(page, "index.csv"), self.twin(page, "index.xlsx")
        same = self.r.same_in_every_language(page.path + "index.csv", page.language)
        ok = same and csv.status == 200 and xlsx.status == 200
        self.tables = (key, csv.content, xlsx.content) if ok else None

    def html(self, relative: str, content: bytes) -> None:
        """Write an HTML page and note the static files it links."""
        self.out.put(relative, content)
        found = self.static_link.finditer(content)
        links = (m[1] for m in found if content.endswith(LINK_ATTRIBUTES, 0, m.start()))
        self.static_links.update(link.decode() for link in links)

    def extras(self) -> None:
        """Write the 404 pages, the root page, the icon, the schemas and the static files the
        pages link."""
        first = self.languages[0]
        self.html("404.html", self.r.not_found(first))
        for language in self.languages:
            self.html(f"{language}/404.html", self.r.not_found(language))
        self.out.put("index.html", redirect_page(self.r.url("home", first)))
        icon = finders.find(ICON)
        if isinstance(icon, str):
            self.out.put("favicon.ico", Path(icon).read_bytes())
        write_schemas(self.out, self.site)
        self.static_files()

    def data(
        self, tables: PackageTables, plans: list[PlanInfo], exporter: ExchangeFiles | None
    ) -> None:
        """Add the plans' rows to the data package's tables, and write each plan's indicator
        exchange files (re-importable with import-indicators)."""
        tables.add(self.r.reads, plans, self.url)
        if exporter is None:
            return
        for plan in plans:
            folder = f"data/{plan.municipality_code}/{plan.meta.slug}"
            for name, content in exporter(plan, self.r.reads.indicators(plan)).items():
                self.out.put(f"{folder}/{name}", content)

    def package(self, tables: PackageTables, plans: list[PlanInfo]) -> None:
        """Write the data package of ``plans`` (their rows added to ``tables`` before)."""
        for name, source in tables.streams(plans, self.url, self.site, self.licence):
            self.out.put_blocks(f"data/{name}", iter(partial(source.read, BLOCK), b""))

    def url(self, plan: PlanInfo, kind: str, code: str) -> str:
        """Return the absolute address of a plan, node or indicator in the first language."""
        if kind == "node":
            return self.node_places(plan).get(code, "")
        keys = {"code": plan.municipality_code, "slug": plan.meta.slug}
        if kind == "indicator":
            keys["indicator"] = code
        return self.site + self.r.url(kind, self.languages[0], **keys)

    def node_places(self, plan: PlanInfo) -> dict[str, str]:
        """Return where each node of a plan is shown: its page, or its place on its owner's page
        (as the node's own address redirects; nothing for a node no page shows)."""
        if plan.id not in self.places:
            found = (self._place(plan, path) for path in paths(self.r.reads.nodes(plan)))
            self.places[plan.id] = {code: url for code, url in found if url}
        return self.places[plan.id]

    def _place(self, plan: PlanInfo, path: list[Node]) -> tuple[str, str]:
        """Return a node's code and the absolute address where it is shown."""
        node, owner = path[-1], page_owner(path)
        if owner is None:
            return node.code, ""
        keys = {"code": plan.municipality_code, "slug": plan.meta.slug, "node_code": owner.code}
        url = self.site + self.r.url("node", self.languages[0], **keys)
        return node.code, url if owner is node else f"{url}#{anchor_id(node.code)}"

    def static_files(self) -> None:
        """Copy the static files the written pages link (their ``/static/…`` addresses)."""
        for url in sorted(self.static_links):
            found = finders.find(unquote(url.removeprefix(self.static_url)))
            if isinstance(found, str):
                self.out.put(unquote(url).lstrip("/"), Path(found).read_bytes())
