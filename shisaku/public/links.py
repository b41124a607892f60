"""Every public URL, built in one place: pages, their JSON twins, anchors and language twins.

Templates reach these through the ``shisaku_public`` template tags and the JSON twins call
them directly, so a node's address is spelled once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, lru_cache

from django.conf import settings
from django.urls import reverse as django_reverse

from shisaku.domain.nodepages import anchor_id as anchor_id
from shisaku.domain.nodepages import page_owner
from shisaku.domain.plantree import Node
from shisaku.plan.queries import PlanInfo
from shisaku.settled import SETTLED, looked_up
from shisaku.settled import language as language  # the pages read the place through links
from shisaku.settled import settled as settled

JSON_NAME = "index.json"
DATA_FORMATS = ("json", "csv", "xlsx")  # every page's data sits at index.<format> beside it


def reverse(name: str, kwargs: dict[str, str] | None = None) -> str:
    """Return the path of a named URL in the active language and URL configuration (the
    request's, else the settings'), remembered: pages build many."""
    return _path(name, tuple(kwargs.items()) if kwargs else ())


def _path(name: str, items: tuple[tuple[str, str], ...]) -> str:
    """Return :func:`reverse` of a name and its arguments as pairs (the builders below give
    them so, without a dictionary to unpack)."""
    return _reverse(name, items, *(SETTLED.get() or looked_up()))


@lru_cache(maxsize=65536)
def _reverse(
    name: str, items: tuple[tuple[str, str], ...], language: str | None, urlconf: str, prefix: str
) -> str:
    """Return Django's ``reverse`` of a name and its arguments in a URL configuration (for this
    language and prefix, the active ones)."""
    return django_reverse(name, kwargs=dict(items) or None, urlconf=urlconf)


def home_url() -> str:
    """Return the home page in the active language."""
    return _path("public:home", ())


def municipality_url(code: str) -> str:
    """Return a municipality's page."""
    return _path("public:municipality", (("code", code),))


def plan_url(plan: PlanInfo) -> str:
    """Return a plan's page."""
    return _path("public:plan", (("code", plan.municipality_code), ("slug", plan.meta.slug)))


def node_url(plan: PlanInfo, node_code: str) -> str:
    """Return the page of the node ``node_code`` of ``plan`` (the one builder of node URLs)."""
    items = (("code", plan.municipality_code), ("slug", plan.meta.slug), ("node_code", node_code))
    return _path("public:node", items)


def indicators_url(plan: PlanInfo) -> str:
    """Return the page listing every indicator of a plan."""
    return reverse(
        "public:indicators", kwargs={"code": plan.municipality_code, "slug": plan.meta.slug}
    )


def dashboard_url(plan: PlanInfo, year: int | None = None) -> str:
    """Return a plan's dashboard of grades by policy, for ``year`` when one is given."""
    kwargs = {"code": plan.municipality_code, "slug": plan.meta.slug}
    url = reverse("public:dashboard", kwargs=kwargs)
    return url if year is None else f"{url}?year={year}"


def search_url() -> str:
    """Return the search page in the active language."""
    return _path("public:search", ())


def indicator_url(plan: PlanInfo, indicator_code: str, year: int | None = None) -> str:
    """Return an indicator's page, graded in ``year`` when one is given."""
    code, slug = plan.municipality_code, plan.meta.slug
    url = _path("public:indicator", (("code", code), ("slug", slug), ("indicator", indicator_code)))
    return url if year is None else f"{url}?year={year}"


def block_anchor_id(section_key: str, index: int) -> str:
    """Return the HTML id of the ``index``-th block (from 1) of a section on its node's page."""
    return f"b-{section_key}-{index}"


def section_anchor_id(section_key: str) -> str:
    """Return the HTML id of a section of a node's page (現状と課題 is ``s-situation``)."""
    return f"s-{section_key}"


def data_url(page_url: str, extension: str) -> str:
    """Return a page's data as ``index.<extension>`` beside it (a query is kept)."""
    path, mark, query = page_url.partition("?")
    return f"{path}index.{extension}{mark}{query}"


def json_url(page_url: str) -> str:
    """Return the JSON twin of a page URL (every page URL ends with a slash; a query is kept)."""
    return data_url(page_url, "json")


def language_url(path: str, language: str) -> str:
    """Return ``path`` with its language prefix replaced by ``language``."""
    return f"/{language}/{below_language(path)}"


def below_language(path: str) -> str:
    """Return what ``path`` holds below its language prefix (nothing when it has none: the
    page in another language is then that language's home page)."""
    head, _, rest = path.lstrip("/").partition("/")
    return rest if head in _language_codes() else ""


@cache
def _language_codes() -> frozenset[str]:
    """Return the codes of the site's languages."""
    return frozenset(code for code, _ in settings.LANGUAGES)


def node_link(plan: PlanInfo, path: list[Node]) -> str:
    """Return where a node is shown: its own page, or its place on the page that holds it."""
    node, owner = path[-1], page_owner(path)
    if owner is None or owner is node:
        return node_url(plan, node.code)
    return f"{node_url(plan, owner.code)}#{anchor_id(node.code)}"


@dataclass
class OutlineItem:
    """A node in a linked outline of the plan, with the children shown below it."""

    node: Node
    url: str
    children: list[OutlineItem] = field(default_factory=list)


def outline(plan: PlanInfo, nodes: list[Node], above: list[Node], depth: int) -> list[OutlineItem]:
    """Return ``depth`` levels of ``nodes`` (whose ancestors are ``above``) as linked items."""
    if depth <= 0:
        return []
    return [
        OutlineItem(
            n, node_link(plan, [*above, n]), outline(plan, n.children, [*above, n], depth - 1)
        )
        for n in nodes
    ]
