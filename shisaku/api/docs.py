"""The human-readable API reference at /api/v1/docs, rendered on the server from the OpenAPI
document of the running code (so it cannot drift), with no JavaScript and nothing from a CDN.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from shisaku.api.answer_schemas import REF, schema_path

METHODS = ("get", "post", "put", "patch", "delete")

# example path values for the curl lines: real 宇陀市 codes and the fictional test plan's node
EXAMPLES = {
    "code": "292125",
    "slug": "2015-2019",
    "node_code": "1-1-1",
    "indicator_code": "1",
}
EXAMPLE_BODY = {"kind": "actual", "period": "2025年度", "value": "1,820人"}
CURL_WIDTH = 100  # characters of a curl line before it is split over several


@dataclass
class Field:
    """A parameter or a body field: name, where it goes, its type, whether required, meaning."""

    name: str
    where: str
    type: str
    required: bool
    description: str


@dataclass
class Response:
    """A response code of an operation, the schema of its body and where its JSON Schema is."""

    status: str
    description: str
    schema: str
    schema_url: str = ""


@dataclass
class Operation:
    """One method on one path, as the reference shows it."""

    method: str
    path: str
    summary: str
    description: str
    anchor: str
    secured: bool
    parameters: list[Field] = field(default_factory=list)
    body: list[Field] = field(default_factory=list)
    responses: list[Response] = field(default_factory=list)
    curl: str = ""


def ref_name(ref: str) -> str:
    """Return the schema name of a ``$ref``."""
    return ref.rsplit("/", 1)[-1]


def type_text(schema: dict[str, Any]) -> str:
    """Return a schema's type in a few words: string, integer | null, array of FigureOut."""
    if "$ref" in schema:
        return ref_name(schema["$ref"])
    if "anyOf" in schema:
        return " | ".join(type_text(s) for s in schema["anyOf"])
    if "enum" in schema:
        return " | ".join(json.dumps(v, ensure_ascii=False) for v in schema["enum"])
    if "const" in schema:
        return json.dumps(schema["const"], ensure_ascii=False)
    if schema.get("type") == "array":
        return f"array of {type_text(schema.get('items', {}))}"
    text = str(schema.get("type", "any"))
    return f"{text} ({schema['pattern']})" if "pattern" in schema else text


def _parameter(p: dict[str, Any]) -> Field:
    """Return a path, query or header parameter."""
    schema = p.get("schema", {})
    description = p.get("description") or schema.get("description", "")
    return Field(p["name"], p["in"], type_text(schema), bool(p.get("required")), description)


def _body(op: dict[str, Any], schemas: dict[str, Any]) -> list[Field]:
    """Return the fields of an operation's JSON body."""
    content = op.get("requestBody", {}).get("content", {}).get("application/json", {})
    schema = content.get("schema", {})
    if "$ref" in schema:
        schema = schemas.get(ref_name(schema["$ref"]), {})
    required = set(schema.get("required", []))
    return [
        Field(name, "body", type_text(s), name in required, s.get("description", ""))
        for name, s in schema.get("properties", {}).items()
    ]


def _responses(op: dict[str, Any]) -> list[Response]:
    """Return an operation's response codes with the schema of each body."""
    out = []
    for status, r in sorted(op.get("responses", {}).items(), key=lambda i: str(i[0])):
        schema = r.get("content", {}).get("application/json", {}).get("schema", {})
        text = type_text(schema) if schema else ""
        out.append(
            Response(
                str(status), r.get("description", ""), text, schema_path(schema.get("$ref", ""))
            )
        )
    return out


def curl_line(base: str, method: str, path: str, secured: bool) -> str:
    """Return a curl command for an operation, with example values in the path."""
    url = base.rstrip("/") + path
    for name, value in EXAMPLES.items():
        url = url.replace("{" + name + "}", value)
    parts = ["curl -i" if method == "GET" else f"curl -i -X {method}"]
    if secured:
        parts.append('-H "Authorization: Bearer $SHISAKU_TOKEN"')
    if method == "POST":
        body = json.dumps(EXAMPLE_BODY, ensure_ascii=False)
        parts += ["-H 'Content-Type: application/json'", f"-d '{body}'"]
    parts.append(f"'{url}'")
    one_line = " ".join(parts)
    # a long command is split as a shell would accept it, so the page never scrolls sideways
    return one_line if len(one_line) <= CURL_WIDTH else " \\\n  ".join(parts)


def operations(document: dict[str, Any], base: str) -> list[Operation]:
    """Return every operation of an OpenAPI document in path order."""
    schemas = document.get("components", {}).get("schemas", {})
    out = []
    for path, item in document.get("paths", {}).items():
        for method in METHODS:
            op = item.get(method)
            if op is None:
                continue
            secured = bool(op.get("security"))
            out.append(
                Operation(
                    method=method.upper(),
                    path=path,
                    summary=op.get("summary", ""),
                    description=op.get("description", ""),
                    anchor=op.get("operationId", f"{method}-{path}"),
                    secured=secured,
                    parameters=[_parameter(p) for p in op.get("parameters", [])],
                    body=_body(op, schemas),
                    responses=_responses(op),
                    curl=curl_line(base, method.upper(), path, secured),
                )
            )
    return out


def docs_page(request: HttpRequest, document: dict[str, Any], api_root: str) -> HttpResponse:
    """Render the reference page for ``document``."""
    base = request.build_absolute_uri("/")
    context = {
        "info": document.get("info", {}),
        "openapi_version": document.get("openapi", ""),
        "operations": operations(document, base),
        "api_root": api_root,
        "base": base.rstrip("/"),
        "schemas_root": schema_path(f"{REF}X").rsplit("/", 1)[0] + "/",
        "example_schema": schema_path(f"{REF}IndicatorOut"),
    }
    return render(request, "api/docs.html", context)
