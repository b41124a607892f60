"""The HTML builder of the long tables: format_html's rule (text escaped, markup kept)."""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy

from shisaku.graphics.svg import Svg
from shisaku.public.markup import html, html_join

HOSTILE = "<script>alert('x')</script> & \"y\""
CASES = [
    ("<td>{}</td>", (HOSTILE,)),
    ("<td>{}</td>", (mark_safe("<b>kept</b>"),)),
    ("<td>{}</td>", (Svg('<svg role="img"></svg>'),)),
    ("<td>{}</td>{}", (12, gettext_lazy("Kind"))),
    ('<a href="{}">{}</a>', ('/ja/?a=1&b="2"', SafeString("<i>x</i>"))),
]


def test_it_answers_exactly_what_format_html_answers():
    for template, args in CASES:
        built = html(template, *args)
        assert (type(built), built) == (SafeString, format_html(template, *args))


def test_named_fields_and_joined_rows_are_built_by_the_same_rule():
    assert html("{a}|{b}", a=HOSTILE, b=mark_safe("<br>")) == format_html(
        "{a}|{b}", a=HOSTILE, b=mark_safe("<br>")
    )
    rows = [(HOSTILE, mark_safe("<b>1</b>")), ("2", "<3>")]
    joined = html_join("\n", "<tr><td>{}</td><td>{}</td></tr>", rows)
    assert (type(joined), joined) == (
        SafeString,
        format_html_join("\n", "<tr><td>{}</td><td>{}</td></tr>", rows),
    )
