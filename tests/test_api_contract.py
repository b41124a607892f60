"""Every test client checks every API answer against its schema: a dropped or an extra key fails.

The answers are real (宇陀市's published plan); each is changed as a mistake in a view would
change it and handed to the same check the client runs on every answer
(:func:`tests.api_contract.check_answer`).
"""

from __future__ import annotations

import copy

import pytest
from django.http import JsonResponse
from django.test import Client
from jsonschema import ValidationError

from tests import api_contract, schema_checks
from tests.api_checks import checked_client  # noqa: F401  (the client: answers checked)
from tests.api_contract import check_answer, schema_ref
from tests.factories import make_uda_plan

UDA = "/api/v1/municipalities/292125/plans/2015-2019"
FIGURES = f"{UDA}/indicators/1/figures"
ASSESSMENTS = f"{UDA}/assessments?year=2017"


@pytest.fixture
def uda(db, operator):
    make_uda_plan(operator)


def answer(client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200
    return response.json()


def check(url: str, body: dict, status: int = 200) -> None:
    check_answer("GET", url.split("?")[0], JsonResponse(body, status=status))


def refusal(url: str, body: dict, status: int = 200) -> str:
    with pytest.raises(ValidationError) as refused:
        check(url, body, status)
    return refused.value.message


def test_the_real_answers_pass(client, uda):
    check(FIGURES, answer(client, FIGURES))
    check(ASSESSMENTS, answer(client, ASSESSMENTS))


def test_a_figure_without_its_source_fails(client, uda):
    body = answer(client, FIGURES)
    del body["items"][0]["source"]
    assert refusal(FIGURES, body) == "'source' is a required property"


@pytest.mark.parametrize("key", ["label", "score"])
def test_a_grade_without_its_label_or_score_fails(client, uda, key):
    body = answer(client, ASSESSMENTS)
    del body["items"][1][key]
    assert refusal(ASSESSMENTS, body) == f"'{key}' is a required property"


def test_an_extra_key_fails(client, uda):
    body = answer(client, ASSESSMENTS)
    body["items"][0]["grade_en"] = "C"
    assert refusal(ASSESSMENTS, body) == (
        "Additional properties are not allowed ('grade_en' was unexpected)"
    )


def published_problems(name: str, body: dict) -> list[str]:
    """Return what the published schema file ``v1/api/<name>`` finds wrong with ``body``."""
    errors = schema_checks.validator(f"v1/api/{name}").iter_errors(body)
    return [f"/{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors]


def test_the_published_schema_files_judge_an_answer_as_the_document_does(client, uda):
    body = answer(client, ASSESSMENTS)
    assert published_problems("assessment-page", body) == []
    del body["items"][1]["score"]
    body["items"][0]["grade_en"] = "C"
    assert published_problems("assessment-page", body) == [
        "/items/0: Additional properties are not allowed ('grade_en' was unexpected)",
        "/items/1: 'score' is a required property",
    ]
    figures = answer(client, FIGURES)
    assert published_problems("figure-page", figures) == []
    del figures["items"][0]["source"]
    assert published_problems("figure-page", figures) == [
        "/items/0: 'source' is a required property"
    ]


def test_a_value_of_the_wrong_type_fails(client, uda):
    body = answer(client, FIGURES)
    body["items"][0]["revision"] = "1"
    assert refusal(FIGURES, body) == "'1' is not of type 'integer'"


def test_an_error_is_checked_against_the_envelope(client, uda):
    assert refusal(FIGURES, {"error": {"status": 404, "message": "x"}}, 404) == (
        "'code' is a required property"
    )


def test_a_success_status_the_operation_does_not_list_fails():
    with pytest.raises(AssertionError, match="answered 202, which its operation does not list"):
        schema_ref("GET", FIGURES, 202)


def test_the_index_is_checked_against_its_schema():
    assert schema_ref("GET", "/api/v1/", 200) == (
        "urn:shisaku:openapi#/paths/~1api~1v1~1/get/responses/200/content/application~1json/schema"
    )


def test_an_address_the_document_does_not_describe_is_checked_only_on_an_error():
    assert schema_ref("GET", "/api/v1/docs", 200) is None
    assert schema_ref("GET", "/api/v1/nowhere", 404) == (
        "urn:shisaku:openapi#/components/schemas/ErrorEnvelope"
    )


@pytest.fixture
def stricter(monkeypatch):
    """The document as if FigureOut also required a key ``extra`` that the API does not write."""
    document = copy.deepcopy(api_contract.document())
    document["components"]["schemas"]["FigureOut"]["required"].append("extra")
    monkeypatch.setattr(api_contract, "document", lambda: document)
    api_contract.registry.cache_clear()
    yield
    api_contract.registry.cache_clear()


def test_the_client_checks_each_answer_it_receives(client, uda, stricter):
    assert client.get(UDA).status_code == 200  # a plan: no figure in it
    with pytest.raises(ValidationError, match="'extra' is a required property"):
        client.get(FIGURES)


def test_every_test_client_checks_the_apis_answers(uda, stricter):
    """pytest-django's own client, as a test outside the API modules uses it."""
    plain = Client()
    assert plain.get(UDA).status_code == 200
    with pytest.raises(ValidationError, match="'extra' is a required property"):
        plain.get(FIGURES)


def test_a_head_is_checked_by_its_status_only(client, uda):
    assert client.head(FIGURES).status_code in {200, 405}


def test_the_schema_of_an_operation_is_found_by_its_path_template():
    assert schema_ref("GET", FIGURES, 200) == (
        "urn:shisaku:openapi#/paths/~1api~1v1~1municipalities~1%7Bcode%7D~1plans~1%7Bslug%7D"
        "~1indicators~1%7Bindicator_code%7D~1figures/get/responses/200/content/"
        "application~1json/schema"
    )
    assert "figures/post/responses/201/content/" in schema_ref("POST", FIGURES, 201)
