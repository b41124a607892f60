"""Pages children can read: ふりがな from MeCab/UniDic, easy versions, the children's form."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from shisaku.audit.models import AuditEntry
from shisaku.domain.plandoc import parse_plan
from shisaku.plan.models import PlanNode
from shisaku.voice import services
from shisaku.voice.furigana import KANJI, readings, words
from shisaku.voice.models import Audience
from shisaku.voice.templatetags.voice import furigana
from tests.conftest import SEED
from tests.test_staff_support import SLUG, TOWN, town_fixture  # noqa: F401
from tests.voice_support import (  # noqa: F401
    consultation_fixture,
    consultation_input,
    member,
    page_url,
    signed_in,
)


@pytest.mark.parametrize(
    ("word", "reading"),
    [
        ("子育て", "こそだて"),
        ("支援", "しえん"),
        ("充実", "じゅうじつ"),
        ("学校", "がっこう"),
        ("相談", "そうだん"),
        ("地域", "ちいき"),
    ],
)
def test_hand_checked_readings(word, reading):
    assert words(word) == [(word, reading)]


def test_okurigana_stay_outside_the_reading():
    assert [(p.text, p.reading) for p in readings("子育てを図ります")] == [
        ("子育", "こそだ"),
        ("て", None),
        ("を", None),
        ("図", "はか"),
        ("り", None),
        ("ます", None),
    ]


def test_every_kanji_word_of_measure_2_1_2_of_the_bundled_plan_has_a_reading():
    tree = parse_plan(SEED.read_text(encoding="utf-8"))
    stack, measure = list(tree.nodes), None
    while measure is None:
        node = stack.pop()
        measure = node if node.code == "2-1-2" else None
        stack.extend(node.children)
    texts = [measure.title] + [b.text for s in measure.sections for b in s.blocks]
    found = [(w, r) for text in texts for w, r in words(text) if KANJI.search(w)]
    assert len(found) == 20
    assert [w for w, r in found if not r] == []
    assert ("子ども", "こども") in found and ("支援", "しえん") in found


def test_the_filter_writes_ruby_on_japanese_pages_only():
    with translation.override("ja"):
        assert str(furigana("子育て<b>")) == "<ruby>子育<rt>こそだ</rt></ruby>て&lt;b&gt;"
    with translation.override("en"):
        assert str(furigana("子育て")) == "子育て"


def test_the_childrens_plan_page_shows_easy_versions_with_readings(town):
    node = PlanNode.objects.get(code="1-1-1")
    services.save_easy_text(
        actor=member("fukushi"), node=node, text_ja="こまったときに相談できます。"
    )
    html = Client().get(f"/ja/{TOWN}/voice/kids/{SLUG}/").content.decode()
    assert '<div class="kids">' in html
    assert "<ruby>相談<rt>そうだん</rt></ruby>" in html
    measure = Client().get(f"/ja/{TOWN}/voice/kids/{SLUG}/1-1-1/").content.decode()
    assert "<p>こまったときに<ruby>相談<rt>そうだん</rt></ruby>できます。</p>" in measure
    entry = AuditEntry.objects.get(action="voice.easy_text")
    assert (entry.actor, entry.object_id, entry.before) == ("user:fukushi", str(node.pk), None)
    assert entry.after == {"text_ja": "こまったときに相談できます。", "text_en": ""}


def test_a_department_writes_easy_versions_only_for_its_own_measures(town):
    response = signed_in("kosodate").post(
        f"/ja/staff/{TOWN}/voice/easy/{SLUG}/1-1-1/", {"text_ja": "やさしい説明"}
    )
    assert response.status_code == 403
    ok = signed_in("fukushi").post(
        f"/ja/staff/{TOWN}/voice/easy/{SLUG}/1-1-1/", {"text_ja": "やさしい説明"}
    )
    assert ok.status_code == 302
    assert PlanNode.objects.get(code="1-1-1").easy_text.text_ja == "やさしい説明"


def test_a_childrens_consultation_is_the_childrens_view_with_its_form(town, operator):
    item = services.open_consultation(
        actor=operator,
        municipality_code=TOWN,
        data=consultation_input(audience=Audience.CHILDREN, title_ja="子どもの相談窓口"),
    )
    html = Client().get(page_url(item)).content.decode()
    assert '<div class="kids">' in html
    assert "<h1><ruby>子<rt>こ</rt></ruby>どもの<ruby>相談<rt>そうだん</rt></ruby>" in html
    assert '<label for="id_body">ご<ruby>意見<rt>いけん</rt></ruby>' in html
    measure = Client().get(f"/ja/{TOWN}/voice/kids/{SLUG}/1-1-1/").content.decode()
    assert f'href="{page_url(item)}"' in measure
