"""Bodies that break the spec still build the generated models: typed where they fit, raw where not."""

from __future__ import annotations

import copy
import datetime
import pickle
from typing import Any
from uuid import UUID

import attrs
from anam_personas_client import models
from anam_personas_client.models import Avatar, Persona, PersonaList, PersonaSummary, VoiceProvider
from anam_personas_client.types import Unset
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from anam_personas._schema_data import SCHEMAS
from anam_personas._tolerant import attribute_name, parse, python_name
from tests.personas._fakes import page_json, persona_json
from tests.personas.test_violations import JSON

IDS = ["00000000-0000-0000-0000-000000000001", "00000000-0000-0000-0000-000000000002"]


def test_a_conforming_body_is_the_generated_model_with_no_violations() -> None:
    body = persona_json()
    persona, violations = parse("Persona", body)
    assert violations == () and persona.spec_violations == ()
    assert isinstance(persona, Persona) and persona == Persona.from_dict(body) and Persona.from_dict(body) == persona
    assert persona.to_dict() == body, "to_dict gives back the body exactly, date-time spelling included"


def test_a_null_object_stays_null_and_every_other_field_stays_typed() -> None:
    body = persona_json(avatar=None)
    sent = copy.deepcopy(body)
    persona, violations = parse("Persona", body)
    assert [str(item) for item in violations] == ["/avatar: expected object, got null"]
    assert persona.avatar is None
    assert isinstance(persona.id, UUID) and isinstance(persona.created_at, datetime.datetime)
    assert persona.voice.provider is VoiceProvider.ELEVENLABS
    assert persona.to_dict() == sent


def test_a_misfit_deep_inside_keeps_the_nested_model_typed_around_it() -> None:
    body = persona_json()
    body["avatar"]["videoUrl"] = None
    body["avatar"]["createdAt"] = "last week"
    sent = copy.deepcopy(body)
    persona, violations = parse("Persona", body)
    assert {item.pointer for item in violations} == {"/avatar/videoUrl", "/avatar/createdAt"}
    assert isinstance(persona.avatar, Avatar)
    assert persona.avatar.video_url is None and persona.avatar.created_at == "last week"
    assert isinstance(persona.avatar.updated_at, datetime.datetime)
    assert persona.to_dict() == sent


def test_missing_fields_read_as_unset_and_stay_missing_in_to_dict() -> None:
    body = persona_json()
    del body["name"], body["brain"]
    persona, violations = parse("Persona", body)
    assert {item.pointer for item in violations} == {"/name", "/brain"}
    assert isinstance(persona.name, Unset) and isinstance(persona.brain, Unset)
    assert "name" not in persona.to_dict() and persona.to_dict() == body


def test_unknown_enum_values_stay_typed_pseudo_members_and_are_listed() -> None:
    body = persona_json()
    body["voice"]["provider"] = "BRAND_NEW"
    persona, violations = parse("Persona", body)
    assert [item.pointer for item in violations] == ["/voice/provider"]
    assert isinstance(persona.voice.provider, VoiceProvider) and not persona.voice.provider.is_known
    assert persona.to_dict() == body


def test_wrong_shapes_in_a_list_page_keep_the_good_items_typed() -> None:
    body = page_json(IDS, 1, 1)
    body["data"][1]["id"] = "not-a-uuid"
    body["data"].append("a string where a persona belongs")
    body["meta"]["total"] = {"count": 3}
    sent = copy.deepcopy(body)
    page, violations = parse("PersonaList", body)
    assert {item.pointer for item in violations} == {"/data/1/id", "/data/2", "/meta/total"}
    first, second, third = page.data
    assert isinstance(first, PersonaSummary) and isinstance(first.id, UUID)
    assert isinstance(second, PersonaSummary) and second.id == "not-a-uuid"
    assert third == "a string where a persona belongs"
    assert page.meta.total == {"count": 3} and page.meta.last_page == 1
    assert page.to_dict() == sent


def test_an_object_where_a_list_belongs_is_kept_raw() -> None:
    page, violations = parse("PersonaList", {"data": {"id": 1}, "meta": page_json([], 1, 1)["meta"]})
    assert page.data == {"id": 1} and [item.pointer for item in violations] == ["/data"]


def test_a_body_that_is_not_an_object_gives_a_model_with_every_field_unset() -> None:
    bodies: tuple[Any, ...] = ([], None, "text", 3)
    for body in bodies:
        page, violations = parse("PersonaList", body)
        assert isinstance(page, PersonaList) and isinstance(page.data, Unset)
        assert [item.pointer for item in violations] == [""]
        assert page.to_dict() == {}


def test_to_dict_shows_an_edit_made_after_parsing() -> None:
    persona, _ = parse("Persona", persona_json(avatar=None))
    persona.name = "Renamed"
    assert persona.to_dict()["name"] == "Renamed" and persona.to_dict()["avatar"] is None


def test_json_names_map_onto_the_generated_attributes() -> None:
    assert python_name("createdByOrganizationId") == "created_by_organization_id"
    for name, schema in SCHEMAS.items():
        if "properties" not in schema:
            continue
        fields = set(attrs.fields_dict(getattr(models, name))) - {"additional_properties"}
        assert {attribute_name(getattr(models, name), key) for key in schema["properties"]} == fields, name


def _replace(body: Any, path: list[int], value: Any) -> Any:
    """`body` with the node reached by following `path` (indices into sorted keys/items) replaced."""
    if not path or not isinstance(body, dict | list) or not body:
        return value
    keys = sorted(body) if isinstance(body, dict) else list(range(len(body)))
    key = keys[path[0] % len(keys)]
    body[key] = _replace(body[key], path[1:], value)
    return body


# No too_slow health check: how long generation takes depends on the machine.
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(min_value=0, max_value=40), max_size=4), JSON, st.booleans())
def test_any_subtree_of_a_persona_replaced_by_any_json_parses_and_round_trips(
    path: list[int], value: Any, drop: bool
) -> None:
    body = _replace(persona_json(), path, value)
    if drop and isinstance(body, dict) and body:
        body.pop(sorted(body)[path[0] % len(body) if path else 0])
    sent = copy.deepcopy(body)
    persona, _ = parse("Persona", body)
    assert isinstance(persona, Persona)
    if isinstance(sent, dict):
        assert persona.to_dict() == sent
    assert body == sent, "parsing never changes the caller's data"


def test_tolerant_models_survive_pickle_and_copy() -> None:
    body = persona_json(avatar=None)
    persona, _ = parse("Persona", body)
    for clone in (pickle.loads(pickle.dumps(persona)), copy.copy(persona), copy.deepcopy(persona)):
        assert clone == persona and clone.to_dict() == body
        assert clone.spec_violations == persona.spec_violations
