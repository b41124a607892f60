"""What every API test checks on every answer: it follows the response schema its operation
declares in docs/openapi.json (:mod:`tests.api_contract`), and no error body names a permission
or role code.

The API modules use the ``client`` fixture of this module (``from tests.api_checks import
checked_client``), or :class:`CheckedClient` itself where a test needs its own client: a real
Django test client whose every answer is validated against its schema, and whose every error
answer is searched for the internal codes of :mod:`shisaku.accounts.permissions`
(``indicators.record``) and of the roles (``planning``), so a refusal written from a code fails
whichever test provoked it.
"""

from __future__ import annotations

import re
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


class CheckedClient(Client):
    """A test client that fails a test when an answer does not follow its schema or an error
    body names a permission or role code."""

    def request(self, **request: Any) -> Any:
        """Send the request; check the answer against its schema and an error's body."""
        response = super().request(**request)
        check_answer(request["REQUEST_METHOD"], request["PATH_INFO"], response)
        if response.status_code >= 400 and not response.streaming:
            found = codes_in(response.content.decode("utf-8", "replace"))
            assert not found, f"the error names internal codes {found}: {response.content!r}"
        return response


@pytest.fixture(name="client")
def checked_client() -> CheckedClient:
    """Return the checking client (it replaces pytest-django's ``client`` in the API tests)."""
    return CheckedClient()
