"""Plan files in and out: plan documents (text), the JSON/YAML exchange form, Markdown."""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from shisaku.documents import DocumentError, Progress, read_document
from shisaku.domain.periods import FIRST_YEAR
from shisaku.domain.plandict import MAX_DEPTH, PlanDictError, nodes_from_list, text_problem
from shisaku.domain.plandoc import PlanDocError, PlanReading, decode_plan_bytes, read_plan
from shisaku.domain.plandoc_profile import Profile, ProfileError, profile_from_dict
from shisaku.domain.plandoc_source import SourceDocument, document_from_text
from shisaku.domain.plantree import Node, PlanMeta, Warning
from shisaku.domain.sdgs import BadGoalRef, BadLinks, MeasureLinks, links_from_list
from shisaku.exchange.markdown import render_markdown

SCHEMA = "shisaku.plan/1"
LAST_YEAR = 2999
MAX_VERSION = 2**31 - 1
# A plan of thousands of nodes is well under 1 MB; 5 MB (the workspace's upload limit) bounds
# what a crafted file can make the parser build.
MAX_EXCHANGE_BYTES = 5 * 1024 * 1024
MAX_MESSAGE = 500
TEXT_LIMITS = {"title": 200, "title_en": 200, "name": 100, "name_en": 100}  # stored lengths
_SLUG = re.compile(r"[A-Za-z0-9_-]{1,40}")
_JSON_KINDS = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}


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
    reading: PlanReading | None = None  # how a plan document was read (absent in exchange files)
    sdgs: list[MeasureLinks] | None = None  # an exchange file's SDG links, when it has the list


EXCHANGE_SUFFIXES = (".json", ".yaml", ".yml")


def read_plan_file(
    path: Path,
    profile: Profile | None = None,
    progress: Progress | None = None,
    period: tuple[int, int] | None = None,
) -> LoadedPlan:
    """Read a plan document (.txt, .pdf, .docx) or an exchange file (.json, .yaml, .yml).

    ``progress(done, pages)`` is told as a PDF's pages are read (see ``read_pdf``); ``period``
    is the plan period the user gives (--period): the era of years a document prints without
    one, where it names none itself.
    """
    exchange = path.suffix.lower() in EXCHANGE_SUFFIXES
    try:
        if exchange and path.stat().st_size > MAX_EXCHANGE_BYTES:  # not read into memory
            raise PlanFileError(_too_big(path.name, path.stat().st_size))
        data = path.read_bytes()
    except OSError as error:
        raise PlanFileError(f"{path}: 読み込めません（{error.strerror}）") from error
    sha = hashlib.sha256(data).hexdigest()
    if exchange:
        return _read_exchange(path, data, sha)
    try:
        reading = read_plan(source_document(path, data, progress), profile, period)
    except (PlanDocError, DocumentError) as error:
        raise PlanFileError(str(error)) from error
    return LoadedPlan(reading.tree.nodes, path.name, sha, reading.tree.warnings, reading=reading)


def read_plan_bytes(
    name: str,
    data: bytes,
    profile: Profile | None = None,
    progress: Progress | None = None,
    period: tuple[int, int] | None = None,
) -> LoadedPlan:
    """Read an uploaded plan file (its name says its format) as :func:`read_plan_file` does,
    with the plan period the user gave (``--period`` of ``import-plan``), if any.

    The file is written to a private temporary folder under its own name for its reader (the
    PDF and Word readers open files), and removed as soon as it is read: nothing of an upload
    stays on disk.
    """
    with tempfile.TemporaryDirectory(prefix="shisaku-plan-") as folder:
        path = Path(folder) / Path(name).name
        path.write_bytes(data)
        return read_plan_file(path, profile, progress, period=period)


def source_document(path: Path, data: bytes, progress: Progress | None = None) -> SourceDocument:
    """Return a plan document's lines: a PDF's or Word file's through its reader, else text."""
    found = read_document(path, progress)
    if found is not None:
        return found
    return document_from_text(decode_plan_bytes(data, source=path.name), name=path.name)


class _AliasRefused(yaml.YAMLError):
    """A YAML alias (``*name``), refused at its line before anything is expanded."""

    def __init__(self, line: int) -> None:
        super().__init__(f"YAML のエイリアス（*名前）は使えません（{line} 行目）")
        self.line = line


class _NoAliasLoader(yaml.SafeLoader):
    """PyYAML's safe loader without aliases, for plan files and profiles alike.

    An alias repeats a value without repeating its text: nine levels of nine aliases make a
    billion values of a few hundred bytes ("billion laughs"), and an error message quoting
    one once took 5.9 GB. Neither file needs them (exports never write them), so the first
    alias is refused before anything is expanded.
    """

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        """Refuse an alias at its line, before it is expanded."""
        if self.check_event(yaml.AliasEvent):
            line = self.peek_event().start_mark.line + 1  # type: ignore[no-untyped-call]
            raise _AliasRefused(line)
        return super().compose_node(parent, index)


def _load_structured(path: Path, data: bytes) -> Any:
    """Parse JSON or YAML bytes, naming the line of a syntax error."""
    text = data.decode("utf-8-sig", errors="strict")
    if path.suffix.lower() == ".json":
        return json.loads(text)
    return yaml.load(text, Loader=_NoAliasLoader)  # a SafeLoader: no Python objects


def _read_exchange(path: Path, data: bytes, sha: str) -> LoadedPlan:
    """Read the exchange form documented in docs/plan-json.md."""
    if len(data) > MAX_EXCHANGE_BYTES:
        raise PlanFileError(_too_big(path.name, len(data)))
    try:
        return _exchange_document(path, data, sha)
    except PlanFileError as error:  # a message never carries more than a line of the file
        raise PlanFileError(_short(str(error))) from error


def _exchange_document(path: Path, data: bytes, sha: str) -> LoadedPlan:
    """Parse and check an exchange file of a size that can be read."""
    try:
        doc = _load_structured(path, data)
    except UnicodeDecodeError as error:
        where = f"{path.name}: UTF-8 ではありません（{error.start + 1} バイト目）"
        raise PlanFileError(f"{where}。UTF-8 で保存してください") from error
    except RecursionError as error:  # the parsers recurse: a deep file is refused, not a crash
        raise PlanFileError(_too_deep(path.name)) from error
    except json.JSONDecodeError as error:
        raise PlanFileError(
            f"{path.name} の {error.lineno} 行 {error.colno} 列: JSON の誤り（{error.msg}）"
        ) from error
    except _AliasRefused as error:
        raise PlanFileError(_alias_refused(path.name, error.line)) from error
    except yaml.YAMLError as error:
        raise PlanFileError(f"{path.name}: YAML の誤り（{error}）") from error
    try:
        return _from_document(doc, path.name, sha)
    except PlanDictError as error:
        raise PlanFileError(f"{path.name} の {error}") from error
    except RecursionError as error:
        raise PlanFileError(_too_deep(path.name)) from error


def _too_big(name: str, size: int) -> str:
    """Return the error for an exchange file over the size a plan can need."""
    limit = MAX_EXCHANGE_BYTES // (1024 * 1024)
    return (
        f"{name}: ファイルが大きすぎます（{size / 1024 / 1024:.1f} MB。計画の JSON/YAML は "
        f"{limit} MB までです）。計画を分けるか、不要な部分を削ってください"
    )


def _alias_refused(name: str, line: int) -> str:
    """Return the error for a YAML alias."""
    return (
        f"{name} の {line} 行目: YAML のエイリアス（*名前）は使えません"
        "（展開すると巨大になり得るため）。値をそのまま書いてください"
    )


def _short(message: str) -> str:
    """Return a message cut to a readable length (a value quoted in it may be huge)."""
    return message if len(message) <= MAX_MESSAGE else message[: MAX_MESSAGE - 1] + "…"


def _too_deep(name: str) -> str:
    """Return the error for a file nested deeper than the parsers can follow."""
    limit = f"ノードは {MAX_DEPTH} 階層まで"
    return f"{name}: 入れ子が深すぎます（JSON/YAML の入れ子の上限を超えています。{limit}）"


def _kind(value: Any) -> str:
    """Return the JSON name of a value's type: object, array, string, number, boolean, null."""
    return _JSON_KINDS.get(type(value), "number" if isinstance(value, int | float) else "value")


def _from_document(doc: Any, name: str, sha: str) -> LoadedPlan:
    """Turn an exchange document into a loaded plan, checking its shape."""
    if not isinstance(doc, dict):
        expected = "expected an object with 'schema', 'municipality', 'plan', 'nodes'"
        raise PlanDictError("(top)", f"{expected}, found {_kind(doc)}")
    if doc.get("schema") != SCHEMA:
        raise PlanDictError("schema", f"expected {SCHEMA!r}, found {doc.get('schema')!r}")
    town = doc.get("municipality")
    if not isinstance(town, dict) or not isinstance(town.get("code"), str):
        raise PlanDictError("municipality.code", "expected a 6-digit code as a string")
    names = {k: _text(town, k, "municipality") for k in ("code", "name", "name_en")}
    meta = _meta_from_dict(doc.get("plan", ...))
    nodes = nodes_from_list(doc.get("nodes"), "nodes")
    sdgs = _sdgs(doc, name)
    return LoadedPlan(nodes, name, sha, meta=meta, municipality=names, sdgs=sdgs)


def _sdgs(doc: dict[str, Any], name: str) -> list[MeasureLinks] | None:
    """Return the document's SDG links, None when it has no ``sdgs`` list."""
    if "sdgs" not in doc:
        return None
    try:
        return links_from_list(doc["sdgs"])
    except (BadLinks, BadGoalRef) as error:
        raise PlanFileError(f"{name} の {error}") from error


def _text(obj: dict[str, Any], key: str, parent: str) -> str:
    """Return an optional text of the document, checked against its stored length."""
    value, limit = obj.get(key, ""), TEXT_LIMITS.get(key, 200)
    if not isinstance(value, str) or len(value) > limit:
        found = f"{len(value)} characters" if isinstance(value, str) else repr(value)
        message = f"expected a string of at most {limit} characters, found {found}"
        raise PlanDictError(f"{parent}.{key}", message)
    problem = text_problem(value)
    if problem:
        raise PlanDictError(f"{parent}.{key}", problem)
    return value


def _period(plan: dict[str, Any]) -> tuple[int, int]:
    """Return the plan period: two years in order, within the years a plan can have."""
    period = plan.get("period")
    if not isinstance(period, dict) or not all(
        isinstance(period.get(k), int) and not isinstance(period.get(k), bool)
        for k in ("start", "end")
    ):
        raise PlanDictError("plan.period", "expected {start: YYYY, end: YYYY}")
    for key in ("start", "end"):
        if not FIRST_YEAR <= period[key] <= LAST_YEAR:
            message = f"expected a year from {FIRST_YEAR} to {LAST_YEAR}, found {period[key]}"
            raise PlanDictError(f"plan.period.{key}", message)
    start, end = period["start"], period["end"]
    if end < start:
        raise PlanDictError("plan.period", f"the end ({end}) is before the start ({start})")
    return start, end


def _slug(plan: dict[str, Any]) -> str:
    """Return the plan's slug (empty: made from the period), refusing one no address can hold."""
    slug = plan.get("slug", "")
    if slug != "" and not (isinstance(slug, str) and _SLUG.fullmatch(slug)):
        expected = "expected letters, digits, - and _ (at most 40), such as 2030-2034"
        raise PlanDictError("plan.slug", f"{expected}, found {slug!r}")
    return str(slug)


def _version(plan: dict[str, Any]) -> int:
    """Return the plan's version, a whole number the database can store."""
    version = plan.get("version", 1)
    if isinstance(version, bool) or not isinstance(version, int) or not 0 < version <= MAX_VERSION:
        expected = f"expected a whole number from 1 to {MAX_VERSION}"
        raise PlanDictError("plan.version", f"{expected}, found {version!r}")
    return version


def _meta_from_dict(plan: Any) -> PlanMeta:
    """Read plan metadata from the exchange form (``...``: the key is missing)."""
    if not isinstance(plan, dict):
        expected = "expected an object with title, period (start, end), status, version"
        found = "nothing" if plan is ... else _kind(plan)
        raise PlanDictError("plan", f"{expected}, found {found}")
    start, end = _period(plan)
    status = plan.get("status", "published")
    if status not in ("draft", "published"):
        raise PlanDictError("plan.status", f"{status!r} is not one of draft, published")
    assessment = plan.get("assessment", {})
    if not isinstance(assessment, dict):
        raise PlanDictError("plan.assessment", 'expected an object such as {"preset": "aomori"}')
    return PlanMeta(
        title=_text(plan, "title", "plan"),
        title_en=_text(plan, "title_en", "plan"),
        period_start=start,
        period_end=end,
        slug=_slug(plan),
        status=status,
        version=_version(plan),
        assessment=assessment,
    )


def _json(document: dict[str, Any]) -> str:
    """Render the exchange document as JSON."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


class _Dumper(yaml.SafeDumper):
    """PyYAML's safe dumper, but text holding a NEL (U+0085) is written double-quoted.

    PyYAML writes such text single-quoted with the NEL raw, and reads it back as a folded
    line break (a space): the export would not import as it was.  Double quotes escape it.
    A value used twice is written twice, never as an alias, which the readers refuse.
    """

    def ignore_aliases(self, data: Any) -> bool:
        """Write every value in full (no ``&id001`` / ``*id001``)."""
        return True


def _text_scalar(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    """Represent a text, double-quoted when it holds a NEL."""
    style = '"' if "\x85" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _text_scalar)


def _yaml(document: dict[str, Any]) -> str:
    """Render the exchange document as YAML."""
    return str(yaml.dump(document, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000))


FORMATS: dict[str, Callable[[dict[str, Any]], str]] = {
    "json": _json,
    "yaml": _yaml,
    "markdown": render_markdown,
}


def render(document: dict[str, Any], fmt: str) -> str:
    """Render a plan exchange document in one of FORMATS."""
    return FORMATS[fmt](document)


# --- reading profiles (docs/plan-documents.md) ------------------------------------------------


PROFILE_LIMIT = 64 * 1024  # a profile names a few styles and labels: far less than this


def read_profile(path: Path) -> Profile:
    """Read a reading profile (YAML) that corrects how a plan document's headings are read."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise PlanFileError(f"{path}: 読み込めません（{error.strerror}）") from error
    if len(data) > PROFILE_LIMIT:
        raise PlanFileError(
            f"{path.name}: プロファイルが大きすぎます（{PROFILE_LIMIT // 1024} KB まで）"
        )
    try:
        document = yaml.load(data.decode("utf-8-sig"), Loader=_NoAliasLoader)
    except (UnicodeDecodeError, yaml.YAMLError) as error:
        raise PlanFileError(f"{path.name}: プロファイルの YAML が読めません（{error}）") from error
    try:
        return profile_from_dict(document or {})
    except ProfileError as error:
        raise PlanFileError(f"{path.name} の {error}") from error


def render_profile(reading: PlanReading) -> str:
    """Return the profile a document was read with, as YAML a user can correct and pass back."""
    return str(
        yaml.dump(
            reading.profile(),
            Dumper=_Dumper,
            allow_unicode=True,
            sort_keys=False,
            width=1000,
            default_flow_style=None,
        )
    )
