"""Check a success body against the spec's schema and list every place that does not fit.

A small validator for the keywords the spec's response schemas use (see `_schema_data`), written
here because the client ships without jsonschema. It never raises on any JSON value; each
misfit becomes a `SpecViolation` with an RFC 6901 pointer from the body's root.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from anam_personas._schema_data import SCHEMAS

# Misfits a generated model still parses into its typed field (an unknown enum string stays a
# pseudo-member, an out-of-range number stays a number, a loose URI stays a string): the
# tolerant builder keeps the typed value for these and only lists them.
SOFT_RULES = frozenset({"additionalProperties", "enum", "maxLength", "maximum", "minLength", "minimum", "uri"})

_GOT_LIMIT = 60
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
# RFC 3339 date-time; Python's fromisoformat alone would also take dates and week dates.
_DATE_TIME = re.compile(r"\d{4}-\d\d-\d\d[Tt]\d\d:\d\d:\d\d(\.\d+)?([Zz]|[+-]\d\d:\d\d)")
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S*")


@dataclass(frozen=True)
class SpecViolation:
    """One place where a response body differs from the spec.

    `pointer` is the RFC 6901 JSON pointer from the body's root ("" is the body itself),
    `expected` what the spec asks for there, `got` a short, truncated rendering of what came.
    """

    pointer: str
    expected: str
    got: str
    rule: str = field(default="type", compare=False, repr=False)

    def __str__(self) -> str:
        return f"{self.pointer or '/'}: expected {self.expected}, got {self.got}"


def show(value: Any) -> str:
    """`value` as short JSON text; "missing" stands for an absent property."""
    try:
        text = json.dumps(value, ensure_ascii=True, default=str)
    except RecursionError:
        return f"{_json_type(value)} nested too deep to show"
    return text if len(text) <= _GOT_LIMIT else text[: _GOT_LIMIT - 3] + "..."


def child(pointer: str, key: str | int) -> str:
    text = str(key)
    if "~" in text or "/" in text:
        text = text.replace("~", "~0").replace("/", "~1")
    return f"{pointer}/{text}"


def resolve(schema: Mapping[str, Any]) -> Mapping[str, Any]:
    while "$ref" in schema:
        schema = SCHEMAS[schema["$ref"]]
    return schema


def check(value: Any, schema_name: str) -> tuple[SpecViolation, ...]:
    """Every violation of `value` against the named component schema."""
    found: list[SpecViolation] = []
    _check(value, SCHEMAS[schema_name], "", found)
    return tuple(found)


_JSON_TYPES = {type(None): "null", bool: "boolean", int: "integer", float: "number", str: "string"} | {
    list: "array",
    dict: "object",
}


def _json_type(value: Any) -> str:
    # Exact types first: response.json() only makes these; subclasses take the slow path.
    found = _JSON_TYPES.get(type(value))
    if found is not None:
        return found
    for cls, name in _JSON_TYPES.items():
        if isinstance(value, cls):
            return name
    return type(value).__name__


def _type_fits(value: Any, wanted: str) -> bool:
    actual = _json_type(value)
    if wanted == "number":
        return actual in ("integer", "number")
    if wanted == "integer" and actual == "number":
        return float(value).is_integer()
    return actual == wanted


def _describe(schema: Mapping[str, Any]) -> str:
    schema = resolve(schema)
    if "anyOf" in schema or "oneOf" in schema:
        return " or ".join(_describe(option) for option in schema.get("anyOf", schema.get("oneOf", [])))
    wanted = schema.get("type", "any value")
    types = [wanted] if isinstance(wanted, str) else list(wanted)
    text = " or ".join(types)
    return f"{text} ({schema['format']})" if "format" in schema else text


def _check(value: Any, schema: Mapping[str, Any], pointer: str, found: list[SpecViolation]) -> None:
    schema = resolve(schema)
    options = schema.get("anyOf", schema.get("oneOf"))
    if options is not None:
        _check_options(value, options, pointer, found)
        return
    wanted = schema.get("type")
    if wanted is not None:
        types = [wanted] if isinstance(wanted, str) else list(wanted)
        if not any(_type_fits(value, name) for name in types):
            found.append(SpecViolation(pointer, _describe(schema), show(value)))
            return
    if "enum" in schema and value not in schema["enum"]:
        listed = ", ".join(json.dumps(item) for item in schema["enum"])
        found.append(SpecViolation(pointer, f"one of {listed}", show(value), "enum"))
    if isinstance(value, str):
        _check_string(value, schema, pointer, found)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        _check_number(value, schema, pointer, found)
    elif isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            _check(item, schema["items"], child(pointer, index), found)
    elif isinstance(value, dict):
        _check_object(value, schema, pointer, found)


def _check_options(value: Any, options: list[Any], pointer: str, found: list[SpecViolation]) -> None:
    # Only options whose JSON type fits the value are checked in depth; when those all fail,
    # the first one's violations are reported, so a null deep inside an object points at that
    # field rather than at the whole object. With no option of the right type, report here.
    candidates = [option for option in options if _shape_fits(value, resolve(option))]
    first: list[SpecViolation] | None = None
    for option in candidates:
        attempt: list[SpecViolation] = []
        _check(value, option, pointer, attempt)
        if not attempt:
            return
        first = attempt if first is None else first
    if first is not None:
        found.extend(first)
        return
    expected = " or ".join(_describe(option) for option in options)
    found.append(SpecViolation(pointer, expected, show(value)))


def _shape_fits(value: Any, schema: Mapping[str, Any]) -> bool:
    wanted = schema.get("type")
    if wanted is None:
        return True
    return any(_type_fits(value, name) for name in ([wanted] if isinstance(wanted, str) else wanted))


def _check_string(value: str, schema: Mapping[str, Any], pointer: str, found: list[SpecViolation]) -> None:
    fmt = schema.get("format")
    if fmt == "uuid" and not _UUID.fullmatch(value):
        found.append(SpecViolation(pointer, "string (uuid)", show(value), "format"))
    elif fmt == "date-time" and not _is_date_time(value):
        found.append(SpecViolation(pointer, "string (date-time)", show(value), "format"))
    elif fmt == "uri" and not _URI.fullmatch(value):
        found.append(SpecViolation(pointer, "string (uri)", show(value), "uri"))
    if "minLength" in schema and len(value) < schema["minLength"]:
        found.append(SpecViolation(pointer, f"at least {schema['minLength']} characters", show(value), "minLength"))
    if "maxLength" in schema and len(value) > schema["maxLength"]:
        found.append(SpecViolation(pointer, f"at most {schema['maxLength']} characters", show(value), "maxLength"))


def _is_date_time(value: str) -> bool:
    if not _DATE_TIME.fullmatch(value):
        return False
    try:
        datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def _check_number(value: float, schema: Mapping[str, Any], pointer: str, found: list[SpecViolation]) -> None:
    bounds = (
        ("minimum", ">=", "minimum"),
        ("maximum", "<=", "maximum"),
        ("exclusiveMinimum", ">", "minimum"),
        ("exclusiveMaximum", "<", "maximum"),
    )
    for keyword, sign, rule in bounds:
        if keyword not in schema:
            continue
        limit = schema[keyword]
        holds = {">=": value >= limit, "<=": value <= limit, ">": value > limit, "<": value < limit}[sign]
        if not holds:
            found.append(SpecViolation(pointer, f"a number {sign} {limit}", show(value), rule))


def _check_object(value: dict[str, Any], schema: Mapping[str, Any], pointer: str, found: list[SpecViolation]) -> None:
    properties: Mapping[str, Any] = schema.get("properties", {})
    for name in schema.get("required", []):
        if name not in value:
            found.append(SpecViolation(child(pointer, name), "a required property", "missing", "required"))
    for name, item in value.items():
        if name in properties:
            _check(item, properties[name], child(pointer, name), found)
        elif schema.get("additionalProperties") is False:
            found.append(SpecViolation(child(pointer, name), "no such property", show(item), "additionalProperties"))
