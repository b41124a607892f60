"""A twin's member shared by a plan's twins (its municipality, plan, method) is written once
per object and place, and is what writing it afresh gives."""

from __future__ import annotations

from typing import Any

from django.utils import translation

from shisaku.public.indicators.documents import _Shared
from shisaku.public.renderers import json_bytes
from shisaku.settled import settled


class Source:
    def __init__(self, name: str) -> None:
        self.name = name


def _made(source: Source) -> dict[str, Any]:
    return {"name": source.name, "language": translation.get_language(), "nested": {"a": [1]}}


def test_written_once_per_object_and_place() -> None:
    shared = _Shared(_made)
    one, two = Source("一"), Source("二")
    with translation.override("ja"), settled():
        first = shared(one)
        assert shared(one) is first
        assert shared(two) is not first
        assert json_bytes({"m": first}) == json_bytes({"m": _made(one)})
    with translation.override("en"), settled():
        english = shared(one)
        assert english is not first
        assert json_bytes({"m": english}) == json_bytes({"m": _made(one)})


def test_outside_a_settled_place_written_afresh() -> None:
    shared = _Shared(_made)
    one = Source("一")
    with translation.override("ja"):
        assert shared(one) is not shared(one)
    assert shared.written == ()
