"""The fictional town used by the evaluation tests, built through the services.

試験市 (999997, fictional) with three measures owned by two departments, indicators on a
measure and on an initiative, and one member per role (with e-mail addresses). Nothing here
is any real city's data. The other ``test_evaluation_*`` modules import :func:`build_town`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model

from shisaku.accounts import services as accounts
from shisaku.domain.actors import Actor
from shisaku.domain.indicatordata import IndicatorBatch, IndicatorDefinition
from shisaku.domain.plantree import Node, PlanMeta
from shisaku.evaluation import services
from shisaku.evaluation.models import Evaluation
from shisaku.evaluation.requirements import set_required_to_submit
from shisaku.indicators import services as indicator_services
from shisaku.plan import services as plan_services
from shisaku.plan.queries import PlanInfo, find_plan
from tests.factories import figure

TOWN, SLUG, YEAR = "999997", "2024-2028", 2025
PASSWORD = "correct horse battery staple 42"
KOSODATE, DOBOKU = "子育て支援課", "土木課"
# name → (role, department, e-mail)
PEOPLE = {
    "kikaku": ("planning", "", "kikaku@example.jp"),
    "kosodate": ("department", KOSODATE, "kosodate@example.jp"),
    "kacho": ("manager", KOSODATE, "kacho@example.jp"),
    "nomail": ("department", KOSODATE, ""),
    "doboku": ("department", DOBOKU, "doboku@example.jp"),
    "dobokukacho": ("manager", DOBOKU, "dobokukacho@example.jp"),
    "iin": ("reviewer", "", "iin@example.jp"),
    "etsuran": ("viewer", "", "etsuran@example.jp"),
}


def nodes() -> list[Node]:
    """Return the fictional tree: three measures, each with initiatives."""

    def measure(code: str, title: str, department: str, initiatives: list[str]) -> Node:
        children = [
            Node("initiative", f"{code}.{i}", name) for i, name in enumerate(initiatives, 1)
        ]
        return Node("measure", code, title, department=department, children=children)

    policy = Node(
        "policy",
        "1-1",
        "暮らしの安心",
        children=[
            measure("1-1-1", "相談支援の充実", KOSODATE, ["相談体制の充実", "情報発信の強化"]),
            measure("1-1-2", "道路の安全", DOBOKU, ["歩道の整備"]),
            measure("1-1-3", "子育て家庭の交流", KOSODATE, ["交流の場づくり"]),
        ],
    )
    return [Node("field", "1", "くらし", children=[policy])]


def _indicators(operator: Actor) -> None:
    """Define K1 (on 1-1-1), K2 (on initiative 1-1-1.1) and R1 (on 1-1-2) with figures."""
    rows = [("K1", "1-1-1", KOSODATE), ("K2", "1-1-1.1", KOSODATE), ("R1", "1-1-2", DOBOKU)]
    batch = IndicatorBatch(
        definitions=[
            IndicatorDefinition(
                TOWN, SLUG, code, f"試験指標{code}", "increase", node_code=node, department=dept
            )
            for code, node, dept in rows
        ]
    )
    for code, *_ in rows:
        batch.figures += [
            figure(TOWN, SLUG, code, "baseline", "2023年度", "100"),
            figure(TOWN, SLUG, code, "target", "2028年度", "200"),
            figure(TOWN, SLUG, code, "actual", "2025年度", "150"),
        ]
    indicator_services.apply_batch(actor=operator, batch=batch)


def _people(operator: Actor) -> dict[str, Actor]:
    """Create one member per role; set e-mail addresses (accounts have no e-mail service yet)."""
    made = {}
    for name, (role, department, email) in PEOPLE.items():
        uid = accounts.create_user(
            actor=operator,
            username=name,
            password=PASSWORD,
            municipality_code=TOWN,
            role=role,
            department=department,
        )
        get_user_model().objects.filter(pk=uid).update(email=email)
        made[name] = accounts.actor_for(uid, name)
    return made


@dataclass
class Town:
    """The fictional town: its plan, its people, and the year's evaluations by measure code."""

    plan: PlanInfo
    people: dict[str, Actor]
    operator: Actor

    def evaluation(self, code: str = "1-1-1", year: int = YEAR) -> Evaluation:
        """Return the evaluation of a measure, fresh from the database."""
        return Evaluation.objects.get(node__code=code, fiscal_year=year)

    def __getitem__(self, name: str) -> Actor:
        return self.people[name]


def build_town(operator: Actor, *, open_years: tuple[int, ...] = (YEAR,)) -> Town:
    """Create the fictional town and open the evaluation years."""
    plan_services.save_municipality(
        actor=operator, code=TOWN, name_ja="試験市", name_en="Testville"
    )
    meta = PlanMeta(title="試験市総合計画", period_start=2024, period_end=2028)
    plan_services.import_plan(actor=operator, municipality_code=TOWN, meta=meta, nodes=nodes())
    _indicators(operator)
    people = _people(operator)
    for year in open_years:
        services.open_year(actor=operator, municipality_code=TOWN, plan=SLUG, fiscal_year=year)
    # the workflow tests submit empty sheets: this town's planning office requires nothing
    # (tests/test_staff_evaluation_submit.py checks the default rule, 成果 and 方向性)
    set_required_to_submit(actor=operator, municipality_code=TOWN, plan=SLUG, fields=())
    return Town(find_plan(TOWN, SLUG), people, operator)


def test_the_fictional_town_has_three_draft_evaluations_owned_by_their_measures_departments(
    db, operator
):
    town = build_town(operator)
    rows = Evaluation.objects.filter(fiscal_year=YEAR).order_by("node__position")
    assert [(e.node.code, e.department, e.status) for e in rows] == [
        ("1-1-1", KOSODATE, "draft"),
        ("1-1-2", DOBOKU, "draft"),
        ("1-1-3", KOSODATE, "draft"),
    ]
    assert town.plan.meta.slug == SLUG
