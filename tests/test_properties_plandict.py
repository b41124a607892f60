"""Properties of the plan exchange form: export → import gives the same tree, and any JSON value
is read into nodes or refused with a PlanDictError naming a JSON path.
"""

from __future__ import annotations

import json

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from shisaku.domain.plandict import PlanDictError, nodes_from_list
from shisaku.domain.plantree import Node, PlanMeta, meta_to_dict, node_to_dict
from shisaku.exchange.planfiles import SCHEMA, render
from tests.test_properties_common import forests, json_values


def _export(nodes):
    return [node_to_dict(n) for n in nodes]


@settings(max_examples=200)
@given(forests())
def test_export_then_import_gives_the_same_tree(nodes):
    assert nodes_from_list(_export(nodes)) == nodes


def _document(nodes):
    """Return the exchange document export-plan writes for ``nodes``."""
    meta = meta_to_dict(PlanMeta(title="試験市総合計画", period_start=2030, period_end=2034))
    town = {"code": "999997", "name": "試験市", "name_en": "Testville"}
    return {"schema": SCHEMA, "municipality": town, "plan": meta, "nodes": _export(nodes)}


@given(forests())
def test_the_tree_survives_the_json_that_export_plan_writes(nodes):
    text = render(_document(nodes), "json")
    assert nodes_from_list(json.loads(text)["nodes"]) == nodes


@settings(max_examples=80)  # PyYAML is slow; the JSON and dict round trips run more
@given(forests())
def test_the_tree_survives_the_yaml_that_export_plan_writes(nodes):
    text = render(_document(nodes), "yaml")
    assert nodes_from_list(yaml.safe_load(text)["nodes"]) == nodes


def test_a_next_line_character_survives_yaml():
    nodes = [Node("field", "1", "a\x85b", department="\x85")]
    assert nodes_from_list(yaml.safe_load(render(_document(nodes), "yaml"))["nodes"]) == nodes


@settings(max_examples=300)
@given(json_values)
def test_any_json_value_gives_nodes_or_an_error_naming_a_path(value):
    try:
        nodes_from_list(value)
    except PlanDictError as error:
        assert error.path.startswith("nodes")


@given(forests().filter(bool), st.data())
def test_one_broken_value_in_a_valid_tree_is_refused_at_its_path(nodes, data):
    exported = _export(nodes)
    target = data.draw(st.sampled_from(list(_objects(exported, "nodes"))))
    path, obj = target
    key = data.draw(st.sampled_from(sorted(obj)))
    obj[key] = data.draw(st.sampled_from([None, 12, ["x"], {"a": 1}, "\u0000"]))
    try:
        nodes_from_list(exported)
    except PlanDictError as error:
        assert error.path.startswith(path)


def _objects(value, path):
    """Yield (JSON path, object) for every object in an exported tree."""
    if isinstance(value, dict):
        yield path, value
        for key, inner in value.items():
            yield from _objects(inner, f"{path}.{key}")
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            yield from _objects(inner, f"{path}[{i}]")
