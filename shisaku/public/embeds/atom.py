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
from datetime import datetime
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from django.utils.feedgenerator import rfc3339_date
from django.utils.xmlutils import UnserializableContentError

CONTROL = re.compile(r"[\x00-\x08\x0B-\x0C\x0E-\x1F]")  # refused by XML 1.0, as Django does
SUMMARY = ' type="html"'  # the attributes of a summary


def entry(item: dict[str, Any]) -> str:
    """Return the markup of one entry."""
    published = rfc3339_date(item["pubdate"])
    updated = published if item["updateddate"] is item["pubdate"] else None
    return _entry(
        element("title", item["title"]),
        item["link"],
        published,
        updated or rfc3339_date(item["updateddate"]),
        item["unique_id"],
        element("summary", item["description"], SUMMARY),
    )


def summarised(title: str, href: str, when: datetime, unique_id: str) -> str:
    """Return the markup of an entry summarised by its title, published and updated ``when``
    (the entries of our feeds: :func:`entry` of the item Django's ``add_item`` makes of them),
    its title and date checked and escaped once, its link's attribute ``href`` given
    (:func:`attribute`: an indicator's entries share it)."""
    text, stamp = _text(title), _text(rfc3339_date(when))
    return (
        f'<entry>{_element("title", text)}<link href={href} rel="alternate"/>'
        f"{_element('published', stamp)}{_element('updated', stamp)}{element('id', unique_id)}"
        f"{_element('summary', text, SUMMARY)}</entry>"
    )


def attribute(text: str) -> str:
    """Return ``text`` as an attribute's value, quoted and escaped."""
    return quoteattr(text)


def _entry(
    title: str, link: str, published: str, updated: str, unique_id: str, summary: str
) -> str:
    """Return an entry's markup from its title and summary elements and its other fields."""
    return "".join(
        (
            "<entry>",
            title,
            f'<link href={quoteattr(link)} rel="alternate"/>',
            element("published", published),
            element("updated", updated),
            element("id", unique_id),
            summary,
            "</entry>",
        )
    )


def element(name: str, text: str, attributes: str = "") -> str:
    """Return an element with ``text`` (escaped) and ``attributes`` (written as they are)."""
    return _element(name, _text(text), attributes)


def _text(text: str) -> str:
    """Return ``text`` escaped, refusing the control characters XML 1.0 refuses."""
    if CONTROL.search(text):
        raise UnserializableContentError("Control characters are not supported in XML 1.0")
    return escape(text)


def _element(name: str, escaped: str, attributes: str = "") -> str:
    """Return an element with ``escaped`` text, closed as ``<name/>`` when empty."""
    if not escaped:
        return f"<{name}{attributes}/>"
    return f"<{name}{attributes}>{escaped}</{name}>"
