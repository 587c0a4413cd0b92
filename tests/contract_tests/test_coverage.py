"""Enum and null coverage: what the spec asks to see, and what a document shows."""

from __future__ import annotations

from anam_contract.spec import Spec
from anam_contract.suite import Coverage, find_targets

SPEC = Spec.load()


def test_targets_come_from_the_spec() -> None:
    targets = {target.label: target for target in find_targets(SPEC)}
    assert targets["Voice.gender"].wanted == ("MALE", "FEMALE", "NEUTRAL", "null")
    assert targets["Voice.provider"].nullable is False
    assert targets["Persona.description"].wanted == ("null",)
    assert "Persona.name" not in targets


def test_values_count_only_where_they_sit() -> None:
    coverage = Coverage(SPEC)
    coverage.observe("Brain", {"personality": None, "systemPrompt": "x"})
    assert coverage.seen["Brain.personality"] == {"null"}
    assert coverage.seen["Brain.systemPrompt"] == set()
    # A nullable enum under anyOf, reached through a $ref to another component.
    coverage.observe("PersonaSummary", {"voice": {"gender": None, "provider": "CARTESIA"}, "description": None})
    assert coverage.seen["Voice.gender"] == {"null"}
    assert coverage.seen["Voice.provider"] == {"CARTESIA"}
    assert coverage.seen["PersonaSummary.description"] == {"null"}
    assert coverage.missing(["Voice"])["Voice.provider"] == ["ELEVENLABS", "OPENAI_ADVANCED_VOICE", "FISH_AUDIO"]
