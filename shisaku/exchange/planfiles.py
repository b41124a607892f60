"""Plan files in and out: plan documents (text), the JSON/YAML exchange form, Markdown."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from shisaku.domain.plandict import PlanDictError, nodes_from_list
from shisaku.domain.plandoc import PlanDocError, decode_plan_bytes, parse_plan
from shisaku.domain.plantree import Node, PlanMeta, Warning
from shisaku.exchange.markdown import render_markdown


class PlanFileError(ValueError):
    """A plan file cannot be read; the message names the file and the place."""


@dataclass
class LoadedPlan:
    """A plan read from a file, before it is written anywhere."""

    nodes: list[Node]
    source_name: str
    sha256: str
    warnings: list[Warning] = field(default_factory=list)
    meta: PlanMeta | None = None  # present in exchange files, absent in plan documents
    municipality: dict[str, str] | None = None


def read_plan_file(path: Path) -> LoadedPlan:
    """Read a plan document (.txt) or an exchange file (.json, .yaml, .yml)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise PlanFileError(f"{path}: 読み込めません（{error.strerror}）") from error
    sha = hashlib.sha256(data).hexdigest()
    if path.suffix.lower() in (".json", ".yaml", ".yml"):
        return _read_exchange(path, data, sha)
    try:
        tree = parse_plan(decode_plan_bytes(data, source=path.name), source=path.name)
    except PlanDocError as error:
        raise PlanFileError(str(error)) from error
    return LoadedPlan(tree.nodes, path.name, sha, tree.warnings)


def _load_structured(path: Path, data: bytes) -> Any:
    """Parse JSON or YAML bytes, naming the line of a syntax error."""
    text = data.decode("utf-8-sig", errors="strict")
    if path.suffix.lower() == ".json":
        return json.loads(text)
    return yaml.safe_load(text)


def _read_exchange(path: Path, data: bytes, sha: str) -> LoadedPlan:
    """Read the exchange form documented in docs/plan-json.md."""
    try:
        doc = _load_structured(path, data)
    except UnicodeDecodeError as error:
        raise PlanFileError(
            f"{path.name}: UTF-8 ではありません（{error.start} バイト目）"
        ) from error
    except json.JSONDecodeError as error:
        raise PlanFileError(
            f"{path.name} の {error.lineno} 行 {error.colno} 列: JSON の誤り（{error.msg}）"
        ) from error
    except yaml.YAMLError as error:
        raise PlanFileError(f"{path.name}: YAML の誤り（{error}）") from error
    try:
        return _from_document(doc, path.name, sha)
    except PlanDictError as error:
        raise PlanFileError(f"{path.name} の {error}") from error


def _from_document(doc: Any, name: str, sha: str) -> LoadedPlan:
    """Turn an exchange document into a loaded plan, checking its shape."""
    if not isinstance(doc, dict) or not isinstance(doc.get("plan"), dict):
        raise PlanDictError(
            "(top)", "expected an object with 'schema', 'municipality', 'plan', 'nodes'"
        )
    if doc.get("schema") != "shisaku.plan/1":
        raise PlanDictError("schema", f"expected 'shisaku.plan/1', found {doc.get('schema')!r}")
    town = doc.get("municipality")
    if not isinstance(town, dict) or not isinstance(town.get("code"), str):
        raise PlanDictError("municipality.code", "expected a 6-digit code as a string")
    meta = _meta_from_dict(doc["plan"])
    nodes = nodes_from_list(doc.get("nodes"), "nodes")
    names = {k: str(town.get(k, "")) for k in ("code", "name", "name_en")}
    return LoadedPlan(nodes, name, sha, meta=meta, municipality=names)


def _meta_from_dict(plan: dict[str, Any]) -> PlanMeta:
    """Read plan metadata from the exchange form."""
    period = plan.get("period")
    if not isinstance(period, dict) or not all(
        isinstance(period.get(k), int) for k in ("start", "end")
    ):
        raise PlanDictError("plan.period", "expected {start: YYYY, end: YYYY}")
    status = plan.get("status", "published")
    if status not in ("draft", "published"):
        raise PlanDictError("plan.status", f"{status!r} is not one of draft, published")
    assessment = plan.get("assessment", {})
    if not isinstance(assessment, dict):
        raise PlanDictError("plan.assessment", 'expected an object such as {"preset": "aomori"}')
    version = plan.get("version", 1)
    if not isinstance(version, int) or version < 1:
        raise PlanDictError("plan.version", f"expected a whole number ≥ 1, found {version!r}")
    return PlanMeta(
        title=str(plan.get("title", "")),
        title_en=str(plan.get("title_en", "")),
        period_start=period["start"],
        period_end=period["end"],
        slug=str(plan.get("slug", "")),
        status=status,
        version=version,
        assessment=assessment,
    )


def _json(document: dict[str, Any]) -> str:
    """Render the exchange document as JSON."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _yaml(document: dict[str, Any]) -> str:
    """Render the exchange document as YAML."""
    return str(yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=1000))


FORMATS: dict[str, Callable[[dict[str, Any]], str]] = {
    "json": _json,
    "yaml": _yaml,
    "markdown": render_markdown,
}


def render(document: dict[str, Any], fmt: str) -> str:
    """Render a plan exchange document in one of FORMATS."""
    return FORMATS[fmt](document)
