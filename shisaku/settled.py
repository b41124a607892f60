"""The place a page is rendered in, read once: the active language, the URL configuration and
the script prefix, which every link and every text of a page depends on.

Django keeps each in an asgiref ``Local``, a lookup costing microseconds; a page made hundreds
of them.  :func:`settled` reads them once and holds them for a block: a page's template
(the ``{% frame %}`` tag, ``shisaku_public.Frame``), a public answer's formats
(``renderers.respond``) and, in a publishing run, a whole view (``publishing.render``).
:mod:`shisaku.public.links` and :mod:`shisaku.public.display` read the held place; outside a
block they ask Django.  This module sits below the interfaces, so the publisher may settle
what the public views read.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from contextvars import ContextVar, Token
from typing import NamedTuple

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf
from django.utils.translation import get_language


class Place(NamedTuple):
    """What a URL depends on besides its name and arguments: the active language (as Django's
    ``get_language`` gives it), the URL configuration and the script prefix."""

    language: str | None
    urlconf: str
    prefix: str


def looked_up() -> Place:
    """Return the place as Django holds it now (three lookups of asgiref ``Local`` values)."""
    return Place(get_language(), get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())


# The place held fixed while a page renders (:func:`settled`), else None: read once, not three
# lookups of asgiref ``Local`` values for each of a page's links and one for each text shown.
SETTLED: ContextVar[Place | None] = ContextVar("shisaku_place", default=None)


class _Holding:
    """The block of :func:`settled`, :func:`settled_anew` or :func:`held`: the place it holds
    (None: the one read when it begins) and whether it takes one held around it.  A class, not
    a generator's context: a publishing run enters three of these a page."""

    __slots__ = ("anew", "place", "token")

    def __init__(self, place: Place | None, anew: bool) -> None:
        self.place, self.anew = place, anew
        self.token: Token[Place | None] | None = None

    def __enter__(self) -> Place:
        here = None if self.anew else SETTLED.get()
        if here is not None:
            return here
        place = looked_up() if self.place is None else self.place
        self.token = SETTLED.set(place)
        return place

    def __exit__(self, *exc: object) -> None:
        if self.token is not None:
            SETTLED.reset(self.token)


def settled() -> AbstractContextManager[Place]:
    """Hold the place for the block (a page's template rendering: the ``{% frame %}`` tag),
    read once, or the place already held around it: nothing inside may change the language,
    the URL configuration or the prefix, except inside a :func:`settled_anew` of its own (as
    the sitemap does in each language).  No template or tag of the site changes them.  The
    value lives in a context variable: each thread (request) and task has its own, and it is
    gone when the block ends."""
    return _Holding(None, anew=False)


def settled_anew() -> AbstractContextManager[Place]:
    """Read the place now and hold it for the block, whatever was held around it (code that
    has just changed the language or the routes)."""
    return _Holding(None, anew=True)


def held(place: Place) -> AbstractContextManager[Place]:
    """Hold ``place`` for the block, whatever was held around it: the place as it is now,
    known to the caller without looking it up (a publishing run, which set the routes and the
    prefix for the whole run and the language for the page, looks each language's place up
    once)."""
    return _Holding(place, anew=True)


def language() -> str | None:
    """Return the active language (as Django's ``get_language``), read once per page."""
    here = SETTLED.get()
    return get_language() if here is None else here.language
