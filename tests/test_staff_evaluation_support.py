"""The fictional 試験市 (999997) with evaluations and programmes, for the workspace's cycle tests.

Built by ``tests.test_evaluation_setup.build_town`` (three measures, FY2025 opened, one member
per role) plus two programmes under measure 1-1-1: P-01 with every amount, P-02 with only a
budget. Nothing here is any real city's data.
"""

from __future__ import annotations

import re
from decimal import Decimal as D

import pytest

from shisaku.evaluation import programmes, services
from shisaku.evaluation.programmes import ProgrammeInput, ProgrammeYearInput
from shisaku.evaluation.transitions import transition
from tests.test_evaluation_setup import KOSODATE, SLUG, TOWN, YEAR, Town, build_town
from tests.test_staff_support import as_user, text

BASE = f"/ja/staff/{TOWN}/{SLUG}/"
OVERVIEW = BASE + "evaluations/"
SHEET = f"{OVERVIEW}{YEAR}/1-1-1/"
# the happy path: who takes which step, with which comment
PATH = [
    ("kosodate", "submit", ""),
    ("kacho", "approve", "成果は概ね順調"),
    ("kikaku", "review", "方向性は妥当"),
    ("kikaku", "refer", ""),
    ("iin", "comment", "市民への周知を一層進められたい"),
    ("kikaku", "publish", ""),
]
DOBOKU_PEOPLE = {"kosodate": "doboku", "kacho": "dobokukacho"}  # who acts for 1-1-2 (土木課)
__all__ = ["as_user", "text"]


def add_programmes(town: Town) -> None:
    """Add P-01 (every amount) and P-02 (a budget only) under measure 1-1-1's initiatives."""
    for code, name, initiative in [
        ("P-01", "相談員配置事業", "1-1-1.1"),
        ("P-02", "子育て情報発信事業", "1-1-1.2"),
    ]:
        programmes.save_programme(
            actor=town.operator,
            municipality_code=TOWN,
            plan=SLUG,
            programme=ProgrammeInput(code, name, initiative, KOSODATE),
        )
    years = {
        "P-01": ProgrammeYearInput(
            YEAR, D(5_000_000), D(4_800_000), D("1.5"), D(8_000_000), "A", "B", "B", "maintain"
        ),
        "P-02": ProgrammeYearInput(YEAR, budget=D(1_000_000)),
    }
    for code, values in years.items():
        programmes.save_programme_year(
            actor=town.operator, municipality_code=TOWN, plan=SLUG, code=code, values=values
        )


@pytest.fixture(name="town")
def town_fixture(db, operator) -> Town:
    """The fictional town with FY2025 opened and two programmes under 1-1-1."""
    made = build_town(operator)
    add_programmes(made)
    return made


def fill(town: Town, code: str = "1-1-1", **changes: str) -> None:
    """Fill in fields of a sheet as the planning office (through the service)."""
    row = town.evaluation(code)
    services.update_evaluation(
        actor=town["kikaku"], evaluation_id=row.pk, expected_version=row.version, changes=changes
    )


def advance(town: Town, state: str, code: str = "1-1-1") -> None:
    """Walk a sheet along the happy path (through the services) until it is in ``state``."""
    people = DOBOKU_PEOPLE if code == "1-1-2" else {}
    for who, action, comment in PATH:
        who = people.get(who, who)
        row = town.evaluation(code)
        if row.status == state:
            return
        transition(
            actor=town[who],
            evaluation_id=row.pk,
            action=action,
            comment=comment,
            expected_version=row.version,
        )


def version(town: Town, code: str = "1-1-1") -> int:
    """Return a sheet's current version."""
    return town.evaluation(code).version


def step_data(action: str, seen: int, comment: str | None = None, **extra: str) -> dict:
    """Return the POST of a workflow step's form."""
    data = {"step": action, f"{action}-action": action, f"{action}-version": str(seen)}
    if comment is not None:
        data[f"{action}-comment"] = comment
    return data | {f"{action}-{k}": v for k, v in extra.items()}


def plain(html: str) -> str:
    """Return a page's text without tags, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())
