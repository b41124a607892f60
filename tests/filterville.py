"""The fictional 絞込市 (999962): four measures in two fields, with departments, invented
indicators graded A to X in FY2025 and one measure without any indicator (test data, not any
real city's plan).  Shared by the filter tests and the browser tests of the lists."""

from __future__ import annotations

from shisaku.domain.actors import Actor
from shisaku.domain.indicatordata import IndicatorBatch, IndicatorDefinition
from shisaku.domain.plantree import Node, PlanMeta
from tests.factories import figure

CODE, SLUG = "999962", "2024-2028"
MEASURES = f"/ja/{CODE}/{SLUG}/measures/"
INDICATORS = f"/ja/{CODE}/{SLUG}/indicators/"


def nodes() -> list[Node]:
    """Return the plan tree: fields 1 and 2, policies 1-1, 1-2 and 2-1, four measures."""

    def measure(code: str, title: str, title_en: str, department: str = "") -> Node:
        return Node("measure", code, title, title_en=title_en, department=department)

    return [
        Node(
            "field",
            "1",
            "くらし",
            title_en="Living",
            children=[
                Node(
                    "policy",
                    "1-1",
                    "福祉の充実",
                    title_en="Welfare",
                    children=[
                        measure("1-1-1", "相談支援の充実", "Better counselling", "福祉課"),
                        measure("1-1-2", "高齢者の見守り", "Watching over the elderly", "福祉課"),
                    ],
                ),
                Node(
                    "policy",
                    "1-2",
                    "子育て",
                    title_en="Child-rearing",
                    children=[
                        measure("1-2-1", "保育所の整備", "More nursery places", "子育て支援課")
                    ],
                ),
            ],
        ),
        Node(
            "field",
            "2",
            "しごと",
            title_en="Work",
            department="商工課",
            children=[
                Node(
                    "policy",
                    "2-1",
                    "産業の振興",
                    title_en="Industry",
                    children=[measure("2-1-1", "ＩＣＴ企業の誘致", "Attracting ICT firms")],
                )
            ],
        ),
    ]


def batch() -> IndicatorBatch:
    """Return five invented indicators: K1 (B) and K2 (X) on 1-1-1, K3 met on 1-1-2, K4
    behind on 1-2-1, K5 on policy 2-1 (department of its own)."""
    t = (CODE, SLUG)

    def define(
        code: str, name: str, node: str, name_en: str, department: str = ""
    ) -> IndicatorDefinition:
        return IndicatorDefinition(
            *t,
            code,
            name,
            "increase",
            node_code=node,
            name_en=name_en,
            unit="%",
            department=department,
        )

    out = IndicatorBatch(
        definitions=[
            define("K1", "相談件数の伸び", "1-1-1", "Growth in counselling cases"),
            define("K2", "相談満足度", "1-1-1", "Satisfaction with counselling"),
            define("K3", "見守り世帯の割合", "1-1-2", "Households watched over"),
            define("K4", "保育所の定員充足率", "1-2-1", "Nursery places filled"),
            define("K5", "企業誘致件数", "2-1", "Firms attracted", "企業立地課"),
        ]
    )
    rows = {
        "K1": ("100", "150", "140"),
        "K2": ("60", "80", ""),
        "K3": ("50", "70", "75"),
        "K4": ("50", "70", "40"),
        "K5": ("10", "20", "18"),
    }
    for code, (base, target, actual) in rows.items():
        out.figures += [
            figure(*t, code, "baseline", "2023年度", base),
            figure(*t, code, "target", "2028年度", target),
        ]
        if actual:
            out.figures.append(figure(*t, code, "actual", "2025年度", actual))
    return out


def create(actor: Actor) -> None:
    """Create 絞込市 and its graded plan through the services."""
    from shisaku.indicators import services as indicators
    from shisaku.plan import services as plans

    plans.save_municipality(actor=actor, code=CODE, name_ja="絞込市", name_en="Filterton")
    meta = PlanMeta(
        title="絞込市総合計画", title_en="Filterton Plan", period_start=2024, period_end=2028
    )
    plans.import_plan(actor=actor, municipality_code=CODE, meta=meta, nodes=nodes())
    indicators.apply_batch(actor=actor, batch=batch())
