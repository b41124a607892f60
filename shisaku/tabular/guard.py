"""The formula-injection guard shared by every CSV the system writes and reads back.

A cell a spreadsheet would run as a formula (starting with = + @ tab or CR, or with - when it
is not a number or a no-data mark such as 「-」) is written with an apostrophe in front, and
reading takes exactly that apostrophe away again.  Numbers stay numbers: 「-5」「-1,820人」.
"""

from __future__ import annotations

from shisaku.domain.values import CellError, read_value

_TRIGGERS = frozenset("=+@\t\r")
GUARDED_HEADS = frozenset("=+@\t\r-'")  # the first characters of every cell guard may change
_PLAIN_KINDS = frozenset({"number", "missing"})


def needs_guard(text: str) -> bool:
    """Return whether a spreadsheet could run ``text`` as a formula (it needs an apostrophe)."""
    head = text[:1]
    if head in _TRIGGERS and head:
        return True
    if head == "-":
        return not _plain_value(text)
    return head == "'" and needs_guard(text[1:])


def _plain_value(text: str) -> bool:
    """Return whether ``text`` reads as a number or a no-data mark (「-5」「-」)."""
    try:
        return read_value(text).kind in _PLAIN_KINDS
    except CellError:
        return False


def guard(text: str) -> str:
    """Return ``text`` made safe to open in a spreadsheet."""
    return "'" + text if needs_guard(text) else text


def unguard(text: str) -> str:
    """Return ``text`` without the apostrophe that ``guard`` added (and only that one)."""
    return text[1:] if text[:1] == "'" and needs_guard(text[1:]) else text
