"""The walk reaches nested objects, array items and map values, and stops on recursive schemas."""

from __future__ import annotations

from openapi_python_client.strings import snake_case

from anam_contract.diff._walk import python_name
from tests.diff._specs import Document, document, expect, mutated, reported, schema


def _recursive_share_link(doc: Document) -> None:
    schema(doc, "ShareLink")["properties"]["parent"] = {"$ref": "#/components/schemas/ShareLink"}


def test_a_recursive_schema_is_walked_once_and_still_compared() -> None:
    old = mutated(_recursive_share_link)

    def retype(doc: Document) -> None:
        _recursive_share_link(doc)
        schema(doc, "ShareLink")["properties"]["id"]["type"] = "integer"

    found = reported(old, mutated(retype))
    pointers = {location.split("#", 1)[1] for _, _, location in found}
    # Each ShareLink the persona holds: the array of them and the primary one; no endless /parent/parent/...
    assert pointers == {"/shareLinks/[]/id", "/primaryShareLink/id"}
    assert {rule for rule, _, _ in found} == {"type_changed"}


def test_map_values_are_compared() -> None:
    def with_map(value_type: str) -> Document:
        def mutate(doc: Document) -> None:
            schema(doc, "WidgetConfig")["additionalProperties"] = {"type": value_type}

        return mutated(mutate)

    found = reported(with_map("string"), with_map("boolean"))
    assert found == expect(
        "type_changed",
        True,
        "GET /v1/personas/{id} response 200#/widgetConfig/{}",
        "POST /v1/personas response 201#/widgetConfig/{}",
        "PUT /v1/personas/{id} response 200#/widgetConfig/{}",
    )


def test_identical_specs_report_nothing() -> None:
    assert reported(document(), document()) == set()


def test_a_status_code_written_without_quotes_is_the_same_status() -> None:
    # YAML reads an unquoted `200:` as the integer 200; the status is the same one.
    def unquote(doc: Document) -> None:
        for item in doc["paths"].values():
            for node in item.values():
                if isinstance(node, dict) and "responses" in node:
                    node["responses"] = {int(code): value for code, value in node["responses"].items()}

    assert reported(document(), mutated(unquote)) == set()


def test_components_no_operation_uses_are_compared_as_models_callers_build() -> None:
    # The generator writes a model for every component, used or not; code builds such models itself,
    # so their changes are judged as the request side.
    def change_fish_audio(doc: Document) -> None:
        options = schema(doc, "FishAudioVoiceGenerationOptions")
        del options["properties"]["volume"]
        options["properties"]["speed"]["maximum"] = 1.5

    component = "component FishAudioVoiceGenerationOptions"
    assert reported(document(), mutated(change_fish_audio)) == {
        ("request_field_removed", True, f"{component}#/volume"),
        ("request_constraint_tightened", True, f"{component}#/speed"),
    }


def test_python_names_follow_the_generator() -> None:
    names = ["perPage", "per_page", "PerPage", "id", "personaId", "X-Org-Id", "page.size", "HTTPCode", "v2Name", "a b"]
    assert [python_name(name) for name in names] == [snake_case(name) for name in names]
