"""Classify one line of a plan document (PDF-to-text output) by its form alone.

Each rule in :data:`RULES` looks at a stripped line and either claims it or passes; the first
rule that claims it wins and a line nobody claims is plain text.  Heading titles are cleaned
of PDF letter-spacing; body text is never changed beyond trimming its ends and its marker.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

LineKind = Literal[
    "blank", "page", "heading", "section", "group", "bullet", "footnote", "row", "text"
]

# Section words as plans print them → the section key ("initiatives" opens 主な取組 groups).
SECTION_WORDS: dict[str, str] = {
    "現状と課題": "situation",
    "現状及び課題": "situation",
    "現状・課題": "situation",
    "基本方向": "direction",
    "基本的方向": "direction",
    "施策の体系": "diagram",
    "施策体系": "diagram",
    "主な取組": "initiatives",
    "主な取組み": "initiatives",
    "主な取り組み": "initiatives",
    "主要な取組": "initiatives",
    "目標とする指標": "indicators",
    "成果指標": "indicators",
    "目標指標": "indicators",
}

# Characters that end a sentence: a line ending otherwise was cut by a page or line break.
SENTENCE_END = frozenset("。．！？」』）.!?)")
_HEADING_END = frozenset("。．！？.!?")
_SEPARATORS = "-－‐ー―−‑–—"
_DIGITS = "0-9０-９"
_CODE_TABLE = str.maketrans(
    "０１２３４５６７８９" + _SEPARATORS, "0123456789" + "-" * len(_SEPARATORS)
)
_KANJI_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")}
_BRACKETS = {
    "《": "》",
    "≪": "≫",
    "【": "】",
    "〈": "〉",
    "＜": "＞",
    "〔": "〕",
    "［": "］",
    "〖": "〗",
    "<": ">",
}
_CIRCLED = "①-⑳㉑-㉟㊱-㊿"
_SEP_CLASS = "[" + re.escape(_SEPARATORS) + "]"

_PAGE_RES = (
    re.compile(rf"^{_SEP_CLASS}?[{_DIGITS}]{{1,4}}{_SEP_CLASS}?$"),  # - 45 -, －45－, 45
    re.compile(rf"^[{_DIGITS}]{{1,4}}[/／][{_DIGITS}]{{1,4}}$"),  # 45 / 120
)
# Up to three digits a level (plans rarely pass 99; test documents do), whitespace before
# the title so that 「2017年は…」 is never taken for field 2017.
_CODE_RE = re.compile(rf"^([{_DIGITS}]{{1,3}}(?:\s*{_SEP_CLASS}\s*[{_DIGITS}]{{1,3}})*)\s+(\S.*)$")
_CHAPTER_RE = re.compile(rf"^第\s*([{_DIGITS}]+|[〇一二三四五六七八九十]+)\s*章\s*(.*)$")
_SECTION_PREFIX_RE = re.compile(
    rf"^(?:[■□●○◆◇◎▪•・]|[（(][{_DIGITS}一二三四五六七八九十]+[）)]"
    rf"|[{_DIGITS}]+[.．、)）]?|[{_CIRCLED}])"
)
_NUMBERED_GROUP_RE = re.compile(rf"^[（(][{_DIGITS}]{{1,2}}[）)]\s*(\S.*)$")
_BULLET_RE = re.compile(rf"^(?:[-‐－]\s+|[・●○◆◇■□◎▪•◦]\s*|[{_CIRCLED}]\s*)(\S.*)$")
_FOOTNOTE_RE = re.compile(
    rf"^※\s*[{_DIGITS}]{{0,3}}\s*([^：:\s。、][^：:。、]{{0,39}}?)\s*[：:]\s*(\S.*)$"
)
# A space between two non-ASCII characters of a heading is PDF letter-spacing.
_LETTER_SPACE_RE = re.compile(r"(?<=[^\x00-\x7f\s])\s+(?=[^\x00-\x7f\s])")
_INVISIBLE = "\ufeff\u200b"
_ROW_TRIM = " \u3000\u00a0\r\n\f\v" + _INVISIBLE


@dataclass(frozen=True, slots=True)
class Line:
    """One classified line: ``text`` is the payload (title, inner text, body text, raw row)."""

    number: int
    kind: LineKind
    raw: str
    text: str = ""
    code: str = ""  # plan code of a heading, ASCII (2-1-1)
    key: str = ""  # section key, or the term of a footnote


def squeeze(text: str) -> str:
    """Return ``text`` with every whitespace character removed (for matching only)."""
    return "".join(text.split())


def collapse_title(title: str) -> str:
    """Return a heading title without PDF letter-spacing (「子 ど も」→「子ども」)."""
    words = title.split()
    singles = sum(len(w) == 1 for w in words)
    if len(words) >= 3 and singles * 2 > len(words):
        return _LETTER_SPACE_RE.sub("", title.strip())
    return title.strip()


def ends_sentence(text: str) -> bool:
    """Tell whether ``text`` ends a sentence (else a break cut it)."""
    return bool(text) and text[-1] in SENTENCE_END


def _title_ok(title: str) -> bool:
    """Tell whether ``title`` reads as a heading title rather than a sentence."""
    return (
        bool(title)
        and "。" not in title
        and title[-1] not in _HEADING_END
        and len(title) <= 80
        and not re.match(rf"[{_DIGITS}]|{_SEP_CLASS}", title)
    )


def _kanji_number(text: str) -> str:
    """Return the ASCII digits of a small kanji numeral (十二 → 12)."""
    if "十" not in text:
        return "".join(str(_KANJI_DIGITS[c]) for c in text)
    tens, _, ones = text.partition("十")
    return str((_KANJI_DIGITS.get(tens, 1) if tens else 1) * 10 + _KANJI_DIGITS.get(ones, 0))


def _blank(s: str, n: int) -> Line | None:
    """Claim an empty line (residue of a page break: spaces, no-break spaces)."""
    return Line(n, "blank", s) if not s else None


def _page(s: str, n: int) -> Line | None:
    """Claim a page number line (「- 45 -」「－45－」「45 / 120」)."""
    key = squeeze(s)
    return Line(n, "page", s) if any(r.match(key) for r in _PAGE_RES) else None


def _footnote(s: str, n: int) -> Line | None:
    """Claim a footnote 「※関係人口：…」 (also 「※1 用語:…」)."""
    m = _FOOTNOTE_RE.match(s)
    return Line(n, "footnote", s, text=m[2], key=m[1]) if m else None


def _row(s: str, n: int) -> Line | None:
    """Claim a tab-separated table line (header or row)."""
    cells = [c for c in s.split("\t") if c.strip()]
    return Line(n, "row", s, text=s) if len(cells) >= 2 else None


def _section(s: str, n: int) -> Line | None:
    """Claim a section heading in any dress: 【現状と課題】, （１）基本方向, ■主な取組…"""
    key = _SECTION_PREFIX_RE.sub("", squeeze(s), count=1).rstrip("：:")
    if key[:1] in _BRACKETS and key[-1:] == _BRACKETS[key[0]]:
        key = key[1:-1]
    found = SECTION_WORDS.get(key)
    return Line(n, "section", s, text=key, key=found) if found else None


def _heading(s: str, n: int) -> Line | None:
    """Claim a code heading 「2-1 子ども…」「２－１　…」「２ － １　子 ど も」."""
    m = _CODE_RE.match(s)
    if not m or not _title_ok(m[2].strip()):
        return None
    # ASCII digits and dashes, no leading zeros: 「０２－１」 and 「2-1」 are one code.
    code = "-".join(str(int(p)) for p in squeeze(m[1]).translate(_CODE_TABLE).split("-"))
    return Line(n, "heading", s, text=collapse_title(m[2]), code=code)


def _chapter(s: str, n: int) -> Line | None:
    """Claim a chapter heading 「第2章 ひと創り」「第二章」 (a field)."""
    m = _CHAPTER_RE.match(s)
    if not m or (m[2] and not _title_ok(m[2].strip())):
        return None
    digits = m[1].translate(_CODE_TABLE)
    code = digits if digits.isascii() else _kanji_number(digits)
    return Line(n, "heading", s, text=collapse_title(m[2]), code=str(int(code)))


def _group(s: str, n: int) -> Line | None:
    """Claim a group marker line: 《…》【…】〈…〉＜…＞〔…〕 or a numbered 「（１）…」 title."""
    close = _BRACKETS.get(s[0])
    if close and s.endswith(close) and len(s) > 2:
        inner = s[1:-1]
        if s[0] not in inner and close not in inner and inner.strip():
            return Line(n, "group", s, text=collapse_title(inner))
    m = _NUMBERED_GROUP_RE.match(s)
    if m and _title_ok(m[1].strip()):
        return Line(n, "group", s, text=collapse_title(m[1]))
    return None


def _bullet(s: str, n: int) -> Line | None:
    """Claim a bullet (「- 」「・」「●」「○」「◆」「◇」「■」「①」…); the marker is layout."""
    m = _BULLET_RE.match(s)
    return Line(n, "bullet", s, text=m[1].strip()) if m else None


Rule = Callable[[str, int], Line | None]
# Order matters: page numbers before bullets (「- 45 -」), sections before code headings
# (「１　現状と課題」), headings before rows (「2-1<tab>…」), section words before bullets
# (「■主な取組」).
RULES: tuple[Rule, ...] = (
    _blank,
    _page,
    _footnote,
    _section,
    _heading,
    _chapter,
    _row,
    _group,
    _bullet,
)


def classify(raw: str, number: int) -> Line:
    """Return the classified form of the physical line ``raw`` (1-based ``number``)."""
    s = raw.strip().strip(_INVISIBLE).strip()
    line = next(filter(None, (rule(s, number) for rule in RULES)), None)
    if line is None:
        return Line(number, "text", s, text=s)
    if line.kind == "row":
        # Tabs separate cells: an empty first or last cell must survive the trimming.
        cells = raw.strip(_ROW_TRIM)
        return Line(number, "row", cells, text=cells)
    return line
