"""The planning office publishes one draft and leaves the others waiting; marks education."""

import html
import re

from shisaku.audit.models import AuditEntry
from shisaku.plan.models import ContentDraft, PlanNode
from tests.test_staff_support import BASE, as_user, publish_reviewed, text, town_fixture  # noqa: F401

NODE = BASE + "text/1-1-1/"
TITLE_EN = {"section": "", "position": "0", "language": "en"}
DESCRIPTION = {"section": "description", "position": "0", "language": "ja"}


def one_draft_form(page: str, label: str) -> dict[str, str]:
    """Return the fields of the "publish this draft only" form of the draft ``label``."""
    found = re.search(
        rf'name="only" value="{re.escape(label)}"><input type="hidden" name="reviewed" '
        r'value="([^"]*)"',
        page,
    )
    return {"only": label, "reviewed": html.unescape(found.group(1))}


def test_one_draft_is_published_and_the_other_keeps_waiting(town):
    as_user("fukushi").post(NODE, {**DESCRIPTION, "text": "相談支援を一層充実します。"})
    as_user("fukushi").post(NODE, {**TITLE_EN, "text": "Counselling"})
    client = as_user("kikaku")
    page = text(client.get(BASE + "drafts/"))
    assert page.count("この下書きだけを公開") == 2
    response = client.post(BASE + "drafts/publish/", one_draft_form(page, "1-1-1/en"))
    assert response.status_code == 302
    assert "本文 1 件を公開しました。" in text(client.get(response["Location"]))
    assert PlanNode.objects.get(code="1-1-1").title_en == "Counselling"
    waiting = ContentDraft.objects.get()
    assert (waiting.section, waiting.text) == ("description", "相談支援を一層充実します。")
    entry = AuditEntry.objects.filter(action="text.publish").get()
    assert entry.object_id.endswith("/1-1-1/en")


def test_a_draft_changed_after_the_page_was_opened_is_not_published_alone(town):
    as_user("fukushi").post(NODE, {**TITLE_EN, "text": "Counselling"})
    client = as_user("kikaku")
    form = one_draft_form(text(client.get(BASE + "drafts/")), "1-1-1/en")
    as_user("fukushi").post(NODE, {**TITLE_EN, "text": "Counselling services"})
    assert client.post(BASE + "drafts/publish/", form).status_code == 409
    assert PlanNode.objects.get(code="1-1-1").title_en == "Better counselling"  # as seeded


def test_publishing_all_still_publishes_every_draft(town):
    as_user("fukushi").post(NODE, {**DESCRIPTION, "text": "一層"})
    as_user("fukushi").post(NODE, {**TITLE_EN, "text": "Counselling"})
    assert publish_reviewed(as_user("kikaku")).status_code == 302
    assert not ContentDraft.objects.exists()


def test_the_planning_office_marks_a_policy_for_the_education_report(town):
    client = as_user("kikaku")
    page = text(client.get(BASE + "departments/"))
    assert "点検・評価の対象にする" in page
    response = client.post(BASE + "departments/education/", {"node": "1-1", "education": "1"})
    assert response["Location"] == BASE + "departments/#n-1-1"
    assert PlanNode.objects.get(code="1-1").education is True
    page = text(client.get(BASE + "departments/"))
    assert "1-1 を点検・評価の対象にしました。" in page
    assert "点検・評価の対象から外す" in page
    client.post(BASE + "departments/education/", {"node": "1-1", "education": "0"})
    assert PlanNode.objects.get(code="1-1").education is False


def test_a_measure_cannot_be_marked_and_a_department_may_not_mark(town):
    client = as_user("kikaku")
    client.post(BASE + "departments/education/", {"node": "1-1-1", "education": "1"})
    assert "点検・評価の対象にできるのは政策だけです。" in text(client.get(BASE + "departments/"))
    assert (
        as_user("fukushi")
        .post(BASE + "departments/education/", {"node": "1-1", "education": "1"})
        .status_code
        == 403
    )
    assert PlanNode.objects.filter(education=True).count() == 0
    assert "点検・評価の対象にする" not in text(as_user("fukushi").get(BASE + "departments/"))
