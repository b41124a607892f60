"""The place a page is rendered in, read once: the active language, the URL configuration and
the script prefix, which every link and every text of a page depends on.

Django keeps each in an asgiref ``Local``, a lookup costing microseconds; a page made hundreds
of them.  :func:`settled` reads them once and holds them for a block: a page's template
(the ``{% page %}`` tag of base.html), a public answer's formats (``renderers.respond``) and,
in a publishing run, a whole view (``publishing.render``).  :mod:`shisaku.public.links` and
:mod:`shisaku.public.display` read the held place; outside a block they ask Django.  This
module sits below the interfaces, so the publisher may settle what the public views read.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
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


@contextmanager
def settled() -> Iterator[Place]:
    """Hold the place for the block (a page's template rendering, the ``{% page %}`` tag of
    base.html), read once, or the place already held around it: nothing inside may change the
    language, the URL configuration or the prefix, except inside a :func:`settled_anew` of
    its own (as the sitemap does in each language).  No template or tag of the site changes
    them.  The value lives in a context variable: each thread (request) and task has its own,
    and it is gone when the block ends."""
    here = SETTLED.get()
    if here is not None:
        yield here
        return
    with settled_anew() as here:
        yield here


@contextmanager
def settled_anew() -> Iterator[Place]:
    """Read the place now and hold it for the block, whatever was held around it (code that
    has just changed the language or the routes)."""
    with held(looked_up()) as here:
        yield here


@contextmanager
def held(place: Place) -> Iterator[Place]:
    """Hold ``place`` for the block, whatever was held around it: the place as it is now,
    known to the caller without looking it up (a publishing run, which set the routes and the
    prefix for the whole run and the language for the page, looks each language's place up
    once)."""
    token = SETTLED.set(place)
    try:
        yield place
    finally:
        SETTLED.reset(token)


def language() -> str | None:
    """Return the active language (as Django's ``get_language``), read once per page."""
    here = SETTLED.get()
    return get_language() if here is None else here.language
