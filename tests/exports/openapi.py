"""Validate API responses against the OpenAPI schema the app itself serves (/api/schema/)."""

from __future__ import annotations

from typing import Any

import jsonschema
import yaml
from django.test import Client


def served_schema() -> dict[str, Any]:
    response = Client().get("/api/schema/")
    assert response.status_code == 200, response.status_code
    schema: dict[str, Any] = yaml.safe_load(response.content)
    assert schema["openapi"].startswith("3.")
    return schema


def _json_schema(node: Any) -> Any:
    """OpenAPI 3.0 → JSON Schema: ``nullable`` becomes a union with null; boolean exclusive bounds become numbers."""
    if isinstance(node, list):
        return [_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {key: _json_schema(value) for key, value in node.items() if key != "nullable"}
    for bound, exclusive in (("maximum", "exclusiveMaximum"), ("minimum", "exclusiveMinimum")):
        if converted.get(exclusive) is True:
            converted[exclusive] = converted.pop(bound)
        elif converted.get(exclusive) is False:
            del converted[exclusive]
    if node.get("nullable"):
        if "type" in converted:
            converted["type"] = [converted["type"], "null"]
            if "enum" in converted:
                converted["enum"] = [*converted["enum"], None]
        else:
            converted = {"anyOf": [converted, {"type": "null"}]}
    return converted


def response_schema(schema: dict[str, Any], path: str, method: str, status: int) -> dict[str, Any]:
    """The JSON Schema of one operation's response, with the components beside it for $ref."""
    operation = schema["paths"][path][method]
    content = operation["responses"][str(status)]["content"]["application/json"]["schema"]
    return {**_json_schema(content), "components": _json_schema(schema["components"])}


def validate(schema: dict[str, Any], path: str, method: str, status: int, body: Any) -> None:
    jsonschema.Draft202012Validator(response_schema(schema, path, method, status)).validate(body)
