"""Every operation of the spec is reachable through both clients.

Drives each client method against a MockTransport, names each request it sees by matching it to
the spec's paths, and compares with the spec's operationIds: a new operation in the spec fails
this test until the layer (and this list of calls) covers it.
"""

from __future__ import annotations

import asyncio
import re

import httpx

from anam_contract.spec import Spec
from anam_personas import CreatePersonaRequest, UpdatePersonaRequest
from tests.personas._fakes import PERSONA_ID, Script, async_client, page_json, persona_json, sync_client

SPEC = Spec.load()


def _spec_operations() -> dict[tuple[str, str], str]:
    """(METHOD, path regex) -> operationId."""
    found = {}
    for method, path, operation in SPEC.operations():
        pattern = "^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(path)) + "$"
        found[(method, pattern)] = operation["operationId"]
    return found


def _operation_of(request: httpx.Request) -> str:
    matches = [
        op
        for (method, pattern), op in _spec_operations().items()
        if method == request.method and re.match(pattern, request.url.path)
    ]
    assert len(matches) == 1, f"{request.method} {request.url.path} matches {matches}"
    return matches[0]


def _reply(request: httpx.Request) -> httpx.Response:
    if request.method == "DELETE":
        return httpx.Response(200, json={"message": "deleted"})
    if request.method == "GET" and request.url.path == "/v1/personas":
        return httpx.Response(200, json=page_json([PERSONA_ID], 1, 1))
    return httpx.Response(201 if request.method == "POST" else 200, json=persona_json())


def test_sync_client_covers_every_operation_of_the_spec() -> None:
    script = Script([_reply])
    personas = sync_client(script).personas
    personas.create(CreatePersonaRequest(name="Cara"))
    personas.get(PERSONA_ID)
    personas.update(PERSONA_ID, UpdatePersonaRequest(name="Cara"))
    personas.list()
    list(personas.iter_all())
    personas.delete(PERSONA_ID)
    assert {_operation_of(r) for r in script.requests} == set(_spec_operations().values())


def test_async_client_covers_every_operation_of_the_spec() -> None:
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
    assert {_operation_of(r) for r in script.requests} == set(_spec_operations().values())


def test_the_spec_has_operation_ids_to_compare() -> None:
    assert len(set(_spec_operations().values())) == len(SPEC.operations()) >= 5
