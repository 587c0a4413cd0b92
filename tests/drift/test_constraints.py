"""Bounds and defaults as rendered pages write them."""

from __future__ import annotations

import pytest

from anam_contract.drift._constraints import read_modifier, schema_constraints, schema_default
from anam_contract.drift._schema import Node
from anam_contract.spec import Spec


@pytest.mark.parametrize(
    ("line", "bounds", "default"),
    [
        ("Required range: 1 <= x <= 100", {"minimum": 1, "maximum": 100}, None),
        ("Required range: x >= 1", {"minimum": 1}, None),
        ("Required range: 0 < x < 1.5", {"exclusiveMinimum": 0, "exclusiveMaximum": 1.5}, None),
        ("Required range: x <= 7200", {"maximum": 7200}, None),
        ("Required string length: 1 - 64", {"minLength": 1, "maxLength": 64}, None),
        ("Required array length: 1 - 5 elements", {"minItems": 1, "maxItems": 5}, None),
        ("Maximum length: 10", {"maxLength": 10}, None),
        ("Pattern: `^[a-z]+$`", {"pattern": "^[a-z]+$"}, None),
        ("default:10", {}, (10,)),
        ("default: cara-3", {}, ("cara-3",)),
    ],
)
def test_read_modifier(line: str, bounds: dict[str, object], default: tuple[object] | None) -> None:
    read = read_modifier(line)
    assert read is not None
    assert read[0] == bounds
    assert ((read[1],) if read[2] else None) == default


@pytest.mark.parametrize("line", ["Required range: somewhere", "Colour: red", "Maximum length: many"])
def test_unreadable_modifier(line: str) -> None:
    assert read_modifier(line) is None


def test_schema_side() -> None:
    doc = Spec({"openapi": "3.1.0"})
    node = Node({"anyOf": [{"type": "integer", "minimum": 1}, {"type": "null"}], "default": 5, "maximum": 9})
    assert schema_constraints(doc, node) == {"maximum": 9, "minimum": 1}
    assert schema_default(doc, node) == (5,)
    assert schema_default(doc, Node({"type": "string"})) == ()
