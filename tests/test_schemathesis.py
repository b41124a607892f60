"""The API against its own OpenAPI document, fuzzed by Schemathesis: never a server error.

docs/openapi.json (the committed document, checked against the code by test_openapi.py) is
loaded with Schemathesis and every operation is called in-process through Django's WSGI
application, in the test database.  Each GET runs twice: with the path parameters of a plan
that exists (so that limits, offsets and years meet real data) and with generated ones; both
with valid (positive) and invalid (negative) inputs.  The write runs with the token of a user
who may write, and with no token.  Every answer must be no server error, of a status code the
document declares, in the declared content type, and in the declared shape; no error may name
an internal permission or role code.

Example counts are small and the examples derandomised, so that the run is quick and the same
in CI; ``SCHEMATHESIS_EXAMPLES=500`` runs more when hunting.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from shisaku.accounts import services as accounts
from shisaku.wsgi import application
from tests.api_checks import codes_in
from tests.conftest import ROOT
from tests.test_staff_support import TOWN, town_fixture  # noqa: F401  (the "town" fixture)

SCHEMA = schemathesis.openapi.from_path(ROOT / "docs" / "openapi.json")
SCHEMA.app = application
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]
READS = [op for op in OPERATIONS if op.method.upper() == "GET"]
WRITES = [op for op in OPERATIONS if op.method.upper() == "POST"]
# The plan of the town fixture: 試験市 2024-2028, indicator K1, measure 1-1-1.
REAL = {
    **{"code": TOWN, "slug": "2024-2028", "indicator_code": "K1", "node_code": "1-1-1"},
    **{"prefecture": "99", "common_code": "total-fertility-rate", "consultation_id": 1, "goal": 3},
}


def no_permission_code(ctx, response, case) -> None:
    """An error answer never names an internal permission or role code (``indicators.record``)."""
    if response.status_code >= 400:
        found = codes_in(response.text)
        assert not found, f"the error names internal codes {found}: {response.text}"


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    no_permission_code,
]
EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "25"))
BOUNDED = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def api(town, operator, settings):
    """Return a token of the planning office; requests run as a server runs them.

    The test client keeps Django from closing the connection after each request; the bare
    WSGI application does not, so the same is done here, or the test's transaction would be
    closed by the first request.
    """
    settings.DEBUG = False
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    user = accounts.create_user(
        actor=operator,
        username="schemathesis",
        password="correct horse battery staple 42",
        municipality_code=TOWN,
        role="planning",
    )
    yield accounts.create_token(actor=operator, user_id=user, name="schemathesis")
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _label(operation) -> str:
    return f"{operation.method.upper()} {operation.path}"


def _path_names(operation) -> list[str]:
    return [p.name for p in operation.path_parameters]


def _cases(operation, *, real: bool) -> st.SearchStrategy:
    """Return the cases of an operation: positive on a real plan, or positive and negative."""
    if real:
        fixed = {name: REAL[name] for name in _path_names(operation)}
        return operation.as_strategy(GenerationMode.POSITIVE, path_parameters=fixed)
    return st.one_of(
        operation.as_strategy(GenerationMode.POSITIVE),
        operation.as_strategy(GenerationMode.NEGATIVE),
    )


@pytest.mark.parametrize("real", [True, False], ids=["real-plan", "generated-path"])
@pytest.mark.parametrize("operation", READS, ids=_label)
def test_no_read_answers_a_server_error(operation, real, api):
    @BOUNDED
    @given(_cases(operation, real=real))
    def check(case):
        case.call_and_validate(checks=CHECKS)

    check()


@pytest.mark.parametrize("real", [True, False], ids=["real-plan", "generated-path"])
@pytest.mark.parametrize("token", [True, False], ids=["with-token", "without-token"])
@pytest.mark.parametrize("operation", WRITES, ids=_label)
def test_no_write_answers_a_server_error(operation, token, real, api):
    headers = {"Authorization": f"Bearer {api}"} if token else {}

    @BOUNDED
    @given(_cases(operation, real=real))
    def check(case):
        case.call_and_validate(headers=headers, checks=CHECKS)

    check()


@pytest.mark.parametrize(
    ("operation", "name"),
    [(op, name) for op in OPERATIONS for name in _path_names(op)],
    ids=lambda v: v if isinstance(v, str) else _label(v),
)
def test_a_nul_in_a_path_parameter_names_nothing(operation, name, api, client):
    """Schemathesis never puts NUL in a path (servers strip it); PostgreSQL refuses it in text."""
    path = operation.path.format(**{**REAL, name: "a%00b"})
    headers = {"Authorization": f"Bearer {api}"}
    response = client.generic(
        operation.method.upper(), path, b"{}", "application/json", headers=headers
    )
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_every_operation_of_the_document_is_fuzzed():
    assert len(READS) == 22  # the index at /api/v1/ among them
    assert [_label(op) for op in WRITES] == [
        "POST /api/v1/municipalities/{code}/plans/{slug}/indicators/{indicator_code}/figures"
    ]
