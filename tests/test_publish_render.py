"""Publishing renders through production code: its own requests, the public routes named
explicitly, the site's address carried by the request, the run handed to workers by the pool.

Data: the fictional 試験市 plan (999997, tests/conftest.py) with invented indicators.
"""

from __future__ import annotations

import ast
import gc
from pathlib import Path

import pytest
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpRequest
from django.urls import NoReverseMatch, Resolver404, ResolverMatch, get_urlconf, resolve, reverse
from django.utils import translation

from shisaku import site_context
from shisaku.evaluation.reads import Reads
from shisaku.public import links
from shisaku.publishing import workers
from shisaku.publishing.pages import EMBEDDED, site_pages
from shisaku.publishing.render import (
    SITE_URLCONF,
    PublishRequest,
    Renderer,
    Shapes,
    environ,
    routes,
    script_prefix,
)
from shisaku.publishing.site import publish, published_towns
from shisaku.site_context import SiteContext
from tests.test_publish import PLAN, testville  # noqa: F401  (the fixture)

SHISAKU = Path(__file__).resolve().parent.parent / "shisaku"
CITY = "https://city.example.jp"  # not in ALLOWED_HOSTS: a run needs no setting changed


def imported_modules(source: Path) -> set[str]:
    """Return every module a Python file imports (``from a import b`` gives ``a`` and ``a.b``)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found |= {node.module, *(f"{node.module}.{alias.name}" for alias in node.names)}
    return found


def test_no_module_of_shisaku_imports_djangos_test_tools():
    offenders = sorted(
        str(path.relative_to(SHISAKU))
        for path in SHISAKU.rglob("*.py")
        if any(m == "django.test" or m.startswith("django.test.") for m in imported_modules(path))
    )
    assert offenders == []


def test_a_run_request_carries_the_site_of_the_run_and_the_public_routes(db):
    request = Renderer(f"{CITY}:8443", Reads()).request("/ja/999997/?year=2024", "ja")
    assert site_context.of(request) == SiteContext("https", "city.example.jp:8443", True)
    assert request.build_absolute_uri() == f"{CITY}:8443/ja/999997/?year=2024"
    assert (request.urlconf, request.LANGUAGE_CODE, request.GET["year"]) == (
        SITE_URLCONF,
        "ja",
        "2024",
    )


@pytest.mark.parametrize(
    "path",
    [
        "/ja/999997/?year=2024&q=%E6%8C",
        "/en/999997/x/%E6%8C%87%E6%A8%99/",
        "/ja/a%2Fb/",
        "",
        "/ja/%E6%8C/x/",  # not UTF-8: Django percent-encodes it again
        "/ja/x/#top",
        "//h/ja/",
        "/ja/a\tb/\n",
        "/ja/指標/",
    ],
)
def test_a_run_request_is_what_django_makes_of_its_environ(path):
    site = SiteContext.published_at(f"{CITY}:8443")
    ours, djangos = PublishRequest(path, site, "ja"), WSGIRequest(environ(path, site))
    mine, theirs = dict(vars(ours)), dict(vars(djangos))
    for request in (mine, theirs):
        request.pop("environ"), request.pop("META"), request.pop("_stream")
    assert mine.keys() - theirs.keys() == {"urlconf", "LANGUAGE_CODE", site_context.ATTRIBUTE}
    assert {k: mine[k] for k in theirs} == theirs
    assert {**ours.META, "wsgi.input": None} == {**djangos.META, "wsgi.input": None}
    assert (ours.GET, ours.get_full_path(), ours.encoding, ours.scheme, ours.read()) == (
        djangos.GET,
        djangos.get_full_path(),
        djangos.encoding,
        djangos.scheme,
        b"",
    )
    locations = (
        None,
        "/ja/x/?q=a b",
        "/schemas/v1/node.json",
        "/ja/指標/",
        "/a/./b",
        "//h/x",
        "x/y",
    )
    for location in locations:  # remembered by the run, as Django builds each
        expected = HttpRequest.build_absolute_uri(ours, location)
        assert ours.build_absolute_uri(location) == expected


def test_the_requests_of_a_run_share_what_django_makes_of_their_site(db):
    renderer = Renderer(f"{CITY}:8443", Reads())
    first, second = renderer.request("/ja/", "ja"), renderer.request("/en/x/?q=1", "en")
    alone = PublishRequest("/en/x/?q=1", renderer.site, "en")  # works its own out
    assert second.build_absolute_uri() == alone.build_absolute_uri() == f"{CITY}:8443/en/x/?q=1"
    assert vars(first)["_current_scheme_host"] == vars(second)["_current_scheme_host"]


def test_pages_rendered_while_speaking_are_the_same_and_the_language_is_taken_back(
    testville,  # noqa: F811
):
    renderer = Renderer(CITY, Reads())
    with translation.override("ja"), renderer.active():
        alone = renderer.get(f"/en/{PLAN}", "en"), renderer.get(f"/ja/{PLAN}", "ja")
        with renderer.speaking():
            spoken = [renderer.get(f"/en/{PLAN}", "en")]
            assert (translation.get_language(), renderer.spoken) == ("en", "en")  # left so
            spoken += [renderer.get(f"/ja/{PLAN}", "ja"), renderer.get(f"/en/{PLAN}", "en")]
        assert (translation.get_language(), renderer.spoken) == ("ja", None)
    assert alone[0].status == 200
    assert spoken == [alone[0], alone[1], alone[0]]


def test_a_live_request_gets_the_context_of_its_checked_host(db, client):
    response = client.get("/ja/search/")
    assert response.status_code == 200
    assert site_context.of(response.wsgi_request) == SiteContext("http", "testserver", False)


def test_a_site_published_for_https_gives_https_addresses_as_the_live_site_does(
    testville,  # noqa: F811
    tmp_path,
    client,
    settings,
):
    assert "city.example.jp" not in settings.ALLOWED_HOSTS
    publish(tmp_path, site_url=CITY, languages=["ja"])
    written = (tmp_path / "ja" / "999997" / "index.csv").read_bytes()  # links each plan
    assert f"{CITY}/ja/{PLAN}".encode() in written
    assert b"http://city.example.jp" not in written
    settings.ALLOWED_HOSTS = ["city.example.jp"]
    live = client.get("/ja/999997/index.csv", secure=True, headers={"host": "city.example.jp"})
    assert written == live.content


def test_a_run_leaves_no_routes_and_no_worker_state_behind(testville, tmp_path):  # noqa: F811
    publish(tmp_path, site_url="http://testserver", jobs=2)
    assert (get_urlconf(), workers._WORKER) == (None, [])


def test_remembered_links_are_kept_apart_for_each_url_configuration(db):
    with translation.override("ja"):
        before = links.home_url()
        with routes("tests.mirror_urls"):
            mirrored = links.home_url()
        assert (before, mirrored, links.home_url()) == ("/ja/", "/ja/mirror/", "/ja/")


def _same_match(found: ResolverMatch, expected: ResolverMatch) -> bool:
    """Return whether two matches name the same view, arguments, route and what was tried."""
    keys = ("func", "args", "kwargs", "url_name", "app_names", "namespaces", "route", "tried")
    extra = ("captured_kwargs", "extra_kwargs", "view_name", "_func_path")
    return all(getattr(found, k) == getattr(expected, k) for k in (*keys, *extra))


def test_paths_resolved_once_per_shape_match_as_django_resolves_each(testville, tmp_path):  # noqa: F811
    publish(tmp_path, site_url="http://testserver", languages=["ja", "en"])
    written = [p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("index.*")]
    paths = {"/" + p.rpartition("index.")[0] for p in written if not p.endswith(".html")}
    paths |= {"/" + p for p in written if not p.endswith(".html")}
    paths |= {
        "/ja/999997/x/indicators/",  # a word where a code goes, and codes where words go
        "/ja/999997/x/indicators/widget/",
        "/ja/999997/x/widget/share/",
        "/ja/999997/x/y/z/",
        "/ja/999997/x/measures/index.csv",
        "/ja/999997/x/measures/index.txt",
        "/ja/999997/x/sdgs/7/",
        "/ja/999997/x/sdgs/x7/",
        "/ja/999997/voice/",
        "/ja/999997/voice/3/result.xlsx",
        "/ja/01/",
        "/sitemaps/999997.xml",
        "/en/999997/x/%E6%8C%87%E6%A8%99/",
    }
    shapes = Shapes(SITE_URLCONF)
    assert shapes.usable
    compared = 0
    for language in ("ja", "en"):
        with translation.override(language), routes(SITE_URLCONF):
            for path in sorted(paths) * 2:  # the second time from what the first kept
                try:
                    expected = resolve(path, urlconf=SITE_URLCONF)
                except Resolver404:
                    with pytest.raises(Resolver404):
                        shapes.resolve(path, language)
                    continue
                assert _same_match(shapes.resolve(path, language), expected), path
                compared += 1
    assert compared > 100 and len(shapes.routes) < compared / 4


class Reversing(Renderer):
    """A renderer that checks each address it gives against Django's ``reverse``."""

    compared = 0

    def url(self, name: str, language: str, **kwargs: str) -> str:
        with translation.override(language):
            try:
                expected = reverse(f"public:{name}", kwargs=kwargs or None, urlconf=SITE_URLCONF)
            except NoReverseMatch:
                with pytest.raises(NoReverseMatch):
                    super().url(name, language, **kwargs)
                raise
        found = super().url(name, language, **kwargs)
        assert found == expected, (name, kwargs)
        self.compared += 1
        return found


# Codes a route takes that percent-encoding changes (or leaves), and codes it refuses.
ODD_CODES = ("1 2", "指標①", "a%2Fb", "x?y#z", "~:@!$&'()*+,;=", "..", "e\u0301", "[x]", "1-(2)")
REFUSED = {"code": ("12345", "abcdef"), "node_code": ("1/2", "指標"), "indicator": ("a/b", "\t")}


def test_page_addresses_are_those_django_reverses(testville):  # noqa: F811
    r = Reversing(CITY, Reads())
    with r.active():
        pages = site_pages(published_towns(r.reads, None), ["ja", "en"], r)
        assert r.compared == len(pages) > 50
        keys = {"code": "999997", "slug": "2024-2028"}
        names = ["node", *EMBEDDED["measure"], "indicator", *EMBEDDED["indicator"]]
        for name in names:
            at = "node_code" if name.startswith(("node", "measure")) else "indicator"
            for code in ODD_CODES:
                for language in ("ja", "en"):
                    try:
                        r.url(name, language, **keys, **{at: code})
                    except NoReverseMatch:
                        assert at == "node_code"  # only node codes are this strict
            for refused in REFUSED[at]:
                with pytest.raises(NoReverseMatch):
                    r.url(name, "ja", **keys, **{at: refused})
        for refused in REFUSED["code"]:
            with pytest.raises(NoReverseMatch):
                r.url("plan", "en", code=refused, slug="2024-2028")
        with pytest.raises(NoReverseMatch):
            r.url("plan", "ja", code="999997")  # an argument missing
        assert r.url("home", "en") == "/en/"
        assert r.url("sdg-goal", "ja", **keys, goal="7") == "/ja/999997/2024-2028/sdgs/7/"
    with script_prefix("/sub/"):  # outside a run: the prefix of the moment, as reverse reads it
        assert r.url("plan", "ja", **keys) == "/sub/ja/999997/2024-2028/"


def test_the_run_collects_less_often_for_its_length_only():
    before = gc.get_threshold()
    with workers.fewer_collections():
        assert gc.get_threshold() == (workers.YOUNG_OBJECTS, workers.RUN_MIDDLE_AGED, before[2])
    assert gc.get_threshold() == before
    with pytest.raises(KeyError), workers.fewer_collections():
        raise KeyError
    assert gc.get_threshold() == before
