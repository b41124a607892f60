"""What the plan import page needs of the exchange interface's plan files, as the page knows it.

Interfaces never import each other, so ``shisaku/urls.py`` hands the workspace the exchange
interface's ``read_plan_bytes`` and ``PlanFileError`` as a :class:`PlanFiles`; the workspace
sees a read plan only through :class:`Loaded`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from shisaku.documents import Progress
from shisaku.domain.plandoc import PlanReading
from shisaku.domain.plandoc_profile import Profile
from shisaku.domain.plantree import Node, PlanMeta, Warning
from shisaku.domain.sdgs import MeasureLinks


class Loaded(Protocol):
    """A plan read from an uploaded file, before anything is written."""

    @property
    def nodes(self) -> list[Node]:
        """The plan tree, with each node's indicator rows."""

    @property
    def source_name(self) -> str:
        """The file's name."""

    @property
    def sha256(self) -> str:
        """The file's SHA-256, recorded with the import."""

    @property
    def warnings(self) -> list[Warning]:
        """What the reader noticed without failing."""

    @property
    def meta(self) -> PlanMeta | None:
        """The plan's title and period in an exchange file (None for a plan document)."""

    @property
    def municipality(self) -> dict[str, str] | None:
        """The municipality an exchange file names (None for a plan document)."""

    @property
    def reading(self) -> PlanReading | None:
        """How a plan document was read (None for an exchange file)."""

    @property
    def sdgs(self) -> list[MeasureLinks] | None:
        """An exchange file's SDG links (None when it has no ``sdgs`` list, or a document)."""


class PlanReader(Protocol):
    """Read an uploaded plan file (its name says its format), with a profile, progress and the
    plan period the user gave (it dates years a document prints without their era)."""

    def __call__(
        self,
        name: str,
        data: bytes,
        profile: Profile | None,
        progress: Progress | None,
        period: tuple[int, int] | None,
        /,
    ) -> Loaded: ...


@dataclass(frozen=True)
class PlanFiles:
    """The plan file functions of the exchange interface, handed over by the entry point."""

    read: PlanReader  # read_plan_bytes
    error: type[Exception]  # PlanFileError: a file that cannot be read, said in words
