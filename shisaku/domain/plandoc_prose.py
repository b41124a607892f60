"""Indicators a plan states in sentences instead of a table.

A prefecture's 実施計画 may give each target as a sentence under its 【目標】 label:

- 「合計特殊出生率を、令和４年の１．３１から、令和９年に１．４０まで引き上げます。」
- 「産後ケア事業を実施する市町村の数を、現在（令和５年４月１日）の１９市町村から、令和９年度には
  全３５市町村に広げます。」
- 「保育所等の待機児童数は、令和５年４月１日現在で４８人ですが、令和９年度までに０人とします。」
- 「県の健康アプリの登録者数は、令和４年度末で３万２千人でしたが、これを１０万人に増やします。」
- 「特定健康診査の受診率を、現状の45%から令和9年度に60%へ引き上げます。」

Such a sentence is read as one row: the name is what stands before its は or を, the baseline
is the value it starts from (with the period it gives, if any), the target the value it goes to
(with its period, else none: a statement made once for the document may give it).  A sentence
without a value to start from counts only when it dates its target (「…を令和9年度に60%以上に
します」, 「…を令和9年度まで年間120件を維持します」); a baseline is never made up.  A second
indicator after the first in the same sentence, its name and years left out
(「男性の健康寿命を令和元年の７２．１年から令和９年に７３．５年に、女性を同じく７５．４年から
７６．８年に延ばすことを目指します」), takes the first's name with its subject changed (女性の
健康寿命) and the first's years.  Only a sentence that states an aim (…ます, not …ました) counts.
The text is matched in its folded form (full-width digits as ASCII, one character for one), so
the name is cut from the sentence as printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from shisaku.domain.docindicators import DocIndicator
from shisaku.domain.plandoc_columns import Column
from shisaku.domain.plandoc_eras import EraCarry
from shisaku.domain.plandoc_flatrows import TableRow
from shisaku.domain.plandoc_rowindicators import row_indicator
from shisaku.domain.plandoc_sections import header_word
from shisaku.domain.plandoc_text import fold

_NUMBER = r"[0-9][0-9,]*(?:\.[0-9]+)?(?:[万億千][0-9,]*(?:\.[0-9]+)?)*"
_UNIT = r"(?:か所|ヶ所|か月|[%\u30a1-\u30fa\u30fc\u4e00-\u9fff々])*"
_VALUE = rf"(?:全|約)?{_NUMBER}{_UNIT}"
_PERIOD = (
    r"(?:令和|平成|昭和|R|H)?\s*(?:元|[0-9]{1,4})(?:\s*[~\-]\s*(?:令和|平成|R|H)?\s*[0-9]{1,4})?"
    r"\s*年度?(?:[0-9]{1,2}月(?:[0-9]{1,2}日)?)?(?:末|現在|時点)?"
)
_FROM = (
    rf"(?:(?P<bp>{_PERIOD})(?:の|で|、)|(?:現在|現状|策定時)(?:\((?P<bq>{_PERIOD})\))?の)"
    rf"\s*(?P<bv>{_VALUE})"
    r"(?:から|ですが|でしたが|となっており|となっていますが|であり)、?(?:これを)?"
)
_TO = (
    rf"(?:(?P<tp>{_PERIOD})(?:の累計|の合計)?(?:には|までに|まで|に|で|も)?、?)?"
    rf"(?:毎年|年間)?(?P<tv>{_VALUE})(?:まで|へ|に|と|を)"
)
_CHANGE = re.compile(rf"^(?P<name>[^。]{{2,80}}?)(?:は|を)、?{_FROM}{_TO}")
_DATED = re.compile(rf"^(?P<name>[^。]{{2,80}}?)(?:は|を)、?{_TO}")
_LIKEWISE = re.compile(
    rf"^、(?P<subject>[^、。をは]{{1,10}})を同じく(?P<bv>{_VALUE})から(?P<tv>{_VALUE})(?:まで|へ|に|と)"
)
_SENTENCE = re.compile(r"[^。]+。?")


@dataclass(frozen=True)
class ProseRow:
    """One indicator a sentence states: its name, and each value with the period it gives."""

    name: str
    baseline: str  # the value started from as printed, "" when the sentence gives none
    baseline_period: str
    target: str
    target_period: str


def prose_rows(text: str) -> list[ProseRow]:
    """Return the indicators the sentences of ``text`` state (see the module docstring)."""
    return [row for sentence in _SENTENCE.findall(text) for row in _sentence_rows(sentence)]


def _sentence_rows(sentence: str) -> list[ProseRow]:
    """Return the indicators one sentence states, or none when it states no aim."""
    folded = fold(sentence.strip())
    m = _CHANGE.match(folded) or _DATED.match(folded)
    if m is None or not _aims(folded[m.end() :]) or not _names_indicator(m["name"]):
        return []
    if m.re is _DATED and not m["tp"]:
        return []  # a value to go to without its year: not enough to be a row
    first = _row(sentence.strip(), m)
    second = _LIKEWISE.match(folded[m.end() :])
    return [first, _likewise(first, second)] if second else [first]


def _names_indicator(name: str) -> bool:
    """Tell whether the words before は/を name an indicator, not a note about a column
    (「※目標値は、令和9年度に…」)."""
    return not name.startswith(("※", "*")) and not header_word(name)


_STATES = ("います", "おります", "あります", "なります", "ました", "でした", "ません")


def _aims(rest: str) -> bool:
    """Tell whether the rest of a sentence states an aim (引き上げます, とします, 目指します),
    not what is or was (減少しています, 減りました)."""
    end = rest.rstrip("。 ")
    aims = end.endswith(("ます", "めざす", "目指す")) and not end.endswith(_STATES)
    return aims and "ました" not in rest


def _row(sentence: str, m: re.Match[str]) -> ProseRow:
    """Return the row a matched sentence states, its name cut from the sentence as printed."""
    groups = m.groupdict()
    base_period = groups.get("bp") or groups.get("bq") or ""
    return ProseRow(
        sentence[m.start("name") : m.end("name")].strip(),
        groups.get("bv") or "",
        base_period.strip(),
        m["tv"],
        (m["tp"] or "").strip(),
    )


def _likewise(first: ProseRow, m: re.Match[str]) -> ProseRow:
    """Return the second indicator of a sentence, named after the first with its subject
    changed (男性の健康寿命 → 女性の健康寿命) and dated by the first's years."""
    subject, _, rest = first.name.partition("の")
    name = f"{m['subject']}の{rest}" if rest and len(subject) <= 10 else m["subject"]
    return ProseRow(name, m["bv"], first.baseline_period, m["tv"], first.target_period)


_NAME, _BASELINE, _TARGET = Column("name"), Column("baseline"), Column("target")


def prose_indicator(row: ProseRow, line: int, era: EraCarry) -> DocIndicator:
    """Return the indicator a sentence states, read as a table row of name, baseline (when the
    sentence gives one) and target, each value dated by the period the sentence gives it."""
    columns: tuple[Column, ...]
    if row.baseline:
        columns = (_NAME, _BASELINE, _TARGET)
        cells, periods = [row.baseline, row.target], [row.baseline_period, row.target_period]
    else:
        columns, cells, periods = (_NAME, _TARGET), [row.target], [row.target_period]
    return row_indicator(TableRow(row.name, cells, line, periods=periods), columns, era)
