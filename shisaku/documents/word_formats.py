"""Word's number formats (``w:numFmt``): how a list counter is shown, 3 → 「３」「③」「ウ」「三」.

:data:`NUMBER_FORMATS` maps a format name to a function of the counter value; a format not in
it is shown as decimal by the caller, which reports it once.  Bullet characters drawn from
symbol fonts (Symbol, Wingdings) are private-use code points; :func:`symbol_char` maps the
common ones to the Unicode character a reader sees.
"""

from __future__ import annotations

from collections.abc import Callable

_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_KANJI = "〇一二三四五六七八九"
_LEGAL = "〇壱弐参四伍六七八九"
_TRADITIONAL = "〇壹貳參肆伍陸柒捌玖"
_AIUEO = (
    "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
)
_AIUEO_HALF = "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝ"
_IROHA = (
    "イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセス"
)
_IROHA_HALF = "ｲﾛﾊﾆﾎﾍﾄﾁﾘﾇﾙｦﾜｶﾖﾀﾚｿﾂﾈﾅﾗﾑｳｲﾉｵｸﾔﾏｹﾌｺｴﾃｱｻｷﾕﾒﾐｼｴﾋﾓｾｽ"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip

# Private-use bullets of the Symbol and Wingdings fonts → the character they draw.
_SYMBOLS = {
    0xF0B7: "•",  # Symbol: bullet
    0xF06C: "●",  # Wingdings l
    0xF06E: "■",  # Wingdings n
    0xF06F: "□",  # Wingdings o
    0xF0A7: "▪",  # Wingdings §
    0xF0A1: "○",  # Wingdings ¡
    0xF075: "◆",  # Wingdings u
    0xF076: "❖",  # Wingdings v
    0xF0D8: "➢",  # Wingdings Ø
    0xF0FC: "✓",  # Wingdings ü
}


def symbol_char(text: str) -> str:
    """Return ``text`` with symbol-font private-use characters replaced (unknown ones → 「・」)."""
    return "".join(_SYMBOLS.get(ord(c), "・") if 0xF000 <= ord(c) <= 0xF0FF else c for c in text)


def _circled(n: int) -> str:
    """Return ①…⑳, ㉑…㉟, ㊱…㊿; other values in decimal."""
    if 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if 21 <= n <= 35:
        return chr(0x3251 + n - 21)
    if 36 <= n <= 50:
        return chr(0x32B1 + n - 36)
    return str(n)


def _in_range(first: int, last: int, fallback: str) -> Callable[[int], str]:
    """Return a format counting from code point ``first`` for 1…``last - first + 1``."""

    def shown(n: int) -> str:
        return chr(first + n - 1) if 1 <= n <= last - first + 1 else fallback.format(n)

    return shown


def _roman(n: int) -> str:
    """Return ``n`` in upper-case Roman numerals (decimal outside 1…3999)."""
    if not 1 <= n <= 3999:
        return str(n)
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def _letter(n: int) -> str:
    """Return Word's letter numbering: A…Z, then AA…ZZ, AAA… (the letter repeated)."""
    if n < 1:
        return str(n)
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _cycle(sequence: str) -> Callable[[int], str]:
    """Return a format that takes the n-th character of ``sequence``, starting over after it."""
    return lambda n: sequence[(n - 1) % len(sequence)] if n >= 1 else str(n)


def _counting(digits: str, units: str, *, spell_one: bool = False) -> Callable[[int], str]:
    """Return a kanji counting format: 12 → 十二, 105 → 百五 (壱拾 when ``spell_one``)."""
    places = ((1000, units[2]), (100, units[1]), (10, units[0]))

    def shown(n: int) -> str:
        if not 0 < n < 10000:
            return digits[0] if n == 0 else str(n)
        out = []
        for value, unit in places:
            count, n = divmod(n, value)
            if count:
                out.append(("" if count == 1 and not spell_one else digits[count]) + unit)
        out.append(digits[n] if n else "")
        return "".join(out)

    return shown


def _digital(digits: str) -> Callable[[int], str]:
    """Return a format writing each decimal digit as a kanji digit (10 → 一〇)."""
    return lambda n: "".join(digits[int(d)] for d in str(n)) if n >= 0 else str(n)


_japanese_counting = _counting(_KANJI, "十百千")

NUMBER_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalHalfWidth": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: str(n).translate(_FULL_WIDTH),
    "decimalFullWidth2": lambda n: str(n).translate(_FULL_WIDTH),
    "decimalEnclosedCircle": _circled,
    "decimalEnclosedCircleChinese": _circled,
    "decimalEnclosedParen": _in_range(0x2474, 0x2487, "({})"),
    "decimalEnclosedFullstop": _in_range(0x2488, 0x249B, "{}."),
    "ideographEnclosedCircle": _in_range(0x3280, 0x3289, "{}"),
    "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(),
    "upperLetter": _letter,
    "lowerLetter": lambda n: _letter(n).lower(),
    "aiueoFullWidth": _cycle(_AIUEO),
    "aiueo": _cycle(_AIUEO_HALF),
    "irohaFullWidth": _cycle(_IROHA),
    "iroha": _cycle(_IROHA_HALF),
    "ideographTraditional": _cycle(_STEMS),
    "ideographZodiac": _cycle(_BRANCHES),
    "japaneseCounting": _japanese_counting,
    "chineseCounting": _japanese_counting,
    "chineseCountingThousand": _japanese_counting,
    "taiwaneseCounting": _japanese_counting,
    "taiwaneseCountingThousand": _japanese_counting,
    "japaneseLegal": _counting(_LEGAL, "拾百阡", spell_one=True),
    "ideographLegalTraditional": _counting(_TRADITIONAL, "拾佰仟", spell_one=True),
    "ideographDigital": _digital(_KANJI),
    "japaneseDigitalTenThousand": _digital(_KANJI),
    "taiwaneseDigital": _digital(_KANJI),
    "none": lambda n: "",
}


def format_number(value: int, fmt: str) -> str | None:
    """Return ``value`` shown in the Word number format ``fmt``, or None for an unknown format."""
    shown = NUMBER_FORMATS.get(fmt)
    return None if shown is None else shown(value)
