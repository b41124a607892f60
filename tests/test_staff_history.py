"""History pages: who changed what and when, before and after, and revert."""

import re

from shisaku.audit.models import AuditEntry
from shisaku.indicators.models import Figure
from shisaku.plan.models import TextBlock
from tests.test_staff_support import (  # noqa: F401
    BASE,
    as_user,
    publish_reviewed,
    text,
    town_fixture,
)

NODE = BASE + "text/1-1-1/"
K1 = BASE + "indicators/K1/"
DESCRIPTION = {"section": "description", "position": "0", "language": "ja"}


def plain(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def publish(text_ja: str) -> None:
    as_user("fukushi").post(NODE, {**DESCRIPTION, "text": text_ja})
    publish_reviewed(as_user("kikaku"))


def correct_k1(value: str) -> None:
    client = as_user("kosodate")
    page = text(client.get(K1))
    seen = re.search(r'name="seen" value="([^"]*)"', page).group(1)
    data = {"kind": "actual", "period": "2024年度", "value": value, "seen": seen, "action": "save"}
    assert client.post(K1, data).status_code == 302


def test_the_text_history_shows_who_when_and_before_and_after(town):
    publish("改めた文。")
    page = text(as_user("kikaku").get(NODE + "history/"))
    shown = plain(page)
    assert "概要 1 (日本語) 本文の公開" in shown
    assert "本文: 相談支援を充実します。 → 改めた文。" in shown
    assert "fukushi" in shown  # the draft's author
    assert "主管課の設定" in shown  # the department assignment is history too


def test_a_published_text_is_reverted_from_its_history(town):
    publish("改めた文。")
    entry = AuditEntry.objects.get(action="text.publish")
    client = as_user("kikaku")
    assert f'name="entry" value="{entry.id}"' in text(client.get(NODE + "history/"))
    response = client.post(NODE + "revert/", {"entry": entry.id})
    assert response.status_code == 302
    assert TextBlock.objects.get(section__key="description").text_ja == "相談支援を充実します。"
    assert AuditEntry.objects.filter(action="text.revert").count() == 1
    assert "変更前の本文に戻して公開しました。" in text(client.get(response["Location"]))


def test_only_the_planning_office_reverts_text(town):
    publish("改めた文。")
    entry = AuditEntry.objects.get(action="text.publish")
    client = as_user("fukushi")
    assert 'name="entry"' not in text(client.get(NODE + "history/"))
    assert client.post(NODE + "revert/", {"entry": entry.id}).status_code == 403
    assert TextBlock.objects.get(section__key="description").text_ja == "改めた文。"


def test_an_entry_of_another_object_cannot_be_reverted_here(town):
    publish("改めた文。")
    entry = AuditEntry.objects.get(action="text.publish")
    response = as_user("kikaku").post(BASE + "text/1-1/revert/", {"entry": entry.id})
    assert response.status_code == 404


def test_the_figure_history_lists_every_revision(town):
    correct_k1("110件")
    shown = plain(text(as_user("kosodate").get(K1 + "history/")))
    assert "実績値 2024年度（令和6年度） 数値の記録" in shown
    assert "値: 100件 → 110件" in shown
    assert "kosodate" in shown


def test_a_figure_is_reverted_by_recording_the_earlier_value_again(town):
    correct_k1("110件")
    entry = AuditEntry.objects.get(action="figure.record", before__raw="100件")
    client = as_user("kosodate")
    response = client.post(K1 + "revert/", {"entry": entry.id})
    assert response.status_code == 302
    rows = Figure.objects.filter(indicator__code="K1", kind="actual").order_by("revision")
    assert [(r.raw, r.revision, r.is_current) for r in rows] == [
        ("100件", 1, False),
        ("110件", 2, False),
        ("100件", 3, True),
    ]
    assert rows.last().entered_by == "user:kosodate"
    assert "変更前の値を新しい版として記録しました。" in text(client.get(response["Location"]))


def test_reverting_an_older_change_is_refused_when_the_figure_changed_since(town):
    correct_k1("110件")
    correct_k1("120件")
    older = AuditEntry.objects.get(action="figure.record", before__raw="100件")
    client = as_user("kosodate")
    response = client.post(K1 + "revert/", {"entry": older.id}, follow=True)
    assert "この記録の後に数値が変更されています" in text(response)
    assert Figure.objects.get(indicator__code="K1", kind="actual", is_current=True).raw == "120件"


def test_another_department_cannot_revert_a_figure(town):
    correct_k1("110件")
    entry = AuditEntry.objects.get(action="figure.record", before__raw="100件")
    client = as_user("doboku")
    assert 'name="entry"' not in text(client.get(K1 + "history/"))
    assert client.post(K1 + "revert/", {"entry": entry.id}).status_code == 403
    assert Figure.objects.get(indicator__code="K1", kind="actual", is_current=True).raw == "110件"


def test_the_history_in_english(town):
    correct_k1("110件")
    shown = plain(text(as_user("kosodate").get(K1.replace("/ja/", "/en/") + "history/")))
    assert "Actual FY2024 (Reiwa 6) Figure recorded" in shown
    assert "Value: 100件 → 110件" in shown


def test_an_indicator_coded_like_a_node_keeps_its_own_history(town, operator):
    from shisaku.domain.indicatordata import IndicatorBatch
    from shisaku.indicators import services as indicators
    from tests.factories import figure
    from tests.test_staff_support import SLUG, TOWN, definition

    batch = IndicatorBatch(
        definitions=[definition("1-1-1", "同じ符号の指標", "福祉課")],
        figures=[figure(TOWN, SLUG, "1-1-1", "actual", "2024年度", "7件")],
    )
    indicators.apply_batch(actor=operator, batch=batch)
    publish("改めた文。")
    kikaku = as_user("kikaku")
    node_page = plain(text(kikaku.get(NODE + "history/")))
    indicator_page = plain(text(kikaku.get(BASE + "indicators/1-1-1/history/")))
    assert "7件" not in node_page and "改めた文。" in node_page
    assert "改めた文。" not in indicator_page and "7件" in indicator_page
    figure_entry = AuditEntry.objects.get(action="figure.record", object_id__contains="/1-1-1/")
    text_entry = AuditEntry.objects.get(action="text.publish")
    assert kikaku.post(NODE + "revert/", {"entry": figure_entry.id}).status_code == 404
    indicator_revert = BASE + "indicators/1-1-1/revert/"
    assert kikaku.post(indicator_revert, {"entry": text_entry.id}).status_code == 404


def test_a_definition_change_names_its_fields_and_values_in_japanese_never_machine_keys(town):
    client = as_user("kikaku")
    data = {
        "name": "相談件数",
        "node_code": "1-1-1",
        "unit": "件",
        "direction": "increase",
        "accumulation": "cumulative",
        "time_basis": "fiscal",
        "source_kind": "operations",
        "department": "子育て支援課",
        "components": "電話|窓口",
        "weight": "",
        "common_code": "",
    }
    assert client.post(BASE + "indicators/K1/edit/", data).status_code == 302
    page = plain(text(client.get(K1 + "history/")))
    assert "単年度・累計: 単年度 → 累計" in page
    assert "区分: — → 電話 / 窓口" in page
    assert "出典の種類: その他 → 業務統計" in page
    for key in ("accumulation", "components", "common_code", "source_kind", "[]"):
        assert key not in page
    english = plain(text(client.get(K1.replace("/ja/", "/en/") + "history/")))
    assert "Single year or cumulative: Single year → Cumulative" in english
