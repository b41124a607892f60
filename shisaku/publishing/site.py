"""Publish the public site into a folder: every page, its twins, the data package, the styles.

:func:`publish` renders every page of :func:`pages.site_pages` with the views of the live site
(in-process, see :mod:`render`), :data:`TOWNS_AT_ONCE` municipalities at a time: each group's
plans are loaded once into a :class:`Reads` of its own and graded once, its pages rendered in
worker processes forked from it (:mod:`workers`), while this process adds the group's rows to
the data package's tables (:mod:`datapackage`, kept in temporary files), writes the group's
indicator exchange files when the command hands it a function for them, and loads the next
group; then it lets the group go.  So a run holds two groups' plans at most, whatever the
number of municipalities.  After the groups: the prefecture and comparison pages (rendered by
the workers one page at a time, each reading the database itself), the 404 pages, a root page
sending readers to the home page of the first language, the static files the pages link, and
the data package's files, one at a time.
Everything goes through :class:`output.Output`, which writes only what changed.  The files
are the same whatever the size of the groups.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from shisaku.evaluation.reads import Reads
from shisaku.plan.queries import MunicipalityInfo
from shisaku.publishing.datapackage import PackageTables
from shisaku.publishing.extra_files import sitemap_pages, with_prefectures
from shisaku.publishing.output import Output
from shisaku.publishing.pages import Comparisons, Page, named_pages, site_pages
from shisaku.publishing.render import Renderer
from shisaku.publishing.run import ExchangeFiles, SiteRun
from shisaku.publishing.workers import Progress, render_pages

DEFAULT_SITE_URL = "http://localhost"
Towns = list[MunicipalityInfo]
TOWNS_AT_ONCE = 50  # municipalities loaded and rendered at a time (their plans held at once)
logger = logging.getLogger("shisaku.publishing")


class PublishError(Exception):
    """Publishing cannot start: an unknown municipality, or a folder that cannot be written."""


@dataclass(frozen=True)
class PublishReport:
    """What a run produced (pages, files) and did to the folder (written, unchanged, deleted)."""

    pages: int
    files: int
    written: int
    unchanged: int
    deleted: int
    skipped: list[str]  # pages left out: their path cannot be a file name (a code such as "..")
    warnings: list[str]  # what the run found wrong in the folder (a manifest that does not verify)


def publish(
    out_dir: Path,
    *,
    municipality: str | None = None,
    languages: Sequence[str] | None = None,
    site_url: str = DEFAULT_SITE_URL,
    exporter: ExchangeFiles | None = None,
    progress: Progress | None = None,
    licence: str | None = None,
    jobs: int = 1,
    comparisons: Comparisons | None = None,
) -> PublishReport:
    """Write the public site (or one municipality's part of it) into ``out_dir``, rendering the
    pages in ``jobs`` processes.

    ``comparisons`` lists the prefecture and comparison pages (across municipalities: written
    only when the whole site is); they read straight from the database, so the workers render
    them with connections of their own, one page (in every language) a batch.
    """
    langs = list(languages or [code for code, _ in settings.LANGUAGES])
    renderer = Renderer(site_url, Reads())
    with renderer.active():
        towns = published_towns(renderer.reads, municipality)
        out = prepare(out_dir)
        run = SiteRun(renderer, out, langs, site_url.rstrip("/"), licence)
        tables = PackageTables()
        try:
            pages = _town_pages(run, towns, tables, jobs, progress, exporter)
            with timed("the comparison pages, 404 pages and static files"):
                renderer.reads = renderer.reads.site_wide()  # the last group's plans let go
                across = _comparison_pages(comparisons, municipality, langs, renderer)
                render_pages(run, across, jobs, progress, reading=True, size=1)
                run.extras()
            with timed("the data package"):
                run.package(tables, [p for t in towns for p in t.plans])
            out.finish()
        except BaseException:
            out.save(complete=False)
            raise
        finally:
            tables.close()
            out.close()
    return _report(pages + len(across), out, run.skipped)


def _town_pages(
    run: SiteRun,
    towns: list[MunicipalityInfo],
    tables: PackageTables,
    jobs: int,
    progress: Progress | None,
    exporter: ExchangeFiles | None,
) -> int:
    """Render the home page and every page of ``towns``, :data:`TOWNS_AT_ONCE` municipalities
    at a time, adding their rows to the data package's tables; return how many pages.

    Each group is loaded into reads of its own, which the workers rendering its pages inherit;
    meanwhile this process adds the group's rows to the tables, writes its exchange files and
    loads the next group (then lets the group go)."""
    groups = [towns[i : i + TOWNS_AT_ONCE] for i in range(0, len(towns), TOWNS_AT_ONCE)]
    renderer, count = run.r, 0
    with timed("loading the first plans"):
        loaded = [_loaded(groups[0] if groups else [], renderer.reads)]
    for number, group in enumerate(groups or [[]]):
        renderer.reads = current = loaded[0]
        pages = site_pages(group, run.languages, renderer, home=number == 0)
        following = groups[number + 1] if number + 1 < len(groups) else []

        def meanwhile(group: Towns = group, nxt: Towns = following, now: Reads = current) -> None:
            run.data(tables, [p for t in group for p in t.plans], exporter)
            loaded[0] = _loaded(nxt, now)

        with timed(f"{len(group)} municipalities' pages in {jobs} process(es)"):
            render_pages(run, pages, jobs, progress, meanwhile=meanwhile)
        count += len(pages)
    return count


def _loaded(towns: Towns, earlier: Reads) -> Reads:
    """Return reads holding everything the pages of ``towns`` read, starting from what
    ``earlier`` holds about the whole site (read once a run, not once a group)."""
    reads = earlier.site_wide()
    for plan in (p for t in towns for p in t.plans):
        reads.preload(plan)
    return reads


@contextmanager
def timed(step: str) -> Iterator[None]:
    """Log how long a step of the run took (at DEBUG: ``SHISAKU_LOG_LEVEL=DEBUG`` shows it)."""
    started = time.perf_counter()
    yield
    logger.debug("publish: %s took %.2f s", step, time.perf_counter() - started)


def _comparison_pages(
    comparisons: Comparisons | None, municipality: str | None, langs: list[str], r: Renderer
) -> list[Page]:
    """Return the prefecture and comparison pages and the sitemaps, when the whole site is
    written."""
    if comparisons is None or municipality is not None:
        return []
    towns = r.reads.towns()
    found = named_pages(with_prefectures(comparisons(r.reads), towns), langs, r)
    return found + sitemap_pages(towns, langs)


def _report(pages: int, out: Output, skipped: list[str]) -> PublishReport:
    """Return the report of a finished run."""
    counts = out.counts
    files = counts.written + counts.unchanged
    return PublishReport(
        pages, files, counts.written, counts.unchanged, counts.deleted, skipped, out.warnings
    )


def published_towns(reads: Reads, code: str | None) -> list[MunicipalityInfo]:
    """Return the municipalities with a published plan (only ``code`` when given)."""
    towns = reads.towns()
    if code is None:
        return towns
    chosen = [t for t in towns if t.code == code]
    if not chosen:
        known = "、".join(t.code for t in towns) or "なし"
        raise PublishError(f"団体 {code} の公開中の計画はありません（公開中の団体: {known}）")
    return chosen


def prepare(out_dir: Path) -> Output:
    """Create the folder if needed and take it for this run (which shows that files can be
    written in it, and that no other run is writing into it)."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        return Output(out_dir)
    except OSError as error:
        reason = error.strerror or str(error)
        raise PublishError(f"{out_dir}: 書き込めません（{reason}）") from error
