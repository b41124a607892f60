#!/usr/bin/env python3
"""Write docs/openapi.json from the code (the OpenAPI 3.1 document of /api/v1), and from it the
JSON Schemas of the API's answers under shisaku/schemas/v1/api/.

Run after changing an endpoint or a schema, and commit the result:

    .venv/bin/python scripts/openapi.py           # write the document and the schemas
    .venv/bin/python scripts/openapi.py --check   # exit 1 if a committed file is stale

tests/test_openapi.py fails while a committed file differs from the code.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def stale(wanted: dict[Path, str], folder: Path | None = None) -> list[Path]:
    """Return the wanted files whose text differs, and the files of ``folder`` not wanted."""
    differ = [p for p, text in wanted.items() if not p.exists() or p.read_text("utf-8") != text]
    extra = [p for p in folder.glob("*.json") if p not in wanted] if folder else []
    return sorted(differ + extra)


def main(argv: list[str]) -> int:
    """Write (or with --check, compare) the committed document and the schemas derived from it."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shisaku.settings")
    import django

    django.setup()
    from shisaku.api.openapi import COMMITTED, SCHEMA_FOLDER, openapi_text, schema_files

    document = {COMMITTED: openapi_text()}
    if "--check" in argv:
        found = stale(document) or stale(schema_files(), SCHEMA_FOLDER)
        for path in found:
            print(f"{path.relative_to(ROOT)} is stale: run scripts/openapi.py", file=sys.stderr)
        if found:
            return 1
        print(
            f"{COMMITTED.relative_to(ROOT)} and {SCHEMA_FOLDER.relative_to(ROOT)}/ are up to date"
        )
        return 0
    COMMITTED.write_text(document[COMMITTED], encoding="utf-8")
    SCHEMA_FOLDER.mkdir(exist_ok=True)
    for path in stale(schema_files(), SCHEMA_FOLDER):
        path.unlink(missing_ok=True)
    for path, text in schema_files().items():
        path.write_text(text, encoding="utf-8")
    print(f"wrote {COMMITTED.relative_to(ROOT)} and {SCHEMA_FOLDER.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
