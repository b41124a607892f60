"""An Atom feed's entries written as strings, the bytes Django's Atom writer makes.

Django's :class:`~django.utils.feedgenerator.Atom1Feed` writes every element through a SAX
generator, a dozen small writes to the output per element: for the 50 entries of each of a
plan's feeds, most of the time a publishing run spent writing feeds.  :func:`entry` makes an
entry's markup in one string, element by element as Django's ``add_item_elements`` does for the
fields our feeds give (title, link, dates, id, summary), with the same escaping (the SAX
generator's ``escape`` for text, ``quoteattr`` for attributes), the attributes in the order
Django sorts them to, an empty element closed as ``<name/>`` and the same refusal of control
characters.  Our feeds' entries have no other field (an author, enclosures, categories,
rights): :class:`~shisaku.public.embeds.feeds.PlanFeed` adds them.
"""

from __future__ import annotations

import re
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from django.utils.feedgenerator import rfc3339_date
from django.utils.xmlutils import UnserializableContentError

CONTROL = re.compile(r"[\x00-\x08\x0B-\x0C\x0E-\x1F]")  # refused by XML 1.0, as Django does


def entry(item: dict[str, Any]) -> str:
    """Return the markup of one entry."""
    published = rfc3339_date(item["pubdate"])
    updated = published if item["updateddate"] is item["pubdate"] else None
    return "".join(
        (
            "<entry>",
            element("title", item["title"]),
            f'<link href={quoteattr(item["link"])} rel="alternate"/>',
            element("published", published),
            element("updated", updated or rfc3339_date(item["updateddate"])),
            element("id", item["unique_id"]),
            element("summary", item["description"], ' type="html"'),
            "</entry>",
        )
    )


def element(name: str, text: str, attributes: str = "") -> str:
    """Return an element with ``text`` (escaped) and ``attributes`` (written as they are)."""
    if CONTROL.search(text):
        raise UnserializableContentError("Control characters are not supported in XML 1.0")
    if not text:
        return f"<{name}{attributes}/>"
    return f"<{name}{attributes}>{escape(text)}</{name}>"
