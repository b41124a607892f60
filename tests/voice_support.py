"""Consultations for the voice tests, opened through the services on 試験市."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from shisaku.voice import services
from shisaku.voice.models import Audience, Channel, Consultation
from shisaku.voice.rules import Period
from tests.test_staff_support import PASSWORD, SLUG, TOWN

CONTACT = "hanako.contact@example.jp"
HIDDEN_TEXT = "この意見には電話番号 090-0000-0000 が書かれています"


def consultation_input(**changes):
    """Return a consultation on measure 1-1-1 open from yesterday for 30 more days."""
    today = timezone.localdate()
    values = {
        "plan_slug": SLUG,
        "title_ja": "相談支援についての意見募集",
        "title_en": "Your views on counselling",
        "period": Period(today - timedelta(days=1), today + timedelta(days=30)),
        "audience": Audience.EVERYONE,
        "channels": [Channel.WEB, Channel.PAPER, Channel.EVENT],
        "node_code": "1-1-1",
        "questions_ja": "相談しやすいと感じますか\n窓口に望むことは何ですか",
    }
    return services.ConsultationInput(**(values | changes))


@pytest.fixture(name="consultation")
def consultation_fixture(town, operator) -> Consultation:
    """An open consultation of 試験市 on measure 1-1-1."""
    return services.open_consultation(
        actor=operator, municipality_code=TOWN, data=consultation_input()
    )


def signed_in(username: str) -> Client:
    """Return a client signed in as one of the personas."""
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    return client


def page_url(item: Consultation, language: str = "ja") -> str:
    """Return the public page of a consultation."""
    return f"/{language}/{TOWN}/voice/{item.pk}/"


def staff_url(item: Consultation, rest: str = "", language: str = "ja") -> str:
    """Return a workspace page of a consultation."""
    return f"/{language}/staff/{TOWN}/voice/{item.pk}/{rest}"
