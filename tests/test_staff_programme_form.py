"""Programmes (事務事業) by form from the measure's sheet: the service's rules and audit, a new
programme never replaces another, a refused form keeps everything typed."""

from shisaku.audit.models import AuditEntry
from shisaku.evaluation.models import Programme
from tests.test_evaluation_setup import SLUG, TOWN
from tests.test_staff_evaluation_support import SHEET, as_user, text, town_fixture  # noqa: F401

NEW = SHEET + "new-programme/"
EDIT = SHEET + "programmes/P-01/definition/"


def typed(**changes: str) -> dict[str, str]:
    base = {
        "code": "P-03",
        "name_ja": "子育て相談の夜間窓口事業",
        "name_en": "",
        "initiative_code": "1-1-1.1",
        "department": "子育て支援課",
        "period_start": "2025",
        "period_end": "2028",
    }
    return base | changes


def test_the_department_adds_a_programme_from_its_sheet_audited(town):
    client = as_user("kosodate")
    assert f'href="{NEW}"' in text(client.get(SHEET))
    page = text(client.get(NEW))
    assert '<option value="1-1-1.1">1-1-1.1' in page
    response = client.post(NEW, typed())
    assert response["Location"] == SHEET + "#programmes"
    made = Programme.objects.get(code="P-03")
    assert (made.name_ja, made.initiative.code, made.period_end) == (
        "子育て相談の夜間窓口事業",
        "1-1-1.1",
        2028,
    )
    entry = AuditEntry.objects.filter(action="programme.save").latest("id")
    assert (entry.object_id, entry.actor) == (f"{TOWN}/{SLUG}/P-03", "user:kosodate")
    assert "P-03" in text(client.get(SHEET))


def test_a_refused_programme_comes_back_with_everything_typed(town):
    response = as_user("kosodate").post(NEW, typed(period_start="2029", period_end="2026"))
    assert response.status_code == 400
    page = text(response)
    assert "実施期間の始まり（2029）が終わり（2026）より後です" in page
    assert 'value="子育て相談の夜間窓口事業"' in page and "data-unsaved" in page
    assert not Programme.objects.filter(code="P-03").exists()


def test_a_new_programme_never_replaces_one_with_its_code(town):
    response = as_user("kosodate").post(NEW, typed(code="P-01"))
    assert response.status_code == 400
    assert "このコードは既に使われています。その事務事業を編集してください。" in text(response)
    assert Programme.objects.get(code="P-01").name_ja == "相談員配置事業"


def test_editing_keeps_the_code_and_changes_the_name(town):
    client = as_user("kosodate")
    assert 'value="相談員配置事業"' in text(client.get(EDIT))
    response = client.post(EDIT, typed(code="X-9", name_ja="相談員の配置事業"))
    assert response.status_code == 302
    assert Programme.objects.get(code="P-01").name_ja == "相談員の配置事業"
    assert not Programme.objects.filter(code="X-9").exists()


def test_another_department_may_not_add_a_programme_for_this_one(town):
    response = as_user("doboku").post(NEW, typed())
    assert response.status_code == 400
    assert "保存できるのは自分の課の事務事業だけです。" in text(response)
    assert not Programme.objects.filter(code="P-03").exists()
