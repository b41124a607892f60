"""Unknown query parameters are refused: a 400 naming each one and listing those accepted.

Which parameters an address accepts is read from its operations' declared query models (the
same declaration the OpenAPI document is generated from), so a new endpoint is checked without
a word here. ``?q=青森`` on a list that has no ``q`` would otherwise be ignored and answer
everything, which looks like a search that found all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponseBase
from ninja import NinjaAPI
from ninja.utils import normalize_path, replace_path_param_notation

from shisaku.api.errors import ApiError, ErrorDetail

View = Callable[..., HttpResponseBase]
Answer = Callable[[HttpRequest, ApiError], HttpResponseBase]


def _query_names(operation: Any) -> frozenset[str]:
    """Return the query parameter names an operation declares (its flattened query models)."""
    names: set[str] = set()
    for model in operation.models:
        if getattr(model, "__ninja_param_source__", "") == "query":
            names.update(getattr(model, "__ninja_flatten_map__", {}) or model.model_fields)
    return frozenset(names)


def _route(prefix: str, path: str) -> str:
    """Return the Django route of a router path, as Ninja builds it."""
    joined = "/".join(p for p in (prefix, replace_path_param_notation(path)) if p)
    return normalize_path(joined).lstrip("/")


def accepted_queries(api: NinjaAPI) -> dict[str, dict[str, frozenset[str]]]:
    """Return, for each route of ``api``'s routers, the query names each method accepts."""
    accepted: dict[str, dict[str, frozenset[str]]] = {}
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            methods = accepted.setdefault(_route(prefix, path), {})
            for operation in path_view.operations:
                methods.update(dict.fromkeys(operation.methods, _query_names(operation)))
    return accepted


def unknown_parameters(request: HttpRequest, accepted: frozenset[str]) -> ApiError | None:
    """Return the 400 for the query parameters ``request`` sends that are not ``accepted``."""
    unknown = sorted(set(request.GET) - accepted)
    if not unknown:
        return None
    listed = ", ".join(sorted(accepted))
    ja = f"使えるもの: {listed}" if accepted else "このアドレスはクエリパラメーターを受け付けません"
    en = f"accepted: {listed}" if accepted else "this address takes no query parameters"
    message = (
        f"不明なクエリパラメーター {', '.join(unknown)}（{ja}） / "
        f"Unknown query parameter {', '.join(unknown)} ({en})"
    )
    return ApiError(400, message, _details(unknown, ja))


def _details(unknown: Iterable[str], accepted: str) -> list[ErrorDetail]:
    """Return one detail per unknown parameter, saying what would be accepted."""
    return [
        ErrorDetail(field=name, message=f"不明なクエリパラメーターです（{accepted}）")
        for name in unknown
    ]


def refusing_unknown(view: View, methods: Mapping[str, frozenset[str]], answer: Answer) -> View:
    """Return ``view`` preceded by the check of its query parameters (per request method)."""

    @wraps(view)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        accepted = methods.get(request.method or "")
        refused = None if accepted is None else unknown_parameters(request, accepted)
        return view(request, *args, **kwargs) if refused is None else answer(request, refused)

    return checked
