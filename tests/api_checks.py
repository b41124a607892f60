"""What every test checks on every answer of the API: it follows the response schema its
operation declares in docs/openapi.json (:mod:`tests.api_contract`), and no error body names a
permission or role code.

:func:`check_api_answer` is called by the autouse fixture of tests/conftest.py for every answer
any Django test client receives (tests/schema_checks.py), so a test outside the API modules (a
comparison, an XSS test) is checked as they are and none can forget it.  An error answer is
searched for the internal codes of :mod:`shisaku.accounts.permissions`
(``indicators.record``) and of the roles (``planning``), so a refusal written from a code fails
whichever test provoked it.  The API modules' ``client`` fixture (``from tests.api_checks
import checked_client``) and :class:`CheckedClient` are plain test clients now, kept for the
modules that name them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pytest
from django.test import Client

from shisaku.accounts.models import Role
from shisaku.accounts.permissions import ROLE_ACTIONS
from tests.api_contract import check_answer

CODES = re.compile(
    r"(?<![\w.])("
    + "|".join(re.escape(code) for code in [*ROLE_ACTIONS, *Role.values])
    + r")(?!\w|\.\w)"
)


def codes_in(text: str) -> list[str]:
    """Return the permission and role codes that ``text`` names."""
    return CODES.findall(text)


def check_api_answer(request: Mapping[str, Any], response: Any) -> None:
    """Check an answer of the API (the test client's ``request`` dict and its response): its
    body against its schema, an error's body for internal codes. Other addresses pass."""
    path = request["PATH_INFO"]
    if not path.startswith("/api/"):
        return
    check_answer(request["REQUEST_METHOD"], path, response)
    if response.status_code >= 400 and not response.streaming:
        found = codes_in(response.content.decode("utf-8", "replace"))
        assert not found, f"the error names internal codes {found}: {response.content!r}"


class CheckedClient(Client):
    """A test client (every client's API answers are checked, :func:`check_api_answer`)."""


@pytest.fixture(name="client")
def checked_client() -> CheckedClient:
    """Return a test client (it replaces pytest-django's ``client`` in the API tests)."""
    return CheckedClient()
