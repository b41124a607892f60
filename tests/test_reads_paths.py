"""A plan's node paths, worked out once per plan by the reads, are the paths a search finds.

Data: the fictional 試験市 plan (999997, tests/conftest.py) with invented indicators.
"""

from __future__ import annotations

from shisaku.domain.nodepages import find_path, paths
from shisaku.evaluation.reads import Reads
from tests.test_publish import testville  # noqa: F401  (the fixture)


def test_the_path_to_every_node_is_the_one_a_search_of_the_tree_finds(testville):  # noqa: F811
    reads = Reads()
    plan = reads.plan("999997")
    nodes = reads.nodes(plan)
    codes = [path[-1].code for path in paths(nodes)]
    assert len(codes) > 3
    for code in [*codes, "no-such-node", ""]:
        found = reads.node_path(plan, code)
        assert found == find_path(nodes, code)
        assert all(a is b for a, b in zip(found, find_path(nodes, code), strict=True))
    found = reads.node_path(plan, codes[-1])
    found.append(found[0])  # a caller's list is its own
    assert reads.node_path(plan, codes[-1]) == find_path(nodes, codes[-1])
