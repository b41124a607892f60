"""Amounts written with the places 万・億・兆 as plans print them: 12.5万, 3万5千, 1億2,400万.

Rules (the text is NFKC-normalised before it gets here):

- An amount is a number, optionally followed by 万, 億 or 兆: 12.5万 → 125000.  A number keeps
  its source precision and gains no decimals: 1.23456万 → 12345.6.
- After that first place, more whole-number parts may follow, largest place first and each
  place once: 3万5千 → 35000, 3万5000 → 35000, 約1万2千 → 12000, 1億2,400万 → 124000000,
  1億2千万 → 120000000 (a part's place may be 千 or 百 before 万/億/兆).
- 千 and 百 are places only after 万/億/兆 in the same number.  After digits alone they belong
  to the unit, as tables print units: 2,205千人 is 2,205 in 千人, 50千円 is 50 in 千円, and
  2千万円 is 2 in 千万円.  So 3千5万 (a place after 千 that is larger) is refused.
- Each later part must fit below the place before it (3万12000 and 1億12,400万 are refused),
  places may not repeat or rise (1万2万), and a number of several parts is whole (1.5万3千 is
  refused).
"""

from __future__ import annotations

import re
from decimal import Decimal

NUMBER = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?"
POWERS = {"百": 2, "千": 3, "万": 4, "億": 8, "兆": 12}
_LATER_PLACE = r"[千百]?[万億兆]|[千百]"
PLACES = rf"[万億兆](?:(?:{NUMBER})(?:{_LATER_PLACE}))*(?:{NUMBER})?"
_PART = re.compile(rf"({NUMBER})({_LATER_PLACE})?")
BAD_PLACES = re.compile(r"[0-9][千百万億兆]+[0-9]")
PLACES_REASON = (
    "万・億・千の位取りが正しくありません（大きい位から順に、各位は1回ずつ、整数で書きます。"
    "例: 3万5千人、1億2,400万円）"
)


def _power(place: str) -> int:
    """Return the power of ten of a place such as 万 (4) or 千万 (7); no place is 0."""
    return sum(POWERS[c] for c in place)


def _decimal(number: str) -> Decimal:
    """Return a number without its thousands separators."""
    return Decimal(number.replace(",", ""))


def _scaled(number: str, power: int) -> Decimal:
    """Return ``number`` times ten to ``power``, without inventing decimals."""
    value = _decimal(number).scaleb(power)
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def _parts(number: str, places: str) -> list[tuple[str, int]]:
    """Return the (number, power) parts of an amount: 3 and 万5千 → [(3, 4), (5, 3)]."""
    later = [(n, _power(p)) for n, p in _PART.findall(places[1:])]
    return [(number, _power(places[0])), *later]


def _fits(parts: list[tuple[str, int]]) -> bool:
    """Return whether every later part is whole and fits below the place before it."""
    if any("." in n for n, _ in parts):
        return False
    below = Decimal(0)
    for (_, above), (n, power) in zip(reversed(parts[:-1]), reversed(parts[1:]), strict=True):
        below += _decimal(n).scaleb(power)
        if power >= above or below >= Decimal(10) ** above:
            return False
    return True


def amount(number: str, places: str) -> Decimal | None:
    """Return the unsigned value of ``number`` and ``places`` (万5千), or None when malformed."""
    if not places:
        return _decimal(number)
    parts = _parts(number, places)
    if len(parts) == 1:
        return _scaled(number, parts[0][1])
    if not _fits(parts):
        return None
    return sum((_scaled(n, p) for n, p in parts), Decimal(0))
