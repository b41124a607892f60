"""Request bodies: JSON sent as application/json in UTF-8, or an error that says what is wrong.

Ninja's own parser answers every unreadable body with a bare "Cannot parse request body".
:class:`JsonBody` raises :class:`BodyError` naming the problem instead: the Content-Type that
was sent, the first byte that is not UTF-8, the line and column of a JSON syntax error, or
nesting too deep to follow.  Ninja still wraps it in its 400; the error handlers
(:mod:`shisaku.api.errors`) take the message from there into the envelope's ``body`` detail.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest
from ninja.parser import Parser


class BodyError(ValueError):
    """A request body that is not a UTF-8 JSON document sent as application/json."""


def _decoded(body: bytes) -> str:
    """Return the body as text, or raise naming the first byte that is not UTF-8."""
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BodyError(f"本文の {error.start + 1} バイト目が UTF-8 ではありません") from error


class JsonBody(Parser):
    """Ninja's JSON parser, with an error that says what is wrong and where."""

    def parse_body(self, request: HttpRequest) -> Any:
        """Return the JSON document of the body, or raise BodyError saying why it cannot be."""
        kind = request.content_type or ""
        if kind != "application/json" and not kind.endswith("+json"):
            sent = f"送られたもの: {kind or 'なし'}"
            raise BodyError(f"Content-Type は application/json にしてください（{sent}）")
        text = _decoded(request.body)
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            where = f"{error.lineno} 行 {error.colno} 列: {error.msg}"
            raise BodyError(f"本文を JSON として読めません（{where}）") from error
        except RecursionError as error:
            raise BodyError("本文の JSON は入れ子が深すぎます") from error
