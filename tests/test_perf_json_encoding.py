"""The shortcuts of the JSON twins write what the plain ways wrote: time stamps as
``datetime.isoformat`` writes them, keys other than plain strings as ``OPT_NON_STR_KEYS``
writes them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

import orjson
import pytest

from shisaku.domain.explain import Text
from shisaku.public.indicators.documents import isoformats, plain_keys
from shisaku.public.renderers import json_bytes

TIMES = [
    datetime(2026, 12, 7, 19, 57, 39, 404147, tzinfo=UTC),
    datetime(2026, 12, 7, 19, 57, 39, tzinfo=UTC),  # no microseconds: none written
    datetime(999, 1, 2, 3, 4, 5, 6, tzinfo=UTC),
    datetime(2020, 1, 1, 0, 0, 0, 10),  # naive: no offset
]


def test_isoformats_of_naive_and_utc_times_are_isoformat() -> None:
    assert isoformats(TIMES) == [t.isoformat() for t in TIMES]


def test_isoformats_of_other_zones_are_isoformat() -> None:
    odd = [
        datetime(2020, 1, 1, tzinfo=timezone(timedelta(seconds=30))),  # orjson: +00:01
        datetime(2020, 6, 1, tzinfo=ZoneInfo("Asia/Tokyo")),
        *TIMES,
    ]
    assert isoformats(odd) == [t.isoformat() for t in odd]


def test_isoformats_of_nothing() -> None:
    assert isoformats([]) == []


def test_plain_keys_keeps_the_text_of_phrase_keys() -> None:
    inputs: dict[str, str] = {Text("in.direction"): Text("direction.qualitative")}
    plain = plain_keys(inputs)
    assert plain == inputs
    assert [type(k) for k in plain] == [str]


def test_json_bytes_writes_any_key_as_before() -> None:
    """A document with keys that are not plain strings is written as with OPT_NON_STR_KEYS
    from the start (numbers, phrases), and its values as Django writes them."""
    data = {"a": {1: "one", Text("in.direction"): Decimal("1.50")}, "b": [True, None]}
    key = str(Text("in.direction"))
    lines = ["{", '  "a": {', '    "1": "one",', f'    "{key}": "1.50"', "  },"]
    lines += ['  "b": [', "    true,", "    null", "  ]", "}"]
    assert json_bytes(data) == "\n".join(lines).encode()
    assert orjson.loads(json_bytes({"x": 1})) == {"x": 1}


@pytest.mark.parametrize("value", [[], {}, [1, {"a": [1, 2], "b": {}}], "x", {"k": [{"z": 1}]}])
@pytest.mark.parametrize("depth", [1, 2, 3])
def test_json_bytes_at_a_depth_is_what_the_document_holds(value: object, depth: int) -> None:
    whole: object = value
    fragment: object = orjson.Fragment(json_bytes(value, depth=depth))
    for _ in range(depth):
        whole, fragment = {"m": whole}, {"m": fragment}
    assert json_bytes(fragment) == json_bytes(whole)
