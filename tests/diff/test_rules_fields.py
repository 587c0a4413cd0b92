"""Property presence and required-ness rules, on each side of the wire, on mutations of the real spec."""

from __future__ import annotations

import pytest

from tests.diff._specs import PERSONA_RESPONSES, Document, Reported, document, expect, mutated, reported, schema

CREATE = "POST /v1/personas request body"
UPDATE = "PUT /v1/personas/{id} request body"
META = "GET /v1/personas response 200#/meta"


def _create_requires_region(doc: Document) -> None:
    schema(doc, "CreatePersonaRequest")["properties"]["region"] = {"type": "string"}
    schema(doc, "CreatePersonaRequest")["required"] = ["region"]


def _update_gains_region(doc: Document) -> None:
    schema(doc, "UpdatePersonaRequest")["properties"]["region"] = {"type": "string"}


def _update_loses_language(doc: Document) -> None:
    del schema(doc, "UpdatePersonaRequest")["properties"]["languageCode"]


def _create_requires_name(doc: Document) -> None:
    schema(doc, "CreatePersonaRequest")["required"] = ["name"]


def _meta_loses_prev(doc: Document) -> None:
    meta = schema(doc, "PageMeta")
    del meta["properties"]["prev"]
    meta["required"].remove("prev")


def _meta_total_optional(doc: Document) -> None:
    schema(doc, "PageMeta")["required"].remove("total")


def _meta_gains_sort(doc: Document) -> None:
    schema(doc, "PageMeta")["properties"]["sort"] = {"type": "string"}


def _tool_id_required(doc: Document) -> None:
    schema(doc, "PersonaTool")["required"] = ["id"]


def _snake_voice_id(doc: Document) -> None:
    properties = schema(doc, "CreatePersonaRequest")["properties"]
    properties["voice_id"] = properties.pop("voiceId")


CASES: list[tuple[str, Document, Document, Reported]] = [
    (
        # The generated attribute was voice_id already; only the JSON key the client writes changes.
        "field_wire_name_changed",
        document(),
        mutated(_snake_voice_id),
        expect("field_wire_name_changed", True, "POST /v1/personas request body#/voice_id"),
    ),
    (
        "request_field_added_required",
        document(),
        mutated(_create_requires_region),
        expect("request_field_added_required", True, f"{CREATE}#/region"),
    ),
    (
        "optional_request_field_added",
        document(),
        mutated(_update_gains_region),
        expect("optional_request_field_added", False, f"{UPDATE}#/region"),
    ),
    (
        "request_field_removed",
        document(),
        mutated(_update_loses_language),
        expect("request_field_removed", True, f"{UPDATE}#/languageCode"),
    ),
    (
        "request_field_became_required",
        document(),
        mutated(_create_requires_name),
        expect("request_field_became_required", True, f"{CREATE}#/name"),
    ),
    (
        "request_field_became_optional",
        mutated(_create_requires_name),
        document(),
        expect("request_field_became_optional", False, f"{CREATE}#/name"),
    ),
    (
        "response_field_removed",
        document(),
        mutated(_meta_loses_prev),
        expect("response_field_removed", True, f"{META}/prev"),
    ),
    (
        "response_field_added",
        document(),
        mutated(_meta_gains_sort),
        expect("response_field_added", False, f"{META}/sort"),
    ),
    (
        "response_field_became_optional",
        document(),
        mutated(_meta_total_optional),
        expect("response_field_became_optional", True, f"{META}/total"),
    ),
    (
        "response_field_became_required",
        document(),
        mutated(_tool_id_required),
        expect("response_field_became_required", False, *(f"{r}#/tools/[]/id" for r in PERSONA_RESPONSES)),
    ),
]


@pytest.mark.parametrize(("old", "new", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_each_mutation_is_classified_exactly(old: Document, new: Document, expected: Reported) -> None:
    assert reported(old, new) == expected


def test_a_name_only_listed_in_required_counts_as_a_field() -> None:
    """`required: [region]` with no property schema still makes callers send `region`."""
    old = document()
    new = mutated(lambda doc: schema(doc, "CreatePersonaRequest").__setitem__("required", ["region"]))
    assert reported(old, new) == expect("request_field_added_required", True, f"{CREATE}#/region")
