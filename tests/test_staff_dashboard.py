"""The dashboard: what each department still has to enter for a fiscal year, and by when."""

import re
from datetime import date

import pytest
from django.utils import timezone

from shisaku.indicators.models import EntryDeadline
from shisaku.staff.views_dashboard import default_year
from tests.test_staff_support import BASE, as_user, text, town_fixture  # noqa: F401


def sections(page: str) -> list[str]:
    return re.findall(r'<section class="department.*?</section>', page, re.S)


def plain(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_it_counts_what_each_department_has_entered_for_the_year(town):
    page = text(as_user("kikaku").get(BASE + "?year=2024"))
    assert "指標 3 件のうち 1 件の実績値が入力済みです。" in page
    doboku, kosodate = (plain(s) for s in sections(page))
    assert doboku.startswith("土木課 入力済み: 0 / 1 件")
    assert kosodate.startswith("子育て支援課 入力済み: 1 / 2 件")


def test_it_shows_due_dates_and_marks_the_overdue_department(town):
    today = timezone.localdate()
    page = text(as_user("kikaku").get(BASE + "?year=2024"))
    doboku, kosodate = sections(page)
    overdue = date.fromordinal(today.toordinal() - 1)
    later = date.fromordinal(today.toordinal() + 30)
    assert f"期限: {later.year}年{later.month}月{later.day}日" in plain(doboku)
    assert "期限切れ" not in doboku
    assert f"期限: {overdue.year}年{overdue.month}月{overdue.day}日" in plain(kosodate)
    assert "期限切れ" in kosodate


def test_each_missing_indicator_links_to_its_entry_form_for_the_year(town):
    _doboku, kosodate = sections(text(as_user("kikaku").get(BASE + "?year=2024")))
    assert f'href="{BASE}indicators/K3/?kind=actual&amp;period=FY2024#entry"' in kosodate
    assert "K1" not in kosodate  # entered


def test_another_year_has_everything_missing_and_no_due_dates(town):
    page = text(as_user("kikaku").get(BASE + "?year=2025"))
    assert "指標 3 件のうち 0 件" in page
    assert "期限切れ" not in page
    assert page.count("期限: 未設定") == 2


def test_a_department_editor_sees_their_own_department_first(town):
    first = sections(text(as_user("kosodate").get(BASE + "?year=2024")))[0]
    assert "子育て支援課" in first
    assert "自分の課" in first


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2025, 11, 29), 2024),  # FY2025 is under way: FY2024 is the one to report
        (date(2025, 4, 1), 2024),
        (date(2025, 3, 31), 2024),  # FY2023 would be before the plan: its first year
        (date(2030, 6, 1), 2028),  # after the plan: its last year
    ],
)
def test_the_default_year_is_the_last_one_closed_within_the_plan(today, expected):
    assert default_year(today, 2024, 2028) == expected


def test_a_year_outside_the_plan_falls_back_to_the_default(town):
    page = text(as_user("kikaku").get(BASE + "?year=1999"))
    assert '<option value="1999"' not in page
    assert "selected" in page


@pytest.mark.parametrize("who", ["iin", "etsuran", "kosodate"])
def test_only_the_planning_office_gets_the_due_date_form(town, who):
    assert "期限の設定" not in text(as_user(who).get(BASE + "?year=2024"))
    assert "期限の設定" in text(as_user("kikaku").get(BASE + "?year=2024"))


def test_the_planning_office_sets_a_due_date(town):
    response = as_user("kikaku").post(
        BASE + "deadline/", {"year": "2025", "department": "土木課", "due": "2026-06-30"}
    )
    assert response.status_code == 302
    assert EntryDeadline.objects.get(fiscal_year=2025, department="土木課").due == date(2026, 6, 30)


def test_a_department_cannot_set_a_due_date(town):
    response = as_user("kosodate").post(
        BASE + "deadline/", {"year": "2025", "department": "", "due": "2026-06-30"}
    )
    assert response.status_code == 403
    assert not EntryDeadline.objects.filter(fiscal_year=2025).exists()


def test_the_dashboard_in_english_shows_years_with_their_era(town):
    page = text(as_user("kikaku").get(BASE.replace("/ja/", "/en/") + "?year=2024"))
    assert "Actuals still missing for FY2024 (Reiwa 6)" in page
    assert "1 of 3 indicators have an actual for this year." in page
    assert "Overdue" in page
