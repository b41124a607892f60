"""和暦 (Japanese era years) for a calendar or fiscal year, and the labels of a plan period.

A year gets the era in effect on 31 December of that year, the convention for fiscal years
(年度, April–March): FY2019 began in 平成 but is written 令和元年度, FY1989 is 平成元年度.
Only the modern eras (since the calendar reform of 明治) are covered.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Era:
    """A Japanese era: its name in Japanese and in Hepburn romanisation, and its first year."""

    name: str
    name_en: str
    first_year: int


# Newest first, so the first era that began on or before a year is the one in effect at its end.
ERAS: tuple[Era, ...] = (
    Era("令和", "Reiwa", 2019),
    Era("平成", "Heisei", 1989),
    Era("昭和", "Showa", 1926),
    Era("大正", "Taisho", 1912),
    Era("明治", "Meiji", 1868),
)


@dataclass(frozen=True)
class EraYear:
    """A year counted in an era, e.g. 令和6 (Reiwa 6)."""

    era: Era
    year: int

    @property
    def ja(self) -> str:
        """Return the Japanese form, with 元 for the first year: 令和元, 令和6."""
        return f"{self.era.name}{'元' if self.year == 1 else self.year}"

    @property
    def en(self) -> str:
        """Return the English form: Reiwa 1, Reiwa 6."""
        return f"{self.era.name_en} {self.year}"


def era_year(year: int) -> EraYear:
    """Return the era year of ``year``, using the era in effect on 31 December of that year."""
    for era in ERAS:
        if year >= era.first_year:
            return EraYear(era, year - era.first_year + 1)
    raise ValueError(f"{year}年は明治（1868年）より前で、和暦に換算できません")


def fiscal_period_ja(start: int, end: int) -> str:
    """Return a fiscal-year period in Japanese: 2019年度〜2023年度（令和元年度〜令和5年度）."""
    return f"{start}年度〜{end}年度（{era_year(start).ja}年度〜{era_year(end).ja}年度）"


def fiscal_period_en(start: int, end: int) -> str:
    """Return a fiscal-year period in English: FY2019–FY2023 (Reiwa 1–Reiwa 5)."""
    return f"FY{start}–FY{end} ({era_year(start).en}–{era_year(end).en})"
