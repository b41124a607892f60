"""A publishing run reads what is about the whole site (the municipalities, the latest changes,
every plan's facts) once, not once for each group of municipalities it loads.

Data: the fictional 試験市 plan (999997, tests/conftest.py) with invented indicators, and two
more fictional municipalities (tests/test_plan_views_kept.py).
"""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from shisaku.evaluation import reads as reads_module
from shisaku.evaluation.reads import Reads
from tests.test_publish import run, testville  # noqa: F401  (the fixture)


def test_the_whole_sites_answers_are_carried_over_and_a_plans_are_not(testville):  # noqa: F811
    reads = Reads()
    plan = reads.plan("999997")
    towns, recent, facts = reads.towns(), reads.recent(), reads.every_facts()
    reads.nodes(plan)
    following = reads.site_wide()
    with CaptureQueriesContext(connection) as carried:
        assert following.towns() == towns
        assert following.recent() is recent
        assert following.every_facts() is facts
        assert following.facts(plan) is facts[plan.id]
    assert len(carried) == 0
    with CaptureQueriesContext(connection) as read_again:
        assert following.nodes(plan) == reads.nodes(plan)
    assert len(read_again) > 0
    assert following.site_wide().recent() is recent


def test_a_run_in_groups_reads_the_latest_changes_once(
    testville,  # noqa: F811
    operator,
    tmp_path,
    monkeypatch,
):
    from shisaku.publishing import site
    from tests.test_plan_views_kept import _town

    _town(operator, "012025", "別試験市")
    _town(operator, "999989", "三試験市")
    calls: list[int] = []
    recent_updates = reads_module.recent_updates

    def counted() -> list[reads_module.Update]:
        calls.append(1)
        return recent_updates()

    monkeypatch.setattr(reads_module, "recent_updates", counted)
    monkeypatch.setattr(site, "TOWNS_AT_ONCE", 1)
    run(tmp_path, jobs=1)
    assert len(calls) == 1
