"""Common indicator codes (共通指標コード): the catalogue in shisaku/data/common-indicators.csv.

Two municipalities' indicators that carry the same code measure the same statistic (合計特殊出生率,
出生数 …), so that the public site can compare them.  The catalogue is data: a code, its names,
the usual unit and direction (blank where plans differ) and a one-line definition.  It never
holds figures: national values come only from data entered with a source.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

CODE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_LENGTH = 40


@dataclass(frozen=True)
class CommonIndicator:
    """One entry of the catalogue."""

    code: str
    name_ja: str
    name_en: str
    unit: str
    direction: str
    description_ja: str
    description_en: str


@cache
def catalogue() -> dict[str, CommonIndicator]:
    """Return every common indicator by code, in the catalogue's order."""
    path = resources.files("shisaku").joinpath("data/common-indicators.csv")
    rows = csv.DictReader(path.read_text("utf-8").splitlines())
    return {r["code"]: CommonIndicator(**r) for r in rows}


def find(code: str) -> CommonIndicator | None:
    """Return the catalogue entry of ``code``, or None when the catalogue has no such code."""
    return catalogue().get(code)


def by_name(name: str) -> CommonIndicator | None:
    """Return the entry whose Japanese name is ``name`` (compared after NFKC), or None."""
    wanted = _key(name)
    return next((c for c in catalogue().values() if _key(c.name_ja) == wanted), None)


def _key(text: str) -> str:
    """Return a name as compared: NFKC, without spaces."""
    return "".join(unicodedata.normalize("NFKC", text).split())
