"""The one home of period labels: every interface shows a period key through it."""

from __future__ import annotations

from datetime import date

import pytest

from shisaku.domain.period_labels import date_text, period_label, year_label


@pytest.mark.parametrize(
    ("key", "ja", "en"),
    [
        ("FY2019", "2019年度（令和元年度）", "FY2019 (Reiwa 1)"),
        ("CY2017", "2017年（平成29年）", "2017 (Heisei 29)"),
        ("Y2024", "2024（令和6）", "2024 (Reiwa 6)"),
        (
            "FY2021-2026avg",
            "2021〜2026年度平均（令和3〜8年度平均）",
            "FY2021–FY2026 average (Reiwa 3–Reiwa 8)",
        ),
        (
            "FY2017-2019",
            "2017〜2019年度（平成29〜令和元年度）",
            "FY2017–FY2019 (Heisei 29–Reiwa 1)",
        ),
        ("2018-05-01", "2018年5月1日現在", "as of 1 May 2018"),
        ("not a period", "not a period", "not a period"),
    ],
)
def test_it_labels_a_period_key_in_both_languages(key: str, ja: str, en: str) -> None:
    assert period_label(key) == ja
    assert period_label(key, english=True) == en


def test_it_labels_a_fiscal_year_as_its_period_key() -> None:
    assert year_label(2024) == period_label("FY2024") == "2024年度（令和6年度）"
    assert year_label(2024, english=True) == period_label("FY2024", True)


def test_it_says_a_day_as_of() -> None:
    assert date_text(date(2021, 3, 31), english=True) == "as of 31 March 2021"
