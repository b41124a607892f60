"""Find figures stated in a plan's prose, as context statistics linked to their sentence.

Only forms a rule below recognises are taken; a number that no rule explains (「年間10数名程度」,
「第80回」) is left alone rather than guessed at. Each rule is a regular expression and a
function that turns its match into statistics.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Statistic:
    """One figure found in a sentence."""

    label: str
    area: str  # 本市, 国 …
    period: str  # CY2017, FY2019, or an ISO date 2018-05-01
    raw: str
    value: Decimal
    unit: str


_NUMBER = r"[0-9０-９]+(?:[.．][0-9０-９]+)?"
_UNIT = r"(?:%|％|人|件|倍|ポイント)?"
_WIDE = str.maketrans("０１２３４５６７８９．％", "0123456789.%")

# 「本市における合計特殊出生率は、2017年は1.40と国の1.43よりも…」
_VERSUS_NATION = re.compile(
    rf"(?P<subject>[^、。]+?)は、(?P<year>\d{{4}})年(?P<fiscal>度)?は(?P<value>{_NUMBER})(?P<unit>{_UNIT})"
    rf"と国の(?P<nation>{_NUMBER})(?P<nation_unit>{_UNIT})"
)
# 「2018年5月1日現在で、児童の19.4%、生徒の23.9%が就学援助を受けています」
_SHARES_ON_DATE = re.compile(
    r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日現在で、"
    rf"(?P<items>(?:[^、。]+?の{_NUMBER}(?:%|％)、?)+)が(?P<predicate>[^。]+?)ています"
)
_SHARE_ITEM = re.compile(rf"(?P<group>[^、。]+?)の(?P<value>{_NUMBER})(?P<unit>%|％)")


def _decimal(text: str) -> Decimal:
    """Return the number in ``text`` (full-width digits allowed)."""
    return Decimal(text.translate(_WIDE))


def _area_and_label(subject: str) -> tuple[str, str]:
    """Split 「本市における合計特殊出生率」 into (本市, 合計特殊出生率)."""
    area, sep, label = subject.partition("における")
    return (area.strip(), label.strip()) if sep else ("", subject.strip())


def _versus_nation(m: re.Match[str]) -> Iterator[Statistic]:
    """The city's figure and the national one, for the same year."""
    area, label = _area_and_label(m["subject"])
    period = f"{'FY' if m['fiscal'] else 'CY'}{m['year']}"
    unit = m["unit"].translate(_WIDE)
    yield Statistic(
        label, area or "本市", period, m["value"] + m["unit"], _decimal(m["value"]), unit
    )
    nation = m["nation"] + m["nation_unit"]
    yield Statistic(label, "国", period, nation, _decimal(m["nation"]), unit)


def _shares_on_date(m: re.Match[str]) -> Iterator[Statistic]:
    """Shares of several groups on one date: 「児童の19.4%、生徒の23.9%が…を受けています」."""
    date = f"{m['y']}-{int(m['m']):02d}-{int(m['d']):02d}"
    for item in _SHARE_ITEM.finditer(m["items"]):
        label = f"{m['predicate']}ている{item['group'].strip()}の割合"
        raw = item["value"] + item["unit"]
        yield Statistic(label, "本市", date, raw, _decimal(item["value"]), "%")


RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], Iterator[Statistic]]], ...] = (
    (_VERSUS_NATION, _versus_nation),
    (_SHARES_ON_DATE, _shares_on_date),
)


def find_statistics(sentence: str) -> list[Statistic]:
    """Return every statistic the rules recognise in ``sentence``, in rule order."""
    return [s for pattern, build in RULES for m in pattern.finditer(sentence) for s in build(m)]
