"""The versioning rule of docs/schemas.md, enforced: a published schema version changes only
by additions; a change that breaks it fails here, naming the schema, the pointer and the
change, until it goes into a new version (v2) or is undone.  tests/schema_lock.py says which
changes break and why; its record is tests/fixtures/schemas/<version>.lock.json."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from tests import schema_lock
from tests.schema_lock import BREAKING, RECORD, Change


@pytest.mark.parametrize("version", schema_lock.versions())
def test_the_published_schemas_keep_their_recorded_contract(version):
    changes = schema_lock.compare(schema_lock.recorded(version), schema_lock.current(version))
    assert not changes, schema_lock.report(changes)
    assert schema_lock.recorded(version) == schema_lock.current(version), RECORD


def changes_of(name: str, edit) -> list[Change]:
    """Return the changes the comparison finds when ``edit`` alters a copy of schema ``name``."""
    before = schema_lock.stored(name)
    after = copy.deepcopy(before)
    edit(after)
    old = {name: schema_lock.record(before)}
    return schema_lock.compare(old, {name: schema_lock.record(after)})


def field(schema: dict[str, Any], name: str) -> dict[str, Any]:
    return next(f for f in schema["fields"] if f["name"] == name)


def test_an_unchanged_copy_has_no_change():
    assert changes_of("v1/exchange/plan", lambda schema: None) == []


def test_a_property_removed_from_an_answer_breaks():
    def drop_source(schema):
        del schema["properties"]["source"]
        schema["required"].remove("source")

    changes = changes_of("v1/api/figure", drop_source)
    assert changes == [Change("v1/api/figure", "", "property 'source' removed", True, True)]
    assert changes[0].breaking


def test_a_renamed_property_is_a_removal_and_an_addition():
    def rename(schema):
        schema["properties"]["origin"] = schema["properties"].pop("source")
        schema["required"] = ["origin" if k == "source" else k for k in schema["required"]]

    assert changes_of("v1/api/figure", rename) == [
        Change("v1/api/figure", "", "property 'source' removed", True, True),
        Change("v1/api/figure", "", "property 'origin' added"),
        Change("v1/api/figure", "", "'origin' now required", narrows=True),
    ]


def test_a_property_removed_with_its_object_is_said_once():
    def drop_scale(schema):
        del schema["$defs"]["methodConfig"]["properties"]["scale"]
        schema["$defs"]["methodConfig"]["required"].remove("scale")

    assert changes_of("v1/exchange/plan", drop_scale) == [
        Change("v1/exchange/plan", "/$defs/methodConfig", "property 'scale' removed", True, True)
    ]


def test_a_new_required_key_breaks():
    changes = changes_of("v1/node", lambda schema: schema["required"].append("progress"))
    assert changes == [Change("v1/node", "", "'progress' now required", narrows=True)]
    assert changes[0].breaking


def test_a_required_key_made_optional_breaks_what_a_reader_was_promised():
    changes = changes_of("v1/api/figure", lambda schema: schema["required"].remove("label"))
    assert changes == [Change("v1/api/figure", "", "'label' no longer required", weakens=True)]


def test_a_nullable_made_non_null_breaks():
    def not_null(schema):
        schema["properties"]["value"]["anyOf"].pop()  # {"type": "null"}

    assert changes_of("v1/api/figure", not_null) == [
        Change("v1/api/figure", "/properties/value", 'type "null" no longer allowed', narrows=True)
    ]


def test_a_type_narrowed_in_the_exchange_form_breaks():
    def narrow(schema):
        bands = schema["$defs"]["methodConfig"]["properties"]["scale"]["properties"]["bands"]
        bands["items"]["properties"]["min"]["type"] = "number"

    pointer = "/$defs/methodConfig/properties/scale/properties/bands/items/properties/min"
    assert changes_of("v1/exchange/plan", narrow) == [
        Change("v1/exchange/plan", pointer, 'type "null" no longer allowed', narrows=True)
    ]


def test_an_enum_narrowed_or_widened_breaks():
    def change_methods(schema):
        methods = schema["$defs"]["methodConfig"]["properties"]["method"]["enum"]
        methods.remove("points")
        methods.append("median")

    pointer = "/$defs/methodConfig/properties/method"
    assert changes_of("v1/exchange/plan", change_methods) == [
        Change("v1/exchange/plan", pointer, 'value "points" no longer allowed', narrows=True),
        Change("v1/exchange/plan", pointer, 'value "median" now allowed', weakens=True),
    ]


def test_a_tighter_bound_breaks():
    def shorter(schema):
        schema["$defs"]["footnote"]["properties"]["term"]["maxLength"] = 100

    assert changes_of("v1/exchange/plan", shorter) == [
        Change("v1/exchange/plan", "/$defs/footnote/properties/term", "maxLength 200 → 100", True)
    ]


def test_a_closed_object_opened_breaks():
    def open_up(schema):
        del schema["additionalProperties"]

    assert changes_of("v1/api/figure", open_up) == [
        Change("v1/api/figure", "", "open to other properties", False, True)
    ]


def test_an_optional_property_added_is_only_recorded():
    def add_note(schema):
        schema["properties"]["note_en"] = {"type": "string", "description": "備考 / Note"}

    changes = changes_of("v1/api/figure", add_note)
    assert changes == [Change("v1/api/figure", "", "property 'note_en' added")]
    assert not changes[0].breaking


def test_a_description_is_not_part_of_the_contract():
    def reword(schema):
        schema["properties"]["source"]["description"] = "出典（機関名） / Source (the body)"

    assert changes_of("v1/api/figure", reword) == []


def test_a_table_field_removed_or_retyped_breaks():
    def edit(schema):
        schema["fields"].remove(field(schema, "indicator_code"))
        field(schema, "period_start")["type"] = "string"

    assert changes_of("v1/tables/figures", edit) == [
        Change("v1/tables/figures", "/fields/indicator_code", "field removed", True, True),
        Change(
            "v1/tables/figures", "/fields/period_start", 'type "integer" no longer allowed', True
        ),
        Change(
            "v1/tables/figures", "/fields/period_start", 'type "string" now allowed', False, True
        ),
    ]


def test_a_column_added_at_the_end_breaks_an_input_table_only():
    def add_column(schema):
        schema["fields"].append({"name": "remark", "type": "string", "description": "備考 / Note"})

    output = changes_of("v1/tables/figures", add_column)
    assert output == [Change("v1/tables/figures", "/fields/remark", "field added")]
    assert changes_of("v1/tables/indicator-figures", add_column) == [
        Change(
            "v1/tables/indicator-figures",
            "/fields/remark",
            "field added (an input: files without it are refused)",
            narrows=True,
        )
    ]


def test_a_column_added_before_the_end_of_an_output_table_breaks():
    def insert_column(schema):
        at = schema["fields"].index(field(schema, "unit"))
        remark = {"name": "remark", "type": "string", "description": "備考 / Note"}
        schema["fields"].insert(at + 1, remark)

    changes = changes_of("v1/tables/figures", insert_column)
    assert changes == [
        Change(
            "v1/tables/figures",
            "/fields/remark",
            "field added before 'qualifier' (not at the table's end: columns read by position "
            "move)",
            weakens=True,
        )
    ]
    assert changes[0].breaking


def test_a_table_field_made_required_breaks():
    def require(schema):
        field(schema, "indicator_code")["constraints"] = {"required": True}

    assert changes_of("v1/tables/figures", require) == [
        Change("v1/tables/figures", "/fields/indicator_code", "now required", narrows=True)
    ]


def test_a_schema_removed_breaks_and_one_added_is_only_recorded():
    record = schema_lock.current("v1")
    fewer = {name: r for name, r in record.items() if name != "v1/search"}
    assert schema_lock.compare(record, fewer) == [
        Change("v1/search", "", "schema removed", True, True)
    ]
    assert schema_lock.compare(fewer, record) == [Change("v1/search", "", "schema added")]


def test_the_message_names_the_breaking_changes_and_what_to_do():
    changes = [
        Change("v1/api/figure", "", "property 'note_en' added"),
        Change("v1/api/figure", "/properties/value", 'type "null" no longer allowed', True),
    ]
    assert schema_lock.report(changes) == (
        "1 breaking change(s) of the published schemas:\n"
        '  v1/api/figure /properties/value: type "null" no longer allowed\n' + BREAKING
    )
    assert schema_lock.report(changes[:1]) == (
        "1 change(s) not yet recorded of the published schemas:\n"
        "  v1/api/figure (root): property 'note_en' added\n" + RECORD
    )
