"""The client's own checker: every misfit of a success body, by RFC 6901 pointer, never an exception."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from anam_personas._schema_data import SCHEMAS
from anam_personas._violations import SpecViolation, check, child, show
from tests.personas._fakes import page_json, persona_json

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=12,
)


def _pointers(body: Any, schema: str = "Persona") -> dict[str, SpecViolation]:
    return {item.pointer: item for item in check(body, schema)}


def test_the_spec_examples_conform() -> None:
    assert check(persona_json(), "Persona") == ()
    assert check(page_json(["00000000-0000-0000-0000-000000000001"], 1, 1), "PersonaList") == ()
    assert check({"message": "Persona deleted"}, "DeletePersonaResponse") == ()


def test_each_kind_of_misfit_is_named_at_its_pointer() -> None:
    body = persona_json(avatar=None, llmId="not-a-uuid", createdAt="yesterday", tools={"id": "t"}, voiceSpeed="1")
    del body["name"]
    body["voice"] = dict(body["voice"], provider="NEW_PROVIDER", isZdr="yes")
    found = _pointers(body)
    assert (found["/name"].expected, found["/name"].got) == ("a required property", "missing")
    assert (found["/avatar"].expected, found["/avatar"].got) == ("object", "null")
    assert (found["/llmId"].expected, found["/llmId"].rule) == ("string (uuid)", "format")
    assert found["/createdAt"].expected == "string (date-time)"
    assert (found["/tools"].expected, found["/tools"].got) == ("array", '{"id": "t"}')
    assert found["/voiceSpeed"].got == '"1"'
    assert found["/voice/provider"].rule == "enum"
    assert found["/voice/isZdr"].expected == "boolean"


def test_a_misfit_inside_a_nullable_object_points_into_it() -> None:
    body = persona_json(voiceGenerationOptions={"speed": 9})
    assert str(check(body, "Persona")[0]) == "/voiceGenerationOptions/speed: expected a number <= 2, got 9"


def test_numbers_below_the_minimum_and_extra_properties_where_forbidden(monkeypatch: pytest.MonkeyPatch) -> None:
    meta = page_json([], 1, 1)["meta"] | {"currentPage": -1}
    assert _pointers({"data": [], "meta": meta}, "PersonaList")["/meta/currentPage"].expected == "a number >= 1"
    monkeypatch.setitem(SCHEMAS, "Closed", {"type": "object", "additionalProperties": False, "properties": {}})
    assert _pointers({"oops": 1}, "Closed")["/oops"].rule == "additionalProperties"
    assert check(persona_json(somethingNew=1), "Persona") == (), "Persona allows properties the spec does not list"


def test_pointers_escape_slash_and_tilde_and_got_is_truncated() -> None:
    assert child("/a", "b/c~d") == "/a/b~1c~0d"
    assert child("", 3) == "/3"
    assert len(show("x" * 500)) == 60
    assert str(SpecViolation("", "object", "null")) == "/: expected object, got null"


@pytest.mark.parametrize("value", ["123e4567-e89b-12d3-a456-426614174000", "123E4567-E89B-12D3-A456-426614174000"])
def test_uuid_in_either_case_fits(value: str) -> None:
    assert "/id" not in _pointers(persona_json(id=value))


@pytest.mark.parametrize(
    "value", ["{123e4567-e89b-12d3-a456-426614174000}", "123e4567e89b12d3a456426614174000", "urn:uuid:x", ""]
)
def test_uuid_spellings_python_accepts_but_the_spec_does_not(value: str) -> None:
    assert "/id" in _pointers(persona_json(id=value))


@pytest.mark.parametrize("value", ["2026-04-20", "2026-04-20T10:00:00", "2026-13-01T00:00:00Z", "now"])
def test_date_times_without_zone_or_out_of_range(value: str) -> None:
    assert "/createdAt" in _pointers(persona_json(createdAt=value))


# No too_slow health check: how long generation takes depends on the machine.
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(JSON)
def test_any_json_value_is_checked_without_raising(value: Any) -> None:
    for schema in ("Persona", "PersonaList", "DeletePersonaResponse"):
        violations = check(value, schema)
        assert all(isinstance(item, SpecViolation) for item in violations)
        assert not isinstance(value, dict) or violations == () or all(v.pointer.startswith("/") for v in violations)
