"""Personas and a small plan for the workspace tests (fictional 試験市, created via services)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from shisaku.accounts import services as accounts
from shisaku.domain.indicatordata import IndicatorBatch, IndicatorDefinition
from shisaku.indicators import services as indicators
from shisaku.plan import editing
from tests.factories import figure

PASSWORD = "correct horse battery staple 42"
TOWN, SLUG = "999997", "2024-2028"
BASE = f"/ja/staff/{TOWN}/{SLUG}/"
PEOPLE = [
    ("kikaku", "planning", ""),
    ("kosodate", "department", "子育て支援課"),
    ("fukushi", "department", "福祉課"),
    ("doboku", "department", "土木課"),
    ("iin", "reviewer", ""),
    ("etsuran", "viewer", ""),
]


def definition(code, name, department, node="1-1-1", unit="件"):
    return IndicatorDefinition(
        TOWN, SLUG, code, name, "increase", node_code=node, unit=unit, department=department
    )


@pytest.fixture(name="town")
def town_fixture(small_plan, operator):
    """試験市 with three indicators of two departments, due dates and one member per role.

    FY2024 actuals: 子育て支援課 has entered K1 and not K3 (due yesterday: overdue);
    土木課 has not entered K2 (due in a month).
    """
    batch = IndicatorBatch(
        definitions=[
            definition("K1", "相談件数", "子育て支援課"),
            definition("K2", "道路補修件数", "土木課"),
            definition("K3", "子育て講座の参加者数", "子育て支援課", unit="人"),
        ],
        figures=[
            figure(TOWN, SLUG, "K1", "target", "2028年度", "120件"),
            figure(TOWN, SLUG, "K1", "actual", "2024年度", "100件"),
        ],
    )
    indicators.apply_batch(actor=operator, batch=batch)
    today = timezone.localdate()
    for department, due in [
        ("子育て支援課", today - timedelta(days=1)),
        ("土木課", today + timedelta(days=30)),
    ]:
        indicators.set_deadline(
            actor=operator,
            municipality_code=TOWN,
            plan=SLUG,
            fiscal_year=2024,
            department=department,
            due=due,
        )
    editing.assign_department(
        actor=operator, municipality_code=TOWN, slug=SLUG, node_code="1-1-1", department="福祉課"
    )
    for name, role, department in PEOPLE:
        accounts.create_user(
            actor=operator,
            username=name,
            password=PASSWORD,
            municipality_code=TOWN,
            role=role,
            department=department,
        )
    return {"today": today}


def as_user(name: str, **kwargs) -> Client:
    """Return a test client signed in as a persona."""
    client = Client(**kwargs)
    client.force_login(get_user_model().objects.get(username=name))
    return client


def text(response) -> str:
    """Return a response's body as text."""
    return response.content.decode()


def publish_reviewed(client: Client):
    """Open the drafts page and press "publish all drafts" with what the page carries."""
    import html
    import re

    page = text(client.get(BASE + "drafts/"))
    found = re.search(r'name="reviewed" value="([^"]*)"', page)
    reviewed = html.unescape(found.group(1)) if found else ""
    return client.post(BASE + "drafts/publish/", {"reviewed": reviewed})
