"""Every operation of the spec is reachable through both clients.

Drives each client method against a MockTransport, names each request it sees by matching it to
the spec's paths, and compares with the spec's operationIds: a new operation in the spec fails
this test until the layer (and the calls below) cover it.
"""

from __future__ import annotations

import asyncio
import copy
import re

import httpx

from anam_contract.spec import Spec
from anam_personas import CreatePersonaRequest, UpdatePersonaRequest
from tests.personas._fakes import PERSONA_ID, Script, async_client, page_json, persona_json, sync_client

SPEC = Spec.load()


def _routes(spec: Spec) -> dict[tuple[str, str], str]:
    """(METHOD, path regex) -> operationId."""
    found = {}
    for method, path, operation in spec.operations():
        pattern = "^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(path)) + "$"
        found[(method, pattern)] = operation["operationId"]
    return found


def _uncovered(spec: Spec, requests: list[httpx.Request]) -> set[str]:
    """The spec's operationIds that none of `requests` called."""
    routes = _routes(spec)
    called = set()
    for request in requests:
        matches = [
            op
            for (method, pattern), op in routes.items()
            if method == request.method and re.match(pattern, request.url.path)
        ]
        assert len(matches) == 1, f"{request.method} {request.url.path} matches {matches}"
        called.add(matches[0])
    return set(routes.values()) - called


def _reply(request: httpx.Request) -> httpx.Response:
    if request.method == "DELETE":
        return httpx.Response(200, json={"message": "deleted"})
    if request.method == "GET" and request.url.path == "/v1/personas":
        return httpx.Response(200, json=page_json([PERSONA_ID], 1, 1))
    return httpx.Response(201 if request.method == "POST" else 200, json=persona_json())


def _sync_requests() -> list[httpx.Request]:
    script = Script([_reply])
    personas = sync_client(script).personas
    personas.create(CreatePersonaRequest(name="Cara"))
    personas.get(PERSONA_ID)
    personas.update(PERSONA_ID, UpdatePersonaRequest(name="Cara"))
    personas.list()
    list(personas.iter_all())
    personas.delete(PERSONA_ID)
    return script.requests


def _async_requests() -> list[httpx.Request]:
    script = Script([_reply])

    async def scenario() -> None:
        personas = async_client(script).personas
        await personas.create(CreatePersonaRequest(name="Cara"))
        await personas.get(PERSONA_ID)
        await personas.update(PERSONA_ID, UpdatePersonaRequest(name="Cara"))
        await personas.list()
        [p async for p in personas.iter_all()]
        await personas.delete(PERSONA_ID)

    asyncio.run(scenario())
    return script.requests


def test_sync_client_covers_every_operation_of_the_spec() -> None:
    assert _uncovered(SPEC, _sync_requests()) == set()


def test_async_client_covers_every_operation_of_the_spec() -> None:
    assert _uncovered(SPEC, _async_requests()) == set()


def test_an_operation_added_to_the_spec_is_reported_as_uncovered() -> None:
    document = copy.deepcopy(SPEC.document)
    document["paths"]["/v1/personas/{id}/duplicate"] = {"post": {"operationId": "duplicatePersona", "responses": {}}}
    assert _uncovered(Spec(document), _sync_requests()) == {"duplicatePersona"}
    assert len(_routes(SPEC)) == len(SPEC.operations()) >= 5
