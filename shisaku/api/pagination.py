"""Limit/offset pagination: every list answers ``{"count", "limit", "offset", "next", "items"}``.

``count`` is the number of items in the whole list; ``items`` holds at most ``limit`` of them
starting at ``offset`` (0-based); ``next`` is the address of the following page (the same
query with the offset moved on), null on the last. ``limit`` defaults to 50 and may be 1–500;
a limit or offset outside that range is a 422 naming the parameter, never silently changed.
A long list (an indicator's figures) is sliced by the database: :func:`page_of` takes the
count and the slice, so a page costs the same however long the list.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from django.http import HttpRequest
from ninja import Schema
from pydantic import Field

from shisaku.api.strict import OutSchema

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


class Page(OutSchema, Generic[Item]):
    """一覧の 1 ページ / One page of a list and the size of the whole list."""

    count: int = Field(description="一覧全体の件数 / Items in the whole list")
    limit: int = Field(description="このページの上限件数 / Limit applied")
    offset: int = Field(description="飛ばした件数 / Offset applied")
    next: str | None = Field(
        description="次のページのアドレス（最後のページは null） / "
        "Address of the next page, null on the last"
    )
    items: list[Item] = Field(description="このページの項目 / The items of this page")


def page_fields(items: Sequence[Item], params: PageParams, request: HttpRequest) -> dict[str, Any]:
    """Return the envelope fields of the slice of ``items`` that ``params`` asks for."""
    chosen = list(items[params.offset : params.offset + params.limit])
    return page_of(len(items), chosen, params, request)


def page_of(
    count: int, chosen: Sequence[Item], params: PageParams, request: HttpRequest
) -> dict[str, Any]:
    """Return the envelope fields of a page already sliced from a list of ``count`` items."""
    return {
        "count": count,
        "limit": params.limit,
        "offset": params.offset,
        "next": next_url(count, params, request),
        "items": list(chosen),
    }


def next_url(count: int, params: PageParams, request: HttpRequest) -> str | None:
    """Return the request's address with the offset of the following page, or None."""
    after = params.offset + params.limit
    if after >= count:
        return None
    query = request.GET.copy()
    query["offset"] = str(after)
    return f"{request.path}?{query.urlencode()}"
