"""One measure's evaluation sheet in the workspace: every field, its forms, versions, history."""

from __future__ import annotations

import pytest

from shisaku.audit.models import AuditEntry
from shisaku.evaluation import services
from tests.test_evaluation_setup import SLUG, TOWN, YEAR
from tests.test_staff_evaluation_support import (  # noqa: F401
    SHEET,
    advance,
    as_user,
    fill,
    plain,
    text,
    town_fixture,
    version,
)

FIELDS = {
    "target_ja": "子育て中の家庭",
    "intent_ja": "身近な場所で相談できる",
    "results_ja": "相談件数が150件に増えた。",
    "issues_ja": "夜間の相談体制が十分でない。",
    "direction": "expand",
}


def sheet_form(seen: int, **values: str) -> dict:
    data = {"form": "sheet", "sheet-version": str(seen)}
    empty = {f"sheet-{name}": "" for name in FIELDS} | {
        f"sheet-{n}_en": "" for n in ("target", "intent", "results", "issues")
    }
    return data | empty | {f"sheet-{k}": v for k, v in values.items()}


def test_the_sheet_shows_every_field_of_the_evaluation_sheet(town):
    fill(town, **FIELDS, target_en="Families raising children")
    advance(town, "reviewed")
    page = plain(text(as_user("etsuran").get(SHEET)))
    assert "施策評価シート: 1-1-1 相談支援の充実 2025年度（令和7年度）" in page
    assert "主管課 子育て支援課 状態 二次評価済" in page
    for label, value in [
        ("対象", "子育て中の家庭 英語: Families raising children"),
        ("意図", "身近な場所で相談できる"),
        ("成果", "相談件数が150件に増えた。"),
        ("課題", "夜間の相談体制が十分でない。"),
        ("今後の方向性", "拡充"),
        ("一次評価（所属長）", "成果は概ね順調"),
        ("二次評価（企画課）", "方向性は妥当"),
        ("外部評価の意見", "（未記入）"),
    ]:
        assert f"{label} {value}" in page


def test_live_grades_are_labelled_as_such_before_approval(town):
    page = plain(text(as_user("kosodate").get(SHEET)))
    assert "暫定 現在の数値から計算した評価です。" in page
    assert "K1 試験指標K1 150 75.0% C" in page
    assert "K2 試験指標K2 150 75.0% C" in page
    assert "評価ごとの指標数: A 0, B 0, C 2, D 0, X 0" in page


def test_the_cost_adds_what_is_known_and_lists_what_is_missing_never_a_zero(town):
    page = plain(text(as_user("kosodate").get(SHEET)))
    # P-01: settlement 4,800,000; 1.5 × 8,000,000 = 12,000,000; P-02: budget only
    assert "事業費（決算額） 4,800,000円" in page
    assert "人件費 12,000,000円" in page
    assert "フルコスト 16,800,000円 一部未入力" in page
    assert "予算額 6,000,000円" in page
    assert (
        "未入力（合計は入力済みの分だけを足しています）: P-02: 決算額・従事職員数・人件費単価"
        in page
    )


def test_the_programmes_are_listed_with_their_amounts_ratings_and_direction(town):
    page = plain(text(as_user("kosodate").get(SHEET)))
    assert (
        "P-01 相談員配置事業 金額を入力する P-01 · 定義を編集 P-01 子育て支援課 "
        "5,000,000円 4,800,000円 "
        "12,000,000円 1.5 × 8,000,000円 16,800,000円 必要性 A, 有効性 B, 効率性 B 維持"
    ) in page
    assert (
        "P-02 子育て情報発信事業 金額を入力する P-02 · 定義を編集 P-02 子育て支援課 "
        "1,000,000円 未入力 未入力 未入力" in page
    )


@pytest.mark.parametrize("who", ["kosodate", "kacho", "kikaku"])
def test_a_draft_is_a_form_for_its_department_its_manager_and_the_planning_office(town, who):
    page = text(as_user(who).get(SHEET))
    assert 'name="sheet-target_ja"' in page
    assert '<label for="id_sheet-target_ja">対象（日本語）' in page
    assert 'aria-describedby="id_sheet-target_en-hint"' in page


@pytest.mark.parametrize("who", ["doboku", "dobokukacho", "iin", "etsuran"])
def test_others_read_the_draft_without_a_form(town, who):
    page = text(as_user(who).get(SHEET))
    assert 'name="sheet-target_ja"' not in page
    assert "対象" in page


def test_a_submitted_sheet_is_no_longer_a_form_for_its_department(town):
    advance(town, "submitted")
    assert 'name="sheet-target_ja"' not in text(as_user("kosodate").get(SHEET))


def test_saving_the_sheet_stores_the_fields_with_the_version_seen(town):
    client = as_user("kosodate")
    response = client.post(SHEET + "save/", sheet_form(version(town), **FIELDS))
    assert response.status_code == 302
    row = town.evaluation()
    assert (row.target_ja, row.direction, row.version) == ("子育て中の家庭", "expand", 2)
    assert row.updated_by == "user:kosodate"
    entry = AuditEntry.objects.get(action="evaluation.edit")
    assert entry.after["issues_ja"] == "夜間の相談体制が十分でない。"
    assert "評価シートを保存しました。" in text(client.get(response["Location"]))


def test_a_stale_version_is_a_conflict_shown_with_the_current_values_and_nothing_is_overwritten(
    town,
):
    seen = version(town)
    fill(town, results_ja="企画課が先に書いた成果")
    response = as_user("kosodate").post(
        SHEET + "save/", sheet_form(seen, results_ja="担当課の成果")
    )
    assert response.status_code == 409
    page = text(response)
    assert "他の人が先に更新しました。" in page
    assert 'role="alert"' in page
    shown = plain(page)
    assert "あなたの入力と異なる現在の内容: 成果（日本語） 企画課が先に書いた成果" in shown
    assert "担当課の成果</textarea>" in page  # what was typed is kept in the form
    assert f'name="sheet-version" value="{seen + 1}"' in page  # saving again is deliberate
    assert town.evaluation().results_ja == "企画課が先に書いた成果"


def test_a_sheet_that_moved_on_keeps_what_was_typed_in_the_conflict_notice(town):
    seen = version(town)
    advance(town, "submitted")
    response = as_user("kosodate").post(SHEET + "save/", sheet_form(seen, issues_ja="人手不足"))
    assert response.status_code == 409
    page = plain(text(response))
    assert "評価シートは新しい状態になったため、あなたは編集できません。" in page
    assert "課題（日本語） 人手不足" in page
    assert town.evaluation().issues_ja == ""


def test_another_department_may_not_save_the_sheet(town):
    response = as_user("doboku").post(SHEET + "save/", sheet_form(version(town), **FIELDS))
    assert response.status_code == 403
    assert town.evaluation().target_ja == ""
    assert not AuditEntry.objects.filter(action="evaluation.edit").exists()


def test_saving_a_submitted_sheet_is_refused_with_the_reason(town):
    advance(town, "submitted")
    response = as_user("kikaku").post(SHEET + "save/", sheet_form(version(town), **FIELDS))
    assert response.status_code == 400
    assert "作成中・差戻しの間だけ編集できます" in text(response)
    assert town.evaluation().target_ja == ""


def test_saving_the_same_values_changes_nothing(town):
    client = as_user("kosodate")
    client.post(SHEET + "save/", sheet_form(version(town), **FIELDS))
    response = client.post(SHEET + "save/", sheet_form(version(town), **FIELDS), follow=True)
    assert "変更はありません" in text(response)
    assert version(town) == 2


def test_the_committee_opinion_is_a_form_only_for_a_reviewer_while_with_the_committee(town):
    advance(town, "committee")
    assert 'name="committee-committee_opinion_ja"' in text(as_user("iin").get(SHEET))
    for who in ("kikaku", "kosodate", "etsuran"):
        assert 'name="committee-committee_opinion_ja"' not in text(as_user(who).get(SHEET))
    data = {
        "form": "committee",
        "committee-version": str(version(town)),
        "committee-committee_opinion_ja": "周知を進められたい",
        "committee-committee_opinion_en": "Publicity should be strengthened",
    }
    assert as_user("iin").post(SHEET + "save/", data).status_code == 302
    row = town.evaluation()
    assert (row.committee_opinion_ja, row.committee_opinion_en) == (
        "周知を進められたい",
        "Publicity should be strengthened",
    )


def test_a_reviewer_may_not_write_the_opinion_before_the_sheet_reaches_the_committee(town):
    advance(town, "reviewed")
    data = {
        "form": "committee",
        "committee-version": str(version(town)),
        "committee-committee_opinion_ja": "早すぎる意見",
        "committee-committee_opinion_en": "",
    }
    response = as_user("iin").post(SHEET + "save/", data)
    assert response.status_code in (400, 403)
    assert town.evaluation().committee_opinion_ja == ""


def test_the_planning_office_sets_english_texts_in_any_state(town):
    advance(town, "approved")
    page = text(as_user("kikaku").get(SHEET))
    assert 'name="en-first_comment_en"' in page
    assert 'name="en-results_en"' in page
    assert 'name="en-first_comment_en"' not in text(as_user("kosodate").get(SHEET))
    data = {f"en-{name}": "" for name in services.TRANSLATIONS} | {
        "form": "en",
        "en-version": str(version(town)),
        "en-first_comment_en": "Broadly on track",
        "en-results_en": "Consultations rose to 150.",
    }
    assert as_user("kikaku").post(SHEET + "save/", data).status_code == 302
    row = town.evaluation()
    assert (row.first_comment_en, row.results_en) == (
        "Broadly on track",
        "Consultations rose to 150.",
    )
    assert AuditEntry.objects.filter(action="evaluation.translate").count() == 1


def test_a_department_may_not_set_the_english_texts(town):
    data = {"form": "en", "en-version": str(version(town)), "en-first_comment_en": "x"}
    assert as_user("kosodate").post(SHEET + "save/", data).status_code == 403


def test_the_history_lists_each_step_and_change(town):
    fill(town, results_ja="成果の記述")
    advance(town, "approved")
    page = plain(text(as_user("etsuran").get(SHEET)))
    history = page[page.index("履歴 日時") :]
    assert "一次評価 施策評価シート 一次評価: 成果は概ね順調 状態: 提出済 → 一次評価済" in history
    assert "提出済 施策評価シート 提出 状態: 作成中 → 提出済" in history
    assert "評価シートの編集 施策評価シート 成果（日本語）: — → 成果の記述" in history
    assert "事務事業の金額の保存 P-01 相談員配置事業" in history


def test_an_unknown_measure_or_year_is_not_found(town):
    assert (
        as_user("kikaku").get(f"/ja/staff/{TOWN}/{SLUG}/evaluations/{YEAR}/9-9-9/").status_code
        == 404
    )
    assert (
        as_user("kikaku").get(f"/ja/staff/{TOWN}/{SLUG}/evaluations/2027/1-1-1/").status_code == 404
    )


def test_the_sheet_in_english(town):
    fill(town, target_ja="子育て中の家庭", target_en="Families raising children")
    page = text(as_user("kosodate").get(f"/en/staff/{TOWN}/{SLUG}/evaluations/{YEAR}/1-1-1/"))
    shown = plain(page)
    assert "Evaluation sheet: 1-1-1 相談支援の充実 FY2025 (Reiwa 7)" in shown
    assert "State In preparation" in shown
    assert "Target group (Japanese)" in shown
    assert "Full cost ¥16,800,000 partly entered" in shown
    assert "Submit" in shown


def test_texts_are_escaped_on_the_sheet(town):
    fill(town, results_ja='<img src=x onerror="alert(1)">')
    advance(town, "submitted")
    page = text(as_user("kacho").get(SHEET))
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page
