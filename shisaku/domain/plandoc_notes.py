"""Attach ※ footnotes to the text that uses their term, once the whole document is read.

Footnotes usually sit at the foot of a page or at the end of a chapter, after the sentence that
marks the term (「関係人口」※).  Resolution waits for the end of the document so that sentences
rejoined across page breaks are complete, and searches backwards a bounded number of holders so
that a long plan is still read in linear time.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from shisaku.domain.plantree import Block, Footnote, Node, Warning

Holder = Block | Node
# How far back a footnote looks for its term, in blocks and titles: far more than a chapter.
SEARCH_LIMIT = 2000
# The ways a term is marked in the text, most specific first.
_MARKS = ("」※", "』※", "）※", "※")


def holder_text(holder: Holder) -> str:
    """Return the text of a block, or the title of a node (an action bullet)."""
    return holder.text if isinstance(holder, Block) else holder.title


@dataclass
class _Pending:
    note: Footnote
    line: int
    position: int  # how many holders preceded the footnote
    fallback: Node


@dataclass
class NoteIndex:
    """Texts in document order, plus the footnotes waiting to be attached to one of them."""

    holders: list[Holder] = field(default_factory=list)
    pending: list[_Pending] = field(default_factory=list)

    def add(self, holder: Holder) -> None:
        """Record a block or an action title that a later footnote may explain."""
        self.holders.append(holder)

    def replace(self, old: Holder, new: Holder) -> None:
        """Put ``new`` in the place of ``old`` (a list item that became an action)."""
        for i in range(len(self.holders) - 1, -1, -1):
            if self.holders[i] is old:
                self.holders[i] = new
                return

    def defer(self, note: Footnote, line: int, fallback: Node) -> None:
        """Queue ``note``; ``fallback`` takes it if its term is found nowhere before it."""
        self.pending.append(_Pending(note, line, len(self.holders), fallback))

    def resolve(self) -> list[Warning]:
        """Attach every queued footnote; return a warning for each that had to fall back."""
        return [w for p in self.pending if (w := self._attach(p)) is not None]

    def _attach(self, pending: _Pending) -> Warning | None:
        """Attach one footnote to its holder, or to its fallback node with a warning."""
        holder = self._find(pending)
        if holder is not None:
            holder.footnotes.append(pending.note)
            return None
        pending.fallback.footnotes.append(pending.note)
        message = (
            f"※{pending.note.term} の語が前の本文に見つからないため、"
            f"{pending.fallback.code} に付けました。"
        )
        return Warning(pending.line, "unattached_footnote", message)

    def _find(self, pending: _Pending) -> Holder | None:
        """Return the nearest preceding holder marking the term, else merely containing it."""
        window = self.holders[max(0, pending.position - SEARCH_LIMIT) : pending.position]
        term = pending.note.term
        marked = tuple(term + mark for mark in _MARKS)
        texts = [(h, holder_text(h)) for h in reversed(window)]
        found = next((h for h, text in texts if any(m in text for m in marked)), None)
        return found or next((h for h, text in texts if term in text), None)
