"""The async client behaves like the sync one: requests, retries and delays, timeouts, errors."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any, TypeVar
from uuid import UUID

import httpx
import pytest
from anam_personas_client.api.personas import get_persona

from anam_personas import (
    APIConnectionError,
    APITimeoutError,
    AsyncAnam,
    CreatePersonaRequest,
    InternalServerError,
    NotFoundError,
    Persona,
    RateLimitError,
    RetryPolicy,
    Timeout,
    UpdatePersonaRequest,
)
from tests.personas._fakes import (
    API_KEY,
    BASE_URL,
    PERSONA_ID,
    FakeClock,
    Script,
    async_client,
    persona_json,
    status,
)

T = TypeVar("T")


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coroutine)


def test_every_operation_round_trips() -> None:
    script = Script(
        [
            httpx.Response(201, json=persona_json()),
            httpx.Response(200, json=persona_json()),
            httpx.Response(200, json=persona_json(name="New")),
            httpx.Response(200, json={"data": [], "meta": {**_META}}),
            httpx.Response(200, json={"message": "deleted"}),
        ]
    )

    async def scenario() -> list[object]:
        async with async_client(script) as client:
            personas = client.personas
            return [
                (await personas.create(CreatePersonaRequest(name="Cara"))).name,
                (await personas.get(PERSONA_ID)).id,
                (await personas.update(PERSONA_ID, UpdatePersonaRequest(name="New"))).name,
                (await personas.list(search="x")).data,
                (await personas.delete(PERSONA_ID)).message,
            ]

    assert run(scenario()) == ["Cara", UUID(PERSONA_ID), "New", [], "deleted"]
    assert [(r.method, r.url.path) for r in script.requests] == [
        ("POST", "/v1/personas"),
        ("GET", f"/v1/personas/{PERSONA_ID}"),
        ("PUT", f"/v1/personas/{PERSONA_ID}"),
        ("GET", "/v1/personas"),
        ("DELETE", f"/v1/personas/{PERSONA_ID}"),
    ]
    assert {r.headers["Authorization"] for r in script.requests} == {f"Bearer {API_KEY}"}
    assert all(str(r.url).startswith(BASE_URL) for r in script.requests)


def test_retries_with_backoff_and_no_real_sleep() -> None:
    clock = FakeClock()
    script = Script([status(503), httpx.ConnectError("refused"), httpx.Response(200, json=persona_json())])
    assert run(async_client(script, clock).personas.get(PERSONA_ID)).name == "Cara"
    assert clock.sleeps == [0.5, 1.0]


def test_retry_after_and_max_retries() -> None:
    clock = FakeClock()
    script = Script([status(429, headers={"Retry-After": "2"})])
    with pytest.raises(RateLimitError):
        run(async_client(script, clock).personas.delete(PERSONA_ID))
    assert clock.sleeps == [2.0, 2.0]
    assert len(script.requests) == 3


def test_post_is_not_retried_by_default_but_is_when_asked() -> None:
    script = Script([status(500), httpx.Response(201, json=persona_json())])
    with pytest.raises(InternalServerError):
        run(async_client(script).personas.create(CreatePersonaRequest(name="Cara")))
    assert len(script.requests) == 1
    script = Script([status(500), httpx.Response(201, json=persona_json())])
    body = CreatePersonaRequest(name="Cara")
    assert run(async_client(script).personas.create(body, retry=RetryPolicy(retry_post=True))).name == "Cara"
    assert len(script.requests) == 2


def test_no_retry_on_404() -> None:
    script = Script([status(404)])
    with pytest.raises(NotFoundError):
        run(async_client(script).personas.get(PERSONA_ID))
    assert len(script.requests) == 1


def test_timeouts_raise_api_timeout_error() -> None:
    script = Script([httpx.ConnectTimeout("connect timed out")])
    with pytest.raises(APITimeoutError):
        run(async_client(script).personas.get(PERSONA_ID))
    assert len(script.requests) == 3


def test_connection_errors_raise_api_connection_error() -> None:
    script = Script([httpx.ConnectError("refused")])
    with pytest.raises(APIConnectionError, match="refused"):
        run(async_client(script, retry=RetryPolicy(max_retries=0)).personas.get(PERSONA_ID))


def test_timeouts_per_client_and_per_call() -> None:
    script = Script([httpx.Response(200, json=persona_json())])
    client = async_client(script, timeout=Timeout(total=20.0, connect=4.0))
    run(client.personas.get(PERSONA_ID))
    run(client.personas.get(PERSONA_ID, timeout=Timeout(total=1.0, connect=0.5)))
    assert script.requests[0].extensions["timeout"] == {"connect": 4.0, "read": 20.0, "write": 20.0, "pool": 20.0}
    assert script.requests[1].extensions["timeout"] == {"connect": 0.5, "read": 1.0, "write": 1.0, "pool": 1.0}


def test_generated_asyncio_detailed_functions_are_reachable() -> None:
    script = Script([httpx.Response(200, json=persona_json())])
    client = async_client(script)
    response = run(get_persona.asyncio_detailed(UUID(PERSONA_ID), client=client.generated))
    assert response.status_code == 200
    assert isinstance(response.parsed, Persona)
    assert script.requests[0].headers["Authorization"] == f"Bearer {API_KEY}"


def test_close_closes_the_http_client() -> None:
    http = httpx.AsyncClient(transport=httpx.MockTransport(Script([status(200)])))

    async def scenario() -> None:
        async with AsyncAnam(api_key=API_KEY, http_client=http):
            pass

    run(scenario())
    assert http.is_closed


_META = {"total": 0, "lastPage": 1, "currentPage": 1, "perPage": 10, "prev": None, "next": None}
