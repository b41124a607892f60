"""Every API answer against the response schema its operation declares in docs/openapi.json.

:func:`check_answer` is called on every answer any test's client receives from the API
(:func:`tests.api_checks.check_api_answer`, from the autouse fixture of tests/conftest.py): the
operation is found by method and path template, the schema by status (an error status the
operation does not list is checked against the one error envelope, a success status it does
not list fails), and the JSON body is validated with ``Draft202012Validator`` (OpenAPI 3.1
schemas are JSON Schema 2020-12), ``#/components/schemas`` references resolved in the committed
document. Addresses of the API itself that the document does not describe (``docs``,
``openapi.json``) are checked only when they answer an error.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any
from urllib.parse import quote

from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from shisaku.api.openapi import COMMITTED

BASE = "urn:shisaku:openapi"
ENVELOPE = "#/components/schemas/ErrorEnvelope"


@cache
def document() -> dict[str, Any]:
    """Return the committed OpenAPI document (equal to the code's, tests/test_openapi.py)."""
    loaded: dict[str, Any] = json.loads(COMMITTED.read_text(encoding="utf-8"))
    return loaded


@cache
def registry() -> Registry:
    """Return a registry holding the document, so that its ``#/…`` references resolve."""
    return Registry().with_resource(BASE, DRAFT202012.create_resource(document()))


@cache
def templates() -> list[tuple[re.Pattern[str], str]]:
    """Return each path template of the document as a pattern, fixed segments first."""
    paths = sorted(document()["paths"], key=lambda p: (p.count("{"), p))
    return [(re.compile(re.sub(r"\{[^/}]+\}", "[^/]+", p) + "$"), p) for p in paths]


def template_of(path: str) -> str | None:
    """Return the document's path template that ``path`` matches, or None."""
    return next((t for pattern, t in templates() if pattern.match(path)), None)


def pointer(*parts: str) -> str:
    """Return the URI of the part of the document at ``parts`` (a JSON pointer, URI-quoted)."""
    escaped = (p.replace("~", "~0").replace("/", "~1") for p in parts)
    return f"{BASE}#" + quote("/" + "/".join(escaped), safe="/~")


def schema_ref(method: str, path: str, status: int) -> str | None:
    """Return the reference of the schema an answer must follow, or None when none is declared
    (an address the document does not describe answering a success)."""
    template = template_of(path)
    if template is None:
        return f"{BASE}{ENVELOPE}" if status >= 400 else None
    operation = document()["paths"][template].get(method.lower())
    declared = (operation or {}).get("responses", {})
    if str(status) in declared:
        parts = ("paths", template, method.lower(), "responses", str(status))
        return pointer(*parts, "content", "application/json", "schema")
    assert status >= 400, f"{method} {path} answered {status}, which its operation does not list"
    return f"{BASE}{ENVELOPE}"


def validate(body: Any, ref: str) -> None:
    """Validate ``body`` against the schema at ``ref``; raise ValidationError when it differs."""
    validator = Draft202012Validator({"$ref": ref}, registry=registry())
    validator.validate(body)


def check_answer(method: str, path: str, response: Any) -> None:
    """Validate the JSON body of an API answer against its operation's response schema (a HEAD
    has no body: its status is checked as its GET's)."""
    if not path.startswith("/api/") or response.status_code == 304 or response.streaming:
        return
    if method == "HEAD":
        schema_ref("GET", path, response.status_code)
        return
    ref = schema_ref(method, path, response.status_code)
    if ref is not None:
        validate(json.loads(response.content), ref)
