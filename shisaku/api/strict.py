"""The base of every object the API answers with: its JSON Schema is strict and described.

``extra="forbid"`` gives each object ``additionalProperties: false`` in the OpenAPI document
(an integrator may rely on no other key appearing, and a key added is a change of the
contract), and every field is ``required`` there, defaults included: the API always writes each
key, null when it has no value (the field is then nullable).

Descriptions are ``"<日本語> / <English>"``: an object's is its class docstring, a key's its
``Field(description=…)``; a key that means the same wherever it appears (``api_url``,
``title_en``, ``unit`` …) is described once in :data:`COMMON`, used where the field gives none.
"""

from __future__ import annotations

from typing import Any

from ninja import Schema
from pydantic import ConfigDict

# key → its description wherever a field of that name gives none
COMMON = {
    "api_url": "API のアドレス / Address of this resource in the API",
    "url": "公開ページ（なければ null） / Public page (null when there is none)",
    "name": "名称（日本語） / Name in Japanese",
    "name_en": "英語の名称（なければ空） / Name in English (empty when there is none)",
    "title": "見出し（日本語） / Title in Japanese",
    "title_en": "英語の見出し（なければ空） / Title in English (empty when there is none)",
    "text": "本文（日本語） / Text in Japanese",
    "text_en": "本文の英訳（なければ空） / Text in English (empty when there is none)",
    "unit": "単位（なければ空） / Unit (empty when there is none)",
    "code": "番号 / Code",
    "grade": "評価（例: A） / Grade (e.g. A)",
    "grade_label": "評価の説明（例: 100%以上） / The grade's label",
    "ratio": "達成率（1.0 = 100%、求められなければ null） / Achievement ratio (1.0 = 100%), "
    "null when it cannot be computed",
    "node_code": "属するノードの番号 / Code of the plan node it belongs to",
    "municipality": "団体 / Municipality",
    "source": "出典 / Source",
    "note": "備考 / Note",
    "raw": "原文のセル / The cell as published",
    "period_start": "期間の最初の年 / First year of the period",
    "period_end": "期間の最後の年 / Last year of the period",
    "qualifier": "修飾語（約、以上、見込 など） / Qualifier (約 about, 以上 at least, 見込 "
    "expected …)",
    "counts": "評価ごとの指標の数 / Indicators per grade",
    "assessed": "評価できた指標の数 / Indicators graded",
    "missing": "未評価の指標の数（割合の分母に含めない） / Indicators not graded "
    "(not in the share)",
    "on_track_share": "順調な指標の割合（評価できた指標がなければ null） / Share of the graded "
    "indicators on track (null when none is graded)",
    "rule": "順調の割合の求め方 / How the on-track share is computed",
    "weights_normalised": "重みを合計 1 にそろえたか / Whether the weights were scaled to sum to 1",
    "footnotes": "※の注釈 / Footnotes (※)",
    "formula": "数値を入れた計算式 / The formula with the numbers",
    "result": "結果 / The result",
    "explanation": "結果の求め方 / How the result was reached",
    "version": "計画の版（1 から） / Version of the plan, from 1",
    "parent_code": "親ノードの番号（最上位は null） / Code of the parent node (null at the top)",
    "department": "担当課 / Responsible department",
}


def describe_common(schema: dict[str, Any], model: type) -> None:
    """Describe each property of ``schema`` that has no description by :data:`COMMON`."""
    for key, prop in schema.get("properties", {}).items():
        if "description" not in prop and key in COMMON:
            prop["description"] = COMMON[key]


class OutSchema(Schema):
    """An object of an API answer: no other key, every key present, every key described."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_serialization_defaults_required=True,
        json_schema_extra=describe_common,
    )
