"""Editing plan text as drafts: publish all or nothing, conflicts, revert, department rights."""

import pytest

from shisaku.accounts import services as accounts
from shisaku.accounts.permissions import PermissionDenied
from shisaku.audit.models import AuditEntry
from shisaku.plan import editing, queries
from shisaku.plan.editing import DraftConflict, TextRef
from shisaku.plan.models import ContentDraft, PlanNode, PlanSnapshot, TextBlock

PASSWORD = "correct horse battery staple 42"
TOWN, SLUG = "999997", "2024-2028"
DESCRIPTION = TextRef("1-1-1", "description", 0, "ja")


@pytest.fixture
def people(small_plan, operator):
    editing.assign_department(
        actor=operator, municipality_code=TOWN, slug=SLUG, node_code="1-1-1", department="福祉課"
    )
    made = {}
    for name, role, dept in [
        ("kikaku", "planning", ""),
        ("fukushi", "department", "福祉課"),
        ("doboku", "department", "土木課"),
    ]:
        uid = accounts.create_user(
            actor=operator,
            username=name,
            password=PASSWORD,
            municipality_code=TOWN,
            role=role,
            department=dept,
        )
        made[name] = accounts.actor_for(uid, name)
    return made


def text_of(ref):
    plan = PlanNode.objects.get(code=ref.node_code).plan
    return editing.current_text(plan, ref)


def test_a_draft_is_not_public_until_published(people):
    editing.save_draft(
        actor=people["fukushi"],
        municipality_code=TOWN,
        slug=SLUG,
        ref=DESCRIPTION,
        text="相談支援を一層充実します。",
    )
    assert text_of(DESCRIPTION) == "相談支援を充実します。"
    assert editing.publish_drafts(actor=people["kikaku"], municipality_code=TOWN, slug=SLUG) == 1
    assert text_of(DESCRIPTION) == "相談支援を一層充実します。"
    assert not ContentDraft.objects.exists()
    assert queries.find_plan(TOWN).meta.version == 2
    assert PlanSnapshot.objects.filter(version=2).exists()


def test_an_english_translation_is_a_draft_too(people):
    ref = TextRef("1-1", language="en")
    editing.save_draft(
        actor=people["kikaku"], municipality_code=TOWN, slug=SLUG, ref=ref, text="Safe living"
    )
    editing.publish_drafts(actor=people["kikaku"], municipality_code=TOWN, slug=SLUG)
    assert PlanNode.objects.get(code="1-1").title_en == "Safe living"


def test_a_department_edits_only_its_own_measures(people):
    with pytest.raises(PermissionDenied):
        editing.save_draft(
            actor=people["doboku"], municipality_code=TOWN, slug=SLUG, ref=DESCRIPTION, text="x"
        )
    with pytest.raises(PermissionDenied):
        editing.publish_drafts(actor=people["fukushi"], municipality_code=TOWN, slug=SLUG)


def test_publishing_refuses_a_draft_whose_text_changed_meanwhile_and_publishes_nothing(people):
    editing.save_draft(
        actor=people["fukushi"], municipality_code=TOWN, slug=SLUG, ref=DESCRIPTION, text="A"
    )
    title = TextRef("1-1-1", language="ja")
    editing.save_draft(
        actor=people["kikaku"], municipality_code=TOWN, slug=SLUG, ref=title, text="新しい名称"
    )
    TextBlock.objects.filter(text_ja="相談支援を充実します。").update(text_ja="別の人の変更")
    with pytest.raises(DraftConflict, match="1-1-1/description#0/ja"):
        editing.publish_drafts(actor=people["kikaku"], municipality_code=TOWN, slug=SLUG)
    assert PlanNode.objects.get(code="1-1-1").title_ja == "相談支援の充実"
    assert ContentDraft.objects.count() == 2


def test_a_published_text_can_be_reverted_from_its_history(people):
    editing.save_draft(
        actor=people["fukushi"], municipality_code=TOWN, slug=SLUG, ref=DESCRIPTION, text="B"
    )
    editing.publish_drafts(actor=people["kikaku"], municipality_code=TOWN, slug=SLUG)
    entry = AuditEntry.objects.get(action="text.publish")
    assert (entry.before, entry.after) == ({"text": "相談支援を充実します。"}, {"text": "B"})
    editing.revert(actor=people["kikaku"], entry_id=entry.id)
    assert text_of(DESCRIPTION) == "相談支援を充実します。"
    assert (
        AuditEntry.objects.get(action="text.revert").object_id
        == "999997/2024-2028/1-1-1/description#0/ja"
    )
    assert queries.find_plan(TOWN).meta.version == 3


def test_the_department_assignment_survives_a_reimport(people, operator):
    from shisaku.domain.plantree import PlanMeta
    from shisaku.plan import services
    from tests.conftest import small_nodes

    meta = PlanMeta(
        title="試験市総合計画", title_en="Testville Plan", period_start=2024, period_end=2028
    )
    services.import_plan(actor=operator, municipality_code=TOWN, meta=meta, nodes=small_nodes())
    assert PlanNode.objects.get(code="1-1-1").department == "福祉課"


def test_publishing_refuses_drafts_that_are_not_the_versions_reviewed(people):
    from shisaku.plan.review import DraftsChanged, draft_version

    def save(text):
        editing.save_draft(
            actor=people["fukushi"], municipality_code=TOWN, slug=SLUG, ref=DESCRIPTION, text=text
        )

    save("確認した文")
    reviewed = {DESCRIPTION.label(): draft_version("相談支援を充実します。", "確認した文")}
    save("差し替えた文")
    with pytest.raises(DraftsChanged) as refused:
        editing.publish_drafts(
            actor=people["kikaku"], municipality_code=TOWN, slug=SLUG, reviewed=reviewed
        )
    [change] = refused.value.changed
    assert (change.reviewed, change.current) == ("確認した文", "差し替えた文")
    assert text_of(DESCRIPTION) == "相談支援を充実します。"
    reviewed = {DESCRIPTION.label(): draft_version("相談支援を充実します。", "差し替えた文")}
    count = editing.publish_drafts(
        actor=people["kikaku"], municipality_code=TOWN, slug=SLUG, reviewed=reviewed
    )
    assert count == 1 and text_of(DESCRIPTION) == "差し替えた文"
