"""Fixtures files: the sample in the repo, the built-in defaults, and clear refusals of bad files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from anam_contract.mock import FixtureError, create_app, load_fixtures, parse_fixtures
from anam_contract.paths import REPO_ROOT

from ._support import SPEC, auth, conforming_client

SAMPLE = REPO_ROOT / "examples" / "mock-fixtures.yaml"
ORG = "9d7f3c1a-4b2e-4f6a-8c5d-1e2f3a4b5c6d"
AVATAR = "071b0286-4cce-4808-bee2-e642f1062de3"


def _minimal(**org: Any) -> dict[str, Any]:
    return {"organisations": [{"id": ORG, "name": "Acme", "keys": [{"key": "a-long-enough-key"}], **org}]}


def test_sample_file_loads_with_its_catalogue() -> None:
    fixtures = load_fixtures(SAMPLE, spec=SPEC)
    acme = fixtures.organisations[0]
    assert acme.enterprise is True
    assert acme.avatars[AVATAR].models == frozenset({"cara-2", "cara-3"})
    assert acme.avatars[AVATAR].record["displayName"] == "Liv"
    assert acme.voices["c0a7e9b2-3f5d-4c6a-9e81-7d2b4f6a1c03"].provider == "CARTESIA"
    assert [k.read_only for k in acme.keys] == [False, True]
    assert len(acme.personas) == 2


@pytest.mark.anyio
async def test_sample_personas_are_served_in_file_order_to_their_organisation_only() -> None:
    async with conforming_client(load_fixtures(SAMPLE, spec=SPEC), key="acme-local-test-key") as client:
        listed = (await client.get("/v1/personas")).json()
        assert [p["name"] for p in listed["data"]] == ["Support agent", "Sales coach"]
        fixed = await client.get("/v1/personas/5e1d9b2c-7a3f-4e8d-9c1b-2a3d4e5f6a7b")
        assert fixed.status_code == 200
        assert fixed.json()["brain"]["systemPrompt"] == "You answer questions about orders."
        assert [t["id"] for t in fixed.json()["tools"]] == ["tool-id-1"]
        other = await client.get("/v1/personas", headers=auth("other-local-test-key"))
        assert other.json()["meta"]["total"] == 0
        # The built-in keys do not open a mock started from a file.
        assert (await client.get("/v1/personas", headers=auth("mock-default-key"))).status_code == 401


def test_json_file_is_read_as_json(tmp_path: Path) -> None:
    path = tmp_path / "fixtures.json"
    path.write_text(json.dumps(_minimal()))
    assert load_fixtures(path, spec=SPEC).organisations[0].name == "Acme"


def _error_for(tmp_path: Path, content: Any, name: str = "fixtures.yaml") -> str:
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else yaml.safe_dump(content))
    with pytest.raises(FixtureError) as caught:
        load_fixtures(path, spec=SPEC)
    message = str(caught.value)
    assert "\n" not in message and str(path) in message
    return message


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("organisations: [", "not valid YAML"),
        ("[1, 2]", "(top level): must be a mapping, not a list"),
        ({"organisations": []}, "organisations"),
        (_minimal(colour="blue"), "colour"),
        (_minimal(id="not-a-uuid"), "organisations[0].id"),
        (_minimal(avatars=[{"id": AVATAR}]), "organisations[0].avatars[0]: lacks `models`"),
        (_minimal(avatars=[{"id": AVATAR, "models": [], "imageUrl": 5}]), "organisations[0].avatars[0].imageUrl"),
        (_minimal(voices=[{"id": AVATAR, "provider": "ACME_TTS", "isZdr": False}]), "voices[0].provider"),
        (_minimal(llms=[{"id": "gpt-4", "isZdr": False}]), "llms[0].id"),
        (_minimal(avatars=[{"id": AVATAR, "models": []}, {"id": AVATAR, "models": []}]), "duplicate"),
    ],
)
def test_bad_file_is_refused_with_one_line_naming_the_problem(tmp_path: Path, content: Any, expected: str) -> None:
    message = _error_for(tmp_path, content)
    assert expected in message, message


def test_bad_json_file(tmp_path: Path) -> None:
    assert "not valid JSON" in _error_for(tmp_path, "{", "fixtures.json")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FixtureError, match=r"fixtures file .*: no such file"):
        load_fixtures(tmp_path / "absent.yaml")


SECRET = "sk-live-3f9c2a7e1b"


@pytest.mark.parametrize(
    "content",
    [
        {"organisations": {"id": ORG, "keys": [{"key": SECRET}]}},  # a mapping, not a list
        {"organisations": f"key {SECRET}"},  # a string
        [{"organisations": [{"keys": [{"key": SECRET}]}]}],  # a list at the top
        {"organisations": [{"id": ORG, "name": "Acme", "keys": {"key": SECRET}}]},  # keys a mapping
        {"organisations": [{"id": ORG, "name": "Acme", "keys": [SECRET]}]},  # a key without `key:`
        {"organisations": [{"id": ORG, "name": "Acme", "keys": [{"key": SECRET, "note": 1}]}]},
        {"organisations": [{"id": ORG, "name": "Acme", "keys": [{"key": SECRET}], SECRET: 1}]},
        {SECRET: {"organisations": []}},
    ],
    ids=[
        "organisations-mapping",
        "organisations-string",
        "top-level-list",
        "keys-mapping",
        "key-bare",
        "key-extra-field",
        "organisation-extra-field",
        "top-level-extra-field",
    ],
)
def test_a_misshapen_file_never_echoes_a_key(tmp_path: Path, content: Any) -> None:
    message = _error_for(tmp_path, content)
    assert SECRET not in message and SECRET.lower() not in message.lower()
    assert "sk-live" not in message


@pytest.mark.parametrize("spelling", [str.upper, str.lower], ids=["upper", "lower"])
@pytest.mark.anyio
async def test_a_persona_id_in_any_letter_case_is_found(spelling: Any) -> None:
    persona_id = "5e1d9b2c-7a3f-4e8d-9c1b-2a3d4e5f6a7b"
    data = _minimal(
        avatars=[{"id": AVATAR, "models": []}], voices=[{"id": AVATAR, "provider": "CARTESIA", "isZdr": False}]
    )
    data["organisations"][0]["personas"] = [{"id": spelling(persona_id), "name": "Support agent"}]
    async with conforming_client(parse_fixtures(data, spec=SPEC), key="a-long-enough-key") as client:
        listed = (await client.get("/v1/personas")).json()["data"]
        assert [p["id"] for p in listed] == [persona_id]
        assert (await client.get(f"/v1/personas/{persona_id.upper()}")).status_code == 200
        assert (await client.get(f"/v1/personas/{persona_id}")).status_code == 200


def test_one_uuid_in_two_letter_cases_is_a_duplicate() -> None:
    persona_id = "5e1d9b2c-7a3f-4e8d-9c1b-2a3d4e5f6a7b"
    data = _minimal(
        avatars=[{"id": AVATAR, "models": []}], voices=[{"id": AVATAR, "provider": "CARTESIA", "isZdr": False}]
    )
    data["organisations"][0]["personas"] = [{"id": persona_id, "name": "a"}, {"id": persona_id.upper(), "name": "b"}]
    with pytest.raises(FixtureError, match="already exists"):
        create_app(parse_fixtures(data, spec=SPEC), spec=SPEC)


def test_a_bad_key_is_refused_without_being_shown() -> None:
    data = _minimal()
    data["organisations"][0]["keys"] = [{"key": "short"}]
    with pytest.raises(FixtureError) as caught:
        parse_fixtures(data, spec=SPEC)
    assert "short" not in str(caught.value) and "keys" in str(caught.value)


def test_a_key_used_twice_is_refused_without_being_shown() -> None:
    data = _minimal()
    data["organisations"][0]["keys"] = [{"key": "a-long-enough-key"}, {"key": "a-long-enough-key"}]
    with pytest.raises(FixtureError) as caught:
        parse_fixtures(data, spec=SPEC)
    assert "a-long-enough-key" not in str(caught.value)


def test_keys_are_not_in_the_repr() -> None:
    assert "a-long-enough-key" not in repr(parse_fixtures(_minimal(), spec=SPEC))


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ({"name": 3}, "name"),
        ({"avatarId": "4b0b7f8e-1d8a-4f57-9d0c-6f3b7e0a9c11"}, "avatarId"),
        ({}, "avatarId"),  # an empty catalogue has no avatar to default to
    ],
)
def test_a_persona_the_rules_refuse_is_a_fixture_error(persona: dict[str, Any], expected: str) -> None:
    with pytest.raises(FixtureError) as caught:
        create_app(parse_fixtures(_minimal(personas=[persona]), spec=SPEC), spec=SPEC)
    assert expected in str(caught.value) and "personas[0]" in str(caught.value)


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "x"}, "avatarId"),
        ({"avatarModel": "cara-3"}, "avatarId"),
        ({"voiceGenerationOptions": {"speed": 1}}, "avatarId"),
        ({"zeroDataRetention": True}, "avatarId"),
    ],
)
async def test_an_organisation_without_a_catalogue_cannot_create_by_default(body: dict[str, Any], field: str) -> None:
    async with conforming_client(parse_fixtures(_minimal(), spec=SPEC), key="a-long-enough-key") as client:
        response = await client.post("/v1/personas", json=body)
    assert response.status_code == 400
    assert response.json()["message"].startswith(field)


@pytest.mark.anyio
@pytest.mark.parametrize("body", [{}, {"voiceGenerationOptions": {"speed": 1}}, {"zeroDataRetention": True}])
async def test_an_organisation_without_voices_names_the_voice(body: dict[str, Any]) -> None:
    only_avatars = _minimal(avatars=[{"id": AVATAR, "models": []}])
    async with conforming_client(parse_fixtures(only_avatars, spec=SPEC), key="a-long-enough-key") as client:
        response = await client.post("/v1/personas", json=body)
    assert response.status_code == 400
    assert response.json()["message"].startswith("voiceId")
