"""The plan views each process keeps for the public pages (shisaku/evaluation/plan_store.py).

These tests commit (transactional_db): nothing is kept inside a transaction.
"""

from __future__ import annotations

import pytest

from shisaku.domain.indicatordata import IndicatorBatch, IndicatorDefinition
from shisaku.domain.plantree import PlanMeta
from shisaku.indicators.services import apply_batch
from shisaku.plan import editing
from shisaku.plan import services as plans
from tests.conftest import small_nodes
from tests.factories import figure

SLUG = "2024-2028"
ONE, OTHER = "999997", "012025"
PAGES = [
    "/{lang}/{code}/" + SLUG + "/",
    "/{lang}/{code}/" + SLUG + "/1-1/",
    "/{lang}/{code}/" + SLUG + "/1-1-1/",
    "/{lang}/{code}/" + SLUG + "/indicators/",
    "/{lang}/{code}/" + SLUG + "/indicators/K1/",
    "/{lang}/{code}/" + SLUG + "/indicators/K1/index.json",
    "/{lang}/{code}/" + SLUG + "/indicators/index.json",
    "/{lang}/{code}/" + SLUG + "/1-1-1/index.json",
]
MEASURE, INDICATOR = PAGES[2], PAGES[4]


def url(page: str, code: str = ONE, lang: str = "ja") -> str:
    """Return a page's address in a municipality and language."""
    return page.format(code=code, lang=lang)


def _actual(code: str, period: str, value: str) -> IndicatorBatch:
    """Return a batch of one actual of the indicator K1."""
    return IndicatorBatch(figures=[figure(code, SLUG, "K1", "actual", period, value)])


def _town(operator, code: str, name: str) -> None:
    """Create a fictional municipality's published plan with one indicator, through services."""
    plans.save_municipality(actor=operator, code=code, name_ja=name, name_en=name)
    meta = PlanMeta(title=f"{name}総合計画", period_start=2024, period_end=2028, slug=SLUG)
    plans.import_plan(actor=operator, municipality_code=code, meta=meta, nodes=small_nodes())
    definitions = [
        IndicatorDefinition(code, SLUG, "K1", "相談件数", "increase", node_code="1-1-1", unit="件"),
        IndicatorDefinition(code, SLUG, "K2", "待ち日数", "decrease", node_code="1-1-1", unit="日"),
    ]
    figures = [
        figure(code, SLUG, "K1", "baseline", "2023年度", "100"),
        figure(code, SLUG, "K1", "target", "2028年度", "200"),
        figure(code, SLUG, "K1", "actual", "2024年度", "130"),
        figure(code, SLUG, "K2", "baseline", "2023年度", "30"),
        figure(code, SLUG, "K2", "actual", "2024年度", "25"),
    ]
    apply_batch(actor=operator, batch=IndicatorBatch(definitions=definitions, figures=figures))


@pytest.fixture
def store():
    """The process's store of plan views, emptied before and after the test (and the pages)."""
    from shisaku.evaluation.plan_store import STORE
    from shisaku.public.kept_pages import STORE as PAGES

    STORE.clear(), PAGES.clear()
    yield STORE
    STORE.clear(), PAGES.clear()


@pytest.fixture
def pages():
    """The process's store of kept pages (emptied by ``store``)."""
    from shisaku.public.kept_pages import STORE as PAGES

    return PAGES


@pytest.fixture
def towns(transactional_db, operator):
    """Two fictional municipalities with the same small plan and one indicator each."""
    _town(operator, ONE, "試験市")
    _town(operator, OTHER, "別試験市")


def test_a_repeated_request_reads_only_the_stamp_of_its_municipality(
    towns, store, client, django_assert_num_queries
):
    for page in PAGES:
        first = client.get(url(page))
        with django_assert_num_queries(1):  # the municipality's revision counters
            again = client.get(url(page))
        assert (again.status_code, again.content) == (200, first.content), page


def test_a_repeated_home_page_reads_only_the_stamp_of_all_the_data(
    towns, store, client, operator, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from shisaku.evaluation.revision import data_revision

    for page in ["/ja/", "/ja/index.json", "/en/"]:
        first = client.get(page)
        with django_assert_num_queries(1):  # one aggregate over the revision counters
            assert client.get(page).content == first.content, page
    stamp = data_revision()
    apply_batch(actor=operator, batch=_actual(OTHER, "2025年度", "187"))
    assert data_revision() != stamp
    assert data_revision() == data_revision()
    with CaptureQueriesContext(connection) as read:
        client.get("/ja/")
    assert len(read.captured_queries) > 1  # a write anywhere: the home page is read afresh


def test_kept_pages_are_the_pages_read_afresh_in_both_languages(towns, store, pages, client):
    from django.db import transaction

    urls = [
        url(page, code, lang) for page in PAGES for code in (ONE, OTHER) for lang in ["ja", "en"]
    ]
    kept = {u: _seen((client.get(u), client.get(u))[1]) for u in urls}
    with transaction.atomic():  # nothing is kept or reused inside a transaction
        fresh = {u: _seen(client.get(u)) for u in urls}
    assert sorted(store.memos) == sorted([ONE, OTHER])
    assert len(pages.answers) == len(urls)
    assert [u for u in urls if kept[u] != fresh[u]] == []


def _seen(response) -> tuple[int, bytes, dict[str, str]]:
    """Return what a client gets: status, body and headers."""
    return response.status_code, response.content, dict(response.headers)


def test_a_missing_page_and_a_search_are_not_kept(towns, store, pages, client):
    assert client.get(url(MEASURE).replace("1-1-1", "7-7-7")).status_code == 404
    assert client.get("/ja/999997/" + SLUG + "/indicators/NOPE/").status_code == 404
    assert client.get("/ja/search/?q=相談").status_code == 200
    assert pages.answers == {}


def test_a_new_actual_shows_on_the_very_next_request_of_the_measure_and_indicator_pages(
    towns, store, client, operator
):
    for page in (MEASURE, INDICATOR):
        assert "130" in client.get(url(page)).content.decode()
        assert "187" not in client.get(url(page)).content.decode()
    apply_batch(actor=operator, batch=_actual(ONE, "2025年度", "187"))
    for page in (MEASURE, INDICATOR):
        assert "187" in client.get(url(page)).content.decode(), page
    apply_batch(actor=operator, batch=_actual(ONE, "2025年度", "186"))  # a correction
    shown = client.get(url(INDICATOR, lang="en")).content.decode()
    assert "186" in shown
    assert "187" in shown  # the corrected value stays in the revision history


def test_a_write_in_one_city_leaves_the_other_citys_kept_view(
    towns, store, client, operator, django_assert_num_queries
):
    for code in (ONE, OTHER):
        client.get(url(INDICATOR, code))
    one, other = store.memos[ONE], store.memos[OTHER]
    apply_batch(actor=operator, batch=_actual(ONE, "2025年度", "187"))
    with django_assert_num_queries(1):
        assert "187" not in client.get(url(INDICATOR, OTHER)).content.decode()
    assert store.memos[OTHER] is other
    assert "187" in client.get(url(INDICATOR, ONE)).content.decode()
    assert store.memos[ONE] is not one


def test_an_unpublished_plan_is_gone_on_the_next_request(towns, store, client, operator):
    for page in PAGES:
        assert client.get(url(page)).status_code == 200
    plans.set_plan_status(actor=operator, municipality_code=ONE, slug=SLUG, status="draft")
    assert [client.get(url(page)).status_code for page in PAGES] == [404] * len(PAGES)
    assert client.get(url(MEASURE, OTHER)).status_code == 200
    assert ONE not in client.get("/ja/").content.decode()
    plans.set_plan_status(actor=operator, municipality_code=ONE, slug=SLUG, status="published")
    assert client.get(url(MEASURE)).status_code == 200


def test_a_draft_text_shows_only_once_published(towns, store, client, operator):
    assert "相談支援を充実します。" in client.get(url(MEASURE)).content.decode()
    ref = editing.TextRef("1-1-1", "description", 0)
    editing.save_draft(actor=operator, municipality_code=ONE, slug=SLUG, ref=ref, text="下書きの文")
    shown = client.get(url(MEASURE)).content.decode()
    assert "下書きの文" not in shown
    assert "相談支援を充実します。" in shown
    editing.publish_drafts(actor=operator, municipality_code=ONE, slug=SLUG)
    assert "下書きの文" in client.get(url(MEASURE)).content.decode()
    assert "下書きの文" not in client.get(url(MEASURE, OTHER)).content.decode()


def test_nothing_is_kept_when_the_setting_is_zero(towns, client):
    from shisaku.evaluation.plan_store import Store

    none = Store(0)
    assert none.memo(ONE, 1) is not none.memo(ONE, 1)
    assert none.memos == {}


def test_after_a_write_only_the_changed_indicators_figures_are_read_again(
    towns, store, client, operator
):
    from shisaku.indicators.models import Indicator

    ids = dict(Indicator.objects.filter(plan__municipality__code=ONE).values_list("code", "id"))
    client.get(url(INDICATOR))
    (before,) = store.memos[ONE].histories.values()
    before = dict(before)
    (views,) = store.memos[ONE].views.values()
    views = dict(views)
    apply_batch(actor=operator, batch=_actual(ONE, "2025年度", "187"))
    assert "187" in client.get(url(INDICATOR)).content.decode()
    (after,) = store.memos[ONE].histories.values()
    assert after[ids["K2"]] is before[ids["K2"]]
    assert after[ids["K1"]][0] != before[ids["K1"]][0]
    assert [f.raw for f in after[ids["K1"]][1] if f.period_start == 2025] == ["187"]
    (now,) = store.memos[ONE].views.values()
    assert now[ids["K2"]] is views[ids["K2"]]  # grading reuses what it derived from it
    assert now[ids["K1"]] is not views[ids["K1"]]


def test_pages_after_a_write_are_the_pages_read_afresh(towns, store, client, operator):
    from django.db import transaction

    urls = [url(page, ONE, lang) for page in PAGES for lang in ["ja", "en"]]
    urls += [u.replace("K1", "K2") for u in urls if "K1" in u]
    for u in urls:
        client.get(u)
    apply_batch(actor=operator, batch=_actual(ONE, "2025年度", "187"))
    apply_batch(actor=operator, batch=_actual(ONE, "2024年度", "131"))  # a correction
    kept = {u: (client.get(u), client.get(u))[1].content for u in urls}
    with transaction.atomic():
        fresh = {u: client.get(u).content for u in urls}
    assert [u for u in urls if kept[u] != fresh[u]] == []
    assert all(b"187" in kept[u] for u in urls if "/K1/" in u)
