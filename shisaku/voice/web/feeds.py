"""Atom feeds to follow consultations: a municipality's, one consultation's, one measure's.

Each consultation gives an entry when it opens and another when its result is published; a
feed reader then tells its follower both. Entries carry titles and links only: never an
opinion's text (moderation may still hide it) and never a contact.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from shisaku.voice import queries
from shisaku.voice.models import Consultation, State
from shisaku.voice.web.public import consultation_or_404, town_or_404

LIMIT = 50


def _events(item: Consultation) -> list[tuple[str, datetime, str]]:
    """Return a consultation's entries: (what happened, when, the entry's kind)."""
    title = queries.in_language(item.title_ja, item.title_en)
    found = [(_("Consultation opened: %(title)s") % {"title": title}, item.created_at, "opened")]
    if item.result_published_at is not None:
        what = _("Result published: %(title)s") % {"title": title}
        found.append((what, item.result_published_at, "result"))
    return found


def _feed(request: HttpRequest, title: str, items: Iterable[Consultation]) -> HttpResponse:
    """Return an Atom feed of the consultations' entries, newest first."""
    feed = Atom1Feed(title=title, link=request.build_absolute_uri(), description="")
    entries = [(when, what, kind, item) for item in items for what, when, kind in _events(item)]
    for when, what, kind, item in sorted(entries, key=lambda e: e[0], reverse=True)[:LIMIT]:
        kwargs = {"code": item.municipality.code, "pk": item.pk}
        link = request.build_absolute_uri(reverse("voice:consultation", kwargs=kwargs))
        feed.add_item(
            title=what,
            link=link,
            description="",
            unique_id=f"{link}#{kind}",
            updateddate=when,
            pubdate=when,
        )
    return HttpResponse(feed.writeString("utf-8"), content_type="application/atom+xml")


def _mine(code: str) -> QuerySet[Consultation]:
    """Return the municipality's consultations with what the entries need."""
    return Consultation.objects.filter(municipality__code=code).select_related("municipality")


def town_feed(request: HttpRequest, code: str) -> HttpResponse:
    """Follow every consultation of a municipality."""
    town = town_or_404(code)
    name = queries.in_language(town.name_ja, town.name_en)
    return _feed(request, _("Consultations of %(town)s") % {"town": name}, _mine(code))


def consultation_feed(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """Follow one consultation."""
    item = consultation_or_404(code, pk)
    return _feed(request, queries.in_language(item.title_ja, item.title_en), [item])


def measure_feed(request: HttpRequest, code: str, node: str) -> HttpResponse:
    """Follow a measure: the consultations on it, and those with published opinions on it."""
    town_or_404(code)
    about = Q(node__code=node) | Q(
        opinions__node__code=node,
        opinions__state=State.PUBLISHED,
        result_published_at__isnull=False,
    )
    items = _mine(code).filter(about).distinct()
    return _feed(request, _("Consultations on measure %(code)s") % {"code": node}, items)
