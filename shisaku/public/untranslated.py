"""What a page shows in Japanese for want of a translation, told once near the top.

An English page used to put 「(Japanese only)」 after every untranslated element; a page with
thirty of them read as noise.  Now each fallback is recorded, by kind, while the page renders
(:func:`record`), and the page opens with one notice listing the kinds and how many of each
(:func:`notice`).  The Japanese itself stays in place inside ``lang="ja"``, so screen readers
still switch voice.  The same text shown twice on a page (a title in the outline and in the
heading) counts once.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from contextvars import ContextVar, Token
from functools import lru_cache

from django.utils.functional import Promise
from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.translation import gettext, gettext_lazy

from shisaku import settled

# Kinds of content in the order the notice lists them.
KINDS: dict[str, Promise] = {
    "field": gettext_lazy("field titles"),
    "policy": gettext_lazy("policy titles"),
    "measure": gettext_lazy("measure titles"),
    "initiative": gettext_lazy("initiative titles"),
    "action": gettext_lazy("action items"),
    "passage": gettext_lazy("passages of plan text"),
    "table": gettext_lazy("table cells"),
    "note": gettext_lazy("notes on terms"),
    "indicator": gettext_lazy("indicator names"),
    "indicator_text": gettext_lazy("indicator definitions and notes"),
    "unit": gettext_lazy("indicator units"),
    "evaluation": gettext_lazy("evaluation texts"),
    "explanation": gettext_lazy("labels and explanations"),
    "hit": gettext_lazy("search results"),
    "text": gettext_lazy("other texts"),
}
Tally = dict[str, set[str]]
_TALLY: ContextVar[Tally | None] = ContextVar("untranslated", default=None)


def record(kind: str, text: str) -> None:
    """Note that ``text`` (of a kind in :data:`KINDS`) shows in Japanese on this page."""
    tally = _TALLY.get()
    if tally is not None:
        tally.setdefault(kind if kind in KINDS else "text", set()).add(text)


def tallying() -> AbstractContextManager[Tally]:
    """Collect, for the duration, what the rendering shows in Japanese (joining a tally begun
    by the view, which may have built parts of the page before rendering it)."""
    return _Tallying()


class _Tallying:
    """The block of :func:`tallying` (a class, not a generator's context: a published page
    enters two)."""

    __slots__ = ("token",)

    def __init__(self) -> None:
        self.token: Token[Tally | None] | None = None

    def __enter__(self) -> Tally:
        outer = _TALLY.get()
        if outer is not None:
            return outer
        tally: Tally = {}
        self.token = _TALLY.set(tally)
        return tally

    def __exit__(self, *exc: object) -> None:
        if self.token is not None:
            _TALLY.reset(self.token)


def counts(tally: Tally) -> list[tuple[str, int]]:
    """Return (label, count) for each kind found, in the order of :data:`KINDS`."""
    labels = _words(settled.language())[0]
    return [(labels[kind], len(tally[kind])) for kind in KINDS if tally.get(kind)]


def notice(tally: Tally) -> SafeString:
    """Return the page's one notice of untranslated content, or nothing when there is none."""
    found = counts(tally) if tally else []  # most pages: nothing to count
    if not found:
        return SafeString("")
    _, sentence, shown = _words(settled.language())
    items = ", ".join(f"{label} ({count})" for label, count in found)
    return SafeString(
        '<div class="untranslated-notice" role="note">'
        f"<p>{escape(sentence % {'items': items})}</p><p>{shown}</p></div>\n"
    )


@lru_cache(maxsize=8)
def _words(language: str | None) -> tuple[dict[str, str], str, str]:
    """Return the notice's words in ``language`` (the active one), translated once a language
    rather than on every page that has a notice: the kinds' labels, the sentence listing them
    and the one saying they show in Japanese (escaped, as ``format_html`` escaped it)."""
    labels = {kind: str(label) for kind, label in KINDS.items()}
    sentence = gettext("Not yet translated on this page: %(items)s.")
    return labels, sentence, escape(gettext("These parts are shown in Japanese."))
