"""Read replicas: anonymous public reads go to one replica; everything else to the primary.

The replicas here are test mirrors of the primary (``TEST: {"MIRROR": "default"}``, as
``DATABASE_REPLICA_URLS`` configures them): other connections to the same test database, so
every query is real and counted on the alias that ran it. The tests are transactional, since
a replica connection cannot see rows the primary has not committed.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest
from django.core.exceptions import MiddlewareNotUsed
from django.db import connections, router, transaction
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from shisaku import conf, dbrouter
from shisaku.plan.models import Municipality
from shisaku.settings import build_databases, build_routers

REPLICAS = ["replica1", "replica2"]
ALIASES = ["default", *REPLICAS]
on_replicas = pytest.mark.django_db(transaction=True, databases=ALIASES)


@pytest.fixture(scope="module")
def replicas(django_db_setup, tmp_path_factory):
    """Add replica1 and replica2 as test mirrors of the primary, as Django's test setup would."""
    url = conf.get("DATABASE_URL") or f"sqlite:///{tmp_path_factory.mktemp('r')}/replica.sqlite3"
    built = build_databases(url, f"{url},{url}", tmp_path_factory.mktemp("home"))
    primary = connections["default"].settings_dict
    configured = connections.configure_settings(built)
    for alias in REPLICAS:
        assert configured[alias]["TEST"]["MIRROR"] == "default"
        connections.settings[alias] = configured[alias]
        connections[alias].creation.set_as_test_mirror(primary)
    yield REPLICAS
    for alias in REPLICAS:
        connections[alias].close()
        del connections[alias]
        del connections.settings[alias]


@pytest.fixture(autouse=True)
def _routed(replicas, settings):
    """Route with the replica router, as the settings do when replicas are configured."""
    settings.DATABASE_ROUTERS = build_routers({"default": {}, "replica1": {}})


@pytest.fixture
def town(transactional_db, operator):
    from shisaku.plan import services

    return services.save_municipality(actor=operator, code="999997", name_ja="試験市")


@contextmanager
def queries():
    """Count the queries each alias runs inside the block."""
    with ExitStack() as stack:
        captured = {a: stack.enter_context(CaptureQueriesContext(connections[a])) for a in ALIASES}
        counts: dict[str, int] = {}
        yield counts
    counts.update({alias: len(capture.captured_queries) for alias, capture in captured.items()})


def read_view(request):
    """A view that reads the municipalities."""
    return HttpResponse(str(list(Municipality.objects.values_list("code", flat=True))))


def served(request, view=read_view) -> dict[str, int]:
    """Serve ``request`` through the middleware; return the queries per alias."""
    with queries() as counts:
        response = dbrouter.PrimaryPinMiddleware(view)(request)
    assert response.status_code == 200
    return counts


def one_replica_only(counts: dict[str, int]) -> bool:
    return counts["default"] == 0 and sorted(counts[a] > 0 for a in REPLICAS) == [False, True]


@on_replicas
def test_an_anonymous_public_page_reads_from_one_replica_and_never_the_primary(small_plan):
    with queries() as counts:
        response = Client().get("/ja/999997/")
    assert response.status_code == 200
    assert "試験市" in response.content.decode()
    assert one_replica_only(counts), counts


@on_replicas
def test_a_signed_in_staff_request_reads_from_the_primary_only(small_plan, operator):
    from django.contrib.auth import get_user_model

    from shisaku.accounts import services as accounts

    uid = accounts.create_user(
        actor=operator,
        username="kikaku",
        password="a-long-enough-pass-phrase",
        municipality_code="999997",
        role="planning",
    )
    client = Client()
    client.force_login(get_user_model().objects.get(pk=uid))
    for url in ["/ja/staff/999997/2024-2028/", "/ja/999997/"]:  # signed in: the public site too
        with queries() as counts:
            assert client.get(url).status_code == 200
        assert counts["default"] > 0 and counts["replica1"] == counts["replica2"] == 0, url


@on_replicas
def test_a_post_reads_and_writes_on_the_primary_only(town):
    with queries() as counts:
        response = Client().post("/ja/staff/login/", {"username": "x", "password": "wrong"})
    assert response.status_code in (200, 403)
    assert counts["default"] > 0 and counts["replica1"] == counts["replica2"] == 0


@on_replicas
@pytest.mark.parametrize(
    "request_",
    [
        pytest.param(RequestFactory().post("/ja/999997/"), id="POST"),
        pytest.param(RequestFactory().put("/api/v1/x"), id="PUT"),
        pytest.param(RequestFactory().delete("/api/v1/x"), id="DELETE"),
        pytest.param(RequestFactory().get("/ja/staff/999997/"), id="workspace"),
        pytest.param(RequestFactory().get("/en/staff/reports/"), id="reports"),
        pytest.param(
            RequestFactory().get("/api/v1/municipalities", headers={"authorization": "Bearer t"}),
            id="API token",
        ),
        pytest.param(RequestFactory().get("/ja/", headers={"cookie": "sessionid=s"}), id="session"),
    ],
)
def test_requests_that_may_write_or_are_signed_in_read_from_the_primary(town, request_):
    counts = served(request_)
    assert counts == {"default": 1, "replica1": 0, "replica2": 0}


@on_replicas
@pytest.mark.parametrize("path", ["/ja/", "/en/999997/", "/api/v1/municipalities"])
def test_anonymous_safe_requests_read_from_a_replica(town, path):
    assert one_replica_only(served(RequestFactory().get(path)))


@on_replicas
def test_after_a_write_the_rest_of_the_request_reads_from_the_primary(town):
    def view(request):
        first = list(Municipality.objects.all())
        Municipality.objects.filter(code="999997").update(name_en="Testville")
        again = list(Municipality.objects.all())
        return HttpResponse(f"{first[0].name_en}|{again[0].name_en}")

    counts = served(RequestFactory().get("/ja/"), view)
    assert counts["default"] == 2  # the write and the read after it
    assert counts["replica1"] + counts["replica2"] == 1


@on_replicas
def test_reads_inside_an_atomic_block_go_to_the_primary(town):
    def view(request):
        with transaction.atomic():
            list(Municipality.objects.all())
        list(Municipality.objects.all())
        return HttpResponse()

    counts = served(RequestFactory().get("/ja/"), view)
    assert counts["default"] >= 1  # the read (and the savepoint work of atomic)
    assert counts["replica1"] + counts["replica2"] == 1  # only the read outside the block


@on_replicas
def test_outside_a_request_commands_read_from_the_primary(town):
    with queries() as counts:
        list(Municipality.objects.all())
    assert counts == {"default": 1, "replica1": 0, "replica2": 0}


@on_replicas
def test_writes_and_migrations_go_to_the_primary_and_relations_cross_replicas(town):
    assert router.db_for_write(Municipality) == "default"
    assert router.allow_migrate("default", "plan") is True
    assert router.allow_migrate("replica1", "plan") is False
    on_replica = Municipality.objects.using("replica2").get(code="999997")
    on_primary = Municipality.objects.get(code="999997")
    assert router.allow_relation(on_replica, on_primary) is True


def test_without_replicas_the_middleware_removes_itself(monkeypatch):
    monkeypatch.setattr(dbrouter, "replica_aliases", list)
    with pytest.raises(MiddlewareNotUsed):
        dbrouter.PrimaryPinMiddleware(read_view)


def test_the_settings_make_one_alias_per_replica_url_mirrored_in_tests(tmp_path):
    primary = "postgres://shisaku@10.0.0.1:5432/shisaku"
    replicas = " postgres://shisaku@10.0.0.2:5432/shisaku , postgres://shisaku@10.0.0.3/shisaku,"
    databases = build_databases(primary, replicas, tmp_path)
    assert list(databases) == ["default", "replica1", "replica2"]
    assert databases["default"]["HOST"] == "10.0.0.1"
    assert [databases[a]["HOST"] for a in REPLICAS] == ["10.0.0.2", "10.0.0.3"]
    assert all(databases[a]["TEST"] == {"MIRROR": "default"} for a in REPLICAS)
    assert databases["replica1"]["ENGINE"] == "django.db.backends.postgresql"
    assert build_routers(databases) == ["shisaku.dbrouter.ReplicaRouter"]


def test_without_replica_urls_the_settings_are_unchanged(tmp_path):
    databases = build_databases("postgres://shisaku@10.0.0.1:5432/shisaku", " ", tmp_path)
    assert list(databases) == ["default"] and build_routers(databases) == []
    embedded = build_databases("", "", tmp_path)
    assert embedded["default"]["NAME"] == str(tmp_path / "shisaku.sqlite3")
    assert build_routers(embedded) == []


def test_replicas_need_a_primary_url(tmp_path):
    with pytest.raises(RuntimeError, match="DATABASE_URL"):
        build_databases("", "postgres://shisaku@10.0.0.2/shisaku", tmp_path)


def test_production_settings_with_replicas_pass_the_deployment_check(tmp_path):
    # nothing connects: the addresses are unreachable on purpose (check needs no database)
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"} | {
        "SHISAKU_HOME": str(tmp_path),
        "SHISAKU_DEBUG": "0",
        "SHISAKU_SECRET_KEY": secrets.token_urlsafe(50),
        "SHISAKU_ALLOWED_HOSTS": "plan.example.jp",
        "DATABASE_URL": "postgres://shisaku@192.0.2.1:5432/shisaku",
        "DATABASE_REPLICA_URLS": "postgres://shisaku@192.0.2.2:5432/shisaku",
    }
    shisaku = str(Path(sys.executable).parent / "shisaku")
    done = subprocess.run(
        [shisaku, "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
