"""The open consultations (意見募集) the public pages link to: on the home page, a municipality's
page and the pages of the nodes they concern (docs/voice.md).

Read through :mod:`shisaku.voice.queries` on the municipality's local date: a consultation is
listed from its first day to its last.  The kept pages (:mod:`shisaku.public.kept_pages`) are
keyed by that date too, so a page kept yesterday never lists a consultation closed today.
A published copy of the site (``shisaku publish``) lists none: it holds no consultation's page
(the form needs the live site) and cannot tell on which day it is read.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from shisaku import site_context
from shisaku.domain.plantree import Node
from shisaku.plan.queries import MunicipalityInfo, PlanInfo
from shisaku.voice import queries
from shisaku.voice.models import Audience, Consultation


@dataclass(frozen=True)
class OpenLink:
    """An open consultation as a link: its titles, its page and its last day in words."""

    title_ja: str
    title_en: str
    municipality_ja: str
    municipality_en: str
    url: str
    until: str
    for_children: bool


def _link(item: Consultation, code: str, town_ja: str, town_en: str) -> OpenLink:
    """Return the link to a consultation of the municipality ``code``."""
    return OpenLink(
        title_ja=item.title_ja,
        title_en=item.title_en,
        municipality_ja=town_ja,
        municipality_en=town_en,
        url=reverse("voice:consultation", kwargs={"code": code, "pk": item.pk}),
        until=_("until %(end)s") % {"end": item.ends_on.isoformat()},
        for_children=item.audience == Audience.CHILDREN,
    )


def listed(request: HttpRequest) -> bool:
    """Tell whether the page lists open consultations: on the live site, not a published copy."""
    return not site_context.of(request).published


def open_in(request: HttpRequest, town: MunicipalityInfo) -> list[OpenLink]:
    """Return a municipality's consultations open today, the soonest to close first."""
    if not listed(request):
        return []
    found = queries.open_consultations(town.code, timezone.localdate())
    return [_link(item, town.code, town.name_ja, town.name_en) for item in found]


def open_everywhere(request: HttpRequest, towns: list[MunicipalityInfo]) -> list[OpenLink]:
    """Return the open consultations of the municipalities, town by town."""
    return [link for town in towns for link in open_in(request, town)]


def open_on(request: HttpRequest, plan: PlanInfo, path: list[Node]) -> list[OpenLink]:
    """Return the consultations open today on a node (the last of ``path``, its nodes from the
    top), on a node above it or on its whole plan."""
    if not listed(request):
        return []
    codes = [node.code for node in path]
    found = queries.open_on_codes(plan.id, codes, timezone.localdate())
    names = plan.municipality_code, plan.municipality_name_ja, plan.municipality_name_en
    return [_link(item, *names) for item in found]
