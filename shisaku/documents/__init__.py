"""Read plan documents in their own formats (PDF, Word, text) into one stream of source lines.

Each format has a reader module that turns a file into a
:class:`~shisaku.domain.plandoc_source.SourceDocument`; the plan-document reader in the domain
then serves every format alike.  This package uses third-party readers (pdfplumber,
python-docx) but nothing of Django, so that it can be tested and benchmarked on its own.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path

from shisaku.documents.errors import DocumentError
from shisaku.domain.plandoc_source import SourceDocument

__all__ = ["FORMATS", "DocumentError", "Progress", "read_document"]

# ``progress(pages done, pages)``: told as a document's pages are read (a bar, a polled count)
Progress = Callable[[int, int], None]

# File suffix → (module, function): imported only when a file of that kind is read.
FORMATS: dict[str, tuple[str, str]] = {
    ".pdf": ("shisaku.documents.pdf", "read_pdf"),
    ".docx": ("shisaku.documents.word", "read_docx"),
}
# Formats whose reader tells its progress: ``reader(path, progress=…)``.
PAGED = frozenset({".pdf"})


def reader_for(path: Path) -> Callable[[Path], SourceDocument] | None:
    """Return the reader of ``path``'s format, or None for a text file."""
    found = FORMATS.get(path.suffix.lower())
    if found is None:
        return None
    module, function = found
    reader: Callable[[Path], SourceDocument] = getattr(import_module(module), function)
    return reader


def read_document(path: Path, progress: Progress | None = None) -> SourceDocument | None:
    """Return the source lines of a PDF or Word file, or None when ``path`` is text.

    ``progress(done, pages)`` is told as a PDF's pages are read (a Word file has no pages).
    """
    reader = reader_for(path)
    if reader is None:
        return None
    if progress is not None and path.suffix.lower() in PAGED:
        paged: Callable[..., SourceDocument] = reader
        return paged(path, progress=progress)
    return reader(path)
