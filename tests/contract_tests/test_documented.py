"""The model judges and learns only what the spec documents, and never a value the schema refuses."""

from __future__ import annotations

from typing import Any

from anam_contract.spec import Spec
from anam_contract.suite._documented import Documented

DOCUMENTED = Documented(Spec.load())


def _persona() -> dict[str, Any]:
    return {
        "id": "3f0c1a2b-4d5e-4f60-8a7b-9c0d1e2f3a4b",
        "name": "Cara",
        "internalRevision": 7,
        "brain": {"systemPrompt": "Be brief.", "system_prompt": "renamed copy"},
        "widgetConfig": {"anything": {"goes": True}},
        "tools": [{"id": "tool-1", "name": "Search", "secretScore": 3}],
    }


def test_undocumented_properties_are_left_out_at_every_depth() -> None:
    only = DOCUMENTED.only("Persona", _persona())
    assert "internalRevision" not in only
    assert only["brain"] == {"systemPrompt": "Be brief."}
    assert only["tools"] == [{"id": "tool-1", "name": "Search"}]


def test_an_object_the_spec_leaves_open_is_kept_whole() -> None:
    assert DOCUMENTED.only("Persona", _persona())["widgetConfig"] == {"anything": {"goes": True}}


def test_the_fields_that_break_the_schema_are_named_by_their_top_level_key() -> None:
    persona = {**_persona(), "updatedAt": "30/11/2026", "avatar": None}
    broken = DOCUMENTED.broken_fields("Persona", persona)
    assert {"updatedAt", "avatar"} <= broken
    assert "name" not in broken and "widgetConfig" not in broken


def test_a_value_that_is_not_an_object_has_no_broken_fields() -> None:
    assert DOCUMENTED.broken_fields("Persona", ["not", "a", "persona"]) == set()
    assert DOCUMENTED.only("Persona", "text") == "text"


def test_a_401_must_carry_the_bearer_challenge_the_spec_declares() -> None:
    assert DOCUMENTED.header_problems("getPersona", 401, {"www-authenticate": "Bearer"}) == []
    assert DOCUMENTED.header_problems("getPersona", 401, {"www-authenticate": 'Basic, bearer realm="x"'}) == []
    assert DOCUMENTED.header_problems("getPersona", 401, {}) == [
        ("WWW-Authenticate", "present (required)", "<missing>")
    ]
    [(name, _, got)] = DOCUMENTED.header_problems("listPersonas", 401, {"www-authenticate": "Basic"})
    assert (name, got) == ("WWW-Authenticate", "Basic")
    assert DOCUMENTED.header_problems("getPersona", 200, {}) == []  # nothing declared for a 200
