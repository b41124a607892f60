"""Reads for the voice pages: consultations, the measures an opinion may concern, the result.

The result rows are the one public view of opinions: published opinions only (their summary
when one was written), with the response; the page, the CSV and the JSON all read them here,
and none of them ever reads a contact.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from shisaku.plan.models import PlanNode
from shisaku.voice.models import Consultation, Opinion, ResponseKind, State


class NotFound(Exception):
    """No such consultation or opinion in the municipality."""


@dataclass(frozen=True)
class Measure:
    """A measure an opinion may concern: its code and title in the active language."""

    code: str
    title: str


@dataclass(frozen=True)
class ResultRow:
    """One published opinion with its response, as the result table shows it."""

    number: int
    measure: str
    opinion: str
    response: str
    reason: str
    department: str
    responded_on: str


def in_language(ja: str, en: str) -> str:
    """Return the English text on English pages when there is one, else the Japanese."""
    return en if get_language() == "en" and en else ja


def consultation(municipality_code: str, pk: int) -> Consultation:
    """Return a consultation of the municipality."""
    found = (
        Consultation.objects.select_related("municipality", "plan", "node")
        .filter(municipality__code=municipality_code, pk=pk)
        .first()
    )
    if found is None:
        raise NotFound(f"consultation {pk} of municipality {municipality_code} does not exist")
    return found


def opinion(item: Consultation, pk: int) -> Opinion:
    """Return an opinion of the consultation."""
    found = item.opinions.select_related("node").filter(pk=pk).first()
    if found is None:
        raise NotFound(f"opinion {pk} of consultation {item.pk} does not exist")
    return found


def open_consultations(municipality_code: str, today: date) -> list[Consultation]:
    """Return the consultations taking opinions today, the soonest to close first."""
    rows = Consultation.objects.filter(
        municipality__code=municipality_code, starts_on__lte=today, ends_on__gte=today
    )
    return list(rows.select_related("node").order_by("ends_on", "id"))


def with_results(municipality_code: str) -> list[Consultation]:
    """Return the consultations whose result is published, the newest first."""
    rows = Consultation.objects.filter(
        municipality__code=municipality_code, result_published_at__isnull=False
    )
    return list(rows.order_by("-result_published_at", "id"))


def all_consultations(municipality_code: str) -> list[Consultation]:
    """Return every consultation of the municipality (the workspace's list)."""
    return list(Consultation.objects.filter(municipality__code=municipality_code))


def _below(node: PlanNode) -> list[PlanNode]:
    """Return a node and every node under it, in document order."""
    found, level = [node], [node]
    while level:
        level = list(PlanNode.objects.filter(parent__in=level))
        found += level
    return sorted(found, key=lambda n: n.position)


def measures(item: Consultation) -> list[Measure]:
    """Return the measures an opinion in the consultation may concern."""
    if item.node is not None:
        nodes = [n for n in _below(item.node) if n.kind == PlanNode.Kind.MEASURE] or [item.node]
    else:
        nodes = list(item.plan.nodes.filter(kind=PlanNode.Kind.MEASURE).order_by("position"))
    return [Measure(n.code, f"{n.code} {in_language(n.title_ja, n.title_en)}") for n in nodes]


def result_rows(item: Consultation) -> list[ResultRow]:
    """Return the published opinions with their responses (empty until the result is out)."""
    if item.result_published_at is None:
        return []
    published = item.opinions.filter(state=State.PUBLISHED).select_related("node")
    return [_row(n, o) for n, o in enumerate(published.order_by("id"), start=1)]


def _row(number: int, item: Opinion) -> ResultRow:
    """Return one result row."""
    kind = ResponseKind(item.response_kind).label if item.response_kind else _("Not yet answered")
    return ResultRow(
        number=number,
        measure=item.node.code if item.node else "",
        opinion=item.summary or item.body,
        response=str(kind),
        reason=item.response_reason,
        department=item.response_department,
        responded_on=item.responded_on.isoformat() if item.responded_on else "",
    )


def result_header() -> list[str]:
    """Return the result table's column names in the active language."""
    return [
        _("No."),
        _("Measure"),
        _("Opinion (or its summary)"),
        _("Response"),
        _("Reason"),
        _("Department"),
        _("Date of response"),
    ]


def result_records(item: Consultation) -> list[dict[str, object]]:
    """Return the result rows as plain records for the JSON download."""
    return [asdict(row) for row in result_rows(item)]


@dataclass(frozen=True)
class EasyNode:
    """A node as the children's pages show it: code, title and easy version (if written)."""

    code: str
    kind: str
    title: str
    easy: str


def easy_node(node: PlanNode) -> EasyNode:
    """Return a node with its easy version in the active language (Japanese when untranslated)."""
    easy = getattr(node, "easy_text", None)
    text = in_language(easy.text_ja, easy.text_en) if easy else ""
    return EasyNode(node.code, node.kind, in_language(node.title_ja, node.title_en), text)


def easy_nodes(plan_id: int) -> list[EasyNode]:
    """Return a plan's fields, policies and measures in document order, for the children's view."""
    kinds = [PlanNode.Kind.FIELD, PlanNode.Kind.POLICY, PlanNode.Kind.MEASURE]
    nodes = PlanNode.objects.filter(plan_id=plan_id, kind__in=kinds).select_related("easy_text")
    return [easy_node(n) for n in nodes.order_by("position")]


def _above(node: PlanNode) -> list[PlanNode]:
    """Return a node and the nodes above it."""
    found = [node]
    while found[-1].parent_id is not None:
        found.append(PlanNode.objects.get(pk=found[-1].parent_id))
    return found


def open_about(node: PlanNode, today: date) -> list[Consultation]:
    """Return the open consultations on a node, on a node above it, or on its whole plan."""
    return open_on_codes(node.plan_id, [n.code for n in _above(node)], today)


def open_on_codes(plan_id: int, codes: list[str], today: date) -> list[Consultation]:
    """Return a plan's open consultations on any of the nodes ``codes`` (a node and the nodes
    above it) or on the whole plan, the soonest to close first: one query."""
    rows = Consultation.objects.filter(plan_id=plan_id, starts_on__lte=today, ends_on__gte=today)
    mine = rows.filter(Q(node__code__in=codes) | Q(node__isnull=True))
    return list(mine.order_by("ends_on", "id"))


def opinions_on(plan_id: int, measure_code: str) -> list[Opinion]:
    """Return every opinion on a measure, in any state, by consultation and arrival (the
    workspace's evaluation sheet; never a contact)."""
    rows = Opinion.objects.filter(consultation__plan_id=plan_id, node__code=measure_code)
    return list(rows.select_related("consultation").order_by("consultation_id", "id"))


def published_results(plan_id: int) -> list[Consultation]:
    """Return a plan's consultations whose result is published, the earliest published first."""
    rows = Consultation.objects.filter(plan_id=plan_id, result_published_at__isnull=False)
    return list(rows.order_by("result_published_at", "id"))
