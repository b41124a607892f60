"""Read period cells as plans write them: 2019年度, 令和6年度, H26, 平成31~35年度, averages.

Rules (text is NFKC-normalised and stripped of spaces for matching only; ``raw`` keeps it):

- 年度 or FY means a fiscal year (April–March); 年 or a date (2018年5月1日, 2018/5/1) means a
  calendar year, since a date is a point-in-time fact; with neither, the basis is ``None`` unless
  ``default_basis`` is given (callers apply the indicator's time basis).
- An era year counts from the era's first year and never runs out: plans written before an era
  ended keep using it, so 平成35年度 is FY2023 and 平成40年度 is FY2028.  Era letters M T S H R
  are accepted in either case.
- A range's end may leave out the era (平成31~35年度 inherits 平成) or the century (2019~23年度).
  Its end may not come before its start; a range of one year is a single year.
- A parenthesised year must agree with the one it explains: r4（2022）, 2019(平成31)年度,
  2019年度（令和元年度）.  A parenthesis without digits (（実績）) is a note and is ignored.
- 時点 / 現在 do not change the period.  平均 makes a range an average; 累計 and 合計 keep it a
  range.  The average of one year is that year.
- A day is kept in ``as_of``: 令和2年4月1日現在, 2020年4月1日, R2.3.31, 2021/3/31 (that day);
  令和3年3月末 (the month's last day, 2021-03-31); 2021年3月 (a month alone: its first day);
  2019年末 (12月31日); 2020年度末 (the fiscal year's last day, 2021-03-31, still FY2020).
  An impossible day (2021年2月30日) is refused; a range never has a day.  The period of a day
  is its calendar year (CY2021 for 2021/3/31), as before: :func:`period_in_basis` gives the
  fiscal year it falls in (FY2020) for an indicator counted in 年度.
- ``as_of``, like ``raw``, takes no part in equality, hashing or :meth:`Period.key`: a period is
  the year (or years) a figure belongs to, and figures are stored by that key, so 2021/3/31 and
  2021/12/31 are the same period CY2021.  Compare ``as_of`` itself to tell two days apart.
- :func:`basis_conflict` words the warning a caller shows when a period states 年 for an
  indicator counted in 年度, or 年度 for one counted in 年 (a day is never a conflict).
"""

from __future__ import annotations

import calendar
import datetime
import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Literal

from shisaku.domain.eras import ERAS, Era, era_year

Basis = Literal["fiscal", "calendar"]
Aggregate = Literal["single", "range", "average"]

EXAMPLES = "2019年度、令和6年度、H26、R5、2019~2023年度"
KEY_EXAMPLES = "FY2019、CY2019、Y2019、FY2019-2023、FY2021-2026avg"
FIRST_YEAR = ERAS[-1].first_year

_KEY_PREFIX: dict[Basis | None, str] = {"fiscal": "FY", "calendar": "CY", None: "Y"}
_PREFIX_BASIS: dict[str, Basis | None] = {v: k for k, v in _KEY_PREFIX.items()}
_SUFFIX_JA: dict[Basis | None, str] = {"fiscal": "年度", "calendar": "年", None: ""}
_PREFIX_EN: dict[Basis | None, str] = {"fiscal": "FY", "calendar": "", None: ""}
_BASIS_JA: dict[Basis, tuple[str, str]] = {
    "fiscal": ("年度", "4月〜翌年3月"),
    "calendar": ("暦年", "1月〜12月"),
}
_AGGREGATE_WORDS: dict[str, Aggregate] = {"平均": "average", "累計": "range", "合計": "range"}
_ERA_BY_KEY: dict[str, Era] = {e.name: e for e in ERAS} | {e.name_en[0].lower(): e for e in ERAS}
_ERAS = "|".join(sorted(_ERA_BY_KEY, key=len, reverse=True))


class PeriodError(ValueError):
    """The text cannot be read as a period; the message says what was found and what is accepted."""

    def __init__(self, raw: str, reason: str, examples: str = EXAMPLES) -> None:
        super().__init__(f"『{raw}』は期間として読めません。{reason}。例: {examples}")
        self.raw = raw
        self.reason = reason


class NotAPeriod(PeriodError):
    """The text has no form of a period at all (not a period that is wrong: 2021年2月30日)."""


@dataclass(frozen=True)
class Period:
    """A year or a span of years, with its basis (fiscal/calendar) and how the span is taken."""

    start: int
    end: int
    basis: Basis | None
    aggregate: Aggregate = "single"
    raw: str = field(default="", compare=False)
    as_of: datetime.date | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        """Refuse an end before the start, a span against its aggregate, or a dated span."""
        if self.end < self.start or (self.aggregate == "single") != (self.start == self.end):
            raise ValueError(f"invalid period {self.start}-{self.end} ({self.aggregate})")
        if self.as_of is not None and self.aggregate != "single":
            raise ValueError(f"invalid period {self.start}-{self.end}: a span has no date")

    def key(self) -> str:
        """Return the canonical key: FY2019, CY2019, Y2019, FY2019-2023, FY2021-2026avg."""
        span = str(self.start) if self.aggregate == "single" else f"{self.start}-{self.end}"
        return _KEY_PREFIX[self.basis] + span + ("avg" if self.aggregate == "average" else "")

    def label_ja(self) -> str:
        """Return 西暦 and 和暦: 2019年度（令和元年度）, 2021〜2026年度平均（令和3〜8年度平均）."""
        suffix = _SUFFIX_JA[self.basis] + ("平均" if self.aggregate == "average" else "")
        return f"{self._western_span()}{suffix}（{self._era_span()}{suffix}）"

    def label_en(self) -> str:
        """Return the English label: FY2019, 2019, FY2021–FY2026 average."""
        prefix = _PREFIX_EN[self.basis]
        if self.aggregate == "single":
            return f"{prefix}{self.start}"
        span = f"{prefix}{self.start}–{prefix}{self.end}"
        return span + (" average" if self.aggregate == "average" else "")

    def with_basis(self, basis: Basis) -> Period:
        """Return this period with ``basis`` (e.g. the indicator's, when the text gave none)."""
        return replace(self, basis=basis)

    def _western_span(self) -> str:
        """Return 2019 or 2019〜2023."""
        return str(self.start) if self.start == self.end else f"{self.start}〜{self.end}"

    def _era_span(self) -> str:
        """Return 令和元, 令和3〜8 (one era) or 平成29〜令和3 (two eras)."""
        first, last = era_year(self.start), era_year(self.end)
        if self.start == self.end:
            return first.ja
        return f"{first.ja}〜{last.year if last.era == first.era else last.ja}"


def _endpoint(p: str, era_optional: bool) -> str:
    """Return the pattern of one year of a period, its groups prefixed with ``p``."""
    era = f"(?P<{p}era>{_ERAS}){'?' if era_optional else ''}"
    month = rf"(?P<{p}month>[0-9]{{1,2}})月(?:(?P<{p}day>[0-9]{{1,2}})日)?"
    return (
        rf"(?:{era}(?P<{p}num>[0-9]{{1,2}}|元)|(?P<{p}fy>fy)?(?P<{p}west>[0-9]{{4}}))"
        rf"(?P<{p}suffix>年度|年(?P<{p}date>{month})?)?"
        rf"(?P<{p}close>末)?(?:時点|現在)?"
    )


_SEPARATOR = r"(?:[~〜\-−‐–—―ー]|から)"
_PLAIN = re.compile(
    _endpoint("a_", False)
    + rf"(?:{_SEPARATOR}{_endpoint('b_', True)})?(?:の)?(?P<agg>平均|累計|合計)?"
)
_SLASH_DATE = re.compile(
    rf"(?:(?P<a_era>{_ERAS})(?P<a_num>[0-9]{{1,2}}|元)|(?P<a_west>[0-9]{{4}}))"
    r"(?P<sep>[./-])(?P<a_month>[0-9]{1,2})(?P=sep)(?P<a_day>[0-9]{1,2})(?:時点|現在)?"
)
_PAREN = re.compile(r"\(([^()]*)\)")
_DIGIT = re.compile(r"[0-9元]")


def _year(m: re.Match[str], p: str, raw: str, inherited: int | None = None) -> int:
    """Return the western year of endpoint ``p``, inheriting the era or century of ``inherited``."""
    if m[p + "west"]:
        return int(m[p + "west"])
    n = 1 if m[p + "num"] == "元" else int(m[p + "num"])
    if m[p + "era"]:
        if n == 0:
            raise PeriodError(raw, f"{_ERA_BY_KEY[m[p + 'era']].name}0年という年はありません")
        return _ERA_BY_KEY[m[p + "era"]].first_year + n - 1
    assert inherited is not None  # only the end of a range may leave out its era
    if m["a_west"]:
        return inherited // 100 * 100 + n
    return _ERA_BY_KEY[m["a_era"]].first_year + n - 1


def _basis(m: re.Match[str], p: str) -> Basis | None:
    """Return the basis endpoint ``p`` states: 年度/FY → fiscal, 年 or a date → calendar."""
    if m[p + "fy"] or m[p + "suffix"] == "年度":
        return "fiscal"
    return "calendar" if m[p + "suffix"] else None


def _range_basis(m: re.Match[str], raw: str) -> Basis | None:
    """Return the one basis both ends of a range agree on (either may state it)."""
    stated = {b for b in (_basis(m, "a_"), _basis(m, "b_")) if b}
    if len(stated) > 1:
        raise PeriodError(raw, "「年」と「年度」が混ざっています")
    if m["a_date"] or m["b_date"]:
        raise PeriodError(raw, "日付の範囲は期間として読めません（年度か年で書いてください）")
    return stated.pop() if stated else None


def _make(raw: str, start: int, end: int, basis: Basis | None, aggregate: Aggregate) -> Period:
    """Return the period, refusing years before 明治 and ends before starts."""
    if start < FIRST_YEAR:
        raise PeriodError(raw, f"{start}年は明治（{FIRST_YEAR}年）より前です")
    if end < start:
        raise PeriodError(raw, f"終わりの年（{end}年）が始まりの年（{start}年）より前です")
    aggregate = "single" if start == end else aggregate
    return Period(start, end, basis, aggregate, raw)


def _read_plain(text: str, raw: str) -> Period:
    """Read a period without parentheses; the basis stays ``None`` when the text gives none."""
    if m := _SLASH_DATE.fullmatch(text):
        year = _year(m, "a_", raw)
        return _dated(_make(raw, year, year, "calendar", "single"), m, raw)
    m = _PLAIN.fullmatch(text)
    if m is None:
        raise NotAPeriod(raw, _unreadable_reason(text))
    start = _year(m, "a_", raw)
    if not (m["b_west"] or m["b_num"]):
        return _dated(_make(raw, start, start, _basis(m, "a_"), "single"), m, raw)
    end = _year(m, "b_", raw, start)
    aggregate = _AGGREGATE_WORDS[m["agg"]] if m["agg"] else "range"
    return _make(raw, start, end, _range_basis(m, raw), aggregate)


def _dated(period: Period, m: re.Match[str], raw: str) -> Period:
    """Return ``period`` with the day its text names, if it names one."""
    found = m.groupdict()
    year, month, close = period.start, found["a_month"], found.get("a_close")
    if month:
        last = close and not found["a_day"]
        return _on_day(period, raw, year, int(month), found["a_day"] or ("last" if last else "1"))
    if not close:
        return period
    if found.get("a_suffix") == "年度":
        return _on_day(period, raw, year + 1, 3, "31")
    return _on_day(period, raw, year, 12, "31") if found.get("a_suffix") else period


def _on_day(period: Period, raw: str, year: int, month: int, day: str) -> Period:
    """Return ``period`` as of a day (``last``: the month's last day), refusing impossible ones."""
    try:
        number = calendar.monthrange(year, month)[1] if day == "last" else int(day)
        return replace(period, as_of=datetime.date(year, month, number))
    except ValueError:
        shown = "末" if day == "last" else f"{day}日"
        raise PeriodError(raw, f"{year}年{month}月{shown}という日はありません") from None


def _unreadable_reason(text: str) -> str:
    """Return why ``text`` is not a period, naming what was found."""
    if not text:
        return "空欄です"
    if not _DIGIT.search(text):
        return "年を表す数字がありません"
    return "年・年度・範囲（~）・平均のほかに読めない書き方が含まれています"


def _span(p: Period) -> str:
    """Return a period's years for a message: 2022年, 2019〜2023年."""
    return f"{p._western_span()}年"


def _merge(raw: str, main: Period, main_text: str, note: str) -> Period:
    """Return ``main`` checked against a parenthesised alternative form ``note``."""
    try:
        alt = _read_plain(note, raw)
    except PeriodError:
        if _DIGIT.search(note):
            raise
        return main  # a note such as （実績）
    _check_agrees(raw, main, main_text, alt, note)
    aggregate = "average" if "average" in (main.aggregate, alt.aggregate) else main.aggregate
    basis, as_of = main.basis or alt.basis, main.as_of or alt.as_of
    return replace(main, basis=basis, aggregate=aggregate, as_of=as_of)


def _check_agrees(raw: str, main: Period, main_text: str, alt: Period, note: str) -> None:
    """Refuse an alternative form that names other years, another basis or another day."""
    if (alt.start, alt.end) != (main.start, main.end):
        reason = f"{main_text}は{_span(main)}ですが、（{note}）は{_span(alt)}です"
        raise PeriodError(raw, reason)
    if main.basis and alt.basis and main.basis != alt.basis:
        raise PeriodError(raw, "「年」と「年度」が混ざっています")
    if main.as_of and alt.as_of and main.as_of != alt.as_of:
        reason = f"{main_text}は{date_ja(main.as_of)}ですが、（{note}）は{date_ja(alt.as_of)}です"
        raise PeriodError(raw, reason)


def date_ja(day: datetime.date) -> str:
    """Return a day in Japanese: 2021年3月31日."""
    return f"{day.year}年{day.month}月{day.day}日"


def read_period(
    text: str, *, default_basis: Basis | None = None, default_era: str | None = None
) -> Period:
    """Read a period cell (2019年度, 令和元年度, H26, r4（2022）, 2021~2026年度平均), or raise.

    ``default_era`` (令和) is the era of a year printed without one (6年度, 2~6年度): a page
    that gave the era once and leaves it out afterwards.  Without it such a year is no period.
    """
    normal = "".join(unicodedata.normalize("NFKC", text).lower().split())
    main_text = _with_era(_PAREN.sub("", normal), default_era)
    period = _read_plain(main_text, text)
    for note in _PAREN.findall(normal):
        period = _merge(text, period, main_text, note)
    if period.basis is None and default_basis is not None:
        period = period.with_basis(default_basis)
    return period


_ERALESS = re.compile(r"(?:[0-9]{1,2}|元)(?:年|[~〜\-−‐–—―ー]|から)")
_STATED_ERA = re.compile(rf"(?:^|[^a-z])({_ERAS})(?:[0-9]{{1,2}}|元)")


def _with_era(text: str, era: str | None) -> str:
    """Return a year printed without its era (6年度, 2~6年度) with ``era`` in front."""
    known = era is not None and era in _ERA_BY_KEY
    return f"{era}{text}" if known and "年" in text and _ERALESS.match(text) else text


def stated_era(text: str) -> str | None:
    """Return the era a period text names (令和 of 令和2年度 or R2, 平成 of H28), or None."""
    m = _STATED_ERA.search(unicodedata.normalize("NFKC", text).lower())
    return _ERA_BY_KEY[m[1]].name if m else None


def fiscal_year(day: datetime.date) -> int:
    """Return the fiscal year (April–March) a day belongs to: 2021-03-31 → 2020."""
    return day.year if day.month >= 4 else day.year - 1


def period_in_basis(period: Period, basis: Basis) -> Period:
    """Return the period as an indicator on ``basis`` counts it: a day goes to its year.

    A dated period (2021/3/31, 令和3年3月末, 2020年度末) becomes the fiscal year or calendar
    year the day falls in (2021-03-31 → FY2020 or CY2021), keeping its day and raw text; a
    period without a basis takes ``basis``; one that states the other basis is returned as it
    is (see :func:`basis_conflict`).
    """
    if period.as_of is not None:
        day = period.as_of
        year = fiscal_year(day) if basis == "fiscal" else day.year
        return Period(year, year, basis, raw=period.raw, as_of=day)
    return period.with_basis(basis) if period.basis is None else period


def basis_conflict(period: Period, basis: Basis) -> str | None:
    """Return a warning when ``period`` states 年 for a 年度 indicator (or the reverse), else None.

    A dated period is never a conflict: :func:`period_in_basis` places its day in either.
    """
    if period.as_of is not None or period.basis in (None, basis):
        return None
    stated, counted = _BASIS_JA[period.basis], _BASIS_JA[basis]
    wanted = period._western_span() + _SUFFIX_JA[basis]
    wanted += "平均" if period.aggregate == "average" else ""
    return (
        f"『{period.raw.strip() or period.label_ja()}』は{stated[0]}（{stated[1]}）の期間ですが、"
        f"この指標は{counted[0]}（{counted[1]}）で数えます。"
        f"{counted[0]}の値であれば「{wanted}」と書いてください"
    )


_KEY = re.compile(r"(FY|CY|Y)([0-9]{4})(?:-([0-9]{4})(avg)?)?")


def parse_period_key(key: str) -> Period:
    """Return the period whose ``key()`` is ``key`` (the inverse of ``Period.key``)."""
    m = _KEY.fullmatch(key)
    if m is None or m[2] == m[3]:
        raise PeriodError(key, "期間キーの形ではありません", KEY_EXAMPLES)
    start = int(m[2])
    end = int(m[3]) if m[3] else start
    aggregate: Aggregate = "single" if not m[3] else "average" if m[4] else "range"
    return _make(key, start, end, _PREFIX_BASIS[m[1]], aggregate)
