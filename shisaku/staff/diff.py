"""Character differences between two texts, for the drafts page (Japanese has no spaces)."""

from __future__ import annotations

from difflib import SequenceMatcher

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _


def _part(tag: str, old: str, new: str) -> str:
    """Return the HTML of one opcode of the comparison."""
    deleted = format_html(
        '<del><span class="visually-hidden">{} </span>{}</del>', _("deleted:"), old
    )
    inserted = format_html(
        '<ins><span class="visually-hidden">{} </span>{}</ins>', _("inserted:"), new
    )
    if tag == "equal":
        return str(escape(old))
    if tag == "delete":
        return deleted
    if tag == "insert":
        return inserted
    return deleted + inserted


def diff_html(old: str, new: str) -> SafeString:
    """Return ``new`` marked up against ``old``: deletions in <del>, insertions in <ins>."""
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    parts = [_part(tag, old[i1:i2], new[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes()]
    return mark_safe("".join(parts))  # every part is escaped above
