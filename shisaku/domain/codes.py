"""Plan node codes and indicator codes: the one rule for what a code may hold, whatever file
it came from.

A node code is part of every address of the node (``/ja/<town>/<plan>/2-1-1/``), so it holds
only what an address holds unchanged: ASCII letters and digits, ``.``, ``-`` and round
brackets (``2``, ``2-1-1``, ``2-1-1.1.2``, ``1-(2)``). The plan-document reader makes its codes
from the numbers it reads, so they are of this form already; an exchange file (JSON, YAML) is
typed by people and is folded the way the reader folds a document's numbering (full-width
letters and digits, full-width brackets and the dashes plans print become ASCII), then checked.
Invisible and format characters (zero-width space, right-to-left override …) are refused,
never dropped: a code that looks like another must not silently become it.

An indicator code is the plan's own (``K1``, ``2-1-1.K1``, ``（1）①``) and is kept as written;
it may hold anything an address can carry as one segment: no slash and nothing invisible.
"""

from __future__ import annotations

import re
import unicodedata

from shisaku.domain.plandoc_text import fold

CODE_PATTERN = r"[0-9A-Za-z.\-()]+"  # the URL converter of node codes uses this pattern
INDICATOR_PATTERN = r"[^/\x00-\x1f\x7f]+"  # the URL converter of indicator codes uses this
ACCEPTED = (
    "ASCII letters, digits, '.', '-', '(' and ')', such as 2, 2-1-1, 2-1-1.1.2 or 1-(2) "
    "(full-width digits and letters are read as ASCII)"
)
_CODE = re.compile(CODE_PATTERN)


class NodeCodeError(ValueError):
    """A node code holds a character no code may hold; the message says which and what is."""


def normalize_node_code(raw: str) -> str:
    """Return ``raw`` as a node code (full-width folded to ASCII), or raise NodeCodeError."""
    for char in raw:
        if _invisible(char):
            raise NodeCodeError(f"contains the invisible character {_name(char)}; {_expect(raw)}")
    code = fold(raw)
    if not code:
        raise NodeCodeError(f"is empty; {_expect(raw)}")
    bad = next((c for c in code if not _CODE.fullmatch(c)), None)
    if bad is not None:
        raise NodeCodeError(f"contains {_name(bad)}; {_expect(raw)}")
    return code


def indicator_code_problem(code: str) -> str | None:
    """Return what makes ``code`` no indicator code (a slash, an invisible character), or None."""
    for char in code:
        if _invisible(char) and char != " ":
            return f"contains the invisible character {_name(char)}; {_INDICATOR_EXPECTED}"
        if char == "/":
            return f"contains {_name(char)}; {_INDICATOR_EXPECTED}"
    return None


_INDICATOR_EXPECTED = "expected a code without '/' or invisible characters, such as K1 or 2-1-1.K1"


def _invisible(char: str) -> bool:
    """Return whether a character shows nothing: a format, control or separator character."""
    return unicodedata.category(char) in ("Cf", "Cc", "Zl", "Zp") or char.isspace()


def _name(char: str) -> str:
    """Return a character for an error message: U+200B (ZERO WIDTH SPACE), or '/' U+002F."""
    name = unicodedata.name(char, "")
    point = f"U+{ord(char):04X}"
    shown = f"{point} ({name})" if name else point
    return shown if _invisible(char) else f"{char!r} {shown}"


def _expect(raw: str) -> str:
    """Return what a code accepts, with the code as found."""
    return f"expected {ACCEPTED}, found {raw!r}"
