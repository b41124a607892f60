"""The type of what the chart writers return: an SVG element as markup, safe in HTML as it is.

The writers escape every text node they draw (titles, descriptions, labels), so their output
is markup, not text to escape again.  :class:`Svg` says so in the type and to Django without
importing it: Django's escaping and templates leave any value with ``__html__`` as it is (the
protocol ``format_html``, ``conditional_escape`` and ``mark_safe`` honour), so a chart placed in
a page, a ``format_html`` argument or a template is never escaped twice, and plain ``str``
never carries a chart's HTML.
"""

from __future__ import annotations


class Svg(str):
    """An inline SVG element whose text nodes are escaped: HTML-safe as it is."""

    __slots__ = ()

    def __html__(self) -> str:
        """Return the markup itself (it needs no escaping)."""
        return str(self)


NO_CHART = Svg("")  # what a writer returns when there is nothing to draw
