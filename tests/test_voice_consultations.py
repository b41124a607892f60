"""Consultations (意見募集): the planning office opens them; the public lists the open ones."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from shisaku.accounts.permissions import PermissionDenied
from shisaku.audit.models import AuditEntry
from shisaku.domain.actors import Actor
from shisaku.voice import services
from shisaku.voice.models import Consultation
from shisaku.voice.rules import Period, VoiceError
from tests.test_staff_support import TOWN, town_fixture  # noqa: F401
from tests.voice_support import (  # noqa: F401
    consultation_fixture,
    consultation_input,
    page_url,
    signed_in,
)


def days(first: int, last: int) -> Period:
    today = timezone.localdate()
    return Period(today + timedelta(days=first), today + timedelta(days=last))


def test_a_period_of_29_days_is_refused_with_the_first_acceptable_end(town, operator):
    with pytest.raises(VoiceError) as refused:
        services.open_consultation(
            actor=operator, municipality_code=TOWN, data=consultation_input(period=days(0, 29))
        )
    end = (timezone.localdate() + timedelta(days=30)).isoformat()
    assert refused.value.field == "ends_on"
    assert refused.value.message == (
        f"期間は29日です。30日以上必要です：終了日を{end}以降にしてください。"
    )
    assert Consultation.objects.count() == 0


def test_a_period_of_30_days_is_accepted_and_the_setting_changes_the_minimum(
    town, operator, settings
):
    services.open_consultation(
        actor=operator, municipality_code=TOWN, data=consultation_input(period=days(0, 30))
    )
    settings.SHISAKU_CONSULTATION_MIN_DAYS = 14
    services.open_consultation(
        actor=operator, municipality_code=TOWN, data=consultation_input(period=days(0, 14))
    )
    assert Consultation.objects.count() == 2


def test_an_unknown_measure_code_is_refused_naming_it(town, operator):
    with pytest.raises(VoiceError) as refused:
        services.open_consultation(
            actor=operator, municipality_code=TOWN, data=consultation_input(node_code="7-7-7")
        )
    assert (refused.value.field, refused.value.message) == (
        "node_code",
        "計画に 7-7-7 という項目はありません。1-1-1 のように計画のコードを入力してください。",
    )


def test_only_the_planning_office_opens_a_consultation(town):
    department = Actor(
        label="user:kosodate", user_id=get_user_model().objects.get(username="kosodate").pk
    )
    with pytest.raises(PermissionDenied):
        services.open_consultation(
            actor=department, municipality_code=TOWN, data=consultation_input()
        )


def test_the_workspace_opens_a_consultation_and_audits_it(town):
    client = signed_in("kikaku")
    today = timezone.localdate()
    form = {
        "plan_slug": "2024-2028",
        "title_ja": "子どもの意見を聴きます",
        "title_en": "",
        "node_code": "1-1-1",
        "starts_on": today.isoformat(),
        "ends_on": (today + timedelta(days=30)).isoformat(),
        "audience": "children",
        "channels": ["web", "school"],
        "questions_ja": "どんな相談窓口がよいですか",
    }
    response = client.post(f"/ja/staff/{TOWN}/voice/new/", form)
    item = Consultation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/ja/staff/{TOWN}/voice/{item.pk}/"
    assert (item.title_ja, item.audience, item.channels, item.node.code) == (
        "子どもの意見を聴きます",
        "children",
        ["web", "school"],
        "1-1-1",
    )
    entry = AuditEntry.objects.get(action="voice.open")
    assert (entry.actor, entry.object_id, entry.municipality_code) == (
        "user:kikaku",
        str(item.pk),
        TOWN,
    )


def test_a_short_period_typed_in_the_workspace_comes_back_with_the_typed_title(town):
    client = signed_in("kikaku")
    today = timezone.localdate()
    form = {
        "plan_slug": "2024-2028",
        "title_ja": "短すぎる募集",
        "starts_on": today.isoformat(),
        "ends_on": (today + timedelta(days=10)).isoformat(),
        "audience": "everyone",
        "channels": ["web"],
    }
    response = client.post(f"/ja/staff/{TOWN}/voice/new/", form)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="短すぎる募集"' in html
    assert "期間は10日です。30日以上必要です" in html
    assert Consultation.objects.count() == 0


def test_a_department_member_may_not_open_one_in_the_workspace(town):
    client = signed_in("kosodate")
    response = client.post(f"/ja/staff/{TOWN}/voice/new/", {"title_ja": "x"})
    assert response.status_code in (400, 403)
    assert Consultation.objects.count() == 0


def test_the_public_list_shows_open_consultations_only(town, operator, consultation):
    services.open_consultation(
        actor=operator,
        municipality_code=TOWN,
        data=consultation_input(title_ja="来月からの募集", period=days(20, 60)),
    )
    response = signed_in("etsuran").get(f"/ja/{TOWN}/voice/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'href="{page_url(consultation)}">相談支援についての意見募集</a>' in html
    assert "来月からの募集" not in html


def test_the_public_page_shows_the_questions_in_english_too(consultation):
    from django.test import Client

    response = Client().get(page_url(consultation, "en"))
    html = response.content.decode()
    assert "<h1>Your views on counselling</h1>" in html
    assert "<li>相談しやすいと感じますか</li>" in html  # no English questions: the Japanese
    assert 'name="body"' in html


def test_editing_a_consultation_is_audited(consultation, operator):
    data = consultation_input(title_ja="相談支援についての意見募集（延長）", period=days(-1, 45))
    services.edit_consultation(actor=operator, consultation=consultation, data=data)
    consultation.refresh_from_db()
    assert consultation.title_ja == "相談支援についての意見募集（延長）"
    assert consultation.ends_on == timezone.localdate() + timedelta(days=45)
    assert list(AuditEntry.objects.values_list("action", flat=True).order_by("id"))[-2:] == [
        "voice.open",
        "voice.edit",
    ]


def test_a_reimport_that_drops_a_consulted_measure_is_refused(consultation, operator):
    from shisaku.domain.plantree import PlanMeta
    from shisaku.plan import services as plan_services
    from tests.conftest import small_nodes

    nodes = small_nodes()
    nodes[0].children[0].children = []  # 1-1-1 is gone
    meta = PlanMeta(
        title="試験市総合計画", title_en="Testville Plan", period_start=2024, period_end=2028
    )
    with pytest.raises(plan_services.PlanInUse) as refused:
        plan_services.import_plan(actor=operator, municipality_code=TOWN, meta=meta, nodes=nodes)
    assert "意見募集「相談支援についての意見募集」" in str(refused.value)
    assert Consultation.objects.get().node.code == "1-1-1"
