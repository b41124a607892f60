"""A visitor of the demo site finds the children's consultation on 2-1-2 from /ja/ by clicking:
straight from the home page, or through the municipality and the measure."""

from __future__ import annotations

import pytest

from shisaku.cli import main
from shisaku.voice.models import Consultation
from tests.browser.conftest import axe_violations, describe

TITLE = "（例）子どもの意見を聴きます"


@pytest.fixture
def demo(transactional_db, live_server):
    assert main(["demo"]) == 0
    return live_server.url, Consultation.objects.get()


def click_through_to_the_form(page, site: str, item, language: str = "ja") -> None:
    """On a page listing the consultation (axe clean), click it and land on its form."""
    found = axe_violations(page)
    assert found == [], describe(found)
    page.click(f"section.consultations a[href='/{language}/022012/voice/{item.pk}/']")
    assert page.url == f"{site}/{language}/022012/voice/{item.pk}/"
    assert page.is_visible("#opinion-form")


def test_the_demo_consultation_form_is_one_click_from_the_home_page(demo, page):
    site, item = demo
    page.goto(site + "/ja/")
    assert TITLE in page.inner_text("section.consultations")
    click_through_to_the_form(page, site, item)


def test_the_demo_consultation_form_is_two_clicks_away_through_the_municipality(demo, page):
    site, item = demo
    page.goto(site + "/ja/")
    page.click("h2#m-022012 a")
    assert page.url == site + "/ja/022012/"
    click_through_to_the_form(page, site, item)


def test_the_measure_page_of_2_1_2_links_the_demo_consultation(demo, page):
    site, item = demo
    page.goto(site + "/en/022012/2019-2023/2-1-2/")
    click_through_to_the_form(page, site, item, "en")
