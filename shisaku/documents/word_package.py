"""Open a .docx safely: refuse what is not a Word document, and zip bombs, before parsing.

A .docx is a zip archive.  Its central directory (read without expanding anything) states
each member's expanded size; :func:`check_package` refuses an archive that would expand past
:data:`MAX_EXPANDED` bytes in all, or whose main document part expands more than
:data:`MAX_RATIO` times its compressed size.  The stated sizes can be trusted afterwards:
Python's zipfile never expands a member past its stated size (it fails the CRC check instead).
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from docx import Document
from docx.opc.exceptions import PackageNotFoundError

from shisaku.documents.errors import DocumentError

MAX_EXPANDED = 200 * 1024 * 1024
MAX_RATIO = 100
MAIN_PART = "word/document.xml"

_OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")  # the compound file of .doc and of encrypted .docx
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_CANNOT_OPEN = "Word 文書（.docx）として開けません（{}）。"
_RESAVE = "古い .doc 形式なら Word で .docx に保存し直してください"


def _refuse(name: str, why: str, advice: str = _RESAVE) -> DocumentError:
    """Return the error for a file that is not a readable .docx."""
    return DocumentError(name, _CANNOT_OPEN.format(why) + advice)


def _contains(path: Path, needle: bytes, chunk: int = 1 << 20) -> bool:
    """Tell whether the file at ``path`` contains ``needle`` (read in chunks)."""
    tail = b""
    with path.open("rb") as stream:
        while block := stream.read(chunk):
            if needle in tail + block:
                return True
            tail = block[-len(needle) :]
    return False


def _refuse_compound(path: Path, name: str) -> DocumentError:
    """Return the error for a compound file: a password-protected .docx or an old .doc."""
    if _contains(path, _ENCRYPTED):
        return _refuse(
            name, "パスワードで保護されています", "Word で保護を解除してから保存し直してください"
        )
    return _refuse(name, "Word 97-2003 の .doc 形式です")


def _check_expanded(name: str, members: list[zipfile.ZipInfo]) -> None:
    """Refuse an archive that would expand past the limit, or whose members are encrypted."""
    expanded = sum(info.file_size for info in members)
    if expanded > MAX_EXPANDED:
        mb = expanded / 1024 / 1024
        raise DocumentError(
            name, f"展開すると {mb:,.0f} MB になり、上限の 200 MB を超えるため読み込みません"
        )
    if any(info.flag_bits & 0x1 for info in members):
        raise _refuse(name, "中身が暗号化されています", "保護を解除して保存し直してください")


def _check_main_part(name: str, members: list[zipfile.ZipInfo]) -> None:
    """Refuse an archive without a Word body, or whose body is compressed like a bomb."""
    main = next((info for info in members if info.filename == MAIN_PART), None)
    if main is None:
        advice = "Word で保存した .docx を選んでください"
        raise _refuse(name, f"Word の本文 {MAIN_PART} がありません", advice)
    ratio = main.file_size / max(main.compress_size, 1)
    if ratio > MAX_RATIO:
        raise DocumentError(
            name,
            f"本文（{MAIN_PART}）の圧縮率が {ratio:,.0f} 倍と異常に高く"
            f"（上限 {MAX_RATIO} 倍）、圧縮爆弾の疑いがあるため読み込みません",
        )


def _members(path: Path, name: str) -> list[zipfile.ZipInfo]:
    """Return the members of the zip archive at ``path`` (its central directory only)."""
    try:
        with path.open("rb") as stream:
            head = stream.read(len(_OLE_MAGIC))
        if head == _OLE_MAGIC:
            raise _refuse_compound(path, name)
        if not zipfile.is_zipfile(path):
            raise _refuse(name, "ZIP 形式のファイルではありません")
        with zipfile.ZipFile(path) as archive:
            return archive.infolist()
    except (OSError, zipfile.BadZipFile) as exc:
        raise _refuse(name, f"ファイルを読めません: {exc}") from exc


def check_package(path: Path, name: str) -> None:
    """Refuse ``path`` unless it is a zip archive of sane size holding a Word body."""
    members = _members(path, name)
    _check_expanded(name, members)
    _check_main_part(name, members)


def open_docx(path: Path, name: str) -> Any:
    """Return the python-docx document of ``path`` after :func:`check_package`."""
    check_package(path, name)
    try:
        return Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, SyntaxError, zipfile.BadZipFile) as exc:
        # lxml's XMLSyntaxError is a SyntaxError; a non-Word package raises ValueError.
        raise _refuse(name, f"中身が Word 文書として壊れています: {exc}") from exc
