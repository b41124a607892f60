"""SDG links of measures: set by the planning office or the measure's department (audited), and
carried through the plan exchange file (JSON and YAML) without loss. Fictional 試験市 only."""

from __future__ import annotations

import json

import pytest

from shisaku.accounts.permissions import PermissionDenied
from shisaku.audit.models import AuditEntry
from shisaku.cli import main
from shisaku.domain.sdgs import GoalRef, MeasureLinks
from shisaku.plan.models import MeasureGoal, Plan
from shisaku.plan.sdg_reads import goal_counts, goal_measure_codes, plan_links
from shisaku.plan.sdgs import NotAMeasure, set_measure_goals
from tests.test_staff_support import SLUG, TOWN, town_fixture  # noqa: F401
from tests.test_staff_support import as_user as _as_user  # noqa: F401

REFS = [GoalRef(4, "1"), GoalRef(3), GoalRef(4)]


def _set(actor, node="1-1-1", refs=REFS, source="") -> bool:
    return set_measure_goals(
        actor=actor, municipality_code=TOWN, slug=SLUG, node_code=node, refs=refs, source=source
    )


def _plan_id() -> int:
    return Plan.objects.get(municipality__code=TOWN, slug=SLUG).pk


def test_the_planning_office_links_a_measure_to_goals_once_and_it_is_audited(small_plan, operator):
    assert _set(operator, source="計画書 p.12") is True
    assert _set(operator, source="計画書 p.12") is False  # nothing changed: no second entry
    assert plan_links(_plan_id()) == {
        "1-1-1": MeasureLinks("1-1-1", (GoalRef(3), GoalRef(4), GoalRef(4, "1")), "計画書 p.12")
    }
    assert goal_measure_codes(_plan_id(), 4) == ["1-1-1"]
    assert goal_counts(_plan_id()) == {3: 1, 4: 1}
    entry = AuditEntry.objects.get(action="node.sdgs")
    assert (entry.object_id, entry.before, entry.after) == (
        f"{TOWN}/{SLUG}/1-1-1",
        {"node": "1-1-1", "goals": []},
        {"node": "1-1-1", "goals": ["3", "4", "4.1"], "source": "計画書 p.12"},
    )


def test_only_the_measures_department_or_the_planning_office_may_link_it(town):
    from django.contrib.auth import get_user_model

    from shisaku.accounts.services import actor_for

    def actor(name):
        user = get_user_model().objects.get(username=name)
        return actor_for(user.pk, name)

    with pytest.raises(PermissionDenied) as refused:
        _set(actor("kosodate"))
    assert str(refused.value) == (
        "user:kosodate は 999997（福祉課） で計画の編集を行う権限がありません"
    )
    assert not MeasureGoal.objects.exists()
    assert _set(actor("fukushi"), refs=[GoalRef(1)]) is True
    assert _set(actor("kikaku"), refs=[GoalRef(1), GoalRef(10, "2")]) is True
    assert [r.label for r in plan_links(_plan_id())["1-1-1"].refs] == ["1", "10.2"]


def test_goals_belong_to_measures_not_to_policies(small_plan, operator):
    with pytest.raises(NotAMeasure) as refused:
        _set(operator, node="1-1")
    assert str(refused.value) == "1-1 は政策です。SDGsのゴールは施策（measure）に付けます"


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_an_export_with_goals_imported_back_gives_an_identical_export(
    small_plan, operator, capsys, tmp_path, fmt
):
    _set(operator, source="計画書 p.12")
    first = tmp_path / f"plan.{fmt}"
    run(capsys, "export-plan", "--municipality", TOWN, "--format", fmt, "-o", str(first))
    Plan.objects.all().delete()
    assert not MeasureGoal.objects.exists()
    code, _, err = run(capsys, "import-plan", str(first))
    assert (code, err) == (0, "")
    second = tmp_path / f"again.{fmt}"
    run(capsys, "export-plan", "--municipality", TOWN, "--format", fmt, "-o", str(second))
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")
    assert [r.label for r in plan_links(_plan_id())["1-1-1"].refs] == ["3", "4", "4.1"]


def test_the_json_export_lists_the_goals_after_the_nodes(small_plan, operator, capsys):
    _set(operator)
    _, out, _ = run(capsys, "export-plan", "--municipality", TOWN, "--format", "json")
    document = json.loads(out)
    assert list(document) == ["schema", "municipality", "plan", "nodes", "sdgs"]
    assert document["sdgs"] == [{"node": "1-1-1", "goals": ["3", "4", "4.1"]}]


def test_a_file_without_an_sdgs_list_keeps_the_links_and_an_empty_list_clears_them(
    small_plan, operator, capsys, tmp_path
):
    _set(operator)
    _, out, _ = run(capsys, "export-plan", "--municipality", TOWN, "--format", "json")
    document = json.loads(out)
    del document["sdgs"]
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert run(capsys, "import-plan", str(path))[0] == 0
    assert MeasureGoal.objects.count() == 3
    path.write_text(json.dumps(document | {"sdgs": []}, ensure_ascii=False), encoding="utf-8")
    assert run(capsys, "import-plan", str(path))[0] == 0
    assert not MeasureGoal.objects.exists()
    assert AuditEntry.objects.filter(action="plan.sdgs").count() == 1


@pytest.mark.parametrize(
    ("sdgs", "message"),
    [
        ({"1-1-1": ["4"]}, "plan.json の sdgs: 配列（[...]）を書いてください"),
        (
            [{"node": "1-1-1", "goals": ["4", "18"]}],
            "plan.json の sdgs[0].goals: 「18」はSDGsのゴールではありません。"
            "1〜17 のゴール番号（例: 4）、またはターゲット（例: 4.1、4.a）で書いてください",
        ),
        (
            [{"node": "1-1-1", "goals": "4"}],
            'plan.json の sdgs[0].goals: ゴールの配列（例: ["4", "4.1"]）を書いてください',
        ),
        (
            [{"goals": ["4"]}],
            'plan.json の sdgs[0]: {"node": "施策のコード", "goals": ["4", "4.1"]} '
            "の形で書いてください",
        ),
        (
            [{"node": "1-1", "goals": ["4"]}],
            "sdgs[0].node: 「1-1」はこの計画の施策のコードではありません（施策のコード: 1-1-1）",
        ),
    ],
)
def test_a_bad_sdgs_list_is_refused_naming_the_place_and_nothing_is_written(
    small_plan, operator, capsys, tmp_path, sdgs, message
):
    _set(operator)
    _, out, _ = run(capsys, "export-plan", "--municipality", TOWN, "--format", "json")
    document = json.loads(out) | {"sdgs": sdgs}
    document["plan"]["title"] = "変えた題名"
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    code, _, err = run(capsys, "import-plan", str(path))
    assert code != 0
    assert message in err
    assert Plan.objects.get().title_ja == "試験市総合計画"
    assert MeasureGoal.objects.count() == 3
