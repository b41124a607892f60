"""JSON Schemas (draft 2020-12) of every JSON document Shisaku serves or writes: the contract
integrators read (docs/schemas.md).

The schemas are data: one file per kind of document under ``shisaku/schemas/v1/`` (subfolders
allowed: ``v1/api/…``, ``v1/exchange/…``, ``v1/tables/…``).  Nothing lists them: every ``*.json``
file under a version folder is served, published and listed, found by :func:`names`.

Names and addresses
    A schema's *name* is its path under the package without ``.json``: ``v1/node``,
    ``v1/api/plan``.  It is served at ``/schemas/<name>.json`` on the live site and written at
    the same path in a published copy (``schemas/v1/node.json``).  Its ``$id`` is not stored in
    the file: :func:`load` sets it to the absolute address on the site that serves it
    (``https://example.jp/schemas/v1/node.json``), so relative references resolve beside it.
    A document names its schema with a top-level ``"$schema"`` key holding that address.

Convention (every file of every version)
    - ``"$schema": "https://json-schema.org/draft/2020-12/schema"``.
    - Every schema and every property has ``"description": "<日本語> / <English>"`` (Japanese
      first, then `` / `` and the English).
    - Strict where integrators read: objects have ``"additionalProperties": false`` and list
      in ``"required"`` every key that is always present; a key present only sometimes is left
      out of ``required`` and its description says when it is present.
    - A value that may be null is typed with both: ``{"type": ["string", "null"]}``.
    - Shared definitions live in ``v1/common.json`` under ``$defs`` and are referenced by a
      relative ``$ref``: ``{"$ref": "common.json#/$defs/period"}`` beside it, or
      ``{"$ref": "../common.json#/$defs/period"}`` from a subfolder.
    - Each structure is described once.  The plan exchange form's (a node, section, block,
      footnote, indicator row, the plan's metadata …) are the ``$defs`` of
      ``v1/exchange/plan.json``; the plan twin is that schema with ``$schema`` required, and the
      other twins reference its ``$defs`` (``exchange/plan.json#/$defs/node``).  An object that
      extends a shared one does so with ``$ref`` and ``"unevaluatedProperties": false`` over an
      open definition (``planMeta``), since ``additionalProperties`` cannot see the keys added.

Media types
    A JSON Schema is ``application/schema+json``; a Frictionless Table Schema (``v1/tables/…``,
    whose ``$schema`` is the Table Schema profile) is a JSON descriptor, ``application/json``:
    :func:`media_type`, used where they are served and in the data package's list.
    - Versioning: a change that breaks a document written to the old schema (a key removed,
      renamed or retyped, a new required key) goes into a new version folder (``v2/``);
      adding an optional key or a description does not.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent
VERSION = "v1"  # the version the documents written now follow
PREFIX = "/schemas/"  # where the schemas are served, on the live site and in a copy
METASCHEMA = "https://json-schema.org/draft/2020-12/schema"
JSON_SCHEMA_TYPE = "application/schema+json"
TABLE_SCHEMA_TYPE = "application/json"  # a Frictionless descriptor is a JSON document


@functools.cache
def names() -> list[str]:
    """Return the name of every schema file, sorted (``v1/common``, ``v1/node``, …)."""
    found = ROOT.glob("v*/**/*.json")
    return sorted(p.relative_to(ROOT).with_suffix("").as_posix() for p in found)


def path(name: str) -> str:
    """Return the path a schema is served at (``/schemas/v1/node.json``)."""
    return f"{PREFIX}{name}.json"


def url(name: str, site: str) -> str:
    """Return the absolute address of a schema on ``site`` (``https://example.jp``)."""
    return site.rstrip("/") + path(name)


def current(kind: str) -> str:
    """Return the name of the current version's schema of ``kind`` (``node`` → ``v1/node``)."""
    return f"{VERSION}/{kind}"


def of_twin(namespace: str, url_name: str) -> str:
    """Return the name of a JSON twin's schema from its route: the route's name without
    ``-json`` (``public:node-json`` → ``v1/node``), prefixed by the namespace outside the
    public site's routes (``voice:result-json`` → ``v1/voice-result``)."""
    kind = url_name.removesuffix("-json")
    return current(kind if namespace in ("", "public") else f"{namespace}-{kind}")


@functools.cache
def _stored(name: str) -> dict[str, Any]:
    """Return a schema file's content (read once)."""
    if name not in names():
        raise KeyError(f"no schema {name!r}: the schemas are {', '.join(names())}")
    return json.loads((ROOT / f"{name}.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def media_type(name: str) -> str:
    """Return the media type of a schema: a JSON Schema's, or a Table Schema's (plain JSON)."""
    return JSON_SCHEMA_TYPE if _stored(name)["$schema"] == METASCHEMA else TABLE_SCHEMA_TYPE


def load(name: str, site: str) -> dict[str, Any]:
    """Return a schema with its ``$id``: its address on ``site``; ``$schema`` first."""
    stored = _stored(name)
    return {"$schema": stored["$schema"], "$id": url(name, site)} | stored


def content(name: str, site: str) -> bytes:
    """Return a schema as the UTF-8 file served and published (indented by two spaces)."""
    text = json.dumps(load(name, site), ensure_ascii=False, indent=2)
    return (text + "\n").encode()


def name_of(address: str) -> str | None:
    """Return the name of the schema at ``address`` (any site), or None when it names none."""
    _, found, rest = address.partition(PREFIX)
    name = rest.removesuffix(".json")
    return name if found and rest.endswith(".json") and name in names() else None
