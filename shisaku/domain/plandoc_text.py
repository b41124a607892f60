"""Text repairs and matching forms shared by every step of the plan-document reader.

Body text is kept verbatim; these functions either repair what a PDF extraction broke in a way
no author meant (overprinted bold, letter-spaced headings, radical characters in place of kanji)
or give a *matching form* of a line, used only to recognise it (NFKC-like widths, no spaces).
"""

from __future__ import annotations

import re
import unicodedata

# Characters a text copy of a PDF carries that no author typed.
INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060\u00ad"
_INVISIBLE_RE = re.compile(f"[{INVISIBLE}]")
# A space between two non-ASCII characters of a heading is PDF letter-spacing.
_WIDE_RE = re.compile(r"[^\x00-\x7f\s]")
# Full-width ASCII and the ideographic space, folded for matching (circled digits, Roman
# numerals and parenthesised digits stay: they are numbering forms of their own).
_WIDTH = str.maketrans(
    {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}
    | {"\u3000": " ", "\u00a0": " ", "−": "-", "‐": "-", "‑": "-", "–": "-", "—": "-"}
    | {"―": "-", "〜": "~", "～": "~"}
)
# CJK Radicals Supplement characters some PDFs use instead of the ordinary kanji, mapped by
# Unicode's Equivalent_Unified_Ideograph property (only radicals whose equivalent is a kanji that
# stands alone in Japanese text); the Kangxi Radicals block is folded by NFKC.
_RADICALS = str.maketrans(
    {
        "\u2e81": "厂",
        "\u2e8a": "卜",
        "\u2e92": "巳",
        "\u2e93": "幺",
        "\u2e9c": "日",
        "\u2e9d": "月",
        "\u2e9f": "母",
        "\u2ea0": "民",
        "\u2ea7": "牛",
        "\u2ea9": "王",
        "\u2eab": "目",
        "\u2eac": "示",
        "\u2eae": "竹",
        "\u2eb6": "羊",
        "\u2eb7": "羊",
        "\u2ec1": "虎",
        "\u2ec4": "西",
        "\u2ec6": "角",
        "\u2ed1": "長",
        "\u2ed7": "雨",
        "\u2ed8": "青",
        "\u2edd": "食",
        "\u2ee3": "骨",
        "\u2ee4": "鬼",
        "\u2ee9": "黄",
        "\u2eeb": "斉",
        "\u2eed": "歯",
        "\u2eef": "竜",
        "\u2ef2": "亀",
    }
)
_KANGXI = re.compile("[\u2f00-\u2fd5]")
# Overprinted bold as a text copy shows it: every character 2–4 times (「総総合合計計画画」).
_RUN_RE = re.compile(r"(.)\1*", re.DOTALL)


def strip_invisible(text: str) -> str:
    """Return ``text`` without zero-width characters, soft hyphens and byte order marks."""
    return _INVISIBLE_RE.sub("", text)


def fold_radicals(text: str) -> str:
    """Return ``text`` with radical characters used for kanji mapped to the ordinary kanji."""
    text = text.translate(_RADICALS)
    return _KANGXI.sub(lambda m: unicodedata.normalize("NFKC", m[0]), text)


def squeeze(text: str) -> str:
    """Return ``text`` with every whitespace character removed (for matching only)."""
    return "".join(text.split())


def fold(text: str) -> str:
    """Return the matching form of ``text``: ASCII widths, one kind of space and dash."""
    return text.translate(_WIDTH)


def match_key(text: str) -> str:
    """Return the tightest matching form: NFKC, no spaces (titles, labels, repeated lines)."""
    return squeeze(unicodedata.normalize("NFKC", text))


def collapse_title(title: str) -> str:
    """Return a heading title without PDF letter-spacing (「子 ど も」→「子ども」)."""
    words = title.split()
    singles = sum(len(w) == 1 for w in words)
    if len(words) >= 3 and singles * 2 > len(words):
        return _unspaced(title.strip())
    return title.strip()


def _unspaced(title: str) -> str:
    """Join the words of a letter-spaced title where the spaces are letter-spacing.

    A space goes between two non-ASCII characters (「子 ど も」) or between two words of one
    letter each (「I C T の」); it stays around a longer Latin word (「学 校 ICT 環 境」).
    """
    parts = re.split(r"(\s+)", title)
    for n in range(1, len(parts) - 1, 2):
        before, after = parts[n - 1], parts[n + 1]
        if (len(before) == 1 and len(after) == 1) or (
            _WIDE_RE.match(before[-1]) and _WIDE_RE.match(after[0])
        ):
            parts[n] = ""
    return "".join(parts)


_GLUED_REPEAT = re.compile(r"^(\S{2,10}?)\1+$")
# A word of Japanese made by doubling a kana unit (いきいき, すくすく, のびのび, ますます): a word,
# not a run printed twice.
_REDUPLICATED = re.compile(r"^([\u3041-\u309f\u30a0-\u30ff]{2,3})\1$")
# A value cell (50.0%, 10位, △3): two equal values side by side are a row's baseline and target.
_VALUE_TOKEN = re.compile(r"^[△▲+＋\-−]?[0-9０-９]")


def _unrepeated_token(token: str) -> str:
    """Return a token printed several times glued together once (施策１施策１施策１ → 施策１)."""
    m = _GLUED_REPEAT.match(token)
    if not m or m[1].isdigit() or _REDUPLICATED.match(token):
        return token
    return m[1]


def _repeats(once: list[str], n: int) -> bool:
    """Tell whether the n-th token repeats the one before it as an overprinted run: a run of
    four characters or more, or a bracketed label (a schedule's 「拡充 拡充」 are two years)."""
    token = once[n]
    long = len(token) >= _OVERPRINT_MIN or token[:1] in "【［〔（(「"
    return n > 0 and once[n - 1] == token and long and not _VALUE_TOKEN.match(token)


_OVERPRINT_MIN = 4


def unrepeat(text: str) -> str:
    """Return a line whose text runs were each printed several times with them printed once.

    Some PDFs draw a bold run 2–4 times at nearly the same place, and a text copy then gives
    「【基本目標１】 【基本目標１】 子育て世代に 子育て世代に選ばれるまち 選ばれるまち」 or
    「施策１施策１施策１」: runs repeated side by side are kept once, and then a run that only
    begins or ends a longer one next to it is dropped.  Each cell of a row cut by tabs is
    repaired on its own, and values (「50.0% 50.0%」) and doubled words (いきいき) are never
    taken for repeats.  Other lines are returned unchanged.
    """
    if "\t" in text:
        return "\t".join(unrepeat(cell) for cell in text.split("\t"))
    tokens = text.split()
    once = [_unrepeated_token(t) for t in tokens]
    kept = [t for n, t in enumerate(once) if not _repeats(once, n)]
    if kept == tokens:
        return text
    if len(kept) < len(once):
        kept = [t for n, t in enumerate(kept) if not _part_of_neighbour(t, kept, n)]
    return " ".join(kept)


def _part_of_neighbour(token: str, tokens: list[str], n: int) -> bool:
    """Tell whether the n-th token only begins or ends a longer token next to it."""
    neighbours = tokens[max(n - 1, 0) : n] + tokens[n + 1 : n + 2]
    return any(
        len(o) > len(token) and (o.startswith(token) or o.endswith(token)) for o in neighbours
    )


def undouble(text: str) -> str:
    """Return ``text`` with overprinting undone when every character repeats 2–4 times alike.

    A line is repaired only when it has at least three runs and every run of a non-space
    character has the same length k (2 ≤ k ≤ 4): ordinary text never looks like that.
    """
    runs = [m[0] for m in _RUN_RE.finditer(text.strip())]
    marks = [r for r in runs if not r.isspace()]
    if len(marks) < 3:
        return text
    k = len(marks[0])
    if not 2 <= k <= 4 or any(len(r) != k for r in marks):
        return text
    return "".join(r if r.isspace() else r[0] for r in runs)
