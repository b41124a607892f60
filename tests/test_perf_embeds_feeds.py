"""The feeds' fast paths give what the slow ones gave: the newest revisions ranked once per plan
(as a scan of every revision with heapq.nlargest chose them, ties included), and entries
written as strings (as Django's SAX writer wrote them)."""

from __future__ import annotations

import heapq
import io
from datetime import UTC, datetime, timedelta, timezone
from types import SimpleNamespace
from typing import Any

import pytest
from django.utils.encoding import iri_to_uri
from django.utils.feedgenerator import Atom1Feed
from django.utils.xmlutils import SimplerXMLGenerator, UnserializableContentError

from shisaku.evaluation.reads import Reads
from shisaku.indicators.queries import FigureView
from shisaku.public.embeds import atom, newest

PLAN: Any = SimpleNamespace(id=7, municipality_code="022012", meta=SimpleNamespace(slug="p"))
T0 = datetime(2024, 4, 1, 9, tzinfo=UTC)


def figure(at: datetime, period: str, revision: int = 1) -> FigureView:
    """Return an actual of ``period`` entered ``at``."""
    return FigureView(
        "actual", period, 2020, 2020, "", "1", "number", None, "", "", "", [], "", "",
        revision, True, "", at,
    )  # fmt: skip


class FakeReads(Reads):
    """Reads of one plan's indicators and histories, given."""

    def __init__(self, views: list[Any], histories: dict[int, list[FigureView]]) -> None:
        super().__init__()
        self.given = views, histories

    def indicators(self, plan: Any) -> Any:
        return self.given[0]

    def histories(self, plan: Any) -> dict[int, list[FigureView]]:
        return self.given[1]


def scanned(reads: FakeReads, codes: set[str] | None, limit: int) -> list[tuple[Any, Any]]:
    """Return the newest revisions as the feeds chose them before (a scan of them all)."""
    revisions = (
        (f.entered_at, newest.entry_id(PLAN, view, f), view, f)
        for view in reads.indicators(PLAN)
        if codes is None or view.node_code in codes
        for f in reads.histories(PLAN).get(view.id, [])
    )
    chosen = heapq.nlargest(limit, revisions, key=lambda r: (r[0], r[1]))
    return [(view, f) for _, _, view, f in chosen]


def plan_reads(spread: int) -> FakeReads:
    """Return reads of six indicators on three nodes, ten revisions each, entered at ``spread``
    instants at most (1000: each at its own), one indicator without figures, and two indicators
    of the same code (some of their entries have the same id)."""
    views = [SimpleNamespace(id=i, code=f"I{i % 5}", node_code=f"M{i % 3}") for i in range(1, 8)]
    histories = {
        v.id: [
            figure(T0 + timedelta(minutes=(v.id * 10 + n) % spread), f"{2010 + n}", 1 + n % 2)
            for n in range(10)
        ]
        for v in views[:-1]
    }
    return FakeReads(views, histories)


@pytest.mark.parametrize("spread", [1000, 11, 1])
@pytest.mark.parametrize("codes", [None, {"M0"}, {"M1", "M2"}, {"M0", "M1", "M2"}, {"X"}])
@pytest.mark.parametrize("limit", [1, 7, 50, 100])
def test_the_newest_revisions_are_those_a_scan_of_every_revision_chose(spread, codes, limit):
    reads = plan_reads(spread)
    assert newest.ranked(reads, PLAN).newest(codes, limit) == scanned(reads, codes, limit)


def test_a_plan_s_revisions_are_ranked_once():
    reads = plan_reads(1000)
    assert newest.ranked(reads, PLAN) is newest.ranked(reads, PLAN)


def django_entries(items: list[dict[str, Any]]) -> str:
    """Return the entries as Django's Atom writer writes them."""
    out = io.StringIO()
    handler = SimplerXMLGenerator(out, "utf-8", short_empty_elements=True)
    feed = Atom1Feed("t", "https://example.org/", "d")
    for item in items:
        feed.add_item(**item)
    Atom1Feed.write_items(feed, handler)
    return out.getvalue()


JST = timezone(timedelta(hours=9))
ITEMS: list[dict[str, Any]] = [
    {"title": "A1 人口: 実績 2020", "link": "https://example.org/ja/a/", "description": "x"},
    {"title": "<b>&\"'\n\t</b>", "link": "https://e.org/?a=1&b=\"'<>\n", "description": ""},
    {"title": "", "link": "", "description": "&amp;", "unique_id": ""},
    {"title": "t", "link": "/ja/", "description": "d", "pubdate": datetime(2024, 1, 2, 3)},
]


@pytest.mark.parametrize("item", ITEMS)
def test_an_entry_is_written_as_django_writes_it(item):
    when = item.get("pubdate", T0.astimezone(JST))
    kwargs: dict[str, Any] = {
        "unique_id": "tag:x,2024:a/b",
        "pubdate": when,
        "updateddate": when,
    } | item
    feed = Atom1Feed("t", "https://example.org/", "d")
    feed.add_item(**kwargs)
    assert atom.entry(feed.items[0]) == django_entries([kwargs])


def test_an_entry_updated_at_another_time_says_both_dates():
    kwargs: dict[str, Any] = {"title": "t", "link": "/", "description": "d", "unique_id": "i"}
    kwargs |= {"pubdate": T0, "updateddate": T0.astimezone(JST) + timedelta(hours=1)}
    feed = Atom1Feed("t", "https://example.org/", "d")
    feed.add_item(**kwargs)
    assert atom.entry(feed.items[0]) == django_entries([kwargs])


def test_an_entry_with_a_control_character_is_refused_as_django_refuses_it():
    with pytest.raises(UnserializableContentError):
        atom.element("title", "a\x07b")


@pytest.mark.parametrize("item", ITEMS)
def test_an_entry_summarised_by_its_title_is_written_as_django_writes_it(item):
    when = item.get("pubdate", T0.astimezone(JST))
    kwargs: dict[str, Any] = {"unique_id": "tag:x,2024:a/b"} | item
    kwargs |= {"description": kwargs["title"], "pubdate": when, "updateddate": when}
    href = atom.attribute(iri_to_uri(kwargs["link"]))  # as Django's add_item keeps it
    written = atom.summarised(kwargs["title"], href, when, kwargs["unique_id"])
    assert written == django_entries([kwargs])
