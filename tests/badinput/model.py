"""What a bad-input case is: a file or payload, the channel it goes through, what must be said.

A case names its channel (the real way a user sends it), the corpus file that holds its bytes
(committed under ``corpus/``; or made at test time for the huge ones) and the fragments that
the error must contain: where (file and line, row and column, JSON path or field) and what
would be accepted.  ``outcome="nothing"`` marks input that is not an error but must still
write nothing (an indicator file with a header and no rows: an export of a plan without
figures reads back as nothing to do).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Channel = Literal["import-plan", "import-indicators", "staff-upload", "api"]
CORPUS = Path(__file__).resolve().parent / "corpus"
# What ``make`` returns for the two cases that are not files: a folder, and no file at all.
DIRECTORY = b"\0<a directory>"
MISSING = b"\0<no such file>"


@dataclass(frozen=True)
class CorpusFile:
    """One committed input: its path under corpus/ and its bytes."""

    path: str
    content: bytes


@dataclass(frozen=True)
class Case:
    """One malformed input sent through one channel, and what its error must say."""

    name: str
    channel: Channel
    file: str  # path under corpus/ (committed), or a file name when ``make`` builds it
    expect: tuple[str, ...]  # every fragment must appear in the error the user sees
    make: Callable[[], bytes] | None = None  # huge inputs: built at test time, never committed
    outcome: Literal["error", "nothing"] = "error"
    args: tuple[str, ...] = ()  # import-plan: options after the file
    # api: the request
    status: int = 0
    fields: tuple[str, ...] = ()  # the fields the error details must name
    content_type: str = "application/json"
    token: str | None = "kikaku"  # a persona (kikaku, iin, doboku) or a literal; None: none sent
    headers: dict[str, str] = field(default_factory=dict)
    url: str = ""

    @property
    def path(self) -> Path:
        """Return the committed file of this case."""
        return CORPUS / self.file

    def data(self) -> bytes:
        """Return the bytes this case sends."""
        return self.make() if self.make is not None else self.path.read_bytes()

    @property
    def file_name(self) -> str:
        """Return the name the file is sent under."""
        return Path(self.file).name
