"""The manifest: which files of the output folder the last run wrote, and their digests.

``OUT_DIR/.shisaku-publish.json`` is read back by the next run, which deletes the listed files
it no longer produces, so a manifest is believed only when it verifies: JSON of this schema,
every path a file inside the folder (:func:`folder.check_relative`: no ``..``, no absolute
path, not the run's own bookkeeping), every entry the SHA-256 digest of the file's content
(not its size: a file of the same size may hold other figures).  One that does not is
:class:`ManifestProblem`: the run treats it as absent (and says so), so it deletes nothing and
writes a manifest that verifies.
"""

from __future__ import annotations

import json
import re
from typing import Any

from shisaku.publishing.folder import UnsafePath, check_relative
from shisaku.publishing.journal import JOURNAL

MANIFEST = ".shisaku-publish.json"
MANIFEST_SCHEMA = "shisaku.publish-manifest/2"  # /1 also held sizes
BOOKKEEPING = (MANIFEST, JOURNAL)
DIGEST = re.compile(r"[0-9a-f]{64}")


class ManifestProblem(ValueError):
    """A manifest that does not verify: what is wrong with it."""


def read_manifest(content: bytes | None) -> dict[str, str]:
    """Return the files a manifest lists (none without one), or raise ManifestProblem."""
    if content is None:
        return {}
    try:
        data = json.loads(content)
    except ValueError as error:
        raise ManifestProblem("JSON として読めません") from error
    if not isinstance(data, dict) or data.get("schema") != MANIFEST_SCHEMA:
        raise ManifestProblem(f"形式が {MANIFEST_SCHEMA} ではありません")
    files = data.get("files")
    if not isinstance(files, dict):
        raise ManifestProblem("files がありません")
    for relative, entry in files.items():
        _check_entry(relative, entry)
    return files


def _check_entry(relative: str, entry: Any) -> None:
    """Raise ManifestProblem unless an entry names a file of the folder with a digest."""
    try:
        check_relative(relative)
    except UnsafePath as error:
        raise ManifestProblem(f"{relative!r} はフォルダの中のファイルではありません") from error
    if relative in BOOKKEEPING:
        raise ManifestProblem(f"{relative!r} は公開のファイルではありません")
    if not isinstance(entry, str) or not DIGEST.fullmatch(entry):
        raise ManifestProblem(f"{relative!r} の記録が SHA-256 のダイジェストではありません")


def manifest_bytes(files: dict[str, str]) -> bytes:
    """Return the manifest listing ``files`` (in path order: the same files, the same bytes)."""
    data = {"schema": MANIFEST_SCHEMA, "files": dict(sorted(files.items()))}
    return json.dumps(data, ensure_ascii=False, indent=0).encode()
