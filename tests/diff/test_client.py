"""One real regeneration pair: the client from the project's spec against the client from a changed copy."""

from __future__ import annotations

from pathlib import Path

import yaml

from anam_contract.diff import compare_client
from anam_contract.paths import SPEC_PATH
from tests.diff._specs import Document, mutated, operation, schema

MODELS = "anam_personas_client.models"
LIST_API = "anam_personas_client.api.personas.list_personas"


def _change(doc: Document) -> None:
    brain = schema(doc, "Brain")
    del brain["properties"]["personality"]
    brain["required"].remove("personality")
    schema(doc, "VoiceGender")["enum"].append("OTHER")
    schema(doc, "Voice")["properties"]["gender"] = {"$ref": "#/components/schemas/VoiceGender"}
    operation(doc, "/v1/personas", "get")["parameters"].append(
        {"name": "sort", "in": "query", "schema": {"type": "string"}}
    )
    schema(doc, "CreatePersonaRequest")["required"] = ["name"]
    # A renamed component: every $ref to it follows.
    schemas = doc["components"]["schemas"]
    schemas["Tool"] = schemas.pop("PersonaTool")
    schema(doc, "Persona")["properties"]["tools"]["items"] = {"$ref": "#/components/schemas/Tool"}


def test_regenerating_shows_what_user_code_feels(tmp_path: Path) -> None:
    changed = tmp_path / "changed.yaml"
    changed.write_text(yaml.safe_dump(mutated(_change), sort_keys=False), encoding="utf-8")

    changes = compare_client(SPEC_PATH, changed)
    found = {(c.name, c.kind, c.change, c.old, c.new, c.breaking) for c in changes}

    assert (f"{MODELS}.brain.Brain.personality", "attribute", "removed", "None | str", None, True) in found
    assert (f"{MODELS}.voice.Voice.gender", "attribute", "changed", "None | VoiceGender", "VoiceGender", None) in found
    assert (f"{MODELS}.voice_gender.VoiceGender.OTHER", "member", "added", None, "'OTHER'", False) in found
    for function in ("sync", "sync_detailed", "asyncio", "asyncio_detailed"):
        assert (f"{LIST_API}.{function}(sort)", "parameter", "added", None, "*, str | Unset = UNSET", False) in found
    # A field that became required: the model's constructor now needs it.
    name = next(c for c in changes if c.name == f"{MODELS}.create_persona_request.CreatePersonaRequest.name")
    assert (name.old, name.new, name.note) == ("str | Unset = UNSET", "str", "now a required constructor argument")
    # A renamed component: its module goes (breaking), the new one comes, and annotations follow.
    assert (f"{MODELS}.persona_tool", "module", "removed", "PersonaTool", None, True) in found
    assert (f"{MODELS}.tool", "module", "added", None, "Tool", False) in found
    assert (f"{MODELS}.persona.Persona.tools", "attribute", "changed", "list[PersonaTool]", "list[Tool]", None) in found
    # Nothing else moved, and the new parameter in the private _get_kwargs is hidden.
    assert len(found) == 11
