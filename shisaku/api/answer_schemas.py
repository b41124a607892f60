"""The JSON Schemas of the API's answers, derived from its OpenAPI document.

OpenAPI 3.1 schemas are JSON Schema 2020-12: each object an answer may hold
(:func:`answer_components`) is written as one file under ``shisaku/schemas/v1/api/``, served
at ``/schemas/v1/api/<file>`` (:mod:`shisaku.schemas`). ``FigureOut`` becomes ``figure.json``
(:func:`file_name`), with ``"$schema"`` added, the component's name kept as ``title`` and each
``#/components/schemas/X`` reference made relative (``"x.json"``), so the files resolve one
another beside them wherever they are served. The files are written by ``scripts/openapi.py``
from the committed document (:func:`shisaku.api.openapi.schema_files`), never by hand.
"""

from __future__ import annotations

import json
import re
from typing import Any

from shisaku import schemas

FOLDER = schemas.ROOT / schemas.VERSION / "api"
REF = "#/components/schemas/"


def references(data: Any) -> set[str]:
    """Return the names of the components that ``data`` references."""
    return set(re.findall(re.escape(REF) + r"(\w+)", json.dumps(data)))


def answer_components(document: dict[str, Any]) -> set[str]:
    """Return the components an answer may hold: those its responses reference, and theirs."""
    components = document["components"]["schemas"]
    found = references([op["responses"] for i in document["paths"].values() for op in i.values()])
    while more := references([components[n] for n in found]) - found:
        found |= more
    return found


def file_name(component: str) -> str:
    """Return the file name of a component's schema: ``NodeRollUpOut`` → ``node-roll-up.json``."""
    words = re.findall(r"[A-Z][a-z]*", component.removesuffix("Out"))
    return "-".join(w.lower() for w in words) + ".json"


def _relative(data: Any) -> Any:
    """Return ``data`` with each component reference made a relative file reference."""
    if isinstance(data, list):
        return [_relative(item) for item in data]
    if not isinstance(data, dict):
        return data
    ref = data.get("$ref", "")
    found = {"$ref": file_name(ref.removeprefix(REF))} if ref.startswith(REF) else {}
    return {k: _relative(v) for k, v in data.items()} | found


def answer_schemas(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Return the JSON Schema of each component an answer may hold, by file name."""
    components = document["components"]["schemas"]
    chosen = sorted(answer_components(document))
    return {
        file_name(name): {"$schema": schemas.METASCHEMA} | _relative(components[name])
        for name in chosen
    }


def schema_path(ref: str) -> str:
    """Return where the schema of a component reference is served (empty for no reference)."""
    if not ref.startswith(REF):
        return ""
    name = file_name(ref.removeprefix(REF)).removesuffix(".json")
    return schemas.path(f"{schemas.VERSION}/api/{name}")
