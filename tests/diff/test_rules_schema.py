"""Type, format, null, enum, bound, closedness, default and union rules, on mutations of the real spec."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from anam_contract.diff import RULES
from tests.diff._specs import (
    PERSONA_RESPONSES,
    VOICE_RESPONSES,
    Document,
    Reported,
    document,
    expect,
    mutated,
    parameter,
    reported,
    schema,
)

LIST = "GET /v1/personas"
CREATE = "POST /v1/personas request body"
UPDATE = "PUT /v1/personas/{id} request body"
META = "GET /v1/personas response 200#/meta"
DELETED = "DELETE /v1/personas/{id} response 200"
BOTH_REQUESTS = (CREATE, UPDATE)


def _set(name: str, path: str, value: Any) -> Any:
    """A mutation that sets `components/schemas/<name>/<path>` (slash-separated) to `value`."""

    def mutate(doc: Document) -> None:
        node = schema(doc, name)
        *parents, last = path.split("/")
        for part in parents:
            node = node[part]
        node[last] = value

    return mutate


def _avatar_models(*values: str) -> Any:
    return _set("AvatarModel", "enum", list(values))


def _providers(*values: str) -> Any:
    return _set("VoiceProvider", "enum", list(values))


def _per_page(key: str, value: Any) -> Any:
    def mutate(doc: Document) -> None:
        parameter(doc, "perPage")["schema"][key] = value

    return mutate


def _page_type(value: str) -> Any:
    def mutate(doc: Document) -> None:
        parameter(doc, "page")["schema"]["type"] = value

    return mutate


def _drop_uuid_from_path_id(doc: Document) -> None:
    del doc["components"]["parameters"]["PersonaId"]["schema"]["format"]


def _generation_union(*names: str, nullable: bool) -> list[dict[str, str]]:
    branches = [{"$ref": f"#/components/schemas/{name}"} for name in names]
    return [*branches, {"type": "null"}] if nullable else branches


def _rename_share_link(doc: Document) -> None:
    components = doc["components"]["schemas"]
    components["PersonaShareLink"] = components.pop("ShareLink")
    persona = components["Persona"]["properties"]
    persona["shareLinks"]["anyOf"][0]["items"]["$ref"] = "#/components/schemas/PersonaShareLink"
    persona["primaryShareLink"]["anyOf"][0]["$ref"] = "#/components/schemas/PersonaShareLink"


def _open_update(doc: Document) -> None:
    del schema(doc, "UpdatePersonaRequest")["additionalProperties"]


ITEM_PATH_ID = ("GET", "PUT", "DELETE")
OLD_PROVIDERS = ("ELEVENLABS", "CARTESIA", "OPENAI_ADVANCED_VOICE", "FISH_AUDIO")
TWO_VARIANTS = ("ElevenLabsV1VoiceGenerationOptions", "CartesiaSonic3VoiceGenerationOptions")
THREE_VARIANTS = (*TWO_VARIANTS, "FishAudioVoiceGenerationOptions")


def _inline_brain(doc: Document) -> None:
    schema(doc, "Persona")["properties"]["brain"] = copy.deepcopy(schema(doc, "Brain"))


def _inline_create_body(doc: Document) -> None:
    body = doc["paths"]["/v1/personas"]["post"]["requestBody"]["content"]["application/json"]
    body["schema"] = copy.deepcopy(schema(doc, "CreatePersonaRequest"))


def _drop_fish_audio(doc: Document) -> None:
    del doc["components"]["schemas"]["FishAudioVoiceGenerationOptions"]


CASES: list[tuple[str, Document, Document, Reported]] = [
    (
        # The same fields written in place: the generator names the class after its place (PersonaBrain).
        "model_inlined",
        document(),
        mutated(_inline_brain),
        expect("model_inlined", True, *(f"{r}#/brain" for r in PERSONA_RESPONSES)),
    ),
    (
        "model_extracted",
        mutated(_inline_create_body),
        document(),
        expect("model_extracted", True, CREATE),
    ),
    (
        # No operation uses this component; the generator still writes a model for it.
        "component_removed",
        document(),
        mutated(_drop_fish_audio),
        expect("component_removed", True, "component FishAudioVoiceGenerationOptions"),
    ),
    (
        "component_added",
        mutated(_drop_fish_audio),
        document(),
        expect("component_added", False, "component FishAudioVoiceGenerationOptions"),
    ),
    (
        "model_renamed",
        document(),
        mutated(_rename_share_link),
        expect(
            "model_renamed",
            True,
            *(f"{r}#/{field}" for r in PERSONA_RESPONSES for field in ("shareLinks/[]", "primaryShareLink")),
        ),
    ),
    (
        "field_deprecated (beside a $ref)",
        document(),
        mutated(_set("UpdatePersonaRequest", "properties/avatarModel/deprecated", True)),
        expect("field_deprecated", False, f"{UPDATE}#/avatarModel"),
    ),
    (
        "type_changed",
        document(),
        mutated(_set("DeletePersonaResponse", "properties/message/type", "integer")),
        expect("type_changed", True, f"{DELETED}#/message"),
    ),
    (
        "request_type_widened",
        document(),
        mutated(_page_type("number")),
        expect("request_type_widened", False, f"{LIST} query parameter page"),
    ),
    (
        "type_changed (request, narrowed)",
        mutated(_page_type("number")),
        document(),
        expect("type_changed", True, f"{LIST} query parameter page"),
    ),
    (
        "response_type_narrowed",
        document(),
        mutated(_set("PersonaSummary", "properties/voiceSpeed/type", ["integer", "null"])),
        expect("response_type_narrowed", False, "GET /v1/personas response 200#/data/[]/voiceSpeed"),
    ),
    (
        "format_changed",
        document(),
        mutated(_drop_uuid_from_path_id),
        expect("format_changed", True, *(f"{m} /v1/personas/{{id}} path parameter id" for m in ITEM_PATH_ID)),
    ),
    (
        "format_changed_without_type_change",
        document(),
        mutated(_set("DeletePersonaResponse", "properties/message/format", "email")),
        expect("format_changed_without_type_change", False, f"{DELETED}#/message"),
    ),
    (
        "response_field_became_nullable (type list)",
        document(),
        mutated(_set("PageMeta", "properties/total/type", ["integer", "null"])),
        expect("response_field_became_nullable", True, f"{META}/total"),
    ),
    (
        "response_field_became_nullable (anyOf with null)",
        document(),
        mutated(
            _set("Persona", "properties/brain", {"anyOf": [{"$ref": "#/components/schemas/Brain"}, {"type": "null"}]})
        ),
        expect("response_field_became_nullable", True, *(f"{r}#/brain" for r in PERSONA_RESPONSES)),
    ),
    (
        "response_field_became_non_nullable (anyOf with null)",
        document(),
        mutated(_set("Persona", "properties/primaryShareLink", {"$ref": "#/components/schemas/ShareLink"})),
        expect("response_field_became_non_nullable", False, *(f"{r}#/primaryShareLink" for r in PERSONA_RESPONSES)),
    ),
    (
        "response_field_became_non_nullable (type list)",
        document(),
        mutated(_set("PageMeta", "properties/next/type", "integer")),
        expect("response_field_became_non_nullable", False, f"{META}/next"),
    ),
    (
        "request_field_became_nullable",
        document(),
        mutated(_set("UpdatePersonaRequest", "properties/name/type", ["string", "null"])),
        expect("request_field_became_nullable", False, f"{UPDATE}#/name"),
    ),
    (
        "request_field_became_non_nullable",
        mutated(_set("UpdatePersonaRequest", "properties/name/type", ["string", "null"])),
        document(),
        expect("request_field_became_non_nullable", True, f"{UPDATE}#/name"),
    ),
    (
        "request_enum_value_removed",
        document(),
        mutated(_avatar_models("cara-3", "cara-4-latest")),
        expect("request_enum_value_removed", True, *(f"{r}#/avatarModel" for r in BOTH_REQUESTS)),
    ),
    (
        "request_enum_value_added",
        document(),
        mutated(_avatar_models("cara-2", "cara-3", "cara-4-latest", "cara-5")),
        expect("request_enum_value_added", False, *(f"{r}#/avatarModel" for r in BOTH_REQUESTS)),
    ),
    (
        "response_enum_value_added",
        document(),
        mutated(_providers(*OLD_PROVIDERS, "AZURE")),
        expect("response_enum_value_added", False, *(f"{r}/provider" for r in VOICE_RESPONSES)),
    ),
    (
        "response_enum_value_removed",
        document(),
        mutated(_providers(*OLD_PROVIDERS[:3])),
        expect("response_enum_value_removed", True, *(f"{r}/provider" for r in VOICE_RESPONSES)),
    ),
    (
        "request_enum_introduced",
        document(),
        mutated(_set("UpdatePersonaRequest", "properties/languageCode/enum", ["en", "fr"])),
        expect("request_enum_introduced", True, f"{UPDATE}#/languageCode"),
    ),
    (
        "request_enum_lifted",
        mutated(_set("UpdatePersonaRequest", "properties/languageCode/enum", ["en", "fr"])),
        document(),
        expect("request_enum_lifted", False, f"{UPDATE}#/languageCode"),
    ),
    (
        "response_enum_lifted",
        document(),
        mutated(_set("Voice", "properties/gender", {"type": ["string", "null"]})),
        expect("response_enum_lifted", True, *(f"{r}/gender" for r in VOICE_RESPONSES)),
    ),
    (
        "response_enum_introduced",
        mutated(_set("Voice", "properties/gender", {"type": ["string", "null"]})),
        document(),
        expect("response_enum_introduced", False, *(f"{r}/gender" for r in VOICE_RESPONSES)),
    ),
    (
        "request_constraint_tightened (maximum)",
        document(),
        mutated(_per_page("maximum", 50)),
        expect("request_constraint_tightened", True, f"{LIST} query parameter perPage"),
    ),
    (
        "request_constraint_tightened (new exclusiveMinimum, nested object)",
        document(),
        mutated(_set("VoiceDetectionOptions", "properties/endOfSpeechSensitivity/exclusiveMinimum", 0)),
        expect(
            "request_constraint_tightened",
            True,
            *(f"{r}#/voiceDetectionOptions/endOfSpeechSensitivity" for r in BOTH_REQUESTS),
        )
        | expect(
            "response_constraint_changed",
            False,
            *(f"{r}#/voiceDetectionOptions/endOfSpeechSensitivity" for r in PERSONA_RESPONSES),
        ),
    ),
    (
        "request_constraint_tightened (maxLength)",
        document(),
        mutated(_set("CreatePersonaRequest", "properties/name/maxLength", 64)),
        expect("request_constraint_tightened", True, f"{CREATE}#/name"),
    ),
    (
        "request_constraint_loosened",
        document(),
        mutated(_per_page("maximum", 200)),
        expect("request_constraint_loosened", False, f"{LIST} query parameter perPage"),
    ),
    (
        "response_constraint_changed",
        document(),
        mutated(_set("PageMeta", "properties/perPage/maximum", 500)),
        expect("response_constraint_changed", False, f"{META}/perPage"),
    ),
    (
        "request_additional_properties_closed",
        document(),
        mutated(_set("CreatePersonaRequest", "additionalProperties", False)),
        expect("request_additional_properties_closed", True, CREATE),
    ),
    (
        "request_additional_properties_opened",
        document(),
        mutated(_open_update),
        expect("request_additional_properties_opened", False, UPDATE),
    ),
    (
        "response_additional_properties_closed",
        document(),
        mutated(_set("DeletePersonaResponse", "additionalProperties", False)),
        expect("response_additional_properties_closed", True, DELETED),
    ),
    (
        "response_additional_properties_opened",
        mutated(_set("DeletePersonaResponse", "additionalProperties", False)),
        document(),
        expect("response_additional_properties_opened", False, DELETED),
    ),
    (
        "request_default_changed",
        document(),
        mutated(_per_page("default", 20)),
        expect("request_default_changed", False, f"{LIST} query parameter perPage"),
    ),
    (
        "request_variant_added",
        mutated(
            _set(
                "UpdatePersonaRequest",
                "properties/voiceGenerationOptions",
                {"anyOf": _generation_union(*TWO_VARIANTS, nullable=False)},
            )
        ),
        mutated(
            _set(
                "UpdatePersonaRequest",
                "properties/voiceGenerationOptions",
                {"anyOf": _generation_union(*THREE_VARIANTS, nullable=False)},
            )
        ),
        expect("request_variant_added", False, f"{UPDATE}#/voiceGenerationOptions"),
    ),
    (
        "request_variant_removed",
        mutated(
            _set(
                "UpdatePersonaRequest",
                "properties/voiceGenerationOptions",
                {"anyOf": _generation_union(*THREE_VARIANTS, nullable=False)},
            )
        ),
        mutated(
            _set(
                "UpdatePersonaRequest",
                "properties/voiceGenerationOptions",
                {"anyOf": _generation_union(*TWO_VARIANTS, nullable=False)},
            )
        ),
        expect("request_variant_removed", True, f"{UPDATE}#/voiceGenerationOptions"),
    ),
    (
        "response_variant_added",
        mutated(
            _set(
                "Persona",
                "properties/voiceGenerationOptions",
                {"anyOf": _generation_union(*TWO_VARIANTS, nullable=True)},
            )
        ),
        mutated(
            _set(
                "Persona",
                "properties/voiceGenerationOptions",
                {"anyOf": _generation_union(*THREE_VARIANTS, nullable=True)},
            )
        ),
        expect("response_variant_added", True, *(f"{r}#/voiceGenerationOptions" for r in PERSONA_RESPONSES)),
    ),
    (
        "response_variant_removed",
        mutated(
            _set(
                "Persona",
                "properties/voiceGenerationOptions",
                {"anyOf": _generation_union(*THREE_VARIANTS, nullable=True)},
            )
        ),
        mutated(
            _set(
                "Persona",
                "properties/voiceGenerationOptions",
                {"anyOf": _generation_union(*TWO_VARIANTS, nullable=True)},
            )
        ),
        expect("response_variant_removed", False, *(f"{r}#/voiceGenerationOptions" for r in PERSONA_RESPONSES)),
    ),
]


@pytest.mark.parametrize(("old", "new", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_each_mutation_is_classified_exactly(old: Document, new: Document, expected: Reported) -> None:
    assert reported(old, new) == expected


def test_the_enum_rule_explains_why_an_added_response_value_is_harmless() -> None:
    why = RULES["response_enum_value_added"].why
    assert "forward-compatible" in why
    assert "str_enum.py.jinja" in why


@pytest.mark.parametrize(
    ("before", "after", "rule"),
    [
        (0.3, 0.1, "request_constraint_loosened"),  # every multiple of 0.3 is one of 0.1, whatever floats say
        (0.1, 0.3, "request_constraint_tightened"),
        (0.1, 0.2, "request_constraint_tightened"),
        (2, 1, "request_constraint_loosened"),
        (0.5, 0.25, "request_constraint_loosened"),
    ],
)
def test_multiple_of_compares_exactly(before: float, after: float, rule: str) -> None:
    def step(value: float) -> Document:
        doc = document()
        parameter(doc, "perPage")["schema"]["multipleOf"] = value
        return doc

    assert reported(step(before), step(after)) == expect(
        rule, rule.endswith("tightened"), f"{LIST} query parameter perPage"
    )


@pytest.mark.parametrize(
    ("before", "after", "rule", "breaking"),
    [
        ("int32", "int64", "format_changed_without_type_change", False),  # the server takes more integers
        ("float", "double", "format_changed_without_type_change", False),
        ("int64", "int32", "format_changed", True),  # the server now rejects big numbers
        (None, "int32", "format_changed", True),
    ],
)
def test_a_wider_numeric_format_in_a_request_is_harmless(
    before: str | None, after: str | None, rule: str, breaking: bool
) -> None:
    def page_format(value: str | None) -> Document:
        doc = document()
        if value is not None:
            parameter(doc, "page")["schema"]["format"] = value
        return doc

    assert reported(page_format(before), page_format(after)) == expect(rule, breaking, f"{LIST} query parameter page")
