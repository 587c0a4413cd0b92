"""The client against a server whose 2xx answers break the spec in many ways at once.

By default no operation raises: each returns the generated model, lists every misfit by JSON
pointer, logs each pointer once per client and gives back the body as sent; in strict mode each
raises naming every misfit; `iter_all` ends.
"""

from __future__ import annotations

import asyncio
import copy
import json
import logging
import warnings
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from anam_personas import (
    Anam,
    APIResponseValidationError,
    AsyncAnam,
    CreatePersonaRequest,
    DeletePersonaResponse,
    Persona,
    PersonaList,
    UpdatePersonaRequest,
    spec_violations,
)
from tests.personas._fakes import API_KEY, PERSONA_ID, Script, persona_json, sync_client

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

BASE = "http://breaking.test"
pytestmark = pytest.mark.filterwarnings("ignore:You should not use the 'timeout' argument")

Breakage = Callable[[dict[str, Any]], set[str]]


def _null_objects(body: dict[str, Any]) -> set[str]:
    body.update(avatar=None, voice=None, brain=None, widgetConfig=None)
    return {"/avatar", "/voice", "/brain", "/widgetConfig"}


def _missing_fields(body: dict[str, Any]) -> set[str]:
    for key in ("name", "avatarModel", "createdAt"):
        del body[key]
    del body["avatar"]["videoUrl"]
    return {"/name", "/avatarModel", "/createdAt", "/avatar/videoUrl"}


def _wrong_types(body: dict[str, Any]) -> set[str]:
    body.update(name=5, skipGreeting="yes", voiceSpeed=[1])
    body["avatar"]["availableVersions"] = "v1"
    body["voice"]["displayTags"] = [1, None]
    return {"/name", "/skipGreeting", "/voiceSpeed", "/avatar/availableVersions"} | {
        "/voice/displayTags/0",
        "/voice/displayTags/1",
    }


def _bad_formats(body: dict[str, Any]) -> set[str]:
    body.update(id="abc", createdAt="yesterday", llmId="gpt-4")
    body["avatar"]["createdByOrganizationId"] = "org-1"
    body["voice"]["updatedAt"] = "2026-04-20"
    return {"/id", "/createdAt", "/llmId", "/avatar/createdByOrganizationId", "/voice/updatedAt"}


def _objects_for_lists(body: dict[str, Any]) -> set[str]:
    body.update(tools={"id": "t"}, knowledge={"0": {}}, shareLinks={"id": "s"})
    return {"/tools", "/knowledge", "/shareLinks"}


def _unknown_enums_and_extras(body: dict[str, Any]) -> set[str]:
    body["voice"].update(provider="BRAND_NEW", gender="OTHER")
    body["brandNewField"] = {"nested": [1, 2]}
    body["avatar"]["alsoNew"] = True
    return {"/voice/provider", "/voice/gender"}


def _everything(body: dict[str, Any]) -> set[str]:
    found: set[str] = set()
    for breakage in (_missing_fields, _bad_formats, _objects_for_lists, _unknown_enums_and_extras):
        found |= breakage(body)
    body["brain"] = None
    return found | {"/brain"}


BREAKAGES: dict[str, Breakage] = {
    "null objects": _null_objects,
    "missing fields": _missing_fields,
    "wrong types": _wrong_types,
    "bad uuid and date-time": _bad_formats,
    "objects for lists": _objects_for_lists,
    "unknown enums and extra fields": _unknown_enums_and_extras,
    "everything at once": _everything,
}


def _broken(breakage: Breakage) -> tuple[dict[str, Any], set[str]]:
    body = persona_json()
    return body, breakage(body)


def _app(breakage: Breakage) -> Starlette:
    persona, _ = _broken(breakage)
    summary = {key: persona[key] for key in persona if key in persona_json()} | {"tools": None}
    page = {
        "data": [summary, "not a persona", None],
        "meta": {"total": -1, "lastPage": "many", "currentPage": None, "perPage": 0, "prev": "none", "next": "2"},
    }

    async def one(request: Request) -> JSONResponse:
        return JSONResponse(persona, status_code=201 if request.method == "POST" else 200)

    async def listing(request: Request) -> JSONResponse:
        return JSONResponse(page)

    async def delete(request: Request) -> JSONResponse:
        return JSONResponse({"message": None, "deleted": True})

    return Starlette(
        routes=[
            Route("/v1/personas", one, methods=["POST"]),
            Route("/v1/personas", listing, methods=["GET"]),
            Route("/v1/personas/{id}", one, methods=["GET", "PUT"]),
            Route("/v1/personas/{id}", delete, methods=["DELETE"]),
        ]
    )


def _pointers(model: object) -> set[str]:
    return {item.pointer for item in spec_violations(model)}


@pytest.mark.parametrize("name", BREAKAGES)
def test_no_operation_raises_and_every_misfit_is_listed_by_pointer(name: str) -> None:
    sent, expected = _broken(BREAKAGES[name])
    with TestClient(_app(BREAKAGES[name])) as http:
        client = Anam(api_key=API_KEY, base_url=BASE, http_client=http)
        personas = client.personas
        for persona in (
            personas.create(CreatePersonaRequest(name="x")),
            personas.get(PERSONA_ID),
            personas.update(PERSONA_ID, UpdatePersonaRequest(name="y")),
        ):
            assert isinstance(persona, Persona)
            assert _pointers(persona) == expected
            assert persona.to_dict() == sent
        deleted = personas.delete(PERSONA_ID)
        assert isinstance(deleted, DeletePersonaResponse) and _pointers(deleted) == {"/message"}
        page = personas.list()
        assert isinstance(page, PersonaList)
        assert {"/data/1", "/data/2", "/meta/lastPage", "/meta/currentPage", "/meta/next"} <= _pointers(page)
        walked = list(personas.iter_all())
        assert len(walked) == 1, "only the item shaped like a persona is yielded"


@pytest.mark.parametrize("name", BREAKAGES)
def test_strict_mode_names_every_misfit(name: str) -> None:
    _, expected = _broken(BREAKAGES[name])
    with TestClient(_app(BREAKAGES[name])) as http:
        strict = Anam(api_key=API_KEY, base_url=BASE, http_client=http, strict=True)
        lenient = Anam(api_key=API_KEY, base_url=BASE, http_client=http)
        calls: list[Callable[[], object]] = [
            lambda: strict.personas.get(PERSONA_ID),
            lambda: strict.personas.update(PERSONA_ID, UpdatePersonaRequest(name="y")),
            lambda: lenient.personas.create(CreatePersonaRequest(name="x"), strict=True),
        ]
        for call in calls:
            with pytest.raises(APIResponseValidationError) as caught:
                call()
            error = caught.value
            assert {item.pointer for item in error.violations} == expected
            for pointer in expected:
                assert f"\n  {pointer}: expected " in str(error)
            assert f"in {len(expected)} place(s)" in str(error)
            assert error.status_code in (200, 201)
        with pytest.raises(APIResponseValidationError, match="listPersonas"):
            strict.personas.list()
        with pytest.raises(APIResponseValidationError, match=r"deletePersona .*\n  /message: expected string, got n"):
            strict.personas.delete(PERSONA_ID)
        assert lenient.personas.get(PERSONA_ID, strict=False) is not None


def test_strict_values_are_truncated() -> None:
    def long_name(body: dict[str, Any]) -> set[str]:
        body["name"] = ["x" * 5000]
        return {"/name"}

    with TestClient(_app(long_name)) as http, pytest.raises(APIResponseValidationError) as caught:
        Anam(api_key=API_KEY, base_url=BASE, http_client=http, strict=True).personas.get(PERSONA_ID)
    assert len(str(caught.value)) < 400 and "x" * 100 not in str(caught.value)


def test_each_pointer_is_logged_once_per_client_naming_the_operation(caplog: pytest.LogCaptureFixture) -> None:
    _, expected = _broken(_everything)
    with TestClient(_app(_everything)) as http:
        first = Anam(api_key=API_KEY, base_url=BASE, http_client=http)
        with caplog.at_level(logging.WARNING, logger="anam_personas"):
            first.personas.get(PERSONA_ID)
            first.personas.get(PERSONA_ID)
            first.personas.update(PERSONA_ID, UpdatePersonaRequest(name="y"))
        records = [record for record in caplog.records if record.name == "anam_personas"]
        assert len(records) == len(expected)
        assert all(record.levelno == logging.WARNING and "getPersona" in record.getMessage() for record in records)
        assert {record.getMessage().split(" at ")[1].split(":")[0] for record in records} == expected
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="anam_personas"):
            Anam(api_key=API_KEY, base_url=BASE, http_client=http).personas.get(PERSONA_ID)
        assert len([r for r in caplog.records if r.name == "anam_personas"]) == len(expected)


def test_the_async_client_is_as_tolerant_and_as_strict() -> None:
    sent, expected = _broken(_everything)

    async def run() -> None:
        transport = httpx.ASGITransport(app=_app(_everything))
        async with httpx.AsyncClient(transport=transport) as http:
            client = AsyncAnam(api_key=API_KEY, base_url=BASE, http_client=http)
            persona = await client.personas.get(PERSONA_ID)
            assert _pointers(persona) == expected and persona.to_dict() == sent
            assert [item async for item in client.personas.iter_all()] != []
            with pytest.raises(APIResponseValidationError) as caught:
                await client.personas.update(PERSONA_ID, UpdatePersonaRequest(name="y"), strict=True)
            assert {item.pointer for item in caught.value.violations} == expected

    asyncio.run(run())


def test_the_sent_body_is_not_changed_by_parsing() -> None:
    sent, _ = _broken(_everything)
    before = copy.deepcopy(sent)
    with TestClient(_app(_everything)) as http:
        Anam(api_key=API_KEY, base_url=BASE, http_client=http).personas.get(PERSONA_ID)
    assert sent == before


def test_a_value_nested_hundreds_deep_is_kept_and_one_nested_beyond_the_decoder_is_not_json() -> None:
    deep = json.dumps(persona_json(name="NAME")).replace('"NAME"', "[" * 900 + "]" * 900)
    too_deep = json.dumps(persona_json(name="NAME")).replace('"NAME"', "[" * 100_000 + "]" * 100_000)
    replies = [
        httpx.Response(200, content=body.encode(), headers={"Content-Type": "application/json"})
        for body in (deep, too_deep)
    ]
    client = sync_client(Script(replies))
    persona = client.personas.get(PERSONA_ID)
    assert [item.pointer for item in spec_violations(persona)] == ["/name"]
    assert "nested" in str(spec_violations(persona)[0]) or "[[[" in str(spec_violations(persona)[0])
    assert isinstance(persona.to_dict()["name"], list)
    with pytest.raises(APIResponseValidationError, match="not JSON"):
        client.personas.get(PERSONA_ID)
