"""Names of the municipalities Shisaku ships data for (bundled list, keyed by local code)."""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources


@cache
def bundled_names() -> dict[str, tuple[str, str]]:
    """Return {code: (name_ja, name_en)} from shisaku/data/municipalities.csv."""
    text = resources.files("shisaku").joinpath("data/municipalities.csv").read_text("utf-8")
    return {
        row["code"]: (row["name_ja"], row["name_en"]) for row in csv.DictReader(text.splitlines())
    }
