"""A child gives an opinion in a real browser, the office moderates and answers it, and the result
is published: nothing typed is lost on the way, and no page has an axe violation."""

from __future__ import annotations

from datetime import date

import pytest

from shisaku.domain.actors import Actor
from shisaku.plan.models import PlanNode
from shisaku.voice import services
from shisaku.voice.models import Audience, Opinion
from shisaku.voice.services import OpinionInput
from tests.browser.conftest import axe_violations, describe
from tests.browser.test_staff_workspace import sign_in
from tests.test_staff_support import SLUG, TOWN, town_fixture  # noqa: F401
from tests.voice_support import (  # noqa: F401
    CONTACT,
    HIDDEN_TEXT,
    consultation_fixture,
    consultation_input,
    page_url,
    staff_url,
)

TEXT = "放課後に相談できる場所を学校の近くにつくってほしいです。"


@pytest.fixture
def site(transactional_db, live_server, consultation, operator):
    services.save_consent_policy(actor=operator, municipality_code=TOWN, below_age=16)
    node = PlanNode.objects.get(code="1-1-1")
    services.save_easy_text(actor=operator, node=node, text_ja="こまったときに相談できます。")
    return live_server.url


def fill_as_a_child(page):
    page.fill("#id_body", TEXT)
    page.select_option("#id_node_code", "1-1-1")
    page.fill("#id_display_name", "ゆい")
    page.select_option("#id_age_band", "13-15")
    page.select_option("#id_school_band", "junior-high")
    page.fill("#id_contact", CONTACT)


def test_a_child_forgets_the_consent_fixes_it_and_the_answer_is_published(site, page, consultation):
    found = {}
    page.goto(site + page_url(consultation))
    found["form"] = axe_violations(page)
    fill_as_a_child(page)
    page.click("#opinion-form button[type=submit]")
    assert "16歳未満の方は保護者の同意が必要です" in page.inner_text(".error-summary")
    found["refused"] = axe_violations(page)
    assert page.input_value("#id_body") == TEXT
    assert page.input_value("#id_display_name") == "ゆい"
    assert page.input_value("#id_contact") == CONTACT
    assert page.input_value("#id_age_band") == "13-15"
    assert page.input_value("#id_school_band") == "junior-high"
    assert page.input_value("#id_node_code") == "1-1-1"
    page.check("#id_consent")
    page.click("#opinion-form button[type=submit]")
    assert "ご意見を受け付けました" in page.inner_text("#sent")
    found["sent"] = axe_violations(page)
    opinion = Opinion.objects.get()
    assert (opinion.body, opinion.display_name, opinion.consent_method) == (TEXT, "ゆい", "online")

    sign_in(page, site, "kikaku")
    page.goto(site + staff_url(consultation))
    found["staff list"] = axe_violations(page)
    page.click(f"a[href$='/opinions/{opinion.pk}/']")
    found["staff opinion"] = axe_violations(page)
    assert CONTACT in page.inner_text("main")
    page.check("input[name=moderate-state][value=published]")
    page.click("text=判断を保存")
    page.click(f"a[href$='/opinions/{opinion.pk}/']")
    page.select_option("#id_respond-kind", "partly")
    page.fill("#id_respond-reason", "学校の近くの児童館で相談日を設けます。")
    page.click("text=対応を保存")
    page.click("text=結果を公表する")
    assert "結果を公表しました。" in page.inner_text(".messages")

    page.goto(site + page_url(consultation))
    table = page.inner_text("table.result")
    assert (
        TEXT in table and "一部反映" in table and "学校の近くの児童館で相談日を設けます。" in table
    )
    assert CONTACT not in page.content()
    found["result"] = axe_violations(page)
    page.goto(site + page_url(consultation, "en"))
    assert "Partly reflected" in page.inner_text("table.result")
    found["result en"] = axe_violations(page)
    assert {name: describe(v) for name, v in found.items() if v} == {}


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_list_and_the_staff_forms_have_no_axe_violations(site, page, consultation, language):
    found = {}
    data = OpinionInput("紙の意見", channel="paper", received_on=date(2026, 5, 1), contact=CONTACT)
    opinion = services.enter_opinion(actor=Actor.operator(), consultation=consultation, data=data)
    page.goto(f"{site}/{language}/{TOWN}/voice/")
    found["list"] = axe_violations(page)
    page.goto(site + page_url(consultation, language))
    found["form"] = axe_violations(page)
    sign_in(page, site, "kikaku", language)
    for path in [f"voice/kids/{SLUG}/", f"voice/kids/{SLUG}/1-1-1/"]:
        page.goto(f"{site}/{language}/{TOWN}/{path}")
        found[path] = axe_violations(page)
    for path in ["", "new/", f"easy/{SLUG}/", f"easy/{SLUG}/1-1-1/"]:
        page.goto(f"{site}/{language}/staff/{TOWN}/voice/{path}")
        found[path or "home"] = axe_violations(page)
    for path in ["", "edit/", "opinions/new/", f"opinions/{opinion.pk}/"]:
        page.goto(site + staff_url(consultation, path, language))
        found[path or "consultation"] = axe_violations(page)
    assert {name: describe(v) for name, v in found.items() if v} == {}


@pytest.mark.parametrize("language", ["ja", "en"])
def test_a_childrens_consultation_page_has_no_axe_violations(site, page, operator, language):
    item = services.open_consultation(
        actor=operator,
        municipality_code=TOWN,
        data=consultation_input(audience=Audience.CHILDREN, title_ja="子どもの相談窓口"),
    )
    page.goto(site + page_url(item, language))
    page.click("#opinion-form button[type=submit]")  # empty: the error summary too
    assert page.locator(".error-summary").count() == 1
    assert describe(axe_violations(page)) == "[]"


def test_an_adult_speaks_anonymously_and_a_hidden_opinion_never_shows(site, page, consultation):
    adult = "窓口の案内をもっとわかりやすくしてください。"
    for text in (adult, HIDDEN_TEXT):
        page.goto(site + page_url(consultation))
        page.fill("#id_body", text)
        page.select_option("#id_age_band", "30-49")
        page.click("#opinion-form button[type=submit]")
        assert "ご意見を受け付けました" in page.inner_text("#sent")
    shown, hidden = Opinion.objects.order_by("id")
    assert (shown.display_name, shown.age_band, shown.consent_method) == ("", "30-49", "")

    sign_in(page, site, "kikaku")
    page.goto(site + staff_url(consultation, f"opinions/{hidden.pk}/"))
    page.check("input[name=moderate-state][value=hidden]")
    page.fill("#id_moderate-note", "携帯電話の番号が書かれている")
    page.click("text=判断を保存")  # no reason: refused, what was typed kept
    assert "非公開にする理由を選んでください。" in page.inner_text(".error-summary")
    assert page.input_value("#id_moderate-note") == "携帯電話の番号が書かれている"
    assert page.is_checked("input[name=moderate-state][value=hidden]")
    page.select_option("#id_moderate-reason", "personal-data")
    page.click("text=判断を保存")
    page.goto(site + staff_url(consultation, f"opinions/{shown.pk}/"))
    page.check("input[name=moderate-state][value=published]")
    page.click("text=判断を保存")
    page.click("text=結果を公表する")
    assert "結果を公表しました。" in page.inner_text(".messages")

    page.goto(site + page_url(consultation))
    assert adult in page.inner_text("table.result")
    assert HIDDEN_TEXT not in page.content()
    hidden.refresh_from_db()
    assert (hidden.state, hidden.hide_reason, hidden.body) == (
        "hidden",
        "personal-data",
        HIDDEN_TEXT,
    )
