"""The public pages link the open consultations: the home page, the municipality's page and the
pages of the nodes they concern; a kept page never lists one that is no longer open."""

from __future__ import annotations

from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from shisaku.evaluation.revision import data_revision
from shisaku.voice import services
from shisaku.voice.rules import Period
from tests.test_staff_support import SLUG, TOWN, town_fixture  # noqa: F401
from tests.voice_support import consultation_fixture, consultation_input, page_url  # noqa: F401

HOME, TOWN_PAGE = "/{lang}/", "/{lang}/" + TOWN + "/"
MEASURE, POLICY = f"/{{lang}}/{TOWN}/{SLUG}/1-1-1/", f"/{{lang}}/{TOWN}/{SLUG}/1-1/"
EARLIEST, LATEST = "Pacific/Pago_Pago", "Pacific/Kiritimati"  # UTC-11 and UTC+14: another day


class _Links(HTMLParser):
    """The links of a page's section of open consultations, as (address, text, period)."""

    def __init__(self) -> None:
        super().__init__()
        self.inside, self.found, self.where = False, [], ""

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if tag == "section" and found.get("class") == "consultations":
            self.inside = True
        elif self.inside and tag == "li":
            self.found.append(["", ""])
        elif self.inside and tag == "a":
            self.found[-1][0] = found["href"]

    def handle_endtag(self, tag):
        if tag == "section":
            self.inside = False

    def handle_data(self, data):
        if self.inside and self.found:
            self.found[-1][1] += data


def links(page: str, lang: str = "ja", client: Client | None = None) -> list[tuple[str, str]]:
    """Return the consultation links on a public page, with their whole line of text."""
    response = (client or Client()).get(page.format(lang=lang))
    assert response.status_code == 200, page
    parser = _Links()
    parser.feed(response.content.decode())
    return [(href, " ".join(text.split())) for href, text in parser.found]


def test_an_open_consultation_is_linked_from_home_town_and_its_measure(town, consultation):
    end = consultation.ends_on.isoformat()
    ja, en = page_url(consultation), page_url(consultation, "en")
    assert links(HOME) == [(ja, f"試験市: 相談支援についての意見募集 {end}まで")]
    assert links(TOWN_PAGE) == [(ja, f"相談支援についての意見募集 {end}まで")]
    assert links(MEASURE) == [(ja, f"相談支援についての意見募集 {end}まで")]
    assert links(POLICY) == []  # a consultation on a measure is not one on its whole policy
    assert links(HOME, "en") == [(en, f"Testville: Your views on counselling until {end}")]
    assert links(MEASURE, "en") == [(en, f"Your views on counselling until {end}")]


def test_a_consultation_on_the_whole_plan_for_children_is_linked_from_every_node(town, operator):
    today = timezone.localdate()
    data = consultation_input(
        node_code="", audience="children", period=Period(today, today + timedelta(days=30))
    )
    item = services.open_consultation(actor=operator, municipality_code=TOWN, data=data)
    end = item.ends_on.isoformat()
    line = f"相談支援についての意見募集 {end}まで こども・若者向け"
    assert links(POLICY) == links(MEASURE) == [(page_url(item), line)]


def test_a_consultation_not_yet_open_is_not_linked(town, operator):
    today = timezone.localdate()
    later = Period(today + timedelta(days=1), today + timedelta(days=31))
    services.open_consultation(
        actor=operator, municipality_code=TOWN, data=consultation_input(period=later)
    )
    assert [links(p) for p in (HOME, TOWN_PAGE, MEASURE)] == [[], [], []]


@pytest.fixture
def kept(transactional_db):
    """The process's kept pages, emptied before and after the test."""
    from shisaku.evaluation.plan_store import STORE
    from shisaku.public.kept_pages import STORE as PAGES

    STORE.clear(), PAGES.clear()
    yield PAGES
    STORE.clear(), PAGES.clear()


def test_opening_and_moving_a_consultation_shows_on_the_next_request_of_kept_pages(
    kept, town, operator
):
    client = Client()
    pages = (HOME, TOWN_PAGE, MEASURE)
    assert [links(p, client=client) for p in pages] == [[], [], []]
    assert len(kept.answers) == 3
    item = services.open_consultation(
        actor=operator, municipality_code=TOWN, data=consultation_input()
    )
    assert [len(links(p, client=client)) for p in pages] == [1, 1, 1]
    today = timezone.localdate()
    later = Period(today + timedelta(days=5), today + timedelta(days=40))
    services.edit_consultation(
        actor=operator, consultation=item, data=consultation_input(period=later)
    )
    assert [links(p, client=client) for p in pages] == [[], [], []]


def test_a_page_kept_yesterday_does_not_list_a_consultation_that_closed(kept, town, operator):
    with override_settings(TIME_ZONE=EARLIEST):
        today = timezone.localdate()
        period = Period(today - timedelta(days=30), today)  # its last day is today there
        services.open_consultation(
            actor=operator, municipality_code=TOWN, data=consultation_input(period=period)
        )
        stamp = data_revision()
        assert [len(links(p)) for p in (HOME, TOWN_PAGE, MEASURE)] == [1, 1, 1]
        assert [len(links(p)) for p in (HOME, TOWN_PAGE, MEASURE)] == [1, 1, 1]  # kept
    with override_settings(TIME_ZONE=LATEST):
        assert timezone.localdate() > today  # the next day (or the one after) has come
        assert [links(p) for p in (HOME, TOWN_PAGE, MEASURE)] == [[], [], []]
    assert data_revision() == stamp  # nothing was written in between
    assert len(kept.answers) == 6


def test_the_workspace_navigation_links_the_consultations_for_those_allowed(town):
    from tests.test_staff_support import BASE, as_user

    link = f'<li><a href="/ja/staff/{TOWN}/voice/">意見募集</a></li>'
    shown = {
        name: link in as_user(name).get(BASE + "my-work/").content.decode()
        for name in ("kikaku", "kosodate", "etsuran")
    }
    assert shown == {"kikaku": True, "kosodate": True, "etsuran": False}
    assert as_user("kosodate").get(f"/ja/staff/{TOWN}/voice/").status_code == 200


def test_a_published_copy_lists_no_consultation_and_its_workers_query_nothing(
    town, consultation, tmp_path
):
    from tests.test_publish import run

    run(tmp_path / "site", jobs=2)  # a worker that queried the database would fail the run
    site = tmp_path / "site"
    for page in ("ja/index.html", f"ja/{TOWN}/index.html", f"ja/{TOWN}/{SLUG}/1-1-1/index.html"):
        text = (site / page).read_text()
        assert "相談支援についての意見募集" not in text, page
    assert "相談支援についての意見募集" in links(HOME)[0][1]  # the live site lists it
