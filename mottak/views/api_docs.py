"""A readable page of the machine API at /api/, rendered from the OpenAPI schema that
/api/v1/schema/ serves (one source), with no external assets."""

from functools import cache
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

METHODS = ("get", "post", "put", "patch", "delete")


@cache
def _schema() -> dict:
    from drf_spectacular.generators import SchemaGenerator

    schema: dict[str, Any] = SchemaGenerator().get_schema(request=None, public=True)
    return schema


def _first_schema(content: dict[str, Any]) -> dict[str, Any]:
    """The schema of an OpenAPI content object's first media type ({} when it has none)."""
    for media in content.values():
        schema: dict[str, Any] = media.get("schema", {})
        return schema
    return {}


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _type_of(prop: dict) -> str:
    """A short type text: "string (binary)", "array of Finding", "Summary"."""
    if "$ref" in prop:
        return _ref_name(prop["$ref"])
    if "allOf" in prop and prop["allOf"] and "$ref" in prop["allOf"][0]:
        return _ref_name(prop["allOf"][0]["$ref"])
    kind = prop.get("type", "object")
    if kind == "array":
        return f"array of {_type_of(prop.get('items', {}))}"
    if kind == "object" and "additionalProperties" in prop:
        extra = prop["additionalProperties"]
        return f"object of {_type_of(extra)}" if isinstance(extra, dict) and extra else "object"
    extra = prop.get("format")
    text = f"{kind} ({extra})" if extra else kind
    if prop.get("enum"):
        text += ": " + ", ".join(str(v) for v in prop["enum"] if v not in ("", None))
    if prop.get("nullable"):
        text += ", null"
    return text


def _fields(schema: dict) -> list[dict]:
    """The properties of an object schema (following one $ref) as rows."""
    if "$ref" in schema:
        schema = _schema()["components"]["schemas"].get(_ref_name(schema["$ref"]), {})
    required = set(schema.get("required", []))
    names = set(_schema().get("components", {}).get("schemas", {}))
    return [
        {
            "name": name,
            "type": _type_of(prop),
            "ref": next((n for n in _type_of(prop).split() if n in names), ""),
            "required": name in required,
            "description": prop.get("description", ""),
        }
        for name, prop in schema.get("properties", {}).items()
    ]


def _endpoints() -> list[dict]:
    rows = []
    for path, item in _schema().get("paths", {}).items():
        for method in METHODS:
            op = item.get(method)
            if op is None:
                continue
            body = op.get("requestBody", {}).get("content", {})
            media, content = next(iter(body.items()), ("", {}))
            rows.append(
                {
                    "id": f"{method}-{path}".strip("/")
                    .replace("/", "-")
                    .replace("{", "")
                    .replace("}", ""),
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "parameters": [
                        {
                            "name": p["name"],
                            "where": p.get("in", ""),
                            "type": _type_of(p.get("schema", {})),
                            "required": p.get("required", False),
                            "description": p.get("description", ""),
                        }
                        for p in op.get("parameters", [])
                    ],
                    "media": media,
                    "request": _fields(_first_schema(body)) if content else [],
                    "responses": [
                        {
                            "code": code,
                            "description": r.get("description", ""),
                            "fields": _fields(_first_schema(r.get("content", {}))),
                        }
                        for code, r in op.get("responses", {}).items()
                    ],
                }
            )
    return rows


def _components() -> list[tuple[str, list[dict]]]:
    schemas = _schema().get("components", {}).get("schemas", {})
    return [(name, _fields(s)) for name, s in sorted(schemas.items()) if s.get("properties")]


def api_docs(request: HttpRequest) -> HttpResponse:
    """Public, like /api/v1/schema/: it documents the API, it holds no data."""
    schema = _schema()
    return render(
        request,
        "mottak/api_docs.html",
        {
            "info": schema.get("info", {}),
            "endpoints": _endpoints(),
            "components": _components(),
        },
    )
