"""Editing plan text as drafts in the workspace, publishing them, and assigning departments."""

import html
import re

import pytest

from shisaku.plan.models import ContentDraft, PlanNode, TextBlock
from tests.test_staff_support import (  # noqa: F401
    BASE,
    as_user,
    publish_reviewed,
    text,
    town_fixture,
)

NODE = BASE + "text/1-1-1/"
PUBLIC = "/ja/999997/2024-2028/1-1-1/"
DESCRIPTION = {"section": "description", "position": "0", "language": "ja"}


def test_a_measure_shows_every_text_in_both_languages_with_labels(town):
    page = text(as_user("fukushi").get(NODE))
    assert '<label for="t-title-0-ja-text">名称 (日本語)</label>' in page
    assert '<label for="t-description-0-en-text">段落 1 (英語)</label>' in page
    assert ">相談支援を充実します。</textarea>" in page
    # an English text shows the Japanese beside it, linked for screen readers
    assert 'aria-describedby="t-description-0-en-ref"' in page


def test_saving_without_javascript_keeps_a_draft_and_the_public_page_is_unchanged(town):
    client = as_user("fukushi")
    response = client.post(NODE, {**DESCRIPTION, "text": "相談支援を一層充実します。"})
    assert response.status_code == 302
    assert response["Location"] == NODE + "#t-description-0-ja"
    draft = ContentDraft.objects.get()
    assert (draft.text, draft.base, draft.author) == (
        "相談支援を一層充実します。",
        "相談支援を充実します。",
        "user:fukushi",
    )
    assert "一層" not in text(client.get(PUBLIC))
    page = text(client.get(NODE))
    assert "下書き</span>" in page
    assert "公開中:</span> 相談支援を充実します。" in page


def test_saving_with_htmx_swaps_the_text_to_its_draft_state(town):
    response = as_user("fukushi").post(
        NODE, {**DESCRIPTION, "text": "新しい文。"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    part = text(response)
    assert part.startswith('<form method="post"')
    assert 'id="t-description-0-ja"' in part
    assert '<span class="badge draft">下書き</span>' in part
    assert 'role="status">下書きを保存しました。' in part


def test_typing_back_the_published_text_drops_the_draft(town):
    client = as_user("fukushi")
    client.post(NODE, {**DESCRIPTION, "text": "変更"})
    client.post(NODE, {**DESCRIPTION, "text": "相談支援を充実します。"})
    assert not ContentDraft.objects.exists()


def test_a_draft_can_be_discarded(town):
    client = as_user("fukushi")
    client.post(NODE, {**DESCRIPTION, "text": "変更"})
    assert client.post(NODE + "discard/", DESCRIPTION).status_code == 302
    assert not ContentDraft.objects.exists()


def test_the_drafts_page_shows_the_change_and_the_planning_office_publishes(town):
    as_user("fukushi").post(NODE, {**DESCRIPTION, "text": "相談支援を一層充実します。"})
    client = as_user("kikaku")
    page = text(client.get(BASE + "drafts/"))
    assert (
        '相談支援を<ins><span class="visually-hidden">追加: </span>一層</ins>充実します。' in page
    )
    response = publish_reviewed(client)
    assert response.status_code == 302
    assert "本文 1 件を公開しました。" in text(client.get(response["Location"]))
    assert "相談支援を一層充実します。" in text(client.get(PUBLIC))
    assert not ContentDraft.objects.exists()


def test_an_english_translation_is_published_to_the_english_page(town):
    client = as_user("kikaku")
    client.post(NODE, {"section": "", "position": "0", "language": "en", "text": "Counselling"})
    publish_reviewed(client)
    assert PlanNode.objects.get(code="1-1-1").title_en == "Counselling"
    assert "Counselling" in text(client.get(PUBLIC.replace("/ja/", "/en/")))


def test_publishing_refuses_a_draft_whose_text_changed_meanwhile(town):
    as_user("fukushi").post(NODE, {**DESCRIPTION, "text": "A"})
    TextBlock.objects.filter(text_ja="相談支援を充実します。").update(text_ja="別の人の変更")
    client = as_user("kikaku")
    page = text(client.get(BASE + "drafts/"))
    assert "公開できません" in page
    response = client.post(BASE + "drafts/publish/", {"reviewed": reviewed(page)}, follow=True)
    assert "何も公開していません" in text(response)
    assert 'role="alert"' in text(response)
    assert ContentDraft.objects.count() == 1


def test_only_the_planning_office_publishes(town):
    as_user("fukushi").post(NODE, {**DESCRIPTION, "text": "A"})
    assert "すべての下書きを公開" not in text(as_user("fukushi").get(BASE + "drafts/"))
    assert as_user("fukushi").post(BASE + "drafts/publish/").status_code == 403
    assert ContentDraft.objects.count() == 1


def test_another_department_cannot_edit_the_measure(town):
    client = as_user("doboku")
    page = text(client.get(NODE))
    assert "<textarea" not in page
    assert client.post(NODE, {**DESCRIPTION, "text": "x"}).status_code == 403
    assert not ContentDraft.objects.exists()


def test_a_reviewer_reads_drafts_but_gets_no_forms(town):
    as_user("fukushi").post(NODE, {**DESCRIPTION, "text": "委員が読む下書き"})
    client = as_user("iin")
    node = text(client.get(NODE))
    assert "<textarea" not in node
    assert "委員が読む下書き" in node
    drafts = text(client.get(BASE + "drafts/"))
    assert "委員が読む下書き" in drafts
    assert "<form" not in re.sub(r"<header.*?</header>", "", drafts, flags=re.S)


def test_a_viewer_does_not_read_drafts(town):
    as_user("fukushi").post(NODE, {**DESCRIPTION, "text": "未公開の下書き"})
    client = as_user("etsuran")
    assert client.get(BASE + "drafts/").status_code == 403
    assert "未公開の下書き" not in text(client.get(NODE))


def test_the_outline_links_every_item_and_counts_drafts(town):
    as_user("fukushi").post(NODE, {**DESCRIPTION, "text": "A"})
    page = text(as_user("kikaku").get(BASE + "text/"))
    assert f'href="{BASE}text/1-1-1.1.1/"' in page
    assert "下書き 1 件" in page


def test_the_planning_office_assigns_a_department(town):
    client = as_user("kikaku")
    response = client.post(BASE + "departments/", {"node": "1-1", "department": "福祉課"})
    assert response.status_code == 302
    assert PlanNode.objects.get(code="1-1").department == "福祉課"
    assert 'list="known-departments"' in text(client.get(BASE + "departments/"))


@pytest.mark.parametrize("who", ["fukushi", "iin"])
def test_others_cannot_assign_departments(town, who):
    client = as_user(who)
    assert '<input type="text" name="department"' not in text(client.get(BASE + "departments/"))
    assert client.post(BASE + "departments/", {"node": "1-1", "department": "x"}).status_code == 403
    assert PlanNode.objects.get(code="1-1").department == ""


def test_an_unknown_node_is_404(town):
    assert as_user("kikaku").get(BASE + "text/7-7-7/").status_code == 404


def test_the_text_editor_in_english(town):
    page = text(as_user("fukushi").get(NODE.replace("/ja/", "/en/")))
    assert "Save as draft" in page
    assert "Paragraph 1 (English)" in page


def reviewed(page: str) -> str:
    return html.unescape(re.search(r'name="reviewed" value="([^"]*)"', page).group(1))


def test_publishing_refuses_drafts_that_changed_after_the_page_was_opened(town):
    as_user("fukushi").post(NODE, {**DESCRIPTION, "text": "確認した下書き。"})
    planner = as_user("kikaku")
    page = text(planner.get(BASE + "drafts/"))
    as_user("fukushi").post(NODE, {**DESCRIPTION, "text": "確認後に差し替えた下書き。"})
    title = {"section": "", "position": "0", "language": "ja", "text": "後から加えた名称"}
    as_user("fukushi").post(NODE, title)
    response = planner.post(BASE + "drafts/publish/", {"reviewed": reviewed(page)})
    assert response.status_code == 409
    refusal = text(response)
    assert "何も公開していません" in refusal
    assert "1-1-1/description#0/ja" in refusal and "1-1-1/ja" in refusal
    assert "確認した下書き。" in refusal and "確認後に差し替えた下書き。" in refusal
    assert '<ins><span class="visually-hidden">追加: </span>' in refusal
    assert TextBlock.objects.get(section__key="description").text_ja == "相談支援を充実します。"
    assert ContentDraft.objects.count() == 2
    english = as_user("kikaku").post(
        BASE.replace("/ja/", "/en/") + "drafts/publish/", {"reviewed": reviewed(page)}
    )
    assert english.status_code == 409 and "Nothing was published" in text(english)
    assert publish_reviewed(planner).status_code == 302
    assert TextBlock.objects.get(section__key="description").text_ja == "確認後に差し替えた下書き。"
    assert not ContentDraft.objects.exists()


def test_a_publish_form_without_the_reviewed_versions_publishes_nothing(town):
    as_user("fukushi").post(NODE, {**DESCRIPTION, "text": "確認していない下書き。"})
    assert as_user("kikaku").post(BASE + "drafts/publish/").status_code == 409
    assert ContentDraft.objects.count() == 1
