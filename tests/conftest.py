"""Shared fixtures: named personas and plans created through the services."""

from __future__ import annotations

from pathlib import Path

import pytest

from shisaku.domain.actors import Actor
from shisaku.domain.plantree import Block, Footnote, Node, PlanMeta, Section

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "shisaku" / "data" / "aomori-2019-2023.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Hash test passwords quickly; production settings keep scrypt (tested separately)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _default_language():
    """Start every test in the default language: a request to an English page activates
    English in the thread (Django's LocaleMiddleware does not undo it), and a later test
    reading a message without a request would otherwise read it in English."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _csv_field_limit():
    """Give every test the csv module's own field size limit: frictionless raises it for the
    whole process, and the readers' refusal of an over-long cell is tested at the default."""
    import csv

    limit = csv.field_size_limit()
    yield
    csv.field_size_limit(limit)


@pytest.fixture(autouse=True)
def _json_follows_its_schema(request, monkeypatch):
    """Validate every JSON twin and every API answer the test client receives, and every JSON
    document a test writes under its ``tmp_path`` (a published copy), against Shisaku's schemas
    and the OpenAPI document (tests/schema_checks.py, tests/api_checks.py)."""
    from django.test import Client

    from tests.schema_checks import check_folder, check_response

    answer = Client.request

    def checked(self, **kwargs):
        response = answer(self, **kwargs)
        check_response(response)
        return response

    monkeypatch.setattr(Client, "request", checked)
    folder = request.getfixturevalue("tmp_path") if "tmp_path" in request.fixturenames else None
    yield
    if folder is not None:
        check_folder(folder)


@pytest.fixture
def operator() -> Actor:
    """The instance operator at the command line (allowed everything)."""
    return Actor(label="cli:test-operator", is_operator=True)


def small_nodes() -> list[Node]:
    """Return a small fictional plan tree (test data, not any real city's plan)."""
    action = Node(
        "action",
        "1-1-1.1.1",
        "相談窓口を開設します。",
        footnotes=[Footnote("相談窓口", "市役所の窓口のこと。")],
    )
    initiative = Node("initiative", "1-1-1.1", "相談体制の充実", children=[action])
    measure = Node(
        "measure",
        "1-1-1",
        "相談支援の充実",
        title_en="Better counselling",
        sections=[
            Section("description", blocks=[Block("paragraph", "相談支援を充実します。")]),
            Section("indicators", state="empty", columns=["指標とその説明", "基準値", "目標値"]),
        ],
        children=[initiative],
    )
    policy = Node(
        "policy",
        "1-1",
        "暮らしの安心",
        sections=[
            Section(
                "situation",
                blocks=[
                    Block("subheading", "相談の状況"),
                    Block("bullet", "相談件数が増えています。"),
                ],
            ),
            Section("direction", blocks=[Block("paragraph", "誰もが相談できるまちをめざします。")]),
            Section("diagram", state="missing"),
        ],
        children=[measure],
    )
    return [
        Node("field", "1", "くらし", title_en="Living", children=[policy]),
        Node("field", "9", "", title_known=False),
    ]


@pytest.fixture
def small_plan(db, operator):
    """A published fictional plan of a fictional municipality 999997 (code valid, town invented)."""
    from shisaku.plan import services

    services.save_municipality(actor=operator, code="999997", name_ja="試験市", name_en="Testville")
    meta = PlanMeta(
        title="試験市総合計画", title_en="Testville Plan", period_start=2024, period_end=2028
    )
    return services.import_plan(
        actor=operator, municipality_code="999997", meta=meta, nodes=small_nodes()
    )


@pytest.fixture(scope="session", autouse=True)
def _close_stray_connections(django_db_setup, django_db_blocker):
    """Before the PostgreSQL test database is dropped, end connections other threads left open
    (the live server's), so that the drop does not fail at the very end of a run."""
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
