"""The generated models parse what the API sends and give it back unchanged from `to_dict()`.

Covers the foundation issue's model tests: the docs' example response, null in every nullable
field, explicit null kept apart from an absent key, and responses from a newer API (extra fields).
"""

from __future__ import annotations

import copy
from typing import Any

import attrs
import pytest
from anam_personas_client import models

from anam_contract.jsoncompare import differences

from .conftest import PERSONA_EXAMPLE, SPEC

# A valid instance of every response model that has nullable fields; the nullable-field test below
# fails when the spec gains a schema with a nullable field and no base instance here.
BASES: dict[str, dict[str, Any]] = {
    "Persona": PERSONA_EXAMPLE,
    "Avatar": PERSONA_EXAMPLE["avatar"],
    "Voice": PERSONA_EXAMPLE["voice"],
    "Brain": PERSONA_EXAMPLE["brain"],
    "PersonaSummary": {
        key: PERSONA_EXAMPLE[key]
        for key in (
            "id",
            "name",
            "description",
            "personaPreset",
            "avatar",
            "voice",
            "voiceSpeed",
            "createdAt",
            "updatedAt",
        )
    },
    "PageMeta": {"total": 11, "lastPage": 2, "currentPage": 2, "perPage": 10, "prev": 1, "next": None},
}


def _allows_null(schema: Any) -> bool:
    schema = SPEC.resolve(schema)
    kind = schema.get("type")
    if kind == "null" or (isinstance(kind, list) and "null" in kind):
        return True
    return any(_allows_null(branch) for branch in schema.get("anyOf", []) + schema.get("oneOf", []))


def _nullable_fields() -> list[tuple[str, str]]:
    found = []
    for name, schema in SPEC.document["components"]["schemas"].items():
        for prop, sub in schema.get("properties", {}).items():
            if _allows_null(sub):
                found.append((name, prop))
    return found


NULLABLE = _nullable_fields()


def _roundtrip(model_name: str, data: dict[str, Any]) -> dict[str, Any]:
    model = getattr(models, model_name)
    result: dict[str, Any] = model.from_dict(data).to_dict()
    return result


def test_docs_example_response_round_trips() -> None:
    assert differences(PERSONA_EXAMPLE, _roundtrip("Persona", PERSONA_EXAMPLE)) == []


def test_the_comparison_sees_a_lost_field(persona_json: dict[str, Any]) -> None:
    """Guard for the test above: a dropped key is reported, so a lossy model could not pass."""
    lossy = copy.deepcopy(persona_json)
    del lossy["brain"]["personality"]
    assert differences(persona_json, lossy) == ["/brain/personality: missing (expected None)"]


def test_every_schema_with_nullable_fields_has_a_base_instance() -> None:
    assert {name for name, _ in NULLABLE} <= BASES.keys()


@pytest.mark.parametrize(("model_name", "field"), NULLABLE, ids=[f"{m}.{f}" for m, f in NULLABLE])
def test_null_in_nullable_field_parses_and_comes_back(model_name: str, field: str) -> None:
    data = copy.deepcopy(BASES[model_name])
    data[field] = None
    back = _roundtrip(model_name, data)
    assert field in back, "explicit null must not turn into an absent key"
    assert back[field] is None
    assert differences(data, back) == []


def test_absent_optional_fields_stay_absent() -> None:
    assert models.CreatePersonaRequest.from_dict({}).to_dict() == {}
    assert models.UpdatePersonaRequest.from_dict({"name": "x"}).to_dict() == {"name": "x"}
    assert models.VoiceDetectionOptions.from_dict({"endOfSpeechSensitivity": 0.5}).to_dict() == {
        "endOfSpeechSensitivity": 0.5
    }


def test_missing_required_nullable_field_is_an_error(persona_json: dict[str, Any]) -> None:
    """Required-and-nullable means present: a server that drops the key must not parse silently."""
    del persona_json["voiceSpeed"]
    with pytest.raises(KeyError):
        models.Persona.from_dict(persona_json)


def _annotation(cls: type, field: str) -> str:
    return str(attrs.fields_dict(cls)[field].type)


def test_required_nullable_is_optional_type_and_optional_is_unset() -> None:
    # Required-but-nullable: `X | None`, never Unset.
    for field in ("description", "avatar_model", "voice_speed", "llm_id", "voice_detection_options"):
        annotation = _annotation(models.Persona, field)
        assert "None" in annotation and "Unset" not in annotation, (field, annotation)
    # Optional and not nullable: `X | Unset`, never None.
    for field in ("name", "avatar_model", "voice_detection_options", "tool_ids"):
        annotation = _annotation(models.UpdatePersonaRequest, field)
        assert "Unset" in annotation and "None" not in annotation, (field, annotation)


def test_newer_api_response_with_extra_fields_round_trips(persona_json: dict[str, Any]) -> None:
    persona_json["avatarModel"] = "cara-9"
    persona_json["voice"]["provider"] = "SOME_NEW_PROVIDER"
    persona_json["voice"]["gender"] = "OTHER"
    persona_json["voice"]["accentStrength"] = 0.3
    persona_json["avatar"]["framesPerSecond"] = 30
    persona_json["sessionLimits"] = {"maxMinutes": 30, "tiers": [1, 2]}
    persona_json["voiceGenerationOptions"] = {"speed": 1.1, "emotion": "joyful", "pitch": 2}
    persona_json["voiceDetectionOptions"] = {"endOfSpeechSensitivity": 0.4, "backchannel": True}
    persona_json["tools"] = [{"id": "tool-1", "name": "search", "kind": "webhook"}]
    persona = models.Persona.from_dict(persona_json)
    assert persona.additional_properties["sessionLimits"] == {"maxMinutes": 30, "tiers": [1, 2]}
    assert differences(persona_json, persona.to_dict()) == []
