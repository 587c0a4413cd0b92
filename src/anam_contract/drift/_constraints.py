"""Bounds, lengths, patterns and defaults: as a rendered page writes them, and as a schema holds them."""

from __future__ import annotations

import json
import re

from anam_contract.drift._model import JSON
from anam_contract.drift._schema import Node, branches, resolve
from anam_contract.spec import Spec

KEYWORDS = (
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "pattern",
)
_NUMBER = r"-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?"
_RANGE = re.compile(rf"(?:(?P<low>{_NUMBER})\s*(?P<lop><=?)\s*)?x(?:\s*(?P<hop><=?|>=?)\s*(?P<high>{_NUMBER}))?")
_LENGTH = re.compile(rf"(?P<low>{_NUMBER})\s*-\s*(?P<high>{_NUMBER})(?:\s+elements?)?")


def _number(text: str) -> JSON:
    value = json.loads(text)
    return int(value) if isinstance(value, float) and value.is_integer() and "." not in text else value


def read_modifier(text: str) -> tuple[dict[str, JSON], JSON, bool] | None:
    """(constraints, default, has_default) from a modifier line; None when it is not one this reads."""
    label, _, rest = text.partition(":")
    label, rest = label.strip().lower(), rest.strip()
    if label == "default":
        try:
            return {}, json.loads(rest), True
        except json.JSONDecodeError:
            return {}, rest, True
    if label == "required range":
        bounds = _range(rest)
        return None if bounds is None else (bounds, None, False)
    if label in ("required string length", "required array length"):
        match = _LENGTH.fullmatch(rest)
        if match is None:
            return None
        kind = "Length" if "string" in label else "Items"
        return {f"min{kind}": _number(match["low"]), f"max{kind}": _number(match["high"])}, None, False
    pairs = (
        ("minimum length", "minLength"),
        ("maximum length", "maxLength"),
        ("minimum", "minimum"),
        ("maximum", "maximum"),
        ("pattern", "pattern"),
    )
    for prefix, key in pairs:
        if label == prefix:
            if key == "pattern":
                return {key: rest.strip("`")}, None, False
            try:
                return {key: _number(rest)}, None, False
            except json.JSONDecodeError:
                return None
    return None


def _range(text: str) -> dict[str, JSON] | None:
    match = _RANGE.fullmatch(text)
    if match is None or not (match["low"] or match["high"]):
        return None
    found: dict[str, JSON] = {}
    if match["low"]:
        found["minimum" if match["lop"] == "<=" else "exclusiveMinimum"] = _number(match["low"])
    if match["high"]:
        operator = match["hop"]
        key = {"<=": "maximum", "<": "exclusiveMaximum", ">=": "minimum", ">": "exclusiveMinimum"}[operator]
        found[key] = _number(match["high"])
    return found


# The JSON types each keyword constrains: a variant of another type leaves the keyword's bound alone.
_APPLIES_TO = {
    **dict.fromkeys(("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"), ("number", "integer")),
    **dict.fromkeys(("minLength", "maxLength", "pattern"), ("string",)),
    **dict.fromkeys(("minItems", "maxItems"), ("array",)),
}
_LOWER = {"minimum", "exclusiveMinimum", "minLength", "minItems"}


def schema_constraints(doc: Spec, node: Node) -> dict[str, JSON]:
    """The bounds of every value the schema accepts.

    Keywords beside `anyOf`/`oneOf` hold for all; inside, the variants (`ElevenLabs V1`, `Fish Audio`...)
    may bound one property differently, and a value is fine when any variant takes it: the lowest
    minimum and the highest maximum count, and a bound only some variants of that type set is no bound.
    """
    top = resolve(doc, node).schema
    found = _bounds_of(top) if isinstance(top, dict) else {}
    shapes = [_with_bounds(branch.schema) for branch in branches(doc, node)]
    for keyword in KEYWORDS:
        if keyword in found:
            continue
        relevant = [shape for shape in shapes if keyword in shape or _applies(keyword, shape)]
        if not relevant or any(keyword not in shape for shape in relevant):
            continue  # some variant of that type has no such bound: together they have none
        values: list[JSON] = [shape[keyword] for shape in relevant]
        if keyword == "pattern":
            if len({json.dumps(value) for value in values}) == 1:
                found[keyword] = values[0]
            continue
        if all(isinstance(value, (int, float)) and not isinstance(value, bool) for value in values):
            found[keyword] = min(values) if keyword in _LOWER else max(values)
    return found


def _bounds_of(schema: dict[str, JSON]) -> dict[str, JSON]:
    """The constraint keywords of one schema, OpenAPI 3.0's `exclusiveMaximum: true` beside `maximum: 1`
    read as 3.1's `exclusiveMaximum: 1` so that both versions compare alike."""
    found = {keyword: schema[keyword] for keyword in KEYWORDS if keyword in schema}
    for exclusive, inclusive in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
        flag = found.get(exclusive)
        if isinstance(flag, bool):
            del found[exclusive]
            if flag and inclusive in found:
                found[exclusive] = found.pop(inclusive)
    return found


def _with_bounds(schema: dict[str, JSON]) -> dict[str, JSON]:
    return {**{key: value for key, value in schema.items() if key not in KEYWORDS}, **_bounds_of(schema)}


def _applies(keyword: str, shape: dict[str, JSON]) -> bool:
    """Whether a variant is of a type the keyword constrains; a variant with no stated type may be any."""
    declared = shape.get("type")
    kinds = [declared] if isinstance(declared, str) else declared if isinstance(declared, list) else None
    if kinds is None:
        return "properties" not in shape and "items" not in shape and "enum" not in shape and "const" not in shape
    return any(kind in _APPLIES_TO[keyword] for kind in kinds)


def _shapes(doc: Spec, node: Node) -> list[dict[str, JSON]]:
    """The schema itself (keywords may sit beside `anyOf`), then each shape it may take."""
    top = resolve(doc, node).schema
    shapes = [top] if isinstance(top, dict) else []
    return shapes + [branch.schema for branch in branches(doc, node)]


def schema_default(doc: Spec, node: Node) -> tuple[JSON, ...]:
    """(default,) when the schema has one, else ()."""
    for shape in _shapes(doc, node):
        if "default" in shape:
            return (shape["default"],)
    return ()
