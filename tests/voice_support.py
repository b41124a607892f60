"""Consultations for the voice tests, opened through the services on 試験市."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from shisaku.domain.actors import Actor
from shisaku.voice import services
from shisaku.voice.models import Audience, Channel, Consultation, ResponseKind
from shisaku.voice.rules import Period
from shisaku.voice.services import OpinionInput
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


SHOWN = "土曜日も窓口を開けてください。"
SUMMARIZED = "長い意見の本文です。" * 5
SUMMARY = "窓口の時間を延ばしてほしいという意見"


def member(username):
    return Actor(f"user:{username}", get_user_model().objects.get(username=username).pk)


@pytest.fixture(name="opinions")
def opinions_fixture(consultation):
    """Three web opinions: one to publish, one to publish as a summary, one to hide."""
    made = []
    for n, text in enumerate([SHOWN, SUMMARIZED, HIDDEN_TEXT]):
        data = OpinionInput(body=text, node_code="1-1-1", contact=CONTACT if n == 0 else "")
        made.append(
            services.submit_opinion(consultation=consultation, data=data, address=f"198.51.100.{n}")
        )
    return made


def moderate_and_respond(consultation, opinions):
    kikaku, fukushi = member("kikaku"), member("fukushi")
    shown, summarized, hidden = opinions
    services.moderate(actor=kikaku, opinion=shown, state="published")
    services.moderate(actor=kikaku, opinion=summarized, state="published", summary=SUMMARY)
    services.moderate(
        actor=kikaku, opinion=hidden, state="hidden", reason="personal-data", note="電話番号"
    )
    for item, kind in [(shown, ResponseKind.REFLECTED), (summarized, ResponseKind.REFERENCE)]:
        services.respond(
            actor=fukushi,
            opinion=item,
            kind=kind,
            reason="土曜開庁を試行します。"
            if kind == ResponseKind.REFLECTED
            else "今後検討します。",
            department="福祉課",
            responded_on=date(2026, 6, 1),
        )
    services.publish_result(actor=kikaku, consultation=consultation)


def voice_world(operator) -> None:
    """Add to the town of tests.test_evaluation_setup one consultation with one published
    opinion from paper with contact details (for tests.test_every_service)."""
    item = services.open_consultation(
        actor=operator, municipality_code=TOWN, data=consultation_input()
    )
    data = OpinionInput(
        body="紙で出された意見",
        channel=Channel.PAPER,
        received_on=date(2025, 6, 1),
        contact=CONTACT,
    )
    opinion = services.enter_opinion(actor=operator, consultation=item, data=data)
    services.moderate(actor=operator, opinion=opinion, state="published")


def voice_recipes(recipe):
    """Return one valid call of each voice service, built with tests.test_every_service's Recipe."""
    from shisaku.plan.models import PlanNode
    from shisaku.voice.models import Opinion

    def only():
        return Consultation.objects.get()

    respond = {
        "reason": "検討します",
        "department": "子育て支援課",
        "responded_on": date(2025, 7, 1),
    }
    name = "shisaku.voice.services."
    return {
        name + "save_consent_policy": recipe(
            "voice.consent_policy",
            lambda w, a: services.save_consent_policy(
                actor=a, municipality_code=TOWN, below_age=16
            ),
        ),
        name + "open_consultation": recipe(
            "voice.open",
            lambda w, a: services.open_consultation(
                actor=a, municipality_code=TOWN, data=consultation_input(title_ja="二つ目")
            ),
            before=False,
        ),
        name + "open_example_consultation": recipe(
            "voice.open",
            lambda w, a: services.open_example_consultation(
                actor=a, municipality_code=TOWN, plan_slug=SLUG, node_code="1-1-2"
            ),
            before=False,
        ),
        name + "edit_consultation": recipe(
            "voice.edit",
            lambda w, a: services.edit_consultation(
                actor=a, consultation=only(), data=consultation_input(title_ja="改題")
            ),
        ),
        name + "enter_opinion": recipe(
            "voice.opinion",
            lambda w, a: services.enter_opinion(
                actor=a,
                consultation=only(),
                data=OpinionInput(
                    body="会場で", channel=Channel.EVENT, received_on=date(2025, 6, 2)
                ),
            ),
            before=False,
        ),
        name + "moderate": recipe(
            "voice.moderate",
            lambda w, a: services.moderate(
                actor=a, opinion=Opinion.objects.get(), state="hidden", reason="off-topic"
            ),
        ),
        name + "respond": recipe(
            "voice.respond",
            lambda w, a: services.respond(
                actor=a, opinion=Opinion.objects.get(), kind=ResponseKind.REFERENCE, **respond
            ),
        ),
        name + "publish_result": recipe(
            "voice.publish_result",
            lambda w, a: services.publish_result(actor=a, consultation=only()),
        ),
        name + "purge_contacts": recipe(
            "voice.purge_contact",
            lambda w, a: services.purge_contacts(actor=a, today=date(2100, 1, 1)),
            after=False,
        ),
        name + "save_easy_text": recipe(
            "voice.easy_text",
            lambda w, a: services.save_easy_text(
                actor=a, node=PlanNode.objects.get(code="1-1-1"), text_ja="やさしく"
            ),
            before=False,
        ),
    }


VOICE_EXEMPT = {
    "shisaku.voice.services.submit_opinion": (
        "the public web form: anyone may give an opinion (CSRF, a honeypot and a rate limit "
        "stand in for a permission)"
    ),
    "shisaku.voice.services.check_rate": "reads the rate limit's count",
    "shisaku.voice.services.audit": "the voice services' audit helper",
}
