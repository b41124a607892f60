"""Query parameters the public pages accept, validated: a bad value is a 400 page, never a 500."""

from __future__ import annotations

import re

from django.http import HttpRequest
from django.utils.translation import gettext

from shisaku.domain.eras import ERAS

FIRST_YEAR = ERAS[-1].first_year  # 明治元年 (1868): years before it have no 和暦
LAST_YEAR = 2999
YEAR = re.compile(r"[0-9]{4}")


class BadParameter(ValueError):
    """A query parameter holds a value the page cannot use; the message says what would do."""

    def __init__(self, name: str, value: str, message: str) -> None:
        super().__init__(message)
        self.name = name
        self.value = value
        self.message = message


def assessed_year(request: HttpRequest) -> int | None:
    """Return the year asked for with ``?year=YYYY`` (None when absent or blank), or raise."""
    if "GET" not in request.__dict__ and not request.META.get("QUERY_STRING"):
        return None  # no query: not worth parsing one
    raw = request.GET.get("year", "").strip()
    if not raw:
        return None
    if YEAR.fullmatch(raw) is None or not FIRST_YEAR <= int(raw) <= LAST_YEAR:
        message = gettext("“%(value)s” is not a year from %(first)s to %(last)s, e.g. ?year=2017.")
        raise BadParameter(
            "year", raw, message % {"value": raw, "first": FIRST_YEAR, "last": LAST_YEAR}
        )
    return int(raw)
