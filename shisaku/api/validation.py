"""Turn pydantic's validation errors into (field, message) pairs, Japanese first.

Ninja reports where each error is as ``(source, parameter, field…)``: ``("body", "payload",
"value")``, ``("query", "limit")``, ``("header", "If-Match")``. The field a client can act on is
what follows the source, without the name of the body parameter (always ``payload`` here).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from pydantic_core import PydanticCustomError

from shisaku.domain.typedtext import refusal_en, refusal_ja, refused_character

BODY_PARAMETER = "payload"

# pydantic error type → Japanese message, from the error's context
MESSAGES: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "missing": lambda ctx: "必須の項目です",
    "extra_forbidden": lambda ctx: "この項目は使えません（未知の項目）",
    "string_type": lambda ctx: "文字列にしてください",
    "int_parsing": lambda ctx: "整数にしてください",
    "int_type": lambda ctx: "整数にしてください",
    "literal_error": lambda ctx: f"次のいずれかにしてください: {ctx.get('expected', '')}",
    "greater_than_equal": lambda ctx: f"{ctx.get('ge')} 以上にしてください",
    "less_than_equal": lambda ctx: f"{ctx.get('le')} 以下にしてください",
    "string_pattern_mismatch": lambda ctx: f"形式が違います（{ctx.get('pattern')}）",
    "string_too_long": lambda ctx: f"{ctx.get('max_length')} 文字以内にしてください",
    "string_too_short": lambda ctx: f"{ctx.get('min_length')} 文字以上にしてください",
    "string_unicode": lambda ctx: "Unicode の文字列にしてください（対のないサロゲートは不可）",
    "model_attributes_type": lambda ctx: "JSON のオブジェクトにしてください",
    "dict_type": lambda ctx: "JSON のオブジェクトにしてください",
}


def field_name(loc: Any) -> str:
    """Return the field a location names: ``value``, ``limit``, ``If-Match`` or ``body``."""
    parts = [str(p) for p in loc][1:] if isinstance(loc, list | tuple) else [str(loc)]
    if parts and parts[0] == BODY_PARAMETER:
        parts = parts[1:]
    return ".".join(parts) or "body"


def message(error: Mapping[str, Any]) -> str:
    """Return the Japanese message of one error, with pydantic's English after it."""
    english = str(error.get("msg", ""))
    make = MESSAGES.get(str(error.get("type", "")))
    if make is None:
        return english
    return f"{make(error.get('ctx') or {})} / {english}"


def validation_details(errors: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """Return (field, message) for each of Ninja's validation errors."""
    return [(field_name(e.get("loc", ())), message(e)) for e in errors]


def printable(text: str) -> str:
    """Return ``text``, or refuse the characters a file import and the workspace refuse
    (:mod:`shisaku.domain.typedtext`: control and text-direction characters, NUL among them)."""
    bad = refused_character(text)
    if bad is not None:
        message = f"{refusal_ja(bad)} / {refusal_en(bad)}"
        raise PydanticCustomError("control_character", message, {"point": f"U+{ord(bad):04X}"})
    return text
