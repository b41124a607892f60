"""Period labels at their edges: the first and last month in English, a range inside one era,
a fiscal year's own label, and an empty key."""

from __future__ import annotations

import pytest

from shisaku.domain.period_labels import period_label, year_label


@pytest.mark.parametrize(
    ("key", "ja", "en"),
    [
        ("2020-01-01", "2020年1月1日現在", "as of 1 January 2020"),
        ("2019-12-31", "2019年12月31日現在", "as of 31 December 2019"),
        ("FY2019-2023", "2019〜2023年度（令和元〜5年度）", "FY2019–FY2023 (Reiwa 1–Reiwa 5)"),
        ("Y2014", "2014（平成26）", "2014 (Heisei 26)"),
        ("", "", ""),
    ],
)
def test_a_key_at_an_edge_is_labelled_in_both_languages(key, ja, en):
    assert (period_label(key), period_label(key, english=True)) == (ja, en)


def test_a_fiscal_year_is_labelled_with_its_era_year():
    assert (year_label(2017), year_label(2017, english=True)) == (
        "2017年度（平成29年度）",
        "FY2017 (Heisei 29)",
    )
