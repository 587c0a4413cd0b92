"""The project's own spec, copied for mutation, and a compact view of what the diff reports."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from anam_contract.diff import compare_specs
from anam_contract.paths import SPEC_PATH
from anam_contract.spec import Spec, load_document

Document = dict[str, Any]
Mutation = Callable[[Document], None]

_ORIGINAL = load_document(SPEC_PATH)


def document() -> Document:
    return copy.deepcopy(_ORIGINAL)


def mutated(*mutations: Mutation) -> Document:
    changed = document()
    for mutation in mutations:
        mutation(changed)
    return changed


def schema(doc: Document, name: str) -> dict[str, Any]:
    found: dict[str, Any] = doc["components"]["schemas"][name]
    return found


def operation(doc: Document, path: str, method: str) -> dict[str, Any]:
    found: dict[str, Any] = doc["paths"][path][method]
    return found


def parameter(doc: Document, name: str) -> dict[str, Any]:
    """A query parameter of GET /v1/personas."""
    found: dict[str, Any]
    for found in operation(doc, "/v1/personas", "get")["parameters"]:
        if found.get("name") == name:
            return found  # the live node, to mutate in place
    raise KeyError(name)


Reported = set[tuple[str, bool, str]]


def reported(old: Document, new: Document) -> Reported:
    """(rule id, breaking, location) of every change from `old` to `new`."""
    return {(c.rule, c.breaking, str(c.location)) for c in compare_specs(Spec(old), Spec(new))}


def expect(rule: str, breaking: bool, *locations: str) -> Reported:
    return {(rule, breaking, location) for location in locations}


# Where the shared response schemas show up: Persona comes back from create, get and update.
PERSONA_RESPONSES = (
    "GET /v1/personas/{id} response 200",
    "POST /v1/personas response 201",
    "PUT /v1/personas/{id} response 200",
)
# Avatar and Voice come back inside every persona and every list item.
VOICE_RESPONSES = ("GET /v1/personas response 200#/data/[]/voice", *(f"{r}#/voice" for r in PERSONA_RESPONSES))
