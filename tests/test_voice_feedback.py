"""Feedback to the people who spoke: e-mail when the result is out, and Atom feeds to follow."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from django.core import mail
from django.test import Client

from shisaku.audit.models import AuditEntry
from shisaku.voice.models import Opinion
from tests.test_staff_support import TOWN, town_fixture  # noqa: F401
from tests.voice_support import (  # noqa: F401
    CONTACT,
    HIDDEN_TEXT,
    SHOWN,
    consultation_fixture,
    moderate_and_respond,
    opinions_fixture,
    page_url,
    signed_in,
    staff_url,
)

ATOM = "{http://www.w3.org/2005/Atom}"


def publish_in_the_workspace(consultation, opinions):
    kikaku = signed_in("kikaku")
    for opinion in opinions:
        url = staff_url(consultation, f"opinions/{opinion.pk}/")
        kikaku.post(url, {"step": "moderate", "moderate-state": "published"})
    return kikaku.post(staff_url(consultation, "publish/"), follow=True)


def test_publishing_the_result_writes_once_to_each_contact(consultation, opinions):
    response = publish_in_the_workspace(consultation, opinions)
    assert "回答を希望した1人にメールを送りました。" in response.content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [CONTACT]
    assert message.subject == "【意見募集の結果】相談支援についての意見募集"
    assert f"http://testserver{page_url(consultation)}" in message.body
    entry = AuditEntry.objects.get(action="voice.notify_result")
    assert entry.after == {"sent": 1}
    assert CONTACT not in str(entry.after) + entry.summary
    # publishing again (after a correction) does not write again
    signed_in("kikaku").post(staff_url(consultation, "publish/"))
    assert len(mail.outbox) == 1


def entries(response):
    root = ET.fromstring(response.content)
    return [e.find(f"{ATOM}title").text for e in root.findall(f"{ATOM}entry")]


def test_the_feeds_tell_the_opening_and_the_result_without_any_opinion_text(consultation, opinions):
    client = Client()
    town = client.get(f"/ja/{TOWN}/voice/feed.atom")
    assert town["Content-Type"] == "application/atom+xml"
    assert entries(town) == ["意見募集を開始：相談支援についての意見募集"]
    moderate_and_respond(consultation, opinions)
    one = client.get(page_url(consultation) + "feed.atom")
    assert entries(one) == [
        "結果を公表：相談支援についての意見募集",
        "意見募集を開始：相談支援についての意見募集",
    ]
    english = client.get(page_url(consultation, "en") + "feed.atom")
    assert entries(english)[0] == "Result published: Your views on counselling"
    measure = client.get(f"/ja/{TOWN}/voice/measures/1-1-1/feed.atom")
    assert len(entries(measure)) == 2
    assert entries(client.get(f"/ja/{TOWN}/voice/measures/9/feed.atom")) == []
    for feed in (town, one, english, measure):
        text = feed.content.decode()
        assert CONTACT not in text and HIDDEN_TEXT not in text and SHOWN not in text


def test_the_pages_link_their_feeds(consultation):
    html = Client().get(page_url(consultation)).content.decode()
    assert f'href="{page_url(consultation)}feed.atom" type="application/atom+xml"' in html
    assert f'href="/ja/{TOWN}/voice/measures/1-1-1/feed.atom"' in html
    assert Opinion.objects.count() == 0
