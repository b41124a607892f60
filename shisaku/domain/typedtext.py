"""The one rule for text people type into a cell, a form or an API body (values, notes, sources).

Refused: control characters other than tab and line breaks (PostgreSQL refuses NUL, and none
is ever meant), and the bidirectional controls (U+202A–U+202E, U+2066–U+2069), which make text
read differently from how it is stored (「出典‮」 shows its tail reversed). The file import,
the workspace form and the API all apply this rule, so a text one of them refuses none takes.
"""

from __future__ import annotations

import unicodedata

ALLOWED_CONTROLS = frozenset("\t\n\r")
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def refused_character(text: str) -> str | None:
    """Return the first character of ``text`` the rule refuses, or None."""
    return next((ch for ch in text if _refused(ch)), None)


def _refused(ch: str) -> bool:
    """Return whether a typed text must not hold ``ch``."""
    if ch in BIDI_CONTROLS:
        return True
    return unicodedata.category(ch) == "Cc" and ch not in ALLOWED_CONTROLS


def refusal_ja(ch: str) -> str:
    """Return why ``ch`` is refused, in Japanese (制御文字 U+0007 …)."""
    kind = "書字方向の制御文字" if ch in BIDI_CONTROLS else "制御文字"
    return f"{kind} U+{ord(ch):04X} が含まれています（取り除いてください）"


def refusal_en(ch: str) -> str:
    """Return why ``ch`` is refused, in English."""
    kind = "bidirectional control character" if ch in BIDI_CONTROLS else "control character"
    return f"contains the {kind} U+{ord(ch):04X} (remove it)"
