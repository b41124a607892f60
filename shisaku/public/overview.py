"""What the home and municipality pages say of each plan beyond its name: whether its indicators
have figures, and when they do not, what is known instead and where to see plans that do; and
the home page's list of recent changes to published data.

A plan without any indicator is said to be so plainly.  When its source printed indicator
tables that were empty (the bundled 青森市 plan: 15 tables 「目標とする指標」 with no row), the
page says how many; the statistics read from the plan's prose are counted on the home page
and listed on the municipality page; the home page lists the plans that do have figures (the
labelled examples of other cities loaded by ``shisaku demo``, or any other) and each notice
links that list.  The municipality page reads only its own municipality's data (it is kept
under that municipality's revision stamp), so it links the home page's list rather than
naming other cities' plans.  Nothing is estimated: every number shown is a count of published
data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext

from shisaku.evaluation.reads import Reads
from shisaku.evaluation.recent import PlanFacts, Update
from shisaku.plan.queries import PlanInfo
from shisaku.public import documents, links, prose, tree


@dataclass(frozen=True)
class Notice:
    """A plan without indicators, and what its source held."""

    plan: PlanInfo
    facts: PlanFacts

    @property
    def tables_text(self) -> str:
        """Return how many indicator tables the source printed empty, in words."""
        text = gettext("The source's tables of target indicators (%(tables)s) are all empty.")
        return text % {"tables": self.facts.empty_indicator_tables}

    @property
    def statistics_text(self) -> str:
        """Return how many statistics were read from the plan's prose, in words."""
        text = gettext("What is known: the statistics stated in the plan's text (%(count)s)")
        return text % {"count": self.facts.statistics}


@dataclass(frozen=True)
class StatisticLink:
    """A statistic read from the plan's prose, with the page and anchor of its sentence."""

    row: prose.StatisticRow
    node_code: str
    url: str


def notices(reads: Reads) -> dict[int, Notice]:
    """Return the notice of every published plan without indicators, by plan id (home page)."""
    facts = reads.every_facts()
    every = [p for t in reads.towns() for p in t.plans]
    return {p.id: Notice(p, facts[p.id]) for p in every if not facts[p.id].indicators}


def with_figures(reads: Reads) -> list[PlanInfo]:
    """Return the published plans that have indicators (the examples a notice leads to)."""
    facts = reads.every_facts()
    return [p for t in reads.towns() for p in t.plans if facts[p.id].indicators]


def notice(reads: Reads, plan: PlanInfo) -> Notice | None:
    """Return the notice of one plan, or None when it has indicators (municipality page).

    It reads only the plan's own data, so the page stays right under its municipality's stamp;
    the plans with figures are listed on the home page, which it links."""
    facts = reads.facts(plan)
    return None if facts.indicators else Notice(plan, facts)


def statistic_links(reads: Reads, plan: PlanInfo) -> list[StatisticLink]:
    """Return every statistic read from the plan's prose, linked to its sentence."""
    nodes = reads.nodes(plan)
    out: list[StatisticLink] = []
    for code, stats in reads.statistics(plan).items():
        path = tree.find_path(nodes, code)
        if not path:
            continue
        page = links.node_url(plan, code)
        for row in prose.statistic_rows(path[-1], stats):
            anchor = row.anchor or links.section_anchor_id(row.info.section)
            out.append(StatisticLink(row, code, f"{page}#{anchor}"))
    return out


# --- recent updates ---------------------------------------------------------------------------


@dataclass(frozen=True)
class UpdateItem:
    """One recent change as the home page lists it."""

    update: Update
    url: str
    plan_url: str


def _plan_kwargs(u: Update) -> dict[str, str]:
    """Return the URL arguments of an update's plan."""
    return {"code": u.municipality_code, "slug": u.plan_slug}


def update_items(updates: list[Update]) -> list[UpdateItem]:
    """Return the updates with the page of what changed and of its plan."""
    out = []
    for u in updates:
        kwargs = _plan_kwargs(u)
        if u.kind == "figure":
            url = links.reverse("public:indicator", kwargs={**kwargs, "indicator": u.code})
        else:
            url = links.reverse("public:node", kwargs={**kwargs, "node_code": u.code})
        out.append(UpdateItem(u, url, links.reverse("public:plan", kwargs=kwargs)))
    return out


def update_to_dict(item: UpdateItem) -> dict[str, Any]:
    """Return the JSON form of a recent update (docs/public-site.md)."""
    u = item.update
    return {
        "kind": u.kind,
        "at": u.at,
        "municipality": documents.municipality_to_dict(
            u.municipality_code, u.municipality_ja, u.municipality_en
        ),
        "plan": u.plan_slug,
        "plan_url": item.plan_url,
        "code": u.code,
        "title": u.title_ja,
        "title_en": u.title_en,
        "url": item.url,
        "figure_kind": u.figure_kind,
        "period": u.period,
        "raw": u.raw,
        "fiscal_year": u.fiscal_year or None,
    }


def notice_to_dict(n: Notice | None) -> dict[str, Any] | None:
    """Return the JSON form of a plan's notice, or None when the plan has indicators."""
    if n is None:
        return None
    return {
        "indicators": n.facts.indicators,
        "empty_indicator_tables": n.facts.empty_indicator_tables,
    }


def example_to_dict(plan: PlanInfo) -> dict[str, Any]:
    """Return the JSON form of a plan with figures, with its municipality."""
    town = documents.municipality_to_dict(
        plan.municipality_code, plan.municipality_name_ja, plan.municipality_name_en
    )
    return {**documents.plan_to_dict(plan), "municipality": town}


def home_notice_to_dict(n: Notice) -> dict[str, Any]:
    """Return the JSON form of a notice on the home page: the plan and its counts."""
    return {
        "municipality_code": n.plan.municipality_code,
        "plan": n.plan.meta.slug,
        "url": links.plan_url(n.plan),
        "empty_indicator_tables": n.facts.empty_indicator_tables,
        "statistics": n.facts.statistics,
    }
