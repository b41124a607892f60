"""The world every bad input is thrown at, and a snapshot of the whole database to compare.

The world is the fictional 試験市 of the workspace tests (plan 2024-2028, indicators K1–K3,
one member per role) plus API tokens.  ``snapshot`` reads every row of every model, so
"nothing written" means nothing: no plan, node, figure, indicator, audit entry or user
changed.  The one column a request may touch without writing anything a user made is a
token's ``last_used_at``.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model

from shisaku.accounts import services as accounts
from tests.test_staff_support import town_fixture  # noqa: F401  (the "town" fixture)

TOKEN_USERS = ("kikaku", "iin", "doboku")
# Columns that change on reads or sign-ins, not on writes.
VOLATILE = {"accounts.apitoken": {"last_used_at"}, "auth.user": {"last_login"}}
SKIPPED = {"sessions.session"}


@pytest.fixture
def world(town, operator) -> dict[str, str]:
    """Return the API token of each persona in TOKEN_USERS (the town fixture is set up)."""
    users = get_user_model().objects
    return {
        name: accounts.create_token(
            actor=operator, user_id=users.get(username=name).pk, name="badinput"
        )
        for name in TOKEN_USERS
    }


def _rows(model: Any) -> list[tuple[Any, ...]]:
    """Return every row of ``model`` without its volatile columns, in primary-key order."""
    label = model._meta.label_lower
    names = [
        f.attname for f in model._meta.concrete_fields if f.name not in VOLATILE.get(label, ())
    ]
    return list(model.objects.order_by("pk").values_list(*names))


def snapshot() -> dict[str, list[tuple[Any, ...]]]:
    """Return the content of every table, model by model."""
    return {
        m._meta.label_lower: _rows(m)
        for m in apps.get_models()
        if m._meta.label_lower not in SKIPPED and m._meta.managed and not m._meta.proxy
    }


def changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, tuple[int, int]]:
    """Return the tables whose content differs, with their row counts before and after."""
    return {
        label: (len(before[label]), len(after[label]))
        for label in before
        if before[label] != after[label]
    }
