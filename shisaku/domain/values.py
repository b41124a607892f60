"""Read indicator value cells as plans write them: 1,820人, 約2,600名, △10, 13位, ―, 策定, 全国値.

Rules (the cell is NFKC-normalised for matching only; ``raw`` keeps it verbatim):

- A number may carry a sign (△ ▲ - − + ; △ and ▲ are the Japanese minus; - and − only glued to
  the number: 「-    85,000」 is another cell's no-data mark beside an amount, refused, never
  −85000), commas only in valid groups of three, places 万/億/兆 (12.5万人 → 125000 人), any
  unit without digits except m2/m3-style powers, and qualifiers.  Decimals keep the source
  precision: 1.40 stays Decimal("1.40").
- Places may be mixed, largest first (:mod:`shisaku.domain.amounts`): 3万5千人 → 35000 人,
  1億2,400万円 → 124000000 円, 約1万2千人.  千 (and 百) is a place only after 万/億/兆 in the
  same number; after digits alone it is part of the unit: 2,205千人 is 2205 in 千人, 50千円 is
  50 in 千円, 5百万円 is 5 in 百万円 (the unit says the scale; nothing is multiplied).
  Malformed places (1万2万人, 3千5万人, 3万12000人) are refused with the reason.
- Qualifiers are stored in canonical form, joined with ・ when several: 約 (also およそ, 概ね,
  程度, 前後), 以上, 以下, 未満, 超, 以内, and the notes 見込, 速報, 確定, 暫定, 推計 (with or
  without 値/み, in parentheses or not).  ``raw`` keeps the spelling.
- The unit 位 makes a rank (lower is better): a positive whole number.  It may be written
  第12位 or 上位5位 (stored as 12 and 5), and may name the group it is ranked in, kept in
  ``label``: 全国12位 → rank 12, label 全国; 県内上位5位以内 → rank 5, qualifier 以内, label 県内.
- A number has at most 14 digits before the decimal point (under 100兆): more is a typing
  slip, and the stored value (20 digits, 6 after the point) could not hold it.
- Missing: blank, runs of dashes (- ― － — ‐ ー, and the box-drawing ─ of web tables), なし, X,
  ×, 未集計, 調査中, 未公表, 未定 …;
  ``label`` is the marker as written ("" for blank).
- Reference: the national/prefectural value (全国値, 全国平均, 国の値, 県平均, 県の値, 全道平均 …),
  optionally with 以上/以下.  Qualitative: any other text with Japanese and no digits (策定).
- A direction from the baseline is qualitative with the comparison as its qualifier: 維持 and
  現状維持 (現状を維持) → 維持; 増加, 向上, 上昇 → 増加; 減少, 低下, 削減 → 減少, also as an aim
  (減少を目指します, 増加をめざす); ``label`` keeps the words as written.
- Multi: two or more labelled numbers (or markers), 「国語： 5地区 算数： 2地区」,
  「小学生 85.6 / 中学生 82.6」; each part's ``raw`` is its normalised text.  Numbers
  without labels (「1,820人 2,000人」) are an error, as is a qualifier alone (「約」).

What a grader can do with each reading (everything fits the stored figure: ``value_kind``,
``value``, ``qualifier`` of at most 10 characters, ``label``):

- number and rank: graded as numbers; a rank is better when lower, and a bound (5位以内,
  100%以上) is the target value.  A rank's scope label (全国, 県内) says where it is ranked.
- reference (全国値, 全国平均以上): graded against the reference series for the year (the
  comparator) where one exists, 以上/以下 being the comparison; not graded without one.
- qualitative with 維持/増加/減少: graded against the indicator's baseline (増加: above it,
  減少: below it, 維持: not worse than it in the indicator's direction); not graded without a
  baseline.  Other qualitative targets (策定) are met when the actual says the same words.
- missing: no value, never zero.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Literal

from shisaku.domain.amounts import BAD_PLACES, NUMBER, PLACES, PLACES_REASON, amount

ValueKind = Literal["number", "rank", "missing", "qualitative", "reference", "multi"]

ACCEPTED = (
    "数値（例: 1,820人、48.2%、△10）、順位（13位）、未取得の印（-、―、なし、X）、"
    "定性的な目標（策定 など）を受け付けます"
)
MISSING_MARKERS = frozenset(
    {"なし", "無し", "x", "×", "未集計", "集計中", "調査中", "未公表", "非公表", "未定", "秘匿"}
)
PREFIX_QUALIFIERS = {"約": "約", "およそ": "約", "概ね": "約", "おおむね": "約"}
SUFFIX_QUALIFIERS = {
    **{w: w for w in ("以上", "以下", "未満", "超", "以内")},
    **{"程度": "約", "前後": "約"},
}
NOTE_QUALIFIERS = {
    f"{stem}{tail}": stem
    for stem in ("見込", "速報", "確定", "暫定", "推計")
    for tail in ("", "値", "み", "み値")
}
DIRECTION_WORDS = {
    **{w: "維持" for w in ("維持",)},
    **{w: "増加" for w in ("増加", "向上", "上昇")},
    **{w: "減少" for w in ("減少", "低下", "削減")},
}
RANK_REASON = (
    "順位は1以上の整数で書きます（例: 13位）。第13位、全国13位、県内上位5位以内とも書けます"
)
LIMIT = Decimal(10) ** 14  # numbers are stored with 14 digits before the point
_MINUS = frozenset("△▲-−")
_POSITION = (
    {q: "prefix" for q in PREFIX_QUALIFIERS.values()}
    | {q: "suffix" for q in SUFFIX_QUALIFIERS.values() if q != "約"}
    | {q: "note" for q in NOTE_QUALIFIERS.values()}
)


class CellError(ValueError):
    """The cell cannot be read as a value; the message says why and what is accepted."""

    def __init__(self, raw: str, reason: str) -> None:
        super().__init__(f"『{raw}』は値として読めません。{reason}。{ACCEPTED}")
        self.raw = raw
        self.reason = reason


@dataclass(frozen=True)
class Reading:
    """What a value cell says: its kind, number, unit, qualifiers and the verbatim text."""

    raw: str
    kind: ValueKind
    value: Decimal | None = None
    unit: str = ""
    qualifier: str = ""
    label: str = ""
    components: tuple[Component, ...] = ()

    def is_known(self) -> bool:
        """Return whether the cell states a value (a multi value only if every part does)."""
        if self.kind == "multi":
            return all(c.reading.is_known() for c in self.components)
        return self.kind != "missing"


@dataclass(frozen=True)
class Component:
    """One labelled part of a multi-part value: 国語 → 5地区."""

    label: str
    reading: Reading


def _alternatives(words: dict[str, str] | frozenset[str]) -> str:
    """Return a regex alternation of ``words``, longest first."""
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


_UNIT_CHAR = r"(?:[^\W\d_]|[%‰°/・])"
_UNIT = rf"{_UNIT_CHAR}(?:{_UNIT_CHAR}|(?<=[a-zA-Z])[23](?![0-9]))*?"
_NUMBER_TOKEN = r"[△▲+\-−]?\s*[0-9][0-9,.]*"
_NUMBER = re.compile(
    rf"(?P<pre>{_alternatives(PREFIX_QUALIFIERS)})?\s*(?P<sign>[△▲+]|[\-−](?!\s)|±(?=0[^1-9]*$))?\s*"
    rf"(?P<num>{NUMBER})\s*(?P<places>{PLACES})?\s*(?P<unit>{_UNIT})?\s*"
    rf"(?P<post>{_alternatives(SUFFIX_QUALIFIERS)})?\s*"
    rf"(?:\((?P<pnote>{_alternatives(NOTE_QUALIFIERS)})\)|(?P<note>{_alternatives(NOTE_QUALIFIERS)}))?"
)
_DASH_CHARS = "-−‐‑–—―ー─━"  # the last two are box-drawing lines a web table prints
_DASHES = re.compile(f"[{re.escape(_DASH_CHARS)}]+")
# A line and the unit its value would have had (― 件/年).  Not ー, which is part of words, nor a
# minus (-abc is a formula to a spreadsheet, and the CSV guard asks this reader).
_DASH_UNIT = re.compile(r"[―—─━‐‑–]+\s*(?P<unit>(?=\S{1,4}$)" + _UNIT + ")")
_REFERENCE = re.compile(
    r"(?P<label>(?:全国|全道|全県|全都|全府|国|県|道|都|府)の?(?:平均値|平均|値|水準|並み))"
    rf"(?P<post>{_alternatives(SUFFIX_QUALIFIERS)})?"
)
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆]")
_DIGIT = re.compile(r"[0-9]")
_MISSING_PART = rf"{_DASHES.pattern}|{_alternatives(MISSING_MARKERS)}"
_PART = re.compile(
    r"\s*(?P<label>[^0-9\s:/;、△▲+\-−]+?)\s*:?\s*"
    rf"(?P<value>(?:{_alternatives(PREFIX_QUALIFIERS)})?{_NUMBER_TOKEN}[^\s/;、]*|{_MISSING_PART})"
    r"\s*[/;、]?",
    re.IGNORECASE,
)
_RANK = re.compile(
    r"(?:(?P<scope>[^\W\d_]{1,20}?)\s*:?\s*)??(?P<mark>上位|第|上位第)?\s*"
    r"(?P<num>[0-9][0-9,.]*)\s*位\s*(?P<post>以内|以上)?"
)
_GROUPED_OR_PLAIN = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+")
_DIRECTION = re.compile(
    rf"(?:現状値?(?:を|より|から)?)?(?P<word>{_alternatives(DIRECTION_WORDS)})"
    r"(?:を(?:目指|めざ)(?:します|す|している))?"
)
_APART_DASH = re.compile(rf"[{re.escape(_DASH_CHARS)}]+\s+[0-9]")
DASH_APART_REASON = (
    "値なしの印（-）と数値が空白で離れています（-は負の符号ではなく、別の欄の「値なし」です。"
    "負の数は -5.2 や △5.2 と続けて書きます）"
)
_COMMA_NUMBER = re.compile(r"[0-9]+(?:,[0-9]+)+")
_GROUPED = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+")


def _bad_grouping(text: str) -> bool:
    """Return whether a number in ``text`` has commas that are not groups of three."""
    return any(not _GROUPED.fullmatch(n) for n in _COMMA_NUMBER.findall(text))


def _missing(raw: str, text: str) -> Reading | None:
    """Return a missing reading for a blank cell or a no-data marker (also with the unit a
    value would have had: 「― 件/年」)."""
    if not text.strip(_DASH_CHARS) or text.casefold() in MISSING_MARKERS:
        return Reading(raw, "missing", label=raw.strip())
    m = _DASH_UNIT.fullmatch(text)
    if m is not None:
        return Reading(raw, "missing", unit=m["unit"], label=raw.strip())
    return None


def _scaled(m: re.Match[str]) -> Decimal | None:
    """Return the signed number of a match with its 万/億 places, or None if malformed."""
    value = amount(m["num"], m["places"] or "")
    if value is None:
        return None
    return -value if m["sign"] in _MINUS else value


def _qualifier(m: re.Match[str]) -> str:
    """Return the canonical qualifiers of a match, joined with ・."""
    pre, post, pnote, note = m.group("pre", "post", "pnote", "note")
    if not (pre or post or pnote or note):
        return ""
    found = (
        PREFIX_QUALIFIERS.get(pre or ""),
        SUFFIX_QUALIFIERS.get(post or ""),
        NOTE_QUALIFIERS.get(pnote or note or ""),
    )
    return "・".join(dict.fromkeys(q for q in found if q))


def _number(raw: str, text: str) -> Reading | None:
    """Return a number or rank reading, or ``None`` when the text is not one number."""
    m = _NUMBER.fullmatch(text)
    if m is None:
        return None
    value, unit = _scaled(m), m["unit"] or ""
    if value is None:
        raise CellError(raw, PLACES_REASON)
    _check_size(raw, value)
    if unit != "位":
        return Reading(raw, "number", value, unit, _qualifier(m))
    return _rank(raw, value, bool(m["sign"]), _qualifier(m))


def _check_size(raw: str, value: Decimal) -> None:
    """Refuse a number too large to store (14 digits before the point)."""
    if abs(value) >= LIMIT:
        raise CellError(raw, "数値が大きすぎます（整数部は14桁まで）")


def _rank(raw: str, value: Decimal, signed: bool, qualifier: str, scope: str = "") -> Reading:
    """Return a rank reading, refusing anything but a positive whole number."""
    _check_size(raw, value)
    if value <= 0 or value != value.to_integral_value() or signed:
        raise CellError(raw, RANK_REASON)
    return Reading(raw, "rank", value, "位", qualifier, scope)


def _scoped_rank(raw: str, text: str) -> Reading | None:
    """Return a rank with its scope or ordinal (全国12位, 県内上位5位以内, 第12位), or ``None``."""
    m = _RANK.fullmatch(text)
    if m is None or not (m["scope"] or m["mark"]) or m["scope"] in PREFIX_QUALIFIERS:
        return None
    if not _GROUPED_OR_PLAIN.fullmatch(m["num"]):
        raise CellError(raw, RANK_REASON)
    value = Decimal(m["num"].replace(",", ""))
    return _rank(raw, value, False, m["post"] or "", m["scope"] or "")


def _reference(raw: str, text: str) -> Reading | None:
    """Return a reference reading (全国値, 県平均以上 …)."""
    m = _REFERENCE.fullmatch(text)
    if m is None:
        return None
    return Reading(raw, "reference", label=m["label"], qualifier=m["post"] or "")


def _direction(raw: str, text: str) -> Reading | None:
    """Return a target that states only a direction from the baseline (現状維持, 増加, 減少)."""
    m = _DIRECTION.fullmatch(text)
    if m is None:
        return None
    return Reading(raw, "qualitative", qualifier=DIRECTION_WORDS[m["word"]], label=raw.strip())


def _qualitative(raw: str, text: str) -> Reading | None:
    """Return a qualitative reading for Japanese text without digits (策定, 全員取得)."""
    if _DIGIT.search(text) or not _JAPANESE.search(text) or _only_qualifiers(text):
        return None
    return Reading(raw, "qualitative", label=raw.strip())


def _only_qualifiers(text: str) -> bool:
    """Return whether ``text`` is nothing but qualifier words (約, 見込, 以上 …)."""
    return text in PREFIX_QUALIFIERS or text in SUFFIX_QUALIFIERS or text in NOTE_QUALIFIERS


def _parts(text: str) -> list[re.Match[str]] | None:
    """Return the two or more labelled parts that make up the whole of ``text``, or ``None``."""
    parts, pos = [], 0
    while pos < len(text):
        m = _PART.match(text, pos)
        if m is None or m.end() == pos or _only_qualifiers(m["label"]):
            return None
        parts.append(m)
        pos = m.end()
    return parts if len(parts) > 1 else None  # one label is too weak a sign: 「H26」「第2期」


def _multi(raw: str, text: str) -> Reading | None:
    """Return a multi-part reading (国語： 5地区 算数： 2地区), or ``None``."""
    parts = _parts(text)
    if parts is None:
        return None
    components = []
    for m in parts:
        part = _missing(m["value"], m["value"]) or _part_number(raw, m["value"])
        if part is None:
            return None
        components.append(Component(m["label"], part))
    return Reading(raw, "multi", components=tuple(components))


def _part_number(raw: str, value: str) -> Reading | None:
    """Return one part's number, a part that cannot be one failing as the whole cell."""
    try:
        return _number(value, value)
    except CellError as error:
        raise CellError(raw, error.reason) from None


_READERS: tuple[Callable[[str, str], Reading | None], ...] = (
    _missing,
    _number,
    _scoped_rank,
    _reference,
    _direction,
    _qualitative,
    _multi,
)
_REASONS: tuple[tuple[Callable[[str], object], str], ...] = (
    (_only_qualifiers, "数値がありません"),
    (re.compile(r"\.[0-9]*\.").search, "小数点の位置が正しくありません"),
    (_bad_grouping, "桁区切りのカンマの位置が正しくありません（3桁ごとに区切ります）"),
    (BAD_PLACES.search, PLACES_REASON),
    (_APART_DASH.match, DASH_APART_REASON),
    (
        lambda t: len(re.findall(_NUMBER_TOKEN, t)) > 1,
        "ラベルのない数値が2つ以上あります（例: 小学生 85.6 / 中学生 82.6）",
    ),
    (lambda t: not _DIGIT.search(t), "数値でも日本語の語句でもありません"),
)


def _reason(text: str) -> str:
    """Return why ``text`` could not be read, the first rule that applies."""
    for applies, reason in _REASONS:
        if applies(text):
            return reason
    return "数値・単位・注記の並びとして読めません"


def read_value(text: str) -> Reading:
    """Read a value cell (1,820人, 約2,600名, △10, 13位, ―, 策定, 全国値) or raise CellError."""
    return _read_cached(text)


@lru_cache(maxsize=65536)  # cells repeat a lot (-, 0人, 100%); readings are immutable
def _read_cached(text: str) -> Reading:
    """Read a value cell; the uncached body of ``read_value``."""
    normal = unicodedata.normalize("NFKC", text).strip()
    for reader in _READERS:
        reading = reader(text, normal)
        if reading is not None:
            return reading
    raise CellError(text, _reason(normal))


def qualified(body: str, qualifier: str) -> str:
    """Return ``body`` with its canonical qualifiers placed before, after or in parentheses."""
    places = {"prefix": "", "suffix": "", "note": ""}
    for q in filter(None, qualifier.split("・")):
        places[_POSITION.get(q, "suffix")] += q
    note = f"（{places['note']}）" if places["note"] else ""
    return f"{places['prefix']}{body}{places['suffix']}{note}"


def _number_text(value: Decimal) -> str:
    """Return a number with thousands separators, △ for negatives and its source precision."""
    return ("△" if value.is_signed() else "") + format(abs(value), ",f")


def format_value(reading: Reading) -> str:
    """Return the display form of a reading: 1,820人, 約2,600名, △10, 13位, ―, 策定."""
    if reading.kind == "multi":
        return " / ".join(f"{c.label} {format_value(c.reading)}" for c in reading.components)
    if reading.kind == "missing":
        return reading.label or "―"
    if reading.kind == "qualitative":
        return reading.label  # a direction's qualifier (維持) is already in its words
    if reading.value is None:
        return qualified(reading.label, reading.qualifier)
    body = _number_text(reading.value) + reading.unit
    return reading.label + qualified(body, reading.qualifier)  # a rank's scope: 全国12位
