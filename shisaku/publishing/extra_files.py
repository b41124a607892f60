"""The files of a run that no page of a plan gives: the sitemaps, and the list of prefectures
that the home page and every comparison page link.

When the whole site is written in every language, the run writes the sitemaps as the live
site answers them: ``/sitemap.xml`` (the index), ``/sitemaps/site.xml`` (the home page, the
prefectures and the comparisons) and ``/sitemaps/<code>.xml`` per municipality, whose
addresses are the copy's (absolute, on the run's site address, each page in every language).
A run of one municipality or one language writes no sitemap: it would name pages the copy does
not hold.  Each sitemap is a :class:`Page` written ``alone``, as the file it names.

The feeds, widgets, badges and share pages of each plan are pages of the plan
(:func:`pages.plan_pages`).
"""

from __future__ import annotations

from django.conf import settings

from shisaku.plan.queries import MunicipalityInfo
from shisaku.publishing.pages import Named, Page

PREFECTURES: Named = ("prefectures", {})  # the list every comparison page's trail links


def sitemap_pages(towns: list[MunicipalityInfo], languages: list[str]) -> list[Page]:
    """Return the sitemap files (the index, the site's and one per municipality), written
    when the whole site is, in every language."""
    if set(languages) != {code for code, _ in settings.LANGUAGES}:
        return []
    names = ["site", *(town.code for town in towns)]
    files = ["/sitemap.xml", *(f"/sitemaps/{name}.xml" for name in names)]
    return [Page(languages[0], path, alone=True) for path in files]


def with_prefectures(found: list[Named], towns: list[MunicipalityInfo]) -> list[Named]:
    """Return the prefecture and comparison pages with the list of prefectures, which the home
    page (when it lists municipalities) and every comparison page link, even when no
    prefecture has a page of its own."""
    if not (towns or found) or PREFECTURES in found:
        return found
    return [PREFECTURES, *found]
