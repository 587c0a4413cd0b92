"""Malformed parts of a spec are named by JSON pointer before the walk reads them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from anam_contract.diff._wellformed import first_problem
from tests.diff._specs import Document, Mutation, document, mutated, operation, schema


def _set(node_of: Callable[[Document], dict[str, Any]], key: str, value: object) -> Mutation:
    return lambda doc: node_of(doc).__setitem__(key, value)


def _persona(doc: Document) -> dict[str, Any]:
    return schema(doc, "Persona")


def _create(doc: Document) -> dict[str, Any]:
    return operation(doc, "/v1/personas", "post")


@pytest.mark.parametrize(
    ("mutation", "message"),
    [
        (
            _set(_persona, "required", "id"),
            "/components/schemas/Persona/required is a string, not a list of property names",
        ),
        (_set(_persona, "properties", []), "/components/schemas/Persona/properties is a list, not an object"),
        (
            _set(lambda d: schema(d, "VoiceGender"), "enum", "MALE"),
            "/components/schemas/VoiceGender/enum is a string, not a list",
        ),
        (_set(_create, "responses", None), "/paths/~1v1~1personas/post/responses is null, not an object"),
        (
            _set(lambda d: _create(d)["requestBody"]["content"], "application/json", "x"),
            "/paths/~1v1~1personas/post/requestBody/content/application~1json is a string, not an object",
        ),
        (
            _set(lambda d: d["components"]["parameters"]["PersonaId"], "name", 5),
            "/components/parameters/PersonaId/name is a number, not a string",
        ),
        (
            _set(lambda d: _persona(d)["properties"]["name"], "type", {"x": 1}),
            "/components/schemas/Persona/properties/name/type is an object, not a type name or a list of them",
        ),
        (_set(lambda d: d, "security", {}), "/security is an object, not a list"),
    ],
)
def test_the_first_malformed_node_is_named(mutation: Mutation, message: str) -> None:
    assert first_problem(mutated(mutation)) == message


def test_the_project_spec_and_property_names_that_look_like_keywords_are_fine() -> None:
    assert first_problem(document()) is None
    # Under `properties` the keys are field names: a field called `required` or `enum` is a schema, not a keyword.
    odd_names = mutated(lambda doc: _persona(doc)["properties"].update({"required": {"type": "boolean"}, "enum": {}}))
    assert first_problem(odd_names) is None
