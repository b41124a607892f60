"""The municipality's list of departments: kept by the planning office in the workspace, checked
when an account is created (a typo is refused with the names known), English names shown on
English pages."""

import io

import pytest

from shisaku.accounts.departments import department_list, save_department
from shisaku.accounts.models import Department
from shisaku.audit.models import AuditEntry
from shisaku.cli import main
from tests.test_staff_support import BASE, PASSWORD, TOWN, as_user, text, town_fixture  # noqa: F401

LIST = BASE + "departments/list/"


def test_the_planning_office_adds_departments_with_english_names(town):
    client = as_user("kikaku")
    page = text(client.get(BASE + "departments/"))
    assert "一覧は空です。最初の課を加えるまでは、どの課の名前も受け付けます。" in page
    assert "計画にあるが一覧にない課:" in page
    response = client.post(LIST, {"name_ja": "子育て支援課", "name_en": "Child Support Division"})
    assert response["Location"] == BASE + "departments/#list"
    client.post(LIST, {"name_ja": "土木課", "name_en": ""})
    assert [(d.name_ja, d.name_en) for d in department_list(TOWN)] == [
        ("土木課", ""),
        ("子育て支援課", "Child Support Division"),
    ]
    entry = AuditEntry.objects.filter(action="department.save").latest("id")
    assert (entry.object_id, entry.actor) == (f"{TOWN}/土木課", "user:kikaku")
    page = text(client.get(BASE + "departments/"))
    assert "子育て支援課 を課の一覧に保存しました。" in page
    assert 'value="Child Support Division"' in page
    unlisted = page[page.index('<ul class="unlisted">') :]
    assert "福祉課" in unlisted[: unlisted.index("</ul>")]
    assert "土木課" not in unlisted[: unlisted.index("</ul>")]


def test_english_pages_show_the_english_name_japanese_pages_the_japanese(town, operator):
    save_department(
        actor=operator, municipality_code=TOWN, name_ja="子育て支援課", name_en="Child Support"
    )
    client = as_user("kosodate")
    english = text(client.get(BASE.replace("/ja/", "/en/") + "indicators/K1/"))
    assert "<dd>Child Support</dd>" in english
    japanese = text(client.get(BASE + "indicators/K1/"))
    assert "<dd>子育て支援課</dd>" in japanese
    assert "担当課（子育て支援課）" in japanese
    assert "Department (Child Support)" in english  # the account line names it too


def test_a_department_member_may_not_change_the_list(town):
    response = as_user("kosodate").post(LIST, {"name_ja": "勝手課", "name_en": ""})
    assert response.status_code == 403
    assert not Department.objects.exists()
    assert "<h3>課を加える</h3>" not in text(as_user("kosodate").get(BASE + "departments/"))


@pytest.fixture
def typed_password(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))


def createuser(department: str) -> int:
    args = ["createuser", "sato", "--municipality", TOWN, "--role", "department"]
    return main([*args, "--department", department, "--password-stdin"])


def test_createuser_refuses_a_typo_in_the_department_naming_the_known_ones(
    town, operator, capsys, typed_password
):
    for name in ("子育て支援課", "土木課"):
        save_department(actor=operator, municipality_code=TOWN, name_ja=name, name_en="")
    assert createuser("子育て支援か") == 2
    err = capsys.readouterr().err
    assert (
        "課「子育て支援か」は 999997 の課の一覧にありません。一覧にある課: 土木課、子育て支援課"
        in err
    )


def test_createuser_accepts_a_department_on_the_list(town, operator, capsys, typed_password):
    save_department(actor=operator, municipality_code=TOWN, name_ja="土木課", name_en="")
    assert createuser("土木課") == 0
    assert "利用者 sato を作成しました（999997、担当課）" in capsys.readouterr().out


def test_assigning_a_department_not_on_the_list_is_refused_naming_the_list(town, operator):
    from shisaku.plan.models import PlanNode

    save_department(actor=operator, municipality_code=TOWN, name_ja="福祉課", name_en="")
    client = as_user("kikaku")
    client.post(BASE + "departments/", {"node": "1-1", "department": "福祉か"})
    page = text(client.get(BASE + "departments/"))
    assert "保存していません。福祉か は課の一覧（福祉課）にありません。" in page
    assert PlanNode.objects.get(code="1-1").department == ""
    client.post(BASE + "departments/", {"node": "1-1", "department": "福祉課"})
    assert PlanNode.objects.get(code="1-1").department == "福祉課"
