"""Writing a report file atomically: a temporary file beside the target, then a rename.

A failure at any point leaves the target as it was (absent, or the previous version) and no
temporary file behind.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class TargetError(ValueError):
    """The output path cannot be written; the message says why."""


def check_target(path: Path) -> Path:
    """Return the absolute target, refusing a directory or a folder that is missing or read-only."""
    target = path.expanduser().absolute()
    if target.is_dir():
        raise TargetError(f"{target} はフォルダです。書き出すファイルの名前を指定してください")
    folder = target.parent
    if not folder.is_dir():
        raise TargetError(f"フォルダ {folder} がありません")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise TargetError(f"フォルダ {folder} に書き込む権限がありません")
    return target


def write_atomic(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` all at once (readable by others like any new file)."""
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        umask = os.umask(0)
        os.umask(umask)
        temporary.chmod(0o666 & ~umask)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
