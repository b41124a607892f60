"""Every page's main table as CSV and xlsx, at ``index.csv`` / ``index.xlsx`` beside the page.

The files are written by :mod:`shisaku.tabular` (the one CSV and xlsx writer of the code base):
CSV in UTF-8 with a BOM so that Excel opens Japanese correctly, xlsx with every cell as text;
both guarded against formula injection.  Columns are stable identifiers (documented in
docs/public-site.md), rows are keyed by 全国地方公共団体コード and plan, numbers sit in their
own column beside the value as written, one value per cell.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Concatenate, ParamSpec
from urllib.parse import quote

from django.http import Http404, HttpRequest, HttpResponse

from shisaku.evaluation.reads import SAME_IN_EVERY_LANGUAGE
from shisaku.public.params import BadParameter
from shisaku.public.views import MISSING, bad_request
from shisaku.tabular import Sheet, to_csv, to_xlsx

P = ParamSpec("P")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Table:
    """A page's main table: the file name (no extension), sheet name, header and text rows."""

    name: str
    sheet: str
    header: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class Format:
    """A download format: its media type and its writer."""

    content_type: str
    write: Callable[[Table], bytes]


FORMATS: dict[str, Format] = {
    "csv": Format("text/csv; charset=utf-8", lambda t: to_csv(t.header, t.rows)),
    "xlsx": Format(XLSX, lambda t: to_xlsx([Sheet(t.sheet, t.header, t.rows)])),
}


def content_disposition(filename: str) -> str:
    """Return an attachment header: an ASCII name, plus the UTF-8 name (RFC 5987) when needed."""
    fallback = _UNSAFE.sub("_", filename).strip("_") or "download"
    header = f'attachment; filename="{fallback}"'
    if fallback != filename:
        header += f"; filename*=UTF-8''{quote(filename, safe='')}"
    return header


def file_response(table: Table, extension: str) -> HttpResponse:
    """Return ``table`` as a file download in ``extension`` (csv or xlsx)."""
    how = FORMATS[extension]
    response = HttpResponse(how.write(table), content_type=how.content_type)
    response["Content-Disposition"] = content_disposition(f"{table.name}.{extension}")
    response["Access-Control-Allow-Origin"] = "*"
    return response


TableView = Callable[Concatenate[HttpRequest, P], Table]
FileView = Callable[Concatenate[HttpRequest, P], HttpResponse]


def same_in_every_language(view: TableView[P]) -> TableView[P]:
    """Mark a table that is the same in every language (no labels, no addresses in it), so that
    a publishing run builds its files once for all languages; the publishing tests check that
    each language's files are what the live site answers."""
    setattr(view, SAME_IN_EVERY_LANGUAGE, True)
    return view


def download(view: TableView[P]) -> FileView[P]:
    """Serve the view's table in the format its URL names (``fmt``); 404 and 400 as pages do."""

    @wraps(view)
    def wrapper(request: HttpRequest, /, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        extension = str(kwargs.pop("fmt"))
        try:
            table = view(request, *args, **kwargs)
        except MISSING as error:
            raise Http404(str(error)) from error
        except BadParameter as error:
            return bad_request(request, error)
        return file_response(table, extension)

    return wrapper
