"""The plan exchange dict: round trip and exact errors."""

import pytest

from shisaku.domain.plandict import PlanDictError, nodes_from_list
from shisaku.domain.plantree import node_to_dict
from tests.conftest import small_nodes


def test_a_tree_survives_the_round_trip_through_dicts():
    nodes = small_nodes()
    assert nodes_from_list([node_to_dict(n) for n in nodes]) == nodes


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "nodes: expected a list of nodes, found dict"),
        ([1], "nodes[0]: expected an object, found 1"),
        (
            [{"kind": "chapter", "code": "1", "title": "x"}],
            "nodes[0].kind: 'chapter' is not one of field",
        ),
        ([{"kind": "field", "title": "x"}], r"nodes\[0\].code: is missing"),
        ([{"kind": "field", "code": 1, "title": "x"}], r"nodes\[0\].code: expected str, found 1"),
        (
            [
                {
                    "kind": "field",
                    "code": "1",
                    "title": "x",
                    "children": [{"kind": "policy", "code": "1-1"}],
                }
            ],
            r"nodes\[0\].children\[0\].title: is missing",
        ),
        (
            [
                {
                    "kind": "field",
                    "code": "1",
                    "title": "x",
                    "sections": [{"key": "situation", "state": "gone"}],
                }
            ],
            r"nodes\[0\].sections\[0\].state: 'gone' is not one of present, missing, empty",
        ),
        (
            [{"kind": "field", "code": "1", "title": "x", "title_known": "no"}],
            "title_known: expected true or false",
        ),
    ],
)
def test_it_names_the_path_of_a_wrong_value(data, message):
    with pytest.raises(
        PlanDictError,
        match=message.replace("[", r"\[").replace("]", r"\]") if "\\" not in message else message,
    ):
        nodes_from_list(data)
