"""The record of each published schema version's contract, and what a change to it breaks
(docs/schemas.md, "Versioning").

``tests/fixtures/schemas/<version>.lock.json`` records, for every schema of a version folder
(``shisaku/schemas/v1/``), what an integrator relies on, and nothing else (descriptions and
titles are left out):

- a JSON Schema: each object, by its JSON pointer inside the schema (``""``,
  ``/$defs/node``, ``/properties/plan``, ``/properties/bands/items`` …): its property names,
  its ``required`` keys, whether it is closed (``additionalProperties`` or
  ``unevaluatedProperties`` false), and, for the object itself and each property, the *facts*
  of its value: types, allowed values (``enum``/``const``), ``$ref`` (by name: a reference is
  not expanded, so a definition changes once, where it is defined), ``format``, ``pattern``,
  bounds, and the facts of an array's ``items``.  ``anyOf``/``oneOf`` branches are folded into
  the facts (``anyOf: [{$ref}, {type: null}]`` is nullable); a branch that is an object is
  recorded under its own pointer too;
- a Frictionless Table Schema (``v1/tables/…``): its fields in order (``/fields/<name>``),
  each with its type and constraints (``required``, ``enum``, ``pattern``, bounds), and its
  ``fieldsMatch``.

Run ``python -m tests.schema_lock --update`` to write the record after a change;
``python -m tests.schema_lock`` lists the differences.  ``tests/test_schema_versions.py``
compares the schemas with the record.

Which changes break (outputs and inputs)
    Every schema here describes something Shisaku writes: the JSON twins, the API's answers,
    the tables it serves and publishes, the backup, and the exchange files (``export-plan``,
    ``export-indicators``; the plan twin *is* an exchange file).  For what is written, two
    kinds of change break:

    - *narrowing*: a document written to the old schema is refused by the new one (a property
      removed from a closed object, a new required key, a type or allowed value removed, a
      nullable made non-null, a tighter bound, a new ``format`` or ``pattern``);
    - *weakening*: the schema promises the reader less (a property removed, a required key made
      optional, a new type or allowed value the reader's code has never met, a non-null made
      nullable, an object opened, a looser bound).

    Only additions break nothing: a new schema, a new object, a new optional property, a new
    column at a table's end (a column added anywhere else moves the columns after it, which a
    program reading a CSV by position relies on: it breaks).

    Three schemas are also *inputs*, the files a person or a program hands to Shisaku:
    ``v1/exchange/plan`` (``import-plan``) and ``v1/tables/indicator-definitions``,
    ``v1/tables/indicator-figures`` (``import-indicators``).  For them, what matters is that a
    file the import accepted is still accepted; on top of the above, a new column refuses every
    file made before it, so it breaks too (on an output table it is an addition).

A change of ``$ref``, ``format``, ``pattern``, a table field's type or the order of fields is
treated as both narrowing and weakening: which way it goes is not decided here.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shisaku import schemas

LOCKS = Path(__file__).resolve().parent / "fixtures" / "schemas"
INPUTS = frozenset(
    {"v1/exchange/plan", "v1/tables/indicator-definitions", "v1/tables/indicator-figures"}
)
BREAKING = "bump the schema's version (v2) or restore it; see docs/schemas.md"
RECORD = "record it: python -m tests.schema_lock --update"

LOWER = ("minimum", "exclusiveMinimum", "minLength", "minItems")  # raising one narrows
UPPER = ("maximum", "exclusiveMaximum", "maxLength", "maxItems")  # lowering one narrows
EXACT = ("format", "pattern")  # stating one narrows, dropping one weakens
TABLE_CONSTRAINTS = ("enum", "pattern", *LOWER, *UPPER)
BRANCHES = ("anyOf", "oneOf", "allOf")
SUBSCHEMAS = ("items", "additionalProperties", "propertyNames")
VALUE_SCHEMAS = {"additional": "additionalProperties", "names": "propertyNames"}  # of a map
OBJECT_KEYS = ("properties", "required", "additionalProperties", "unevaluatedProperties")

Facts = dict[str, Any]
Record = dict[str, Any]


@dataclass(frozen=True)
class Change:
    """One difference between the recorded contract and the schema as it is now."""

    schema: str  # v1/node
    pointer: str  # "/properties/plan"; "" for the schema itself
    text: str  # "property 'source' removed"
    narrows: bool = False  # a document (or file) accepted before is refused now
    weakens: bool = False  # the schema promises a reader less than before

    @property
    def breaking(self) -> bool:
        return self.narrows or self.weakens

    def __str__(self) -> str:
        return f"{self.schema} {self.pointer or '(root)'}: {self.text}"


# --- the record -------------------------------------------------------------------------------


def versions() -> list[str]:
    """Return the schema versions (``v1`` …), from the folders that hold schemas."""
    return sorted({name.split("/", 1)[0] for name in schemas.names()})


def stored(name: str) -> dict[str, Any]:
    """Return a schema as served (its ``$id``, on any site, is not part of the record)."""
    return schemas.load(name, "http://schemas.test")


def current(version: str) -> dict[str, Record]:
    """Return the record of every schema of ``version`` as the files are now."""
    prefix = f"{version}/"
    return {n: record(stored(n)) for n in schemas.names() if n.startswith(prefix)}


def lock_path(version: str) -> Path:
    return LOCKS / f"{version}.lock.json"


def recorded(version: str) -> dict[str, Record]:
    """Return the committed record of ``version`` (empty when there is none yet)."""
    found = lock_path(version)
    if not found.exists():
        return {}
    return json.loads(found.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def record(schema: dict[str, Any]) -> Record:
    """Return what an integrator relies on in one schema file (JSON or Table Schema)."""
    if schema.get("$schema") != schemas.METASCHEMA:
        return {"fields": [field_facts(f) for f in schema["fields"]]} | (
            {"fieldsMatch": schema["fieldsMatch"]} if "fieldsMatch" in schema else {}
        )
    return {"objects": dict(objects(schema, ""))}


def field_facts(field: dict[str, Any]) -> Facts:
    """Return a table field's name, type and constraints."""
    constraints = field.get("constraints", {})
    kept = {key: constraints[key] for key in TABLE_CONSTRAINTS if key in constraints}
    if "enum" in kept:
        kept["values"] = sorted_values(kept.pop("enum"))
    required = bool(constraints.get("required"))
    return {"name": field["name"], "type": [field["type"]], "required": required} | kept


def objects(
    node: dict[str, Any], pointer: str, is_def: bool = False
) -> Iterator[tuple[str, Record]]:
    """Yield ``(pointer, entry)`` for the schema at ``pointer`` if it is an object (or the root,
    or a definition), then for every object below it."""
    if pointer == "" or is_def or any(k in node for k in OBJECT_KEYS) or "object" in types(node):
        yield pointer, object_entry(node)
    for key, child in children(node):
        yield from objects(child, f"{pointer}/{key}", key.startswith("$defs/"))


def children(node: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield ``(pointer step, subschema)`` for every subschema directly below ``node``."""
    for group in ("$defs", "properties", "patternProperties"):
        for name, child in node.get(group, {}).items():
            yield f"{group}/{escape(name)}", child
    for key in SUBSCHEMAS:
        if isinstance(node.get(key), dict):
            yield key, node[key]
    for key in BRANCHES:
        for i, child in enumerate(node.get(key, [])):
            yield f"{key}/{i}", child


def object_entry(node: dict[str, Any]) -> Record:
    """Return an object's property names with their facts, required keys and closedness."""
    closed = node.get("additionalProperties") is False or node.get("unevaluatedProperties") is False
    entry: Record = {
        "facts": facts(node),
        "properties": {name: facts(child) for name, child in node.get("properties", {}).items()},
        "required": sorted(node.get("required", [])),
        "closed": closed,
    }
    for key, subschema in VALUE_SCHEMAS.items():
        if isinstance(node.get(subschema), dict):
            entry[key] = facts(node[subschema])
    return entry


def facts(node: dict[str, Any]) -> Facts:
    """Return what a value's schema promises: types, values, references, format, bounds, items
    (``anyOf``/``oneOf``/``allOf`` branches folded in)."""
    found: Facts = {}
    if types(node):
        found["type"] = types(node)
    values = node.get("enum", []) + ([node["const"]] if "const" in node else [])
    if values:
        found["values"] = sorted_values(values)
    if "$ref" in node:
        found["ref"] = [node["$ref"]]
    found |= {key: node[key] for key in (*EXACT, *LOWER, *UPPER) if key in node}
    if isinstance(node.get("items"), dict):
        found["items"] = facts(node["items"])
    for key in BRANCHES:
        for branch in node.get(key, []):
            for part, more in facts(branch).items():
                if part in ("type", "values", "ref"):
                    found[part] = sorted_values(found.get(part, []) + more)
    return found


def types(node: dict[str, Any]) -> list[str]:
    stated = node.get("type", [])
    return sorted([stated] if isinstance(stated, str) else stated)


def sorted_values(values: list[Any]) -> list[Any]:
    """Return distinct JSON values in a stable order."""
    unique = {json.dumps(v, sort_keys=True, ensure_ascii=False): v for v in values}
    return [unique[key] for key in sorted(unique)]


def escape(name: str) -> str:
    """Return a name as a JSON pointer step (RFC 6901)."""
    return name.replace("~", "~0").replace("/", "~1")


# --- the comparison ---------------------------------------------------------------------------


def compare(old: dict[str, Record], new: dict[str, Record]) -> list[Change]:
    """Return every difference between two records of a version (schema name → record)."""
    changes = [Change(n, "", "schema removed", True, True) for n in sorted(old.keys() - new.keys())]
    changes += [Change(n, "", "schema added") for n in sorted(new.keys() - old.keys())]
    for name in sorted(old.keys() & new.keys()):
        changes += compare_schema(name, old[name], new[name])
    return changes


def compare_schema(name: str, old: Record, new: Record) -> list[Change]:
    """Return the differences in one schema's record."""
    if ("fields" in old) != ("fields" in new):
        return [Change(name, "", "changed between a JSON Schema and a Table Schema", True, True)]
    if "fields" in old:
        return compare_table(name, old, new)
    return compare_objects(name, old["objects"], new["objects"])


def compare_objects(name: str, old: dict[str, Record], new: dict[str, Record]) -> list[Change]:
    changes: list[Change] = []
    gone: list[str] = []  # pointers below which a removal was already said
    for pointer in sorted(old.keys() | new.keys()):
        if any(pointer == prefix or pointer.startswith(prefix + "/") for prefix in gone):
            continue
        if pointer not in new:
            changes.append(Change(name, pointer, "object removed", True, True))
            gone.append(pointer)
        elif pointer not in old:
            changes.append(Change(name, pointer, "object added"))
        else:
            changes += compare_object(name, pointer, old[pointer], new[pointer])
            removed = old[pointer]["properties"].keys() - new[pointer]["properties"].keys()
            gone += [f"{pointer}/properties/{escape(prop)}" for prop in removed]
    return changes


def compare_object(name: str, pointer: str, old: Record, new: Record) -> list[Change]:
    """Return the differences of one object: its facts, properties, required keys, closedness."""
    changes = compare_facts(name, pointer, old["facts"], new["facts"])
    removed = sorted(old["properties"].keys() - new["properties"].keys())
    changes += [
        Change(name, pointer, f"property '{p}' removed", new["closed"], True) for p in removed
    ]
    added = sorted(new["properties"].keys() - old["properties"].keys())
    changes += [Change(name, pointer, f"property '{p}' added") for p in added]
    for prop in sorted(old["properties"].keys() & new["properties"].keys()):
        where = f"{pointer}/properties/{escape(prop)}"
        changes += compare_facts(name, where, old["properties"][prop], new["properties"][prop])
    now_required = sorted(set(new["required"]) - set(old["required"]))
    changes += [
        Change(name, pointer, f"'{key}' now required", narrows=True) for key in now_required
    ]
    optional = sorted(set(old["required"]) - set(new["required"]) - set(removed))
    changes += [
        Change(name, pointer, f"'{key}' no longer required", weakens=True) for key in optional
    ]
    if old["closed"] != new["closed"]:
        text = "closed to other properties" if new["closed"] else "open to other properties"
        changes.append(Change(name, pointer, text, new["closed"], old["closed"]))
    for key, subschema in VALUE_SCHEMAS.items():
        if key in old or key in new:
            where = f"{pointer}/{subschema}"
            changes += compare_facts(name, where, old.get(key, {}), new.get(key, {}))
    return changes


def compare_facts(name: str, pointer: str, old: Facts, new: Facts) -> list[Change]:
    """Return how a value's promise changed (see the module's docstring for the directions)."""
    changes = []
    for key, what in (("type", "type"), ("values", "value")):
        changes += compare_set(name, pointer, what, old.get(key, []), new.get(key, []))
    if old.get("ref") != new.get("ref"):
        text = f"refers to {new.get('ref', 'nothing')} instead of {old.get('ref', 'nothing')}"
        changes.append(Change(name, pointer, text, True, True))
    for key in (*EXACT, *LOWER, *UPPER):
        if old.get(key) != new.get(key):
            changes.append(bound_change(name, pointer, key, old.get(key), new.get(key)))
    if "items" in old or "items" in new:
        changes += compare_facts(
            name, f"{pointer}/items", old.get("items", {}), new.get("items", {})
        )
    return changes


def compare_set(name: str, pointer: str, what: str, old: list[Any], new: list[Any]) -> list[Change]:
    """Return the changes of a list of allowed types or values (empty: not stated, anything)."""
    if not old or not new:
        if old == new:
            return []
        stated = f"now limited to {what}s {new}" if new else f"no longer limited to {what}s {old}"
        return [Change(name, pointer, stated, bool(new), bool(old))]
    dropped = [v for v in old if v not in new]
    gained = [v for v in new if v not in old]
    changes = [
        Change(
            name,
            pointer,
            f"{what} {json.dumps(v, ensure_ascii=False)} no longer allowed",
            narrows=True,
        )
        for v in dropped
    ]
    return changes + [
        Change(
            name, pointer, f"{what} {json.dumps(v, ensure_ascii=False)} now allowed", weakens=True
        )
        for v in gained
    ]


def bound_change(name: str, pointer: str, key: str, old: Any, new: Any) -> Change:
    """Return the change of one bound, ``format`` or ``pattern`` (None: not stated)."""
    text = f"{key} {json.dumps(old, ensure_ascii=False)} → {json.dumps(new, ensure_ascii=False)}"
    if old is None or new is None:
        return Change(name, pointer, text, narrows=old is None, weakens=new is None)
    if key in LOWER:
        return Change(name, pointer, text, narrows=new > old, weakens=new < old)
    if key in UPPER:
        return Change(name, pointer, text, narrows=new < old, weakens=new > old)
    return Change(name, pointer, text, True, True)


def compare_table(name: str, old: Record, new: Record) -> list[Change]:
    """Return the differences of a Table Schema: fields removed, added, moved or changed."""
    before = {f["name"]: f for f in old["fields"]}
    after = {f["name"]: f for f in new["fields"]}
    changes = [
        Change(name, f"/fields/{escape(f)}", "field removed", True, True)
        for f in before
        if f not in after
    ]
    is_input = name in INPUTS
    order = list(after)
    for at, f in enumerate(order):
        if f in before:
            continue
        later = next((g for g in order[at + 1 :] if g in before), None)
        text = "field added" + (" (an input: files without it are refused)" if is_input else "")
        if later:  # not at the end: a program reading by position meets it in another's place
            text += f" before '{later}' (not at the table's end: columns read by position move)"
        where = f"/fields/{escape(f)}"
        changes.append(
            Change(name, where, text, narrows=is_input or after[f]["required"], weakens=bool(later))
        )
    kept_old = [f for f in before if f in after]
    kept_new = [f for f in after if f in before]
    if kept_old != kept_new:
        changes.append(
            Change(name, "/fields", f"fields reordered: {kept_old} → {kept_new}", True, True)
        )
    for field in kept_old:
        where = f"/fields/{escape(field)}"
        was, now = before[field], after[field]
        changes += compare_facts(name, where, was, now)
        if was["required"] != now["required"]:
            text = "now required" if now["required"] else "no longer required"
            changes.append(Change(name, where, text, now["required"], was["required"]))
    if old.get("fieldsMatch") != new.get("fieldsMatch"):
        text = f"fieldsMatch {old.get('fieldsMatch')} → {new.get('fieldsMatch')}"
        changes.append(Change(name, "", text, True, True))
    return changes


def report(changes: list[Change]) -> str:
    """Return the failure message for ``changes``: the breaking ones if any, else the rest."""
    breaking = [c for c in changes if c.breaking]
    shown, advice = (breaking, BREAKING) if breaking else (changes, RECORD)
    head = "breaking change(s)" if breaking else "change(s) not yet recorded"
    lines = [f"{len(shown)} {head} of the published schemas:", *(f"  {c}" for c in shown)]
    return "\n".join([*lines, advice])


# --- the command ------------------------------------------------------------------------------


def write(version: str) -> Path:
    """Write the record of ``version`` as the schemas are now."""
    target = lock_path(version)
    target.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(current(version), ensure_ascii=False, indent=1, sort_keys=True)
    target.write_text(text + "\n", encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.schema_lock", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--update", action="store_true", help="write the record of every version")
    args = parser.parse_args(argv)
    status = 0
    for version in versions():
        if args.update:
            print(f"wrote {write(version)}")
            continue
        changes = compare(recorded(version), current(version))
        if changes:
            print(report(changes))
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
