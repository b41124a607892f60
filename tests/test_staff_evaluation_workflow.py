"""Workflow steps from the sheet page: who is offered which step, refusals, confirmation, locks."""

from __future__ import annotations

import pytest

from shisaku.audit.models import AuditEntry
from shisaku.indicators.models import Figure, PeriodLock
from shisaku.indicators.services import FigureEntry, record_figure
from tests.test_evaluation_setup import SLUG, TOWN, YEAR
from tests.test_staff_evaluation_support import (  # noqa: F401
    BASE,
    SHEET,
    advance,
    as_user,
    plain,
    step_data,
    text,
    town_fixture,
    version,
)

BUTTONS = {
    "submit": "提出する",
    "return": "差し戻す",
    "approve": "承認する（一次評価）",
    "withdraw": "提出を取り下げる",
    "recall": "担当課に引き戻す…",
    "stand_in": "所属長に代わって承認する（一次評価）",
    "review": "二次評価を記録する",
    "refer": "外部評価に付す",
    "comment": "外部評価の意見を記録する",
    "publish": "公開する",
    "reopen": "再開する",
}


def offered(who: str) -> list[str]:
    page = text(as_user(who).get(SHEET))
    with_form = 'name="then" value="submit"' in page  # submitted from the sheet's own form
    return [a for a in BUTTONS if f'id="step-{a}"' in page or (a == "submit" and with_form)]


@pytest.mark.parametrize(
    ("state", "who", "actions"),
    [
        ("draft", "kosodate", ["submit"]),
        ("draft", "kacho", ["submit"]),
        ("draft", "kikaku", ["submit"]),
        ("draft", "doboku", []),
        ("draft", "iin", []),
        ("submitted", "kacho", ["return", "approve", "withdraw"]),
        ("submitted", "kosodate", ["withdraw"]),
        ("submitted", "dobokukacho", []),
        ("submitted", "kikaku", ["recall"]),
        ("approved", "kikaku", ["review", "reopen"]),
        ("approved", "kacho", []),
        ("reviewed", "kikaku", ["refer", "reopen"]),
        ("committee", "iin", []),  # the opinion has one place: the sheet's opinion form
        ("committee", "kikaku", ["publish", "reopen"]),
        ("committee", "etsuran", []),
        ("published", "kikaku", ["reopen"]),
        ("published", "kosodate", []),
    ],
)
def test_each_member_is_offered_the_steps_the_registry_allows_them(town, state, who, actions):
    advance(town, state)
    assert offered(who) == actions


def test_a_member_with_no_step_is_told_so(town):
    page = plain(text(as_user("etsuran").get(SHEET)))
    assert "この評価シートの現在の状態で、あなたが行える操作はありません。" in page


@pytest.mark.parametrize(
    ("start", "who", "action", "comment", "end"),
    [
        ("draft", "kosodate", "submit", None, "submitted"),
        ("submitted", "kacho", "approve", "成果は概ね順調", "approved"),
        ("submitted", "kacho", "return", "課題の記述が不足", "returned"),
        ("approved", "kikaku", "review", "方向性は妥当", "reviewed"),
        ("reviewed", "kikaku", "refer", None, "committee"),
        ("committee", "iin", "comment", "周知を進められたい", "committee"),
    ],
)
def test_the_right_person_takes_each_step(town, start, who, action, comment, end):
    advance(town, start)
    client = as_user(who)
    response = client.post(SHEET + "step/", step_data(action, version(town), comment))
    assert response.status_code == 302
    row = town.evaluation()
    assert row.status == end
    assert AuditEntry.objects.filter(action=f"evaluation.{action}").count() == 1
    assert "評価シートの状態" in text(client.get(response["Location"]))


def test_the_comment_of_a_step_is_written_to_its_field(town):
    advance(town, "submitted")
    as_user("kacho").post(SHEET + "step/", step_data("approve", version(town), "成果は概ね順調"))
    assert town.evaluation().first_comment_ja == "成果は概ね順調"


@pytest.mark.parametrize(
    ("state", "who", "action"),
    [
        ("draft", "doboku", "submit"),  # another department
        ("draft", "etsuran", "submit"),  # a viewer
        ("draft", "iin", "submit"),
        ("submitted", "kosodate", "approve"),  # an editor, not the manager
        ("submitted", "dobokukacho", "approve"),  # another department's manager
        ("submitted", "kikaku", "approve"),  # the manager's step
        ("approved", "kacho", "review"),
        ("reviewed", "kosodate", "refer"),
        ("committee", "kikaku", "comment"),  # the committee's step
        ("committee", "iin", "publish"),
        ("published", "kacho", "reopen"),
    ],
)
def test_the_wrong_person_is_refused_and_nothing_changes(town, state, who, action):
    advance(town, state)
    before = version(town)
    data = step_data(action, before, "理由", confirmed="True")
    response = as_user(who).post(SHEET + "step/", data)
    assert response.status_code == 403
    assert (town.evaluation().status, version(town)) == (state, before)


def test_returning_needs_a_reason_shown_on_its_field(town):
    advance(town, "submitted")
    response = as_user("kacho").post(SHEET + "step/", step_data("return", version(town), ""))
    assert response.status_code == 400
    page = text(response)
    assert 'id="id_return-comment-error"' in page
    assert 'aria-describedby="id_return-comment-error"' in page
    assert "理由を入力してください（この操作には必要です）。" in page
    assert town.evaluation().status == "submitted"


def test_a_step_not_possible_from_the_state_is_refused_with_the_possible_ones(town):
    response = as_user("kikaku").post(SHEET + "step/", step_data("publish", 1), follow=True)
    assert "操作 &#x27;publish&#x27; はできません（この状態でできる操作: submit）" in text(response)
    assert town.evaluation().status == "draft"


def test_a_stale_version_is_a_conflict_and_the_step_is_not_taken(town):
    seen = version(town)
    advance(town, "submitted")
    as_user("kacho").post(SHEET + "step/", step_data("return", version(town), "やり直し"))
    response = as_user("kosodate").post(SHEET + "step/", step_data("submit", seen))
    assert response.status_code == 409
    page = plain(text(response))
    assert "他の人が先に更新しました。" in page
    assert "「提出する」は行われていません。評価シートの現在の状態: 差戻し（版 3）" in page
    assert town.evaluation().status == "returned"


def test_publishing_is_confirmed_first(town):
    advance(town, "committee")
    client = as_user("kikaku")
    response = client.post(SHEET + "step/", step_data("publish", version(town)))
    assert response.status_code == 200
    page = plain(text(response))
    assert "2025年度（令和7年度）の評価：「公開する」でよろしいですか？" in page
    assert "公開すると、この評価が施策の公開ページとそのJSONデータに表示されます" in page
    assert town.evaluation().status == "committee"
    assert 'name="publish-confirmed" value="True"' in text(response)
    response = client.post(SHEET + "step/", step_data("publish", version(town), confirmed="True"))
    assert response.status_code == 302
    row = town.evaluation()
    assert row.status == "published"
    assert row.published_at is not None


def test_reopening_needs_a_reason_and_a_confirmation(town):
    advance(town, "published")
    client = as_user("kikaku")
    missing = client.post(SHEET + "step/", step_data("reopen", version(town), ""))
    assert missing.status_code == 400
    assert 'id="id_reopen-comment-error"' in text(missing)
    asked = client.post(SHEET + "step/", step_data("reopen", version(town), "数値の誤りを訂正"))
    assert asked.status_code == 200
    assert "再開の理由: 数値の誤りを訂正" in plain(text(asked))
    assert town.evaluation().status == "published"
    done = client.post(
        SHEET + "step/", step_data("reopen", version(town), "数値の誤りを訂正", confirmed="True")
    )
    assert done.status_code == 302
    row = town.evaluation()
    assert (row.status, row.frozen, row.published_at) == ("returned", None, None)
    assert AuditEntry.objects.get(action="evaluation.reopen").summary == "再開: 数値の誤りを訂正"
    assert not PeriodLock.objects.exists()


def test_after_approval_the_sheet_shows_the_lock_and_the_frozen_grades(town):
    advance(town, "submitted")
    client = as_user("kacho")
    response = client.post(SHEET + "step/", step_data("approve", version(town), "順調"))
    page = plain(text(client.get(response["Location"])))
    assert "この施策の2025年度（令和7年度）の数値はロックされました。" in page
    assert "この年度の数値はロックされています。" in page
    assert "確定 一次評価（" in page
    assert 'id="step-' not in text(client.get(SHEET))  # the manager's part is done


def test_frozen_grades_stay_when_a_later_target_is_revised(town):
    advance(town, "approved")
    entry = FigureEntry(TOWN, SLUG, "K1", "target", "2028年度", "300")
    record_figure(actor=town["kikaku"], entry=entry)  # FY2028 is not locked
    page = plain(text(as_user("kikaku").get(SHEET)))
    assert "K1 試験指標K1 150 75.0% C" in page  # 150 ÷ 200 when approved, not 150 ÷ 300


def test_the_indicator_page_shows_the_lock_and_refuses_a_locked_year_kindly(town):
    advance(town, "approved")
    client = as_user("kosodate")
    page = plain(text(client.get(BASE + "indicators/K1/")))
    assert "ロックされている年度" in page
    assert "2025年度（令和7年度）: 施策 1-1-1 の評価" in page
    before = Figure.objects.filter(indicator__code="K1").count()
    data = {"kind": "actual", "period": "2025年度", "value": "160", "note": "", "source": ""}
    response = client.post(BASE + "indicators/K1/", data | {"action": "save", "seen": ""})
    assert response.status_code == 423
    shown = text(response)
    assert "この年度はロックされているため、保存しませんでした。" in shown
    assert "指標 K1 の 2025年度の数値は、施策 1-1-1 の 2025年度の評価が承認済みのため" in shown
    assert 'value="160"' in shown  # what was typed is kept
    assert Figure.objects.filter(indicator__code="K1").count() == before


def test_the_whole_cycle_runs_in_the_workspace(town):
    for who, action, comment in [
        ("kosodate", "submit", None),
        ("kacho", "approve", "成果は概ね順調"),
        ("kikaku", "review", "方向性は妥当"),
        ("kikaku", "refer", None),
        ("iin", "comment", "市民への周知を一層進められたい"),
    ]:
        response = as_user(who).post(SHEET + "step/", step_data(action, version(town), comment))
        assert response.status_code == 302, (who, action)
    data = step_data("publish", version(town), confirmed="True")
    assert as_user("kikaku").post(SHEET + "step/", data).status_code == 302
    row = town.evaluation()
    assert (row.status, row.committee_opinion_ja) == ("published", "市民への周知を一層進められたい")
    assert row.frozen["year"] == YEAR
    assert row.published_at is not None
