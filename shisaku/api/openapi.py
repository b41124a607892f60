"""The OpenAPI 3.1 document of the API as committed in docs/openapi.json.

``scripts/openapi.py`` writes it and ``tests/test_openapi.py`` fails when the committed file
differs from what the code generates, so an endpoint never changes without its document.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from shisaku.api.app import api

COMMITTED = Path(__file__).resolve().parent.parent.parent / "docs" / "openapi.json"


def openapi_document() -> dict[str, Any]:
    """Return the OpenAPI document the running code describes (as plain JSON data)."""
    loaded: dict[str, Any] = json.loads(json.dumps(api.get_openapi_schema()))
    return loaded


def openapi_text() -> str:
    """Return the document as committed: sorted keys, indent 2, UTF-8, a final newline."""
    return json.dumps(openapi_document(), sort_keys=True, indent=2, ensure_ascii=False) + "\n"
