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


def schema_constraints(doc: Spec, node: Node) -> dict[str, JSON]:
    """The constraint keywords a schema sets (the first shape that sets each one)."""
    found: dict[str, JSON] = {}
    for shape in _shapes(doc, node):
        for keyword in KEYWORDS:
            if keyword in shape and keyword not in found:
                found[keyword] = shape[keyword]
    return found


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
