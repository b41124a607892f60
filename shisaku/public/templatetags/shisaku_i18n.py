"""``{% translate %}`` for the public pages: a constant message translated once per language.

Django's tag makes a lazy string of its message on every render and translates it anew (some
14 µs; a policy page has twenty).  Loaded after ``i18n`` (``{% load i18n shisaku_i18n %}``),
this tag parses the same syntax with Django's own parser; a message that is a plain literal
(no filter, context, ``noop`` or ``as``) is rendered by Django's node the first time in each
language and its text kept, any other is Django's node as it is.  The catalogue's scanners
(makemessages, tests/test_i18n_catalogue.py) read the templates as before.
"""

from __future__ import annotations

from django import template
from django.templatetags.i18n import TranslateNode, do_translate

from shisaku.public import links

register = template.Library()


class ConstantTranslation(template.Node):
    """A literal message, rendered by Django's node once per language and then kept."""

    def __init__(self, node: TranslateNode) -> None:
        self.node = node
        self.kept: dict[str | None, str] = {}

    def render(self, context: template.Context) -> str:
        """Return the message in the active language (a ``SafeString``, as Django's node)."""
        language = links.language()
        found = self.kept.get(language)
        if found is None:
            found = self.kept[language] = self.node.render(context)
        return found


@register.tag("translate")
def translate(parser: template.base.Parser, token: template.base.Token) -> template.Node:
    """Parse ``{% translate … %}`` as Django does; keep a constant message's translations."""
    node = do_translate(parser, token)
    return ConstantTranslation(node) if _constant(node) else node


def _constant(node: template.Node) -> bool:
    """Return whether a translate node gives a literal message, with nothing else to resolve."""
    if not isinstance(node, TranslateNode):
        return False
    expression = node.filter_expression
    var = expression.var
    plain = node.asvar is None and node.message_context is None and not node.noop
    literal = isinstance(var, template.Variable) and var.literal is not None
    return plain and literal and var.lookups is None and not expression.filters
