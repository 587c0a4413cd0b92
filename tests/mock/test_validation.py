"""Requests checked by validators built from the spec: wrong types, ranges, enums, unknown fields,
path ids, query parameters, and proof that the spec (not mock code) decides what is accepted."""

from __future__ import annotations

import copy
import json
from typing import Any

import httpx
import pytest

from anam_contract.spec import Spec

from ._support import SPEC, conforming_client

pytestmark = pytest.mark.anyio


async def _persona(client: httpx.AsyncClient) -> str:
    response = await client.post("/v1/personas", json={"name": "Cara"})
    assert response.status_code == 201
    persona_id: str = response.json()["id"]
    return persona_id


def _assert_400_at(response: httpx.Response, pointer: str) -> None:
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["error"] == "invalid_request"
    assert pointer in [d["path"] for d in body["details"]], body


@pytest.mark.parametrize(
    ("body", "pointer"),
    [
        ({"name": 5}, "/name"),
        ({"skipGreeting": "yes"}, "/skipGreeting"),
        ({"toolIds": "tool-id-1"}, "/toolIds"),
        ({"toolIds": [1]}, "/toolIds/0"),
        ({"avatarModel": "cara-9"}, "/avatarModel"),
        ({"voiceDetectionOptions": {"endOfSpeechSensitivity": 1.5}}, "/voiceDetectionOptions/endOfSpeechSensitivity"),
        (
            {"voiceDetectionOptions": {"silenceBeforeAutoEndTurnSeconds": 0.1}},
            "/voiceDetectionOptions/silenceBeforeAutoEndTurnSeconds",
        ),
        ({"voiceGenerationOptions": {"emotion": "gleeful"}}, "/voiceGenerationOptions/emotion"),
        ({"voiceGenerationOptions": {"speed": 3}}, "/voiceGenerationOptions/speed"),
        ({"description": None}, "/description"),
    ],
)
@pytest.mark.parametrize("method", ["POST", "PUT"])
async def test_bad_fields_are_400_naming_the_field(
    client: httpx.AsyncClient, method: str, body: dict[str, Any], pointer: str
) -> None:
    path = "/v1/personas" if method == "POST" else f"/v1/personas/{await _persona(client)}"
    response = await client.request(method, path, json=body)
    _assert_400_at(response, pointer)
    assert pointer.split("/")[1] in response.json()["message"]


@pytest.mark.parametrize("body", [[], "a string", 3, None, True])
async def test_body_that_is_not_an_object_is_400(client: httpx.AsyncClient, body: Any) -> None:
    raw, headers = json.dumps(body).encode(), {"content-type": "application/json"}
    _assert_400_at(await client.post("/v1/personas", content=raw, headers=headers), "")
    _assert_400_at(await client.put(f"/v1/personas/{await _persona(client)}", content=raw, headers=headers), "")


async def test_unknown_fields_on_update_are_400_each_named(client: httpx.AsyncClient) -> None:
    response = await client.put(f"/v1/personas/{await _persona(client)}", json={"name": "x", "colour": 1, "size": 2})
    _assert_400_at(response, "/colour")
    _assert_400_at(response, "/size")


async def test_every_problem_is_reported_at_once(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/personas", json={"name": 1, "skipGreeting": 2})
    assert {d["path"] for d in response.json()["details"]} == {"/name", "/skipGreeting"}


@pytest.mark.parametrize("bad_id", ["not-a-uuid", "123", "4b0b7f8e1d8a4f579d0c6f3b7e0a9c11x", "%20"])
@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE"])
async def test_id_that_is_not_a_uuid_is_400(client: httpx.AsyncClient, method: str, bad_id: str) -> None:
    response = await client.request(method, f"/v1/personas/{bad_id}", json={} if method == "PUT" else None)
    _assert_400_at(response, "id")


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"page": "0"}, "page"),
        ({"page": "-1"}, "page"),
        ({"page": "1.5"}, "page"),
        ({"page": "one"}, "page"),
        ({"perPage": "0"}, "perPage"),
        ({"perPage": "101"}, "perPage"),
        ({"perPage": "1_0"}, "perPage"),
        ({"page": "9" * 4301}, "page"),  # more digits than int() reads: was a 500
        ({"perPage": "1" + "0" * 5000}, "perPage"),
    ],
    ids=lambda value: str(value)[:40],
)
async def test_bad_query_parameters_are_400(client: httpx.AsyncClient, params: dict[str, str], name: str) -> None:
    _assert_400_at(await client.get("/v1/personas", params=params), name)


async def test_repeated_query_parameter_is_400(client: httpx.AsyncClient) -> None:
    _assert_400_at(await client.get("/v1/personas?page=1&page=2"), "page")


def _spec_with(change: Any) -> Spec:
    document = copy.deepcopy(SPEC.document)
    change(document["components"]["schemas"])
    return Spec(document)


async def test_a_constraint_changed_in_the_spec_changes_what_the_mock_accepts() -> None:
    def limit_names(schemas: dict[str, Any]) -> None:
        for name in ("CreatePersonaRequest", "UpdatePersonaRequest"):
            schemas[name]["properties"]["name"]["maxLength"] = 5

    long_name = {"name": "A name longer than five"}
    async with conforming_client() as client:
        assert (await client.post("/v1/personas", json=long_name)).status_code == 201
    async with conforming_client(spec=_spec_with(limit_names)) as client:
        _assert_400_at(await client.post("/v1/personas", json=long_name), "/name")


async def test_a_range_changed_in_the_spec_changes_the_query_check() -> None:
    document = copy.deepcopy(SPEC.document)
    for parameter in document["paths"]["/v1/personas"]["get"]["parameters"]:
        if parameter["name"] == "perPage":
            parameter["schema"]["maximum"] = 5
    async with conforming_client(spec=Spec(document)) as client:
        _assert_400_at(await client.get("/v1/personas", params={"perPage": 6}), "perPage")


async def test_explicit_null_clears_a_field_where_the_spec_allows_null() -> None:
    def nullable_description(schemas: dict[str, Any]) -> None:
        schemas["UpdatePersonaRequest"]["properties"]["description"]["type"] = ["string", "null"]

    async with conforming_client(spec=_spec_with(nullable_description)) as client:
        created = await client.post("/v1/personas", json={"name": "x", "description": "some text"})
        persona_id = created.json()["id"]
        response = await client.put(f"/v1/personas/{persona_id}", json={"description": None})
        assert response.status_code == 200, response.text
        assert response.json()["description"] is None
        assert response.json()["name"] == "x"


async def test_voice_option_variants_come_from_the_spec_extension() -> None:
    def cartesia_takes_elevenlabs_options(schemas: dict[str, Any]) -> None:
        schemas["VoiceGenerationOptions"]["x-anam-variants"]["CARTESIA"] = ["ElevenLabsV1VoiceGenerationOptions"]

    body = {"voiceId": "c0a7e9b2-3f5d-4c6a-9e81-7d2b4f6a1c03", "voiceGenerationOptions": {"stability": 0.5}}
    async with conforming_client() as client:
        assert (await client.post("/v1/personas", json=body)).status_code == 400
    async with conforming_client(spec=_spec_with(cartesia_takes_elevenlabs_options)) as client:
        assert (await client.post("/v1/personas", json=body)).status_code == 201


async def test_without_the_variants_extension_only_the_union_schema_decides() -> None:
    def no_variants(schemas: dict[str, Any]) -> None:
        del schemas["VoiceGenerationOptions"]["x-anam-variants"]

    body = {"voiceId": "c0a7e9b2-3f5d-4c6a-9e81-7d2b4f6a1c03", "voiceGenerationOptions": {"stability": 0.5}}
    async with conforming_client(spec=_spec_with(no_variants)) as client:
        assert (await client.post("/v1/personas", json=body)).status_code == 201
