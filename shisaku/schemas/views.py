"""Serve the schemas at ``/schemas/<name>.json`` (``/schemas/v1/node.json``), each with its
``$id`` on the site that answers, readable by any site as the JSON twins are."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse

from shisaku import schemas


def schema(request: HttpRequest, name: str) -> HttpResponse:
    """Return one schema, or 404 when no schema has that name."""
    if name not in schemas.names():
        raise Http404(f"no schema {name}")
    site = f"{request.scheme}://{request.get_host()}"
    response = HttpResponse(schemas.content(name, site), content_type=schemas.media_type(name))
    response["Access-Control-Allow-Origin"] = "*"
    return response
