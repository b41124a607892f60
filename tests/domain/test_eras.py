"""和暦 for calendar and fiscal years (pure Python, no Django)."""

from __future__ import annotations

import pytest

from shisaku.domain.eras import era_year, fiscal_period_en, fiscal_period_ja


@pytest.mark.parametrize(
    ("year", "ja", "en"),
    [
        (1868, "明治元", "Meiji 1"),
        (1911, "明治44", "Meiji 44"),
        (1912, "大正元", "Taisho 1"),
        (1925, "大正14", "Taisho 14"),
        (1926, "昭和元", "Showa 1"),
        (1988, "昭和63", "Showa 63"),
        (1989, "平成元", "Heisei 1"),
        (2018, "平成30", "Heisei 30"),
        (2019, "令和元", "Reiwa 1"),
        (2023, "令和5", "Reiwa 5"),
        (2024, "令和6", "Reiwa 6"),
        (2028, "令和10", "Reiwa 10"),
    ],
)
def test_it_gives_the_era_in_effect_on_the_last_day_of_the_year(year, ja, en):
    assert era_year(year).ja == ja
    assert era_year(year).en == en


def test_it_refuses_a_year_before_meiji():
    with pytest.raises(ValueError, match="1867"):
        era_year(1867)


@pytest.mark.parametrize(
    ("start", "end", "ja", "en"),
    [
        (
            2019,
            2023,
            "2019年度〜2023年度（令和元年度〜令和5年度）",
            "FY2019–FY2023 (Reiwa 1–Reiwa 5)",
        ),
        (
            2024,
            2028,
            "2024年度〜2028年度（令和6年度〜令和10年度）",
            "FY2024–FY2028 (Reiwa 6–Reiwa 10)",
        ),
        (
            1986,
            1990,
            "1986年度〜1990年度（昭和61年度〜平成2年度）",
            "FY1986–FY1990 (Showa 61–Heisei 2)",
        ),
    ],
)
def test_it_labels_a_fiscal_period_in_both_calendars(start, end, ja, en):
    assert fiscal_period_ja(start, end) == ja
    assert fiscal_period_en(start, end) == en
