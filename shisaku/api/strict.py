"""The base of every object the API answers with: its JSON Schema is strict.

``extra="forbid"`` gives each object ``additionalProperties: false`` in the OpenAPI document
(an integrator may rely on no other key appearing, and a key added is a change of the
contract), and every field is ``required`` there, defaults included: the API always writes each
key, null when it has no value (the field is then nullable).
"""

from __future__ import annotations

from ninja import Schema
from pydantic import ConfigDict


class OutSchema(Schema):
    """An object of an API answer: no other key, every key present."""

    model_config = ConfigDict(extra="forbid", json_schema_serialization_defaults_required=True)
