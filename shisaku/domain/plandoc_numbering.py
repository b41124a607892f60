"""Recognise the numbering in front of a heading, in every form Japanese plans print.

A :class:`Numbering` names the *style* of the numbering (its form with the numbers taken out:
``"{}-{}"`` for 「2-1」, ``"({})"`` for 「（1）」, ``"①"``, ``"ア"``, ``"Ⅰ"``, ``"第{}章"``,
``"基本目標{}"``, ``"政策{}-施策{}"``), the numbers it holds and the title after it.  Which styles
are levels of the plan, and in which order, is not decided here: the layout step works that out
from the whole document (:mod:`shisaku.domain.plandoc_layout`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from shisaku.domain.plandoc_text import collapse_title, fold

_KANJI_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")}
_ROMAN = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ"
_ROMAN_LOWER = "ⅰⅱⅲⅳⅴⅵⅶⅷⅸⅹⅺⅻ"
_ROMAN_ASCII = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
_KATAKANA = (
    "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
)
_IROHA = "イロハニホヘトチリヌルヲワカヨタレソツネナラム"
_HIRAGANA = (
    "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん"
)
_CIRCLED = {chr(0x2460 + i): i + 1 for i in range(20)} | {
    chr(0x3251 + i): i + 21 for i in range(15)
}
_CIRCLED |= {chr(0x32B1 + i): i + 36 for i in range(15)}
_CIRCLED |= {chr(0x2780 + i): i + 1 for i in range(10)}  # dingbat ➀–➉
_BLACK_CIRCLED = {chr(0x2776 + i): i + 1 for i in range(10)}  # ❶–❿
_BLACK_CIRCLED |= {chr(0x24EB + i): i + 11 for i in range(10)}  # ⓫–⓴
_BLACK_CIRCLED |= {chr(0x278A + i): i + 1 for i in range(10)}  # ➊–➓
_PAREN_DIGITS = {chr(0x2474 + i): i + 1 for i in range(20)}  # ⑴–⒇
_COUNTERS = "章節項部編款"
# Hierarchy words plans put before a number (「基本目標1」「施策1-1」); any other short word
# followed by a number is a candidate too, accepted only if the layout finds it recurring.
LEVEL_WORDS = (
    "基本目標",
    "基本施策",
    "単位施策",
    "重点施策",
    "具体的施策",
    "具体的な施策",
    "基本的方向",
    "基本方針",
    "重点戦略",
    "重点プロジェクト",
    "プロジェクト",
    "プログラム",
    "政策分野",
    "施策分野",
    "分野",
    "基本政策",
    "政策",
    "施策",
    "戦略",
    "目標",
    "方針",
    "取組",
    "事業",
    "柱",
)
# Words that number figures, tables and notes, never levels of the plan.
CAPTIONS = frozenset({"図", "表", "図表", "グラフ", "資料", "写真", "参考", "注", "出典", "別表"})
_SEP = r"\s*(?:[-.・_ー]|の(?=[0-9]))\s*"  # 2-1, 2.1, 2・1, and 2の1 as a screen reader says it
# A Roman numeral in Latin letters (I, II, … XII) begins a code only: 「政策分野I-1」「II-2」.
_LATIN_ROMAN = r"(?:XI{1,2}|IX|IV|VI{0,3}|I{1,3}|X)"
_ROMAN_CODE = rf"(?:{_LATIN_ROMAN}|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ])(?={_SEP}[0-9])"
_NUM = rf"(?:[0-9]{{1,3}}|[〇一二三四五六七八九十]{{1,3}}|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ]|[①-⑳]|元|{_ROMAN_CODE})"
_SPLIT = re.compile(r"\s*(?:[-.・_ー]|の(?=[0-9]))\s*")
_WORD = r"[\u4e00-\u9fff\u30a1-\u30faー々]{1,8}?"  # kanji and katakana, not the ・ between
_TITLE_SEP = r"[\s:：.．、,，)）]*"
_TAIL = r"(?P<title>.*)$"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "chapter",
        re.compile(
            rf"^(?P<open>[【\[［〔]?)第\s*(?P<n>{_NUM})\s*(?P<counter>[{_COUNTERS}])"
            rf"(?P<close>[】\]］〕]?)\s*{_TAIL}"
        ),
    ),
    (
        "ordinal",  # 「第１　子どもを…」: 第N with no counter, a space before the title
        re.compile(rf"^第\s*(?P<n>{_NUM})\s+(?P<title>\S.*)$"),
    ),
    (
        "pair",
        re.compile(
            rf"^(?P<w1>{_WORD})\s*(?P<n1>{_NUM}(?:{_SEP}{_NUM})*)\s*[-－の]\s*"
            rf"(?P<w2>{_WORD})\s*(?P<n2>{_NUM}(?:{_SEP}{_NUM})*)(?![0-9])\s*{_TITLE_SEP}{_TAIL}"
        ),
    ),
    (
        "word",
        re.compile(
            rf"^(?P<open>[<＜〈《【\[［(（]?)\s*(?P<word>{_WORD})\s*"
            rf"(?P<n>{_NUM}(?:{_SEP}{_NUM})*)(?![0-9.年月日度人件%]|[,，][0-9]{{3}})\s*"
            rf"(?P<close>[>＞〉》】\]］)）]?){_TITLE_SEP}{_TAIL}"
        ),
    ),
    (
        "labelled",  # 「政策No. 2」「施策No. 2 1」: a box's label and the numbers in it
        re.compile(
            rf"^(?P<word>{_WORD})\s*(?:No|NO|№)\s*[.．]?\s*"
            rf"(?P<n>[0-9]{{1,3}}(?:{_SEP}[0-9]{{1,3}}|\s+[0-9]{{1,3}}(?=\s|$))*)(?![0-9.%])"
            rf"\s*{_TITLE_SEP}{_TAIL}"
        ),
    ),
    (
        "dotted",  # 2-1-3, 1.1.1, and 「1-1.」 with a full stop after the code
        re.compile(
            rf"^(?P<n>[0-9]{{1,3}}(?:{_SEP}[0-9]{{1,3}})+)(?![0-9%]|[.．][0-9])"
            rf"\s*{_TITLE_SEP}{_TAIL}"
        ),
    ),
    (
        "paren_code",  # 「1-(1)」: an item (1) under 1
        re.compile(
            rf"^(?P<n>[0-9]{{1,3}})\s*[-ー]\s*[(（]\s*(?P<m>[0-9]{{1,3}})\s*[)）]"
            rf"\s*{_TITLE_SEP}{_TAIL}"
        ),
    ),
    (
        "roman_code",
        re.compile(
            rf"^(?P<n>{_ROMAN_CODE}(?:{_SEP}[0-9]{{1,3}})+)(?![0-9.%])\s*{_TITLE_SEP}{_TAIL}"
        ),
    ),
    (
        "bracket",
        re.compile(
            r"^(?P<open>[【<＜〈《\[［])\s*(?P<n>[0-9]{1,3})\s*(?P<close>[】>＞〉》\]］])\s*"
            + _TAIL
        ),
    ),
    (
        "paren",
        re.compile(
            rf"^[(（]\s*(?P<n>[0-9]{{1,3}}|[一二三四五六七八九十]{{1,3}})\s*[)）]\s*{_TAIL}"
        ),
    ),
    (
        "paren_kana",
        re.compile(rf"^[(（]\s*(?P<k>[{_KATAKANA}あいうえおかきくけこ])\s*[)）]\s*{_TAIL}"),
    ),
    ("single", re.compile(rf"^(?P<n>[0-9]{{1,3}})(?P<delim>\s+|\s*[.．、)）](?![0-9]))\s*{_TAIL}")),
    ("kanji", re.compile(rf"^(?P<n>[一二三四五六七八九十]{{1,3}})\s*[、.．]\s*{_TAIL}")),
    ("roman", re.compile(rf"^(?P<r>[{_ROMAN}{_ROMAN_LOWER}])\s*[.．、)）]?\s*{_TAIL}")),
    ("roman_ascii", re.compile(rf"^(?P<r>X?(?:IX|IV|V?I{{0,3}}))(?:\s+|\s*[.．)）]\s*){_TAIL}")),
    ("kana", re.compile(rf"^(?P<k>[{_KATAKANA}])(?:\s+|\s*[.．、)）]\s*){_TAIL}")),
    ("alpha", re.compile(rf"^(?P<a>[A-Za-z])(?:\s*[.．)）]\s*){_TAIL}")),
    (
        "word_only",  # 「施策、生活習慣病の予防」: a level word with no number (a screen reader's)
        re.compile(rf"^(?P<word>{'|'.join(LEVEL_WORDS)})\s*[、:：]\s*{_TAIL}"),
    ),
)


@dataclass(frozen=True, slots=True)
class Numbering:
    """The numbering in front of a line: its style, its numbers, the word and the title."""

    style: str
    numbers: tuple[int, ...]
    title: str
    word: str = ""
    known_word: bool = False  # the word is one of LEVEL_WORDS (or a counter: 第N章)

    @property
    def depth(self) -> int:
        """Return how many numbers the code holds (2 for 「2-1」)."""
        return len(self.numbers)


def number_value(text: str) -> int:
    """Return the value of one number as plans write it: 12, 十二, Ⅻ, XII, ⑫, 元 (= 1)."""
    if text == "元":
        return 1
    if text in _CIRCLED:
        return _CIRCLED[text]
    if text.isdigit():
        return int(text)
    if text in _ROMAN:
        return _ROMAN.index(text) + 1
    if text in _ROMAN_ASCII:
        return _ROMAN_ASCII.index(text) + 1
    if text in _ROMAN_LOWER:
        return _ROMAN_LOWER.index(text) + 1
    if "十" not in text:
        return int("".join(str(_KANJI_DIGITS[c]) for c in text))
    tens, _, ones = text.partition("十")
    return (_KANJI_DIGITS.get(tens, 1) if tens else 1) * 10 + _KANJI_DIGITS.get(ones, 0)


def _numbers(text: str) -> tuple[int, ...]:
    """Return the numbers of a code such as 2-1-3 (any separator)."""
    return tuple(number_value(p) for p in _SPLIT.split(text.strip()))


def _kind_style(text: str) -> str:
    """Return the style token of a number's script: {} for digits, 一 for kanji, Ⅰ for Roman
    (in its own or in Latin letters), ① for circled digits."""
    if text in _CIRCLED:
        return "①"
    if text.isdigit() or text == "元":
        return "{}"
    return "Ⅰ" if text in _ROMAN or text in _ROMAN_ASCII else "{一}"


def _code_style(text: str) -> str:
    """Return the style of a code: one ``{}`` per number joined by -."""
    parts = _SPLIT.split(text.strip())
    return "-".join(_kind_style(p) for p in parts)


def _chapter(m: re.Match[str]) -> Numbering | None:
    """Return the numbering of 「第2章」「第三節」「【第1項】」."""
    if bool(m["open"]) != bool(m["close"]):
        return None
    n = m["n"]
    style = f"{m['open']}第{_kind_style(n).replace('{一}', '{}')}{m['counter']}{m['close']}"
    return Numbering(style, (number_value(n),), m["title"], m["counter"], True)


def _counterless(m: re.Match[str]) -> Numbering:
    """Return the numbering of 「第１　…」 (第N with no 章 or 節: style 第{})."""
    n = m["n"]
    style = f"第{_kind_style(n).replace('{一}', '{}')}"
    return Numbering(style, (number_value(n),), m["title"])


def _pair(m: re.Match[str]) -> Numbering:
    """Return the numbering of 「政策1-施策2」 (two words, each with its number)."""
    style = f"{m['w1']}{_code_style(m['n1'])}-{m['w2']}{_code_style(m['n2'])}"
    numbers = _numbers(m["n1"]) + _numbers(m["n2"])
    known = m["w1"] in LEVEL_WORDS and m["w2"] in LEVEL_WORDS
    return Numbering(style, numbers, m["title"], m["w2"], known)


def _ordinal(word: str) -> bool:
    """Tell whether a word ends in an ordinal's 第 or starts with it: 「第2期」「雲雀野町第2次」."""
    return word.startswith("第") or word.endswith("第")


def _word(m: re.Match[str]) -> Numbering | None:
    """Return the numbering of 「基本目標1」「施策1-1」「<基本目標2>」."""
    word = m["word"]
    if bool(m["open"]) != bool(m["close"]) or _ordinal(word) or word in CAPTIONS:
        return None  # 「第2期」「第3次」 are ordinals, 「図表2-1」 a caption: not levels
    style = f"{m['open']}{word}{_code_style(m['n'])}{m['close']}"
    return Numbering(style, _numbers(m["n"]), m["title"], word, word in LEVEL_WORDS)


def _single_style(delim: str) -> str:
    """Return the style of a single number by what follows it: 1␣, 1., 1), 1、."""
    mark = delim.strip()
    return "{}" + {"．": ".", "）": ")", "": ""}.get(mark, mark)


def _roman(text: str, title: str) -> Numbering | None:
    """Return the numbering of a Roman numeral, in its own or in ASCII letters."""
    if not text:
        return None
    if text in _ROMAN_ASCII:
        return Numbering("Ⅰ", (_ROMAN_ASCII.index(text) + 1,), title)
    style = "ⅰ" if text in _ROMAN_LOWER else "Ⅰ"
    return Numbering(style, (number_value(text),), title)


def _kana(letter: str, title: str, style: str) -> Numbering:
    """Return the numbering of a katakana (or hiragana) letter in 50-sound order."""
    order = _HIRAGANA if letter in _HIRAGANA else _KATAKANA
    return Numbering(style, (order.index(letter) + 1,), title)


def _dotted(m: re.Match[str]) -> Numbering | None:
    """Return the numbering of a code 2-1-3; 「38.2億円」 is a decimal with its unit, not 38-2,
    but 「1.1.1地域医療」 cannot be a decimal: its title may follow without a space."""
    after = m.string[m.end("n") : m.end("n") + 1]
    numbers = _numbers(m["n"])
    if "." in m["n"] and len(numbers) < 3 and not (after.isspace() or after in (".", "．")):
        return None
    return Numbering(_code_style(m["n"]), numbers, m["title"])


_LABELLED_SPLIT = re.compile(rf"{_SEP}|\s+")


def _labelled(m: re.Match[str]) -> Numbering | None:
    """Return the numbering of 「政策No. 2」「施策No. 2 1」 (numbers apart in their boxes)."""
    word = m["word"]
    if _ordinal(word) or word in CAPTIONS:
        return None
    numbers = tuple(int(n) for n in _LABELLED_SPLIT.split(m["n"].strip()))
    style = f"{word}No." + "-".join("{}" for _ in numbers)
    return Numbering(style, numbers, m["title"], word, word in LEVEL_WORDS)


def code_text(style: str, numbers: tuple[int, ...]) -> str:
    """Return the code a heading prints: 「1-(1)」 as printed, other codes joined by dashes
    (「施策1-2」 → 1-2, 「Ⅱ-1」 → 2-1)."""
    if set(style) <= set("{}-()") and style.count("{}") == len(numbers):
        return style.format(*numbers)
    return "-".join(map(str, numbers))


Builder = Callable[[re.Match[str]], "Numbering | None"]
_BUILDERS: dict[str, Builder] = {
    "chapter": _chapter,
    "ordinal": _counterless,
    "pair": _pair,
    "word": _word,
    "labelled": _labelled,
    "dotted": lambda m: _dotted(m),
    "paren_code": lambda m: Numbering("{}-({})", (int(m["n"]), int(m["m"])), m["title"]),
    "roman_code": lambda m: Numbering(_code_style(m["n"]), _numbers(m["n"]), m["title"]),
    "bracket": lambda m: Numbering(f"{m['open']}{{}}{m['close']}", (int(m["n"]),), m["title"]),
    "paren": lambda m: Numbering(f"({_kind_style(m['n'])})", (number_value(m["n"]),), m["title"]),
    "paren_kana": lambda m: _kana(m["k"], m["title"], "(ア)"),
    "single": lambda m: Numbering(_single_style(m["delim"]), (int(m["n"]),), m["title"]),
    "kanji": lambda m: Numbering("{一}、", (number_value(m["n"]),), m["title"]),
    "roman": lambda m: _roman(m["r"], m["title"]),
    "roman_ascii": lambda m: _roman(m["r"], m["title"]),
    "kana": lambda m: _kana(m["k"], m["title"], "ア"),
    "alpha": lambda m: Numbering("A.", (ord(m["a"].upper()) - 64,), m["title"]),
    "word_only": lambda m: Numbering(f"{m['word']}、", (), m["title"], m["word"], True),
}


def _circled(text: str) -> Numbering | None:
    """Return the numbering of ①, ➀, ❶ or ⑴ at the start of ``text``."""
    first = text[:1]
    for table, style in ((_CIRCLED, "①"), (_BLACK_CIRCLED, "❶"), (_PAREN_DIGITS, "({})")):
        if first in table:
            return Numbering(style, (table[first],), text[1:].strip())
    return None


def read_numbering(line: str) -> Numbering | None:
    """Return the numbering in front of ``line`` (stripped), or None."""
    circled = _circled(line)
    if circled is not None:
        return circled
    text = fold(line)
    for kind, pattern in _PATTERNS:
        m = pattern.match(text)
        if m is None:
            continue
        found = _BUILDERS[kind](m)
        if found is not None:
            title = collapse_title(_original_tail(line, found.title))
            return Numbering(found.style, found.numbers, title, found.word, found.known_word)
    return None


def _original_tail(line: str, folded_title: str) -> str:
    """Return the end of the original ``line`` that the folded title came from."""
    return line[len(line) - len(folded_title) :] if folded_title else ""


__all__ = ["LEVEL_WORDS", "Numbering", "code_text", "number_value", "read_numbering"]
