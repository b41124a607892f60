"""Limit/offset pagination: every list answers ``{"count", "limit", "offset", "items"}``.

``count`` is the number of items in the whole list; ``items`` holds at most ``limit`` of them
starting at ``offset`` (0-based). ``limit`` defaults to 50 and may be 1–500; a limit or offset
outside that range is a 422 naming the parameter, never silently changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from ninja import Schema
from pydantic import Field

DEFAULT_LIMIT = 50
MAX_LIMIT = 500

Item = TypeVar("Item")


class PageParams(Schema):
    """Which slice of a list to return."""

    limit: int = Field(
        DEFAULT_LIMIT,
        ge=1,
        le=MAX_LIMIT,
        description=f"返す件数（1〜{MAX_LIMIT}、既定 {DEFAULT_LIMIT}） / "
        f"Items per page (1–{MAX_LIMIT}, default {DEFAULT_LIMIT})",
    )
    offset: int = Field(
        0, ge=0, description="先頭から飛ばす件数 / Items to skip from the start (0-based)"
    )


class Page(Schema, Generic[Item]):
    """One page of a list and the size of the whole list."""

    count: int = Field(description="一覧全体の件数 / Items in the whole list")
    limit: int = Field(description="このページの上限件数 / Limit applied")
    offset: int = Field(description="飛ばした件数 / Offset applied")
    items: list[Item]


def page_fields(items: Sequence[Item], params: PageParams) -> dict[str, Any]:
    """Return the envelope fields of the slice of ``items`` that ``params`` asks for."""
    chosen = list(items[params.offset : params.offset + params.limit])
    return {"count": len(items), "limit": params.limit, "offset": params.offset, "items": chosen}
