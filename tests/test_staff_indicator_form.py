"""Indicator definitions by form: the uploads' reader and rules, the same audit, nothing lost."""

import pytest

from shisaku.audit.models import AuditEntry
from shisaku.indicators.models import Indicator
from tests.test_staff_support import BASE, SLUG, TOWN, as_user, text, town_fixture  # noqa: F401

NEW = BASE + "new-indicator/"


@pytest.fixture(autouse=True)
def _home(settings, tmp_path):
    settings.HOME = tmp_path


def typed(**changes: str) -> dict[str, str]:
    base = {
        "indicator_code": "K7",
        "node_code": "1-1-1",
        "name": "放課後児童クラブの登録児童数",
        "unit": "人",
        "direction": "increase",
        "accumulation": "single_year",
        "time_basis": "fiscal",
        "source_kind": "operations",
        "department": "子育て支援課",
        "components": "",
        "weight": "",
        "common_code": "",
    }
    return base | changes


def test_the_planning_office_creates_an_indicator_audited_as_an_upload_would_be(town):
    response = as_user("kikaku").post(NEW, typed())
    assert response.status_code == 302
    assert response["Location"] == f"{BASE}indicators/K7/"
    made = Indicator.objects.get(code="K7")
    assert (made.name_ja, made.unit, made.department, made.node.code) == (
        "放課後児童クラブの登録児童数",
        "人",
        "子育て支援課",
        "1-1-1",
    )
    entry = AuditEntry.objects.filter(action="indicator.save").latest("id")
    assert (entry.object_id, entry.actor) == (f"{TOWN}/{SLUG}/K7", "user:kikaku")


def test_a_refused_form_comes_back_with_everything_typed_and_the_error_on_its_field(town):
    response = as_user("kikaku").post(NEW, typed(weight="重い", name="図書の貸出冊数"))
    assert response.status_code == 400
    page = text(response)
    assert 'value="図書の貸出冊数"' in page
    assert 'value="重い"' in page
    assert 'id="id_weight-error"' in page
    assert "data-unsaved" in page
    assert not Indicator.objects.filter(code="K7").exists()


def test_a_code_already_used_is_refused_on_the_new_form_never_overwritten(town):
    response = as_user("kikaku").post(NEW, typed(indicator_code="K1"))
    assert response.status_code == 400
    assert "このコードは既に使われています。その指標の定義を編集してください。" in text(response)
    assert Indicator.objects.get(code="K1").name_ja == "相談件数"


def test_editing_shows_the_stored_definition_and_keeps_the_code(town):
    client = as_user("kikaku")
    page = text(client.get(BASE + "indicators/K3/edit/"))
    assert 'value="子育て講座の参加者数"' in page
    assert '<option value="increase" selected>' in page
    response = client.post(
        BASE + "indicators/K3/edit/", typed(indicator_code="K99", name="子育て講座の延べ参加者数")
    )
    assert response["Location"] == f"{BASE}indicators/K3/"
    assert Indicator.objects.get(code="K3").name_ja == "子育て講座の延べ参加者数"
    assert not Indicator.objects.filter(code="K99").exists()


def test_a_department_clerk_may_not_define_indicators(town):
    assert as_user("kosodate").get(NEW).status_code == 403
    assert "指標の新規作成" not in text(as_user("kosodate").get(BASE + "indicators/"))
    assert "指標の新規作成" in text(as_user("kikaku").get(BASE + "indicators/"))


def test_a_department_not_on_the_list_is_refused_on_its_field(town, operator):
    from shisaku.accounts.departments import save_department

    save_department(actor=operator, municipality_code=TOWN, name_ja="子育て支援課", name_en="")
    response = as_user("kikaku").post(NEW, typed(department="子育て支援か"))
    assert response.status_code == 400
    page = text(response)
    assert 'id="id_department-error"' in page
    assert "課「子育て支援か」は 999997 の課の一覧にありません。一覧にある課: 子育て支援課" in page
    assert not Indicator.objects.filter(code="K7").exists()


def test_the_english_unit_is_typed_saved_and_offered_again_as_typed(town):
    kikaku = as_user("kikaku")
    assert kikaku.post(NEW, typed(unit_en="children")).status_code == 302
    assert Indicator.objects.get(code="K7").unit_en == "children"
    page = text(kikaku.get(NEW))
    assert '<datalist id="units-en"><option value="children"></datalist>' in page
    assert '<input type="text" name="unit_en" list="units-en" id="id_unit_en"' in page
    edit = text(kikaku.get(BASE + "indicators/K7/edit/"))
    assert '<input type="text" name="unit_en" value="children" list="units-en"' in edit
