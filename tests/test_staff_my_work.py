"""Each role lands where its work is: managers and reviewers on the sheets awaiting them,
each sheet's content first and the link to act after it."""

from __future__ import annotations

from tests.test_evaluation_setup import SLUG, TOWN, YEAR
from tests.test_staff_evaluation_support import (  # noqa: F401
    BASE,
    SHEET,
    advance,
    as_user,
    fill,
    plain,
    text,
    town_fixture,
)

WORK = BASE + "my-work/"


def test_a_manager_and_a_reviewer_land_on_their_work_others_on_the_dashboard(town):
    for who, landing in [
        ("kacho", WORK),
        ("iin", WORK),
        ("kosodate", BASE),
        ("kikaku", BASE),
    ]:
        assert as_user(who).get(f"/ja/staff/{TOWN}/")["Location"] == landing, who


def test_a_manager_sees_the_submitted_sheet_content_first_then_the_link(town):
    fill(town, results_ja="相談件数が150件に増えた。", issues_ja="夜間の相談体制が弱い。")
    advance(town, "submitted")
    page = text(as_user("kacho").get(WORK))
    # the submitted 1-1-1 to approve, and 1-1-3 still in preparation (a manager may submit it)
    assert "あなたの対応を待つ評価シートが 2 件あります。" in page
    assert page.index("承認または差戻しをする") < page.index("記入し、提出する")
    content = page.index("相談件数が150件に増えた。")
    link = page.index(f'href="{SHEET}#workflow"')
    assert content < page.index("夜間の相談体制が弱い。") < link
    assert "評価シートを開いて承認または差戻しをする" in page
    assert '<a href="/ja/staff/' in page and 'aria-current="page">あなたの作業' in page


def test_a_manager_of_another_department_sees_only_its_own_sheets(town):
    advance(town, "submitted")
    page = plain(text(as_user("dobokukacho").get(WORK)))
    assert "あなたの対応を待つ評価シートが 1 件あります。" in page
    assert "1-1-2" in page and "1-1-1" not in page


def test_a_reviewer_is_sent_to_the_one_opinion_form_only_while_with_the_committee(town):
    advance(town, "committee")
    page = text(as_user("iin").get(WORK))
    assert f'href="{SHEET}#form-committee"' in page
    assert "評価シートを開いて外部評価の意見を書く" in page
    sheet = text(as_user("iin").get(SHEET))
    assert 'id="step-comment"' not in sheet  # one place for the opinion
    assert 'name="committee-committee_opinion_ja"' in sheet
    assert "ページの最後のフォームに外部評価の意見を書いてください。" in sheet


def test_a_reviewer_has_nothing_waiting_before_the_committee(town):
    advance(town, "reviewed")
    assert "いまあなたの対応を待つ評価シートはありません。" in text(as_user("iin").get(WORK))


def test_the_planning_office_sees_sheets_to_review(town):
    advance(town, "approved")
    page = text(as_user("kikaku").get(WORK))
    assert "評価シートを開いて二次評価を記録する" in page
    assert f"{YEAR}年度" in page and SLUG in page
