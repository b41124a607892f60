#!/usr/bin/env python3
"""Write docs/openapi.json from the code (the OpenAPI 3.1 document of /api/v1).

Run after changing an endpoint or a schema, and commit the result:

    .venv/bin/python scripts/openapi.py           # write docs/openapi.json
    .venv/bin/python scripts/openapi.py --check   # exit 1 if the committed file is stale

tests/test_openapi.py fails while the committed document differs from the code.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    """Write (or with --check, compare) the committed OpenAPI document."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shisaku.settings")
    import django

    django.setup()
    from shisaku.api.openapi import COMMITTED, openapi_text

    text = openapi_text()
    if "--check" in argv:
        current = COMMITTED.read_text(encoding="utf-8") if COMMITTED.exists() else ""
        if current != text:
            print(
                f"{COMMITTED.relative_to(ROOT)} is stale: run scripts/openapi.py", file=sys.stderr
            )
            return 1
        print(f"{COMMITTED.relative_to(ROOT)} is up to date")
        return 0
    COMMITTED.write_text(text, encoding="utf-8")
    print(f"wrote {COMMITTED.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
