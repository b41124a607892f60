"""The one error a document format reader raises."""

from __future__ import annotations


class DocumentError(ValueError):
    """A document that cannot be read at all: the message names the file (and page) and why."""

    def __init__(self, source: str, reason: str, *, page: int = 0) -> None:
        self.source = source
        self.page = page
        self.reason = reason
        where = f"{source} の {page} ページ" if page else source
        super().__init__(f"{where}: {reason}")
