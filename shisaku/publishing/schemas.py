"""Write the JSON Schemas into a published copy, at the paths the live site serves them
(``schemas/v1/node.json``), each with its ``$id`` on the copy's address (docs/schemas.md)."""

from __future__ import annotations

from shisaku import schemas
from shisaku.publishing.output import Output


def write_schemas(out: Output, site: str) -> None:
    """Write every schema file of :mod:`shisaku.schemas` for the copy at ``site``."""
    for name in schemas.names():
        out.put(schemas.path(name).lstrip("/"), schemas.content(name, site))


def schema_list(site: str) -> list[dict[str, str]]:
    """Return the data package's ``schemas`` list: every schema's name, address on ``site`` and
    media type (a property of the package's own: Frictionless keeps what it does not define)."""
    return [
        {"name": name, "path": schemas.url(name, site), "mediatype": schemas.media_type(name)}
        for name in schemas.names()
    ]
