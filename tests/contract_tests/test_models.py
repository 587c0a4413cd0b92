"""Round trips through the generated models, and where they report what went wrong."""

from __future__ import annotations

from typing import Any

import pytest
from anam_personas_client.models import Brain

from anam_contract.spec import Spec
from anam_contract.suite import ModelMap, model_class, round_trip

SPEC = Spec.load()


def test_the_model_map_follows_the_spec() -> None:
    models = ModelMap(SPEC)
    assert models.component_of_response("createPersona", 201) == "Persona"
    assert models.component_of_response("listPersonas", 200) == "PersonaList"
    assert models.component_of_response("getPersona", 404) == "Error"
    assert models.component_of_response("getPersona", 418) is None
    assert models.component_of_request("updatePersona") == "UpdatePersonaRequest"
    assert models.component_of_request("getPersona") is None
    with pytest.raises(LookupError):
        model_class("NoSuchSchema")


def test_a_faithful_round_trip_has_no_differences() -> None:
    assert round_trip(SPEC, "Brain", {"personality": None, "systemPrompt": "Be brief."}) == []
    assert round_trip(SPEC, "VoiceProvider", "CARTESIA") == []


def test_a_null_where_the_spec_allows_none_is_named() -> None:
    voice: dict[str, Any] = {"provider": None}
    problems = round_trip(SPEC, "Voice", voice)
    assert problems[0].startswith("/: the client's Voice cannot parse it")
    assert any(problem.startswith("/provider: None is not one of") for problem in problems)


def test_a_model_that_loses_a_field_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    # Break the model on purpose: the round trip must notice the key it drops.
    original = Brain.to_dict

    def lossy(self: Brain) -> dict[str, Any]:
        written = original(self)
        written.pop("personality")
        return written

    monkeypatch.setattr(Brain, "to_dict", lossy)
    problems = round_trip(SPEC, "Brain", {"personality": None, "systemPrompt": "Be brief."})
    assert problems == ["/personality: missing (expected None)"]
