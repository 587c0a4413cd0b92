"""Schema walking shared by the spec and a page's OpenAPI block: the shapes a value may take."""

from __future__ import annotations

from typing import Any

import pytest

from anam_contract.drift._schema import OPEN, Node, enum_values, lookup, options_of, properties, required, type_info
from anam_contract.spec import Spec

DOC = Spec(
    {
        "openapi": "3.1.0",
        "components": {
            "schemas": {
                "Colour": {"type": "string", "enum": ["red", "blue"]},
                "Box": {
                    "type": "object",
                    "required": ["size"],
                    "properties": {"size": {"type": "integer"}, "colour": {"$ref": "#/components/schemas/Colour"}},
                },
            }
        },
    }
)


@pytest.mark.parametrize(
    ("schema", "rendered"),
    [
        ({"type": "string", "format": "uuid"}, "string<uuid>"),
        ({"type": ["string", "null"]}, "string | null"),
        ({"anyOf": [{"$ref": "#/components/schemas/Box"}, {"type": "null"}]}, "object | null"),
        ({"oneOf": [{"type": "integer"}, {"type": "string"}]}, "integer | string"),
        ({"type": "number", "nullable": True}, "number | null"),
        ({"type": "array", "items": {"type": "string", "format": "date-time"}}, "string<date-time>[]"),
        ({"enum": ["a", None]}, "string | null"),
        ({"allOf": [{"$ref": "#/components/schemas/Box"}]}, "object"),
        ({}, "any"),
    ],
)
def test_type_info(schema: dict[str, Any], rendered: str) -> None:
    assert type_info(DOC, Node(schema)).render() == rendered


def test_enums() -> None:
    colour = Node({"anyOf": [{"$ref": "#/components/schemas/Colour"}, {"type": "null"}]})
    assert enum_values(DOC, colour) == ("red", "blue")
    assert enum_values(DOC, Node({"type": "string"})) is None
    assert options_of(DOC, Node({"type": "array", "items": {"$ref": "#/components/schemas/Colour"}})) == ("red", "blue")
    assert options_of(DOC, Node({"type": "boolean"})) == ()


def test_properties_required_and_lookup() -> None:
    box = Node({"$ref": "#/components/schemas/Box"})
    props = properties(DOC, box)
    assert props is not None and sorted(props) == ["colour", "size"]
    assert required(DOC, box) == {"size"}
    assert properties(DOC, Node({"type": "object"})) is None  # free-form
    assert properties(DOC, Node({"type": "object", "additionalProperties": False})) == {}
    listed = Node({"type": "array", "items": {"$ref": "#/components/schemas/Box"}})
    node, is_required = lookup(DOC, listed, "[].size")
    assert node is not None and type_info(DOC, node).render() == "integer" and is_required
    assert lookup(DOC, box, "weight") == (None, False)
    assert lookup(DOC, Node({"type": "object"}), "anything")[0] is OPEN


def test_rendered_child_of_an_array_of_objects() -> None:
    """Rendered pages name the fields of an array's items without `[]`: `boxes.size` for `boxes[].size`."""
    holder = Node(
        {"type": "object", "properties": {"boxes": {"type": "array", "items": {"$ref": "#/components/schemas/Box"}}}}
    )
    node, is_required = lookup(DOC, holder, "boxes.size")
    assert node is not None and node is not OPEN and type_info(DOC, node).render() == "integer" and is_required
    assert lookup(DOC, holder, "boxes.weight") == (None, False)
    assert lookup(DOC, Node({"type": "array", "items": {"type": "object"}}), "free")[0] is OPEN
