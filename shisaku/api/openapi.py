"""The OpenAPI 3.1 document of the API as committed in docs/openapi.json, and the JSON Schemas of
its answers derived from it under ``shisaku/schemas/v1/api/`` (:mod:`shisaku.api.answer_schemas`).

``scripts/openapi.py`` writes both and ``tests/test_openapi.py`` fails when a committed file
differs from what the code generates, so an endpoint never changes without its document, nor
the document without the schemas.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from shisaku.api.answer_schemas import FOLDER as SCHEMA_FOLDER
from shisaku.api.answer_schemas import answer_schemas
from shisaku.api.app import api

COMMITTED = Path(__file__).resolve().parent.parent.parent / "docs" / "openapi.json"


def openapi_document() -> dict[str, Any]:
    """Return the OpenAPI document the running code describes (as plain JSON data)."""
    loaded: dict[str, Any] = json.loads(json.dumps(api.get_openapi_schema()))
    return loaded


def openapi_text() -> str:
    """Return the document as committed: sorted keys, indent 2, UTF-8, a final newline."""
    return json_text(openapi_document())


def json_text(data: Any) -> str:
    """Return JSON as the committed files hold it: sorted keys, indent 2, UTF-8, a newline."""
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def schema_files() -> dict[Path, str]:
    """Return every file derived from the committed document: its path and its text."""
    document = json.loads(COMMITTED.read_text(encoding="utf-8"))
    return {SCHEMA_FOLDER / n: json_text(s) for n, s in answer_schemas(document).items()}
