"""The API's anonymous reads kept per process (shisaku/api/kept.py): byte for byte the answer
read afresh, gone on the next request after a write to their municipality, kept after a write
elsewhere, never shared between signed-in users.

These tests commit (transactional_db): nothing is kept inside a transaction.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import RequestFactory

from shisaku.accounts import services as accounts
from shisaku.api import kept
from shisaku.api.http import wrap
from shisaku.indicators.services import apply_batch
from tests.api_checks import checked_client  # noqa: F401  (the client: error bodies checked)
from tests.test_plan_views_kept import OTHER, SLUG, _actual, _town

API = "/api/v1"
ONE = "999997"
PLAN = f"{API}/municipalities/{{code}}/plans/{SLUG}"
READS = [
    f"{API}/",
    f"{API}/municipalities",
    f"{API}/municipalities?limit=1",
    f"{API}/municipalities/{{code}}",
    PLAN,
    PLAN + "/nodes?offset=1&limit=2",
    PLAN + "/indicators",
    PLAN + "/indicators/K1",
    PLAN + "/indicators/K1/figures",
    PLAN + "/assessments",
]
INDICATOR = READS[7]


def url(read: str, code: str = ONE) -> str:
    """Return a read's address in a municipality."""
    return read.format(code=code)


@pytest.fixture
def towns(transactional_db, operator):
    """Two fictional municipalities with the same small plan and one indicator each."""
    _town(operator, ONE, "試験市")
    _town(operator, OTHER, "別試験市")


@pytest.fixture
def store():
    """The process's kept API answers and plan views, emptied before and after the test."""
    from shisaku.evaluation.plan_store import STORE as VIEWS

    kept.STORE.clear(), VIEWS.clear()
    yield kept.STORE
    kept.STORE.clear(), VIEWS.clear()


def afresh(client, address: str, store):
    """Return the answer to ``address`` read with nothing kept."""
    from shisaku.evaluation.plan_store import STORE as VIEWS

    store.clear(), VIEWS.clear()
    return client.get(address)


def test_a_repeated_read_reads_only_a_stamp_and_is_the_read_afresh(
    towns, store, client, django_assert_num_queries
):
    for read in READS:
        first = client.get(url(read))
        with django_assert_num_queries(1):  # the revision counters
            again = client.get(url(read))
        fresh = afresh(client, url(read), store)
        for answer in (first, again):
            assert answer.status_code == 200, read
            assert answer.content == fresh.content, read
            assert list(answer.headers.items()) == list(fresh.headers.items()), read


def test_a_kept_answer_is_a_304_when_its_etag_is_named_until_a_write(
    towns, store, client, operator
):
    etag = client.get(url(INDICATOR))["ETag"]
    unchanged = client.get(url(INDICATOR), headers={"If-None-Match": etag})
    assert (unchanged.status_code, unchanged.content) == (304, b"")
    assert unchanged["ETag"] == etag and unchanged["Cache-Control"] == "public, max-age=60"
    apply_batch(actor=operator, batch=_actual(ONE, "2025年度", "187"))
    changed = client.get(url(INDICATOR), headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_a_write_to_the_plan_changes_the_very_next_answer(towns, store, client, operator):
    before = {read: client.get(url(read)).content for read in READS}
    apply_batch(actor=operator, batch=_actual(ONE, "2025年度", "187"))
    after = {read: client.get(url(read)).content for read in READS}
    assert b'"2025\xe5\xb9\xb4\xe5\xba\xa6"' not in before[INDICATOR]  # 2025年度
    assert "2025年度" in after[INDICATOR].decode() and "187" in after[INDICATOR].decode()
    assert after[PLAN + "/assessments"] != before[PLAN + "/assessments"]
    for read in READS:
        assert after[read] == afresh(client, url(read), store).content, read


def test_a_write_to_another_municipality_keeps_the_plans_answers(
    towns, store, client, operator, django_assert_num_queries
):
    reads = [r for r in READS if "{code}" in r]
    first = {read: client.get(url(read)).content for read in reads}
    apply_batch(actor=operator, batch=_actual(OTHER, "2025年度", "187"))
    for read in reads:
        with django_assert_num_queries(1):  # the stamp only: answered from the store
            assert client.get(url(read)).content == first[read], read
    assert "187" in client.get(url(INDICATOR, OTHER)).content.decode()


def test_signed_in_reads_are_neither_kept_nor_answered_from_the_store(
    towns, store, client, operator
):
    uid = accounts.create_user(
        actor=operator,
        username="kikaku",
        password="correct horse battery 42",
        municipality_code=ONE,
        role="planning",
        department="",
    )
    token = accounts.create_token(actor=operator, user_id=uid, name="API")
    bearer = {"Authorization": f"Bearer {token}"}
    assert client.get(url(INDICATOR), headers=bearer).status_code == 200
    client.force_login(accounts_user(uid))
    assert client.get(url(INDICATOR)).status_code == 200
    assert not store.answers
    client.logout()
    anonymous = client.get(url(INDICATOR))
    assert len(store.answers) == 1
    store.answers[next(iter(store.answers))] = kept.Answer(200, b"kept", ())
    assert client.get(url(INDICATOR), headers=bearer).content == anonymous.content


def accounts_user(uid: int):
    """Return the user with id ``uid``."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(pk=uid)


def whose(request) -> HttpResponse:
    """A read whose answer depends on who asks (no API read does: the guard is generic)."""
    return HttpResponse(request.headers.get("Authorization", "") + str(request.user))


@pytest.mark.parametrize("credential", ["cookie", "bearer"])
def test_answers_to_different_users_are_not_shared(transactional_db, store, credential):
    view = wrap(whose, lambda request, status, message: HttpResponse(status=status))

    def ask(name: str) -> bytes:
        request = RequestFactory().get("/api/v1/whose")
        request.user = name  # type: ignore[assignment]
        if credential == "cookie":
            request.COOKIES[settings.SESSION_COOKIE_NAME] = f"session-of-{name}"
        else:
            request.META["HTTP_AUTHORIZATION"] = f"Bearer {name}"
        return view(request).content

    assert ask("a").endswith(b"a") and ask("b").endswith(b"b") and ask("a").endswith(b"a")
    assert not store.answers


def test_errors_and_refused_queries_are_not_kept(towns, store, client):
    for address in [f"{API}/municipalities/123456", f"{API}/municipalities?colour=red"]:
        assert client.get(address).status_code in (400, 404)
    assert not store.answers
