"""Enums: one class per enum, every listed value parses, unknown values parse and round-trip.

The forward-compatible behaviour comes from generator/templates/str_enum.py.jinja.
"""

from __future__ import annotations

import ast
from enum import StrEnum
from typing import Any

import pytest
from anam_personas_client import models

from anam_contract.paths import GENERATED_DIR

from .conftest import SPEC

ENUMS: dict[str, list[str]] = {
    name: schema["enum"] for name, schema in SPEC.document["components"]["schemas"].items() if "enum" in schema
}
VALUES = [(name, value) for name, values in ENUMS.items() for value in values]


def _enum_classes_in_generated_code() -> list[tuple[str, frozenset[str]]]:
    found = []
    for path in sorted((GENERATED_DIR / "anam_personas_client" / "models").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and any(getattr(b, "id", "") == "StrEnum" for b in node.bases):
                values = frozenset(
                    str(stmt.value.value)
                    for stmt in node.body
                    if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Constant)
                )
                found.append((node.name, values))
    return found


def test_no_duplicate_enum_classes() -> None:
    generated = _enum_classes_in_generated_code()
    assert sorted(name for name, _ in generated) == sorted(ENUMS)
    value_sets = [values for _, values in generated]
    assert len(value_sets) == len(set(value_sets)), "two generated enum classes hold the same values"


@pytest.mark.parametrize(("enum_name", "value"), VALUES, ids=[f"{n}.{v}" for n, v in VALUES])
def test_every_listed_value_is_a_known_member(enum_name: str, value: str) -> None:
    cls: Any = getattr(models, enum_name)
    member = cls(value)
    assert member in list(cls)
    assert member.is_known
    assert member == value


@pytest.mark.parametrize("enum_name", sorted(ENUMS))
def test_unknown_value_parses_keeps_the_value_and_compares_as_string(enum_name: str) -> None:
    cls: Any = getattr(models, enum_name)
    member = cls("A-VALUE-FROM-THE-FUTURE")
    assert not member.is_known
    assert isinstance(member, cls) and isinstance(member, StrEnum)
    assert member.value == "A-VALUE-FROM-THE-FUTURE" == str(member)
    assert member not in list(cls)


def test_non_string_value_is_still_rejected() -> None:
    with pytest.raises(ValueError):
        models.VoiceProvider(42)  # type: ignore[arg-type]  # the wrong type is the point


@pytest.mark.parametrize("value", ["cara-9", "cara-2"])
def test_request_avatar_model_round_trips(value: str) -> None:
    request = models.CreatePersonaRequest.from_dict({"avatarModel": value})
    assert request.to_dict() == {"avatarModel": value}


@pytest.mark.parametrize(
    ("provider", "gender"), [("SOME_NEW_PROVIDER", "OTHER"), ("CARTESIA", None), ("FISH_AUDIO", "MALE")]
)
def test_voice_enums_round_trip_in_context(provider: str, gender: str | None, persona_json: dict[str, Any]) -> None:
    voice = dict(persona_json["voice"], provider=provider, gender=gender)
    parsed = models.Voice.from_dict(voice)
    assert parsed.provider == provider
    assert parsed.to_dict()["provider"] == provider
    assert parsed.to_dict()["gender"] == gender
