"""A measure's SDG goals in the workspace: the planning office and the measure's department edit
them, other departments see them read-only, a typo is refused with what is accepted, nothing
typed is lost on success. Fictional 試験市 (tests/test_staff_support.py)."""

from __future__ import annotations

from shisaku.audit.models import AuditEntry
from shisaku.plan.models import MeasureGoal
from tests.test_staff_support import BASE, as_user, text, town_fixture  # noqa: F401

PAGE = BASE + "sdgs/"


def _goals() -> list[tuple[str, int, str, str]]:
    return list(MeasureGoal.objects.values_list("node_code", "goal", "target", "source"))


def test_the_measures_department_types_goals_and_finds_them_again(town):
    client = as_user("fukushi")
    page = text(client.get(PAGE))
    assert '<label for="goals-1">1-1-1 のゴール</label>' in page
    assert '<li value="11">住み続けられるまちづくりを</li>' in page
    response = client.post(PAGE, {"node": "1-1-1", "goals": "４.１、3, 4", "source": "計画書 p.12"})
    assert response["Location"] == PAGE + "#m-1-1-1"
    assert _goals() == [
        ("1-1-1", 3, "", "計画書 p.12"),
        ("1-1-1", 4, "", "計画書 p.12"),
        ("1-1-1", 4, "1", "計画書 p.12"),
    ]
    page = text(client.get(PAGE))
    assert "1-1-1 のSDGsのゴールを保存しました。" in page
    assert 'name="goals" id="goals-1" value="3, 4, 4.1"' in page
    assert 'value="計画書 p.12"' in page
    entry = AuditEntry.objects.get(action="node.sdgs")
    assert entry.actor == "user:fukushi"


def test_a_typo_is_refused_with_what_is_accepted_and_nothing_changes(town):
    client = as_user("kikaku")
    client.post(PAGE, {"node": "1-1-1", "goals": "11", "source": ""})
    response = client.post(PAGE, {"node": "1-1-1", "goals": "11, 18", "source": "p.3"})
    assert response.status_code == 400
    assert _goals() == [("1-1-1", 11, "", "")]
    page = text(response)
    # what was typed is still in the boxes, to correct
    assert 'value="11, 18" inputmode="decimal" maxlength="200" aria-invalid="true"' in page
    assert 'value="p.3"' in page
    assert (
        "保存していません: 1-1-1: 「18」はSDGsのゴールではありません。"
        "1〜17 のゴール番号（例: 4）、またはターゲット（例: 4.1、4.a）で書いてください"
    ) in page


def test_another_department_sees_the_goals_but_may_not_change_them(town):
    as_user("kikaku").post(PAGE, {"node": "1-1-1", "goals": "1", "source": ""})
    client = as_user("kosodate")
    page = text(client.get(PAGE))
    assert 'name="goals"' not in page
    assert "<td>1</td>" in page
    assert client.post(PAGE, {"node": "1-1-1", "goals": "2", "source": ""}).status_code == 403
    assert _goals() == [("1-1-1", 1, "", "")]


def test_a_policy_cannot_carry_goals(town):
    client = as_user("kikaku")
    response = client.post(PAGE, {"node": "1-1", "goals": "1", "source": ""})
    assert not MeasureGoal.objects.exists()
    assert "保存していません: 1-1 は政策です。SDGsのゴールは施策（measure）に付けます" in text(
        response
    )


def test_the_english_workspace_names_the_goals_in_english(town):
    page = text(as_user("kikaku").get(PAGE.replace("/ja/", "/en/")))
    assert "<h1>SDG goals of the measures</h1>" in page
    assert '<li value="6">Clean Water and Sanitation</li>' in page


def test_an_exchange_file_imported_in_the_workspace_brings_its_goals(town):
    from shisaku.exchange.planfiles import render
    from shisaku.indicators.documents import plan_with_indicators
    from shisaku.plan.queries import find_plan
    from tests.test_staff_plan_import import IMPORT, KAZAMINO, preview_url, upload

    as_user("kikaku").post(PAGE, {"node": "1-1-1", "goals": "1", "source": ""})
    exported = render(plan_with_indicators(find_plan("999997", "2024-2028")), "json")
    assert '"sdgs": [' in exported
    changed = exported.replace(
        '"goals": [\n        "1"\n      ]', '"goals": [\n        "13.2"\n      ]'
    )
    assert changed != exported
    client = as_user("kikaku")
    upload(client, KAZAMINO, name="plan.json", data=changed.encode())
    assert IMPORT in preview_url(client)
    assert client.post(preview_url(client) + "confirm/", {"serial": "1"}).status_code == 302
    assert _goals() == [("1-1-1", 13, "2", "")]
