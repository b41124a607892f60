"""`shisaku demo` opens one example consultation for children on measure 2-1-2, with no opinions."""

from __future__ import annotations

from django.test import Client

from shisaku.cli import main
from shisaku.voice.models import Consultation, Opinion


def test_the_demo_opens_one_example_consultation_for_children_on_2_1_2(db, capsys):
    assert main(["demo"]) == 0
    first = capsys.readouterr().out
    assert main(["demo"]) == 0
    again = capsys.readouterr().out
    item = Consultation.objects.get()
    assert (item.node.code, item.audience, item.is_example, item.channels) == (
        "2-1-2",
        "children",
        True,
        ["web", "school"],
    )
    assert (item.ends_on - item.starts_on).days == 60
    assert f"意見募集の例: 施策 2-1-2（こども・若者向け、{item.ends_on} まで）" in first
    assert "意見募集の例" not in again  # loading the demo again changes nothing
    assert Opinion.objects.count() == 0  # none invented
    page = Client().get(f"/ja/022012/voice/{item.pk}/").content.decode()
    assert '<p class="example-note">これはデモサイトの<ruby>例<rt>れい</rt></ruby>です。' in page
    kids = Client().get("/ja/022012/voice/kids/2019-2023/2-1-2/").content.decode()
    assert f'href="/ja/022012/voice/{item.pk}/"' in kids
    listing = Client().get("/ja/022012/voice/").content.decode()
    assert "（例）子どもの意見を聴きます" in listing
