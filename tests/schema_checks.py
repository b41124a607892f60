"""Validate JSON documents against Shisaku's published schemas (docs/schemas.md).

:func:`check_response` checks a JSON twin the test client received, and any answer of the API
against its operation's schema in docs/openapi.json (:mod:`tests.api_checks`);
:func:`check_folder` every JSON document of a folder a test wrote (a published copy);
tests/conftest.py calls both for every test, so a twin or an API answer that drops or renames
a key fails the build.  The schemas are loaded
from :mod:`shisaku.schemas` into a ``referencing`` registry (their ``$id`` on one site), so the
relative ``$ref`` between them resolve as they do on the live site.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from shisaku import schemas

SITE = "http://schemas.test"  # any site: the documents' schemas are found by their path
TWIN_NAMESPACES = ("public", "voice")  # the routes whose ``*-json`` answers are twins
TWIN_FILES = ("index.json", "result.json")  # the file names of twins in a published copy


@functools.cache
def registry() -> Registry[Any]:
    """Return every schema, each under its ``$id``."""
    return Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema)) for schema in json_schemas()
    )


def json_schemas() -> list[dict[str, Any]]:
    """Return every JSON Schema of Shisaku (not the Frictionless Table Schemas beside them)."""
    loaded = [schemas.load(name, SITE) for name in schemas.names()]
    return [schema for schema in loaded if schema["$schema"] == schemas.METASCHEMA]


@functools.cache
def validator(name: str) -> Draft202012Validator:
    """Return the validator of one schema."""
    return Draft202012Validator(registry()[schemas.url(name, SITE)].contents, registry=registry())


def problems(document: Any) -> list[str]:
    """Return what is wrong with a document that names its schema (empty when it is valid)."""
    address = document.get("$schema") if isinstance(document, dict) else None
    name = schemas.name_of(address) if isinstance(address, str) else None
    if name is None:
        return [f"no schema of Shisaku named by $schema: {address!r}"]
    errors = validator(name).iter_errors(document)
    return [f"{name}: /{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors]


def check(document: Any, where: str) -> None:
    """Fail with every problem of a document."""
    found = problems(document)
    assert not found, f"{where} does not follow its schema:\n" + "\n".join(found[:20])


def is_twin(response: Any) -> bool:
    """Tell whether a test client's response is a JSON twin that answered."""
    match = getattr(response, "resolver_match", None)
    return (
        response.status_code == 200
        and match is not None
        and match.namespace in TWIN_NAMESPACES
        and str(match.url_name).endswith("-json")
    )


def check_response(response: Any) -> None:
    """Check a response of the test client: a JSON twin against the schema it names, an answer
    of the API against its operation's schema in docs/openapi.json (tests/api_checks.py)."""
    from tests.api_checks import check_api_answer  # imports models: after Django's setup

    if is_twin(response):
        check(json.loads(response.content), response.request["PATH_INFO"])
    check_api_answer(response.request, response)


def check_folder(folder: Path) -> None:
    """Check every JSON document a test wrote under ``folder``: each twin against the schema it
    names, each schema file of a copy against the 2020-12 metaschema."""
    for path in sorted(folder.rglob("*.json")):
        try:
            document = json.loads(path.read_bytes())
        except (ValueError, RecursionError):  # a test's own broken input (a twin must parse)
            document = None
        address = document.get("$schema") if isinstance(document, dict) else None
        if address == schemas.METASCHEMA:
            Draft202012Validator.check_schema(document)
        elif path.name in TWIN_FILES or (isinstance(address, str) and schemas.name_of(address)):
            check(document, str(path.relative_to(folder)))
